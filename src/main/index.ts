import { app, dialog, ipcMain, Menu, powerMonitor, powerSaveBlocker, session } from 'electron'
import { join } from 'node:path'
import { createCore, type Core } from './core'
import { resolveDataDir } from './data-dir'
import { forwardEvents, registerChannels } from './ipc'
import {
  debuggingSwitches,
  installProductionMenu,
  installSecurity,
  isProductionBuild
} from './security'
import { favourMemoryWhileSignedIn } from './memory'
import { StoreError } from './store/versioned-document'
import { keepRunningOnStrayRejections } from './stray-rejections'
import {
  appWindows,
  chooseFile,
  createMainWindow,
  htmlToPdf,
  isAppUrl,
  openAudienceWindow,
  printHtml
} from './windows'

keepRunningOnStrayRejections(process)

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
  const build = { production: isProductionBuild(app, process.env) }
  if (build.production && debuggingSwitches(process.argv).length > 0) {
    dialog.showErrorBox(
      'IOP Facilitator will not start this way',
      'The app was started with a debugging option that would let another program read the records on screen. Start it from its usual shortcut.'
    )
    app.exit(1)
    return
  }
  // Developing keeps Electron's menu (reload, DevTools); the installed app has none of it.
  if (build.production) installProductionMenu(Menu, process.platform)
  const devServerUrl = process.env.ELECTRON_RENDERER_URL
  installSecurity(app, session.defaultSession, (url) => isAppUrl(url), devServerUrl, build)

  const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'))
  let core: Core
  try {
    core = await createCore({
      dataDir,
      curriculumDir: join(resourcesDir(), 'curriculum'),
      desktop: {
        openProjector: async (sessionId) => {
          openAudienceWindow(sessionId, build)
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
  favourMemoryWhileSignedIn(core)
  createMainWindow(build)

  // Timers are computed from the clock, not counted; this only watches the clock for jumps.
  const clockCheck = setInterval(() => void core.tick(), 1_000)
  powerMonitor.on('resume', () => core.systemResumed())
  app.on('will-quit', () => clearInterval(clockCheck))

  app.on('activate', () => {
    if (appWindows().length === 0) createMainWindow(build)
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
