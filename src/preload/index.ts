import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../shared/ipc/api'
import { CHANNEL_NAMES, eventChannel, isEventName } from '../shared/ipc/names'

/**
 * The bridge, and nothing else: one function per contract channel and a
 * subscribe that returns its own unsubscribe. ipcRenderer itself never
 * reaches the page, and main validates every payload.
 */
const api = buildApi(
  CHANNEL_NAMES,
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    if (!isEventName(event)) return () => undefined
    const handler = (_: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(eventChannel(event), handler)
    return () => {
      ipcRenderer.removeListener(eventChannel(event), handler)
    }
  }
)

contextBridge.exposeInMainWorld('api', api)
