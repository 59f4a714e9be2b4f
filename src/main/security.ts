import type { App, Input, Menu, MenuItemConstructorOptions, Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'

type IsAppUrl = (url: string) => boolean

/** Every permission (camera, notifications, geolocation, ...) is refused: the app needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * Nothing leaves the machine: only the app's own files (and the dev server
 * while developing) may load; every other request is cancelled before it is sent.
 */
export function blockNetwork(session: Session, devServerUrl: string | undefined): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalRequest(details.url, devServerUrl) })
  })
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff']
      }
    })
  })
}

export function isLocalRequest(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file:') || url.startsWith('devtools:') || url.startsWith('data:')) return true
  if (!devServerUrl) return false
  try {
    const { origin } = new URL(url)
    const dev = new URL(devServerUrl)
    return origin === dev.origin || origin === `ws://${dev.host}`
  } catch {
    return false
  }
}

/**
 * On Windows and Linux Electron's Hunspell spellchecker downloads dictionaries
 * from a Google CDN. Pointing the download URL at an address that cannot
 * resolve stops those requests (blockNetwork would cancel them anyway). On
 * macOS, and on Windows where the OS spellchecker is used, checking works
 * offline with the system's own dictionaries.
 */
export function keepSpellcheckOffline(session: Session): void {
  session.setSpellCheckerDictionaryDownloadURL('http://127.0.0.1:9/')
}

/** Per page: no navigation away, no new windows, no <webview>. */
export function guardWebContents(contents: WebContents, isAppUrl: IsAppUrl): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * A production build: the installed app, or one started with IOP_PRODUCTION=1 to
 * try the locked-down build while developing. Nothing turns it off when packaged.
 */
export function isProductionBuild(app: Pick<App, 'isPackaged'>, env: NodeJS.ProcessEnv): boolean {
  return app.isPackaged || env.IOP_PRODUCTION === '1'
}

/**
 * Command-line switches that open a door into a running app: a remote debugger
 * reads every page, and so every record on screen. The fuses turn off --inspect
 * and NODE_OPTIONS in the binary; Chromium's debugging switches remain, so an
 * installed app started with one refuses to open the records.
 */
const DEBUGGING_SWITCHES = [
  '--remote-debugging-port',
  '--remote-debugging-pipe',
  '--remote-debugging-address',
  '--inspect',
  '--inspect-brk',
  '--inspect-port',
  '--js-flags'
]

export function debuggingSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) =>
    DEBUGGING_SWITCHES.some((name) => arg === name || arg.startsWith(`${name}=`))
  )
}

/**
 * Keys that reload the page (and drop whatever is typed) or open DevTools:
 * Ctrl/⌘+R (and with Shift), F5, F12, Ctrl+Shift+I/J/C and ⌘⌥I/J/C.
 */
export function isReloadOrDevToolsKey(
  input: Pick<Input, 'code' | 'control' | 'meta' | 'shift' | 'alt'>
): boolean {
  const command = input.control || input.meta
  if (input.code === 'F5' || input.code === 'F12') return true
  if (command && input.code === 'KeyR') return true
  const inspector = input.code === 'KeyI' || input.code === 'KeyJ' || input.code === 'KeyC'
  return inspector && command && (input.shift || input.alt)
}

/** In a production build: no reload and no DevTools from the keyboard, and DevTools closed if opened. */
export function blockReloadAndDevTools(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isReloadOrDevToolsKey(input)) event.preventDefault()
  })
  contents.on('devtools-opened', () => contents.closeDevTools())
}

/**
 * The production menu: nothing that reloads the page or opens DevTools. On a
 * Mac, where copy and paste need an Edit menu and Quit lives in the app menu,
 * those and the Window menu (top-level items by label: a menu role would bring
 * its default items back); on Windows and Linux no menu at all (editing keys
 * work without one, and the window's own buttons minimise and close).
 */
export function productionMenuTemplate(
  platform: NodeJS.Platform
): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null
  return [
    {
      label: 'IOP Facilitator',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] }
  ]
}

export function installProductionMenu(
  menu: Pick<typeof Menu, 'setApplicationMenu' | 'buildFromTemplate'>,
  platform: NodeJS.Platform
): void {
  const template = productionMenuTemplate(platform)
  menu.setApplicationMenu(template ? menu.buildFromTemplate(template) : null)
}

export function installSecurity(
  app: App,
  session: Session,
  isAppUrl: IsAppUrl,
  devServerUrl: string | undefined,
  build: { production: boolean }
): void {
  denyAllPermissions(session)
  blockNetwork(session, devServerUrl)
  keepSpellcheckOffline(session)
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, isAppUrl)
    if (build.production) blockReloadAndDevTools(contents)
  })
}
