import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNEL_NAMES, eventChannel } from '../shared/ipc/names'
import type { Core } from './core'

export interface SenderCheck {
  isAppUrl: (url: string) => boolean
  isAppWindow: (contents: WebContents) => boolean
}

/** Only the app's own page, in one of the app's own windows, may call a channel. */
export function isTrustedSender(event: IpcMainInvokeEvent, check: SenderCheck): boolean {
  const frame = event.senderFrame
  if (!frame || !check.isAppUrl(frame.url)) return false
  return check.isAppWindow(event.sender)
}

const FOREIGN_SENDER = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the app and was refused.' }
} as const

export function registerChannels(ipcMain: IpcMain, core: Core, check: SenderCheck): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, async (event, input: unknown) => {
      if (!isTrustedSender(event, check)) return FOREIGN_SENDER
      return core.handle(name, input)
    })
  }
}

/** Announces the core's events to every app window. */
export function forwardEvents(
  core: Core,
  windows: () => { webContents: WebContents }[]
): () => void {
  return core.subscribe((event, payload) => {
    for (const window of windows()) window.webContents.send(eventChannel(event), payload)
  })
}
