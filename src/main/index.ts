import { app, dialog, ipcMain, session } from 'electron'
import { createCore, type Core } from './core'
import { resolveDataDir } from './data-dir'
import { forwardEvents, registerChannels } from './ipc'
import { installSecurity } from './security'
import { StoreError } from './store/versioned-document'
import { appWindows, createMainWindow, isAppUrl } from './windows'

if (!app.requestSingleInstanceLock()) {
  // Two copies writing one data folder would race; the running one takes over.
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = appWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  void start()
}

async function start(): Promise<void> {
  await app.whenReady()
  const devServerUrl = process.env.ELECTRON_RENDERER_URL
  installSecurity(app, session.defaultSession, (url) => isAppUrl(url), devServerUrl)

  const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'))
  let core: Core
  try {
    core = await createCore({ dataDir })
  } catch (error) {
    const message =
      error instanceof StoreError
        ? error.message
        : `The records in ${dataDir} could not be opened. Nothing was changed.`
    dialog.showErrorBox('IOP Facilitator cannot open its records', message)
    app.quit()
    return
  }

  registerChannels(ipcMain, core, {
    isAppUrl: (url) => isAppUrl(url),
    isAppWindow: (contents) => appWindows().some((w) => w.webContents.id === contents.id)
  })
  forwardEvents(core, appWindows)
  createMainWindow()

  app.on('activate', () => {
    if (appWindows().length === 0) createMainWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
