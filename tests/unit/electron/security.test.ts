import { describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown>; loaded: unknown[] }[] = []

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1 }
    private readonly record: { options: Record<string, unknown>; loaded: unknown[] }
    constructor(readonly options: Record<string, unknown>) {
      this.record = { options, loaded: [] }
      created.push(this.record)
    }
    on() {}
    once() {}
    show() {}
    loadFile(...args: unknown[]) {
      this.record.loaded.push(args)
      return Promise.resolve()
    }
    loadURL() {
      return Promise.resolve()
    }
    isDestroyed() {
      return false
    }
  }
  // A laptop with a projector plugged in beside it.
  const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } }
  const projector = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 } }
  const screen = {
    getPrimaryDisplay: () => laptop,
    getAllDisplays: () => [laptop, projector]
  }
  return { BrowserWindow, screen }
})

const { createMainWindow, isAppUrl, openAudienceWindow, rendererIndexPath } =
  await import('../../../src/main/windows')
const security = await import('../../../src/main/security')
const { isTrustedSender, registerChannels } = await import('../../../src/main/ipc')
const { CONTENT_SECURITY_POLICY, metaPolicy } = await import('../../../src/shared/security/csp')
const { CHANNEL_NAMES } = await import('../../../src/shared/ipc/names')
const { pathToFileURL } = await import('node:url')

const appPage = pathToFileURL(rendererIndexPath()).href

describe('the app window', () => {
  it('is locked down: isolated, sandboxed, no Node, no webview', () => {
    createMainWindow({ production: false })
    const prefs = created.at(-1)!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })

  it('the projector window is locked down the same way and opens full screen on the projector', () => {
    openAudienceWindow('session-1', { production: false })
    const audience = created.at(-1)!
    expect(audience.options).toMatchObject({
      x: 1440,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true
    })
    expect(audience.options.webPreferences).toEqual(created[0]!.options.webPreferences)
    // The same page, at the audience route: slides and a timer, never a name.
    expect(audience.loaded).toEqual([[rendererIndexPath(), { hash: '/audience/session-1' }]])
    // A second request for the same session shows the window it already has.
    const count = created.length
    openAudienceWindow('session-1', { production: false })
    expect(created).toHaveLength(count)
  })

  it('has no DevTools in a production build, in the app window or on the projector', () => {
    createMainWindow({ production: true })
    openAudienceWindow('session-2', { production: true })
    const [main, audience] = created.slice(-2)
    expect(main!.options.webPreferences).toMatchObject({ devTools: false })
    expect(audience!.options.webPreferences).toMatchObject({ devTools: false })
    // Developing keeps them.
    expect(created[0]!.options.webPreferences).toMatchObject({ devTools: true })
  })

  it('knows its own page and nothing else', () => {
    expect(isAppUrl(appPage, undefined)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', undefined)).toBe(false)
    expect(isAppUrl('https://example.org/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/groups', 'http://localhost:5173')).toBe(true)
  })
})

describe('the Content-Security-Policy', () => {
  it('allows only the app itself: no remote sources, no plugins, no inline or eval scripts', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d])
    )
    expect(directives['default-src']).toBe("default-src 'self'")
    expect(directives['script-src']).toBe("script-src 'self'")
    expect(directives['object-src']).toBe("object-src 'none'")
    expect(directives['connect-src']).toBe("connect-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/)
    expect(metaPolicy(CONTENT_SECURITY_POLICY)).not.toContain('frame-ancestors')
  })
})

function fakeContents() {
  const handlers = new Map<string, (...args: unknown[]) => void>()
  let openHandler: (() => unknown) | null = null
  return {
    on: (name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler),
    setWindowOpenHandler: (handler: () => unknown) => {
      openHandler = handler
    },
    fire(name: string, url?: string) {
      const event = { preventDefault: vi.fn() }
      handlers.get(name)!(event, url)
      return event.preventDefault.mock.calls.length > 0
    },
    open: () => openHandler!()
  }
}

