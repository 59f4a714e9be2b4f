import type { App, Session, WebContents } from 'electron'
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

export function installSecurity(
  app: App,
  session: Session,
  isAppUrl: IsAppUrl,
  devServerUrl: string | undefined
): void {
  denyAllPermissions(session)
  blockNetwork(session, devServerUrl)
  keepSpellcheckOffline(session)
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppUrl))
}
