import { app, dialog, ipcMain, powerMonitor, powerSaveBlocker, session } from 'electron'
import { join } from 'node:path'
import { createCore, type Core } from './core'
import { resolveDataDir } from './data-dir'
import { forwardEvents, registerChannels } from './ipc'
import { installSecurity } from './security'
import { StoreError } from './store/versioned-document'
import {
  appWindows,
  chooseFile,
  createMainWindow,
  htmlToPdf,
  isAppUrl,
  openAudienceWindow,
  printHtml
} from './windows'

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
    core = await createCore({
      dataDir,
      curriculumDir: join(resourcesDir(), 'curriculum'),
      desktop: {
        openProjector: async (sessionId) => {
          openAudienceWindow(sessionId)
          return true
        },
        keepAwake,
        printToPdf: htmlToPdf,
        printToPrinter: printHtml
      },
      chooseFile
    })
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

  // Timers are computed from the clock, not counted; this only watches the clock for jumps.
  const clockCheck = setInterval(() => void core.tick(), 1_000)
  powerMonitor.on('resume', () => core.systemResumed())
  app.on('will-quit', () => clearInterval(clockCheck))

  app.on('activate', () => {
    if (appWindows().length === 0) createMainWindow()
  })
}

/** Shipped files: beside the app when packaged, the repository's `resources/` when developing. */
function resourcesDir(): string {
  return join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'resources')
}

let blocker: number | null = null

/** Keeps the display awake while a session runs, so the projector never goes dark mid-group. */
function keepAwake(on: boolean): void {
  if (on && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep')
  if (!on && blocker !== null) {
    powerSaveBlocker.stop(blocker)
    blocker = null
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
