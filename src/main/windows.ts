import { BrowserWindow, dialog, screen, session, type WebPreferences } from 'electron'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Which build is running: a production build has no DevTools in any window. */
export interface Build {
  production: boolean
}

/** Electron's security checklist, for every window the app opens. */
export function lockedDownPreferences(preload: string, build: Build): WebPreferences {
  return {
    preload,
    devTools: !build.production,
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

function loadApp(window: BrowserWindow, hash = ''): void {
  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer) void window.loadURL(hash ? `${devServer}#${hash}` : devServer)
  else void window.loadFile(rendererIndexPath(), hash ? { hash } : undefined)
}

const audienceWindows = new Map<string, BrowserWindow>()

/**
 * The projector's window: full screen on the external display when there is
 * one, else a normal window the facilitator can drag there. It loads the same
 * page at the audience route, which shows slides and a timer, never a name.
 */
export function openAudienceWindow(sessionId: string, build: Build): BrowserWindow {
  const existing = audienceWindows.get(sessionId)
  if (existing && !existing.isDestroyed()) {
    existing.show()
    return existing
  }
  const primary = screen.getPrimaryDisplay()
  const external = screen.getAllDisplays().find((d) => d.id !== primary.id)
  const bounds = external?.bounds ?? {
    x: primary.bounds.x + 40,
    y: primary.bounds.y + 40,
    width: 1024,
    height: 640
  }
  const window = new BrowserWindow({
    title: 'IOP Facilitator — audience',
    ...bounds,
    fullscreen: external !== undefined,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#10161f',
    webPreferences: lockedDownPreferences(join(__dirname, '../preload/index.cjs'), build)
  })
  windows.add(window)
  audienceWindows.set(sessionId, window)
  window.on('closed', () => {
    windows.delete(window)
    audienceWindows.delete(sessionId)
  })
  window.once('ready-to-show', () => window.show())
  loadApp(window, `/audience/${encodeURIComponent(sessionId)}`)
  return window
}

export function createMainWindow(build: Build): BrowserWindow {
  const window = new BrowserWindow({
    title: 'IOP Facilitator',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    webPreferences: lockedDownPreferences(join(__dirname, '../preload/index.cjs'), build)
  })
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  window.once('ready-to-show', () => window.show())
  loadApp(window)
  return window
}

/**
 * A printable page (notes, a progress summary) loaded in a hidden window of
 * its own session, scripts off and every request but the page itself refused.
 */
async function withPrintablePage<T>(
  html: string,
  withPage: (contents: Electron.WebContents) => Promise<T>
): Promise<T> {
  const partition = 'print-notes'
  const printing = session.fromPartition(partition)
  printing.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') })
  )
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      partition,
      javascript: false,
      devTools: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await withPage(window.webContents)
  } finally {
    window.destroy()
  }
}

/** Chromium's printToPDF makes the file (saved by the user, protected as the clinic requires). */
export function htmlToPdf(html: string): Promise<Uint8Array> {
  return withPrintablePage(html, async (contents) => {
    const pdf = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true })
    return new Uint8Array(pdf)
  })
}

/** The system's print dialog for the page: paper, or whatever printer the user picks there. */
export function printHtml(html: string): Promise<void> {
  return withPrintablePage(
    html,
    (contents) =>
      new Promise<void>((resolve) => {
        contents.print({ silent: false, printBackground: true }, () => resolve())
      })
  )
}

const OPEN_FILE = {
  backup: { title: 'Choose a backup to restore', filter: 'IOP Facilitator backup', ext: 'zip' },
  curriculum_pack: {
    title: 'Choose a curriculum pack to import',
    filter: 'Curriculum pack',
    ext: 'zip'
  },
  transfer: {
    title: 'Choose a transfer file from another computer',
    filter: 'IOP Facilitator transfer file',
    ext: 'iopsync'
  }
} as const

/**
 * The system's open-file dialog, over the app's window: the only way a backup
 * or a pack reaches the app, so the page never names a path and never carries
 * a file's bytes.
 */
export async function chooseFile(
  kind: keyof typeof OPEN_FILE
): Promise<{ path: string; name: string } | null> {
  const { title, filter, ext } = OPEN_FILE[kind]
  const options: Electron.OpenDialogOptions = {
    title,
    properties: ['openFile'],
    filters: [{ name: filter, extensions: [ext] }]
  }
  const owner = appWindows().find((w) => w.isFocused()) ?? appWindows()[0]
  const chosen = owner
    ? await dialog.showOpenDialog(owner, options)
    : await dialog.showOpenDialog(options)
  const path = chosen.canceled ? undefined : chosen.filePaths[0]
  return path ? { path, name: basename(path) } : null
}