describe('page guards', () => {
  const isOwn = (url: string) => isAppUrl(url, undefined)

  it('refuses navigation and redirects away from the app page', () => {
    const contents = fakeContents()
    security.guardWebContents(contents as never, isOwn)
    expect(contents.fire('will-navigate', 'https://example.org/')).toBe(true)
    expect(contents.fire('will-redirect', 'http://10.0.0.1/')).toBe(true)
    expect(contents.fire('will-navigate', appPage)).toBe(false)
  })

  it('denies new windows and webviews', () => {
    const contents = fakeContents()
    security.guardWebContents(contents as never, isOwn)
    expect(contents.open()).toEqual({ action: 'deny' })
    expect(contents.fire('will-attach-webview')).toBe(true)
  })

  it('answers every permission request with no', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null
    let check: (() => boolean) | null = null
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h)
    }
    security.denyAllPermissions(session as never)
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const answer = vi.fn()
      request!(null, permission, answer)
      expect(answer).toHaveBeenCalledWith(false)
    }
    expect(check!()).toBe(false)
  })

  it('cancels every request that is not the app’s own files, and sets the CSP header', () => {
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null
    let headers:
      | ((d: { responseHeaders: object }, cb: (r: { responseHeaders: object }) => void) => void)
      | null = null
    const session = {
      webRequest: {
        onBeforeRequest: (h: typeof before) => (before = h),
        onHeadersReceived: (h: typeof headers) => (headers = h)
      }
    }
    security.blockNetwork(session as never, undefined)
    const cancelled = (url: string) => {
      const answer = vi.fn()
      before!({ url }, answer)
      return answer.mock.calls[0]![0].cancel as boolean
    }
    expect(cancelled('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(true)
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true)
    expect(cancelled('wss://example.org/')).toBe(true)
    expect(cancelled(appPage)).toBe(false)
    const answer = vi.fn()
    headers!({ responseHeaders: {} }, answer)
    expect(answer.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([
      CONTENT_SECURITY_POLICY
    ])
  })

  it('points the spellchecker’s dictionary downloads nowhere', () => {
    const session = { setSpellCheckerDictionaryDownloadURL: vi.fn() }
    security.keepSpellcheckOffline(session as never)
    const url = new URL(session.setSpellCheckerDictionaryDownloadURL.mock.calls[0]![0])
    expect(url.hostname).toBe('127.0.0.1')
  })
})

