import { BrowserWindow, type WebPreferences } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Electron's security checklist, for every window the app opens. */
export function lockedDownPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true
  }
}

export function rendererIndexPath(): string {
  return join(__dirname, '../renderer/index.html')
}

/** The app's own page: the built index.html, or (developing only) the dev server. */
export function isAppUrl(url: string, devServerUrl = process.env.ELECTRON_RENDERER_URL): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'file:') {
      const own = pathToFileURL(rendererIndexPath())
      return parsed.pathname === own.pathname
    }
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
    return false
  } catch {
    return false
  }
}

const windows = new Set<BrowserWindow>()

export function appWindows(): BrowserWindow[] {
  return [...windows].filter((w) => !w.isDestroyed())
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'IOP Facilitator',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    webPreferences: lockedDownPreferences(join(__dirname, '../preload/index.cjs'))
  })
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  window.once('ready-to-show', () => window.show())
  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer) void window.loadURL(devServer)
  else void window.loadFile(rendererIndexPath())
  return window
}