describe('the IPC sender check', () => {
  const check = {
    isAppUrl: (url: string) => isAppUrl(url, undefined),
    isAppWindow: (contents: { id: number }) => contents.id === 1
  }
  const event = (url: string | null, id: number) =>
    ({ senderFrame: url === null ? null : { url }, sender: { id } }) as never

  it('accepts the app page in an app window only', () => {
    expect(isTrustedSender(event(appPage, 1), check as never)).toBe(true)
    expect(isTrustedSender(event('https://example.org/', 1), check as never)).toBe(false)
    expect(isTrustedSender(event(appPage, 2), check as never)).toBe(false)
    expect(isTrustedSender(event(null, 1), check as never)).toBe(false)
  })

  it('registers every contract channel and never calls the core for a foreign sender', async () => {
    const handlers = new Map<string, (e: unknown, input: unknown) => Promise<unknown>>()
    const ipcMain = { handle: (name: string, h: never) => handlers.set(name, h) }
    const core = { handle: vi.fn(async () => ({ ok: true, value: null })), subscribe: vi.fn() }
    registerChannels(ipcMain as never, core as never, check as never)
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())

    const refused = await handlers.get('groups.list')!(event('https://evil.example/', 1), {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(core.handle).not.toHaveBeenCalled()

    await handlers.get('groups.list')!(event(appPage, 1), {})
    expect(core.handle).toHaveBeenCalledWith('groups.list', {})
  })
})

describe('a production build', () => {
  const key = (
    code: string,
    mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>>
  ) => ({
    code,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods
  })

  it('is the installed app, or one started with IOP_PRODUCTION=1', () => {
    expect(security.isProductionBuild({ isPackaged: true }, {})).toBe(true)
    expect(security.isProductionBuild({ isPackaged: false }, { IOP_PRODUCTION: '1' })).toBe(true)
    expect(security.isProductionBuild({ isPackaged: false }, {})).toBe(false)
    // No setting turns it off once installed.
    expect(security.isProductionBuild({ isPackaged: true }, { IOP_PRODUCTION: '0' })).toBe(true)
  })

  it('notices debugging switches on the command line', () => {
    const exe = '/opt/IOP Facilitator/iop-facilitator'
    expect(security.debuggingSwitches([exe])).toEqual([])
    expect(security.debuggingSwitches([exe, '--data-dir=/srv/iop'])).toEqual([])
    expect(
      security.debuggingSwitches([exe, '--remote-debugging-port=9222', '--inspect', '--js-flags=x'])
    ).toEqual(['--remote-debugging-port=9222', '--inspect', '--js-flags=x'])
    expect(security.debuggingSwitches([exe, '--remote-debugging-pipe'])).toHaveLength(1)
  })

  it.each([
    ['Ctrl+R', key('KeyR', { control: true })],
    ['Ctrl+Shift+R', key('KeyR', { control: true, shift: true })],
    ['⌘R', key('KeyR', { meta: true })],
    ['F5', key('F5', {})],
    ['Ctrl+F5', key('F5', { control: true })],
    ['F12', key('F12', {})],
    ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true })],
    ['⌘⌥I', key('KeyI', { meta: true, alt: true })],
    ['Ctrl+Shift+J', key('KeyJ', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('KeyC', { control: true, shift: true })]
  ])('ignores %s (reload or DevTools)', (_name, input) => {
    expect(security.isReloadOrDevToolsKey(input)).toBe(true)
  })

  it.each([
    ['Ctrl+L (lock)', key('KeyL', { control: true })],
    ['Ctrl+C (copy)', key('KeyC', { control: true })],
    ['Ctrl+V (paste)', key('KeyV', { control: true })],
    ['Ctrl+Z (undo)', key('KeyZ', { control: true })],
    ['Ctrl+I (italic in a note)', key('KeyI', { control: true })],
    ['R typed in a note', key('KeyR', {})],
    ['Shift+R typed in a note', key('KeyR', { shift: true })]
  ])('keeps %s working', (_name, input) => {
    expect(security.isReloadOrDevToolsKey(input)).toBe(false)
  })

  function keyboardContents() {
    const handlers = new Map<string, (...args: unknown[]) => void>()
    return {
      on: (name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler),
      setWindowOpenHandler: () => undefined,
      closeDevTools: vi.fn(),
      handlers,
      press(input: ReturnType<typeof key>) {
        const event = { preventDefault: vi.fn() }
        handlers.get('before-input-event')!(event, { type: 'keyDown', ...input })
        return event.preventDefault.mock.calls.length > 0
      }
    }
  }

  function installOn(production: boolean) {
    let created: ((event: unknown, contents: unknown) => void) | null = null
    const app = { on: (_name: string, handler: typeof created) => (created = handler) }
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setSpellCheckerDictionaryDownloadURL: () => undefined,
      webRequest: { onBeforeRequest: () => undefined, onHeadersReceived: () => undefined }
    }
    security.installSecurity(app as never, session as never, () => true, undefined, {
      production
    })
    const contents = keyboardContents()
    created!({}, contents)
    return contents
  }

  it('swallows the reload and DevTools keys in every page, and closes DevTools if they open', () => {
    const contents = installOn(true)
    expect(contents.press(key('KeyR', { control: true }))).toBe(true)
    expect(contents.press(key('F12', {}))).toBe(true)
    expect(contents.press(key('KeyL', { control: true }))).toBe(false)
    contents.handlers.get('devtools-opened')!()
    expect(contents.closeDevTools).toHaveBeenCalled()
  })

  it('leaves the keys alone while developing', () => {
    const contents = installOn(false)
    expect(contents.handlers.has('before-input-event')).toBe(false)
  })

  function everyRole(items: readonly { role?: string; submenu?: unknown }[]): string[] {
    return items.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? everyRole(item.submenu) : [])
    ])
  }

  it('has no menu on Windows and Linux', () => {
    const menu = { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() }
    for (const platform of ['win32', 'linux'] as const) {
      security.installProductionMenu(menu as never, platform)
    }
    expect(menu.setApplicationMenu.mock.calls).toEqual([[null], [null]])
  })

  it('on a Mac has only editing, window and quit items: nothing reloads or opens DevTools', () => {
    const template = security.productionMenuTemplate('darwin')!
    const roles = everyRole(template as never)
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    )
    expect(roles).toEqual(expect.arrayContaining(['minimize', 'close', 'quit']))
    for (const unsafe of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) {
      expect(roles).not.toContain(unsafe)
    }
    // Menus by role would bring back their default items; every top-level menu is by label.
    expect(template.every((item) => item.role === undefined && item.label)).toBe(true)
    const menu = { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn(() => 'built') }
    security.installProductionMenu(menu as never, 'darwin')
    expect(menu.setApplicationMenu).toHaveBeenCalledWith('built')
  })
})
