/**
 * The `app` fixture: the app started on a fresh data folder, either served to
 * Chromium by the test host (project `chromium-host`) or as the real Electron
 * app (project `electron`). Specs are written once and run on both.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  _electron,
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page
} from '@playwright/test'
import { REPO_ROOT } from '../host/build-bridge'
import { startTestHost, type TestHost } from '../host/server'
import { ELECTRON_UNAVAILABLE, findElectronBinary } from './electron-binary'

export interface AppOptions {
  /** Where the specs run: the browser test host, or Electron itself. */
  target: 'host' | 'electron'
}

/**
 * One clock for the test host and every page of the app, paused, moved only
 * by the test: three hours of a group run in seconds, and no test sleeps.
 */
export interface AppClock {
  /** Pauses the pages' clock and the host's at `time` (ms since the epoch). */
  pauseAt(time: number): Promise<void>
  /** Moves both clocks forward; timers that fall due fire once. */
  advance(ms: number): Promise<void>
  now(): number
}

export interface App {
  /** The shared clock; null in Electron, whose main process keeps the real time. */
  readonly clock: AppClock | null
  /** The app's window; after `restart()`, the new one. */
  readonly page: Page
  /** The data folder, fresh for each test and kept across `restart()`. */
  readonly dataDir: string
  /** Closes the app and opens it again on the same data folder; returns the new window. */
  restart(): Promise<Page>
  /** Every URL the app's windows asked for, in order, across restarts. */
  readonly requests: readonly string[]
  /** Whether a URL is the app's own: its page's origin (file: in Electron) or a data: URL. */
  isOwnUrl(url: string): boolean
  /** The response headers of the page itself; null in Electron, which loads a file. */
  readonly documentHeaders: Readonly<Record<string, string>> | null
  /** Console errors and uncaught page errors so far, as text. */
  errors(): string[]
  expectNoErrors(): void
  /**
   * Clicks a button that opens the open-file dialog and chooses `path` in it:
   * the browser's file picker in the test host (the page uploads the file),
   * Electron's own dialog, answered by the test, on the desktop.
   */
  chooseFile(button: Locator, path: string): Promise<void>
}

/** One running app: the host and its page, or an Electron process and its window. */
interface Session {
  readonly page: Page
  readonly clock: AppClock | null
  readonly documentHeaders: Record<string, string> | null
  restart(): Promise<void>
  close(): Promise<void>
  chooseFile(button: Locator, path: string): Promise<void>
}

interface Log {
  requests: string[]
  errors: string[]
  /** Native dialogs (alert, confirm, prompt, beforeunload) the app opened: each fails the test. */
  dialogs: string[]
  ownOrigins: Set<string>
}

function watch(context: BrowserContext, log: Log): void {
  context.on('request', (request) => log.requests.push(request.url()))
  context.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(`console: ${message.text()}`)
  })
  context.on('weberror', (error) => log.errors.push(`page error: ${error.error().message}`))
  // The app asks with its own modals; a native dialog is a bug wherever it shows.
  context.on('dialog', (dialog) => {
    const seen = `native ${dialog.type()} dialog: ${dialog.message()}`
    log.dialogs.push(seen)
    log.errors.push(seen)
    void dialog.dismiss().catch(() => undefined)
  })
}

/** `out/renderer` unless IOP_TEST_RENDERER_DIR names another build of the renderer. */
const rendererDir = process.env.IOP_TEST_RENDERER_DIR || undefined

async function hostSession(browser: Browser, dataDir: string, log: Log): Promise<Session> {
  const context = await browser.newContext()
  watch(context, log)
  let host: TestHost
  let page: Page
  let documentHeaders: Record<string, string> | null = null
  // Real time until a test pauses it; the host reads the same value for both of its clocks.
  const serverTime: { t: number | null } = { t: null }
  const hostNow = () => serverTime.t ?? Date.now()

  const open = async (port?: number) => {
    // The same port after a restart keeps the same origin, as Electron keeps its file: one.
    const options = { dataDir, rendererDir, now: hostNow, monotonic: hostNow }
    host = await startTestHost({ ...options, port }).catch(() => startTestHost(options))
    log.ownOrigins.add(new URL(host.url).origin)
    page = await context.newPage()
    const response = await page.goto(host.url)
    documentHeaders = response ? await response.allHeaders() : null
  }
  const stop = async () => {
    await page.close()
    await host.close()
  }
  await open()
  const clock: AppClock = {
    async pauseAt(time) {
      // Installed a minute early so that pausing moves it forward, as Playwright requires.
      await context.clock.install({ time: time - 60_000 })
      await page.reload()
      await context.clock.pauseAt(time)
      serverTime.t = time
    },
    async advance(ms) {
      if (serverTime.t === null) throw new Error('Pause the clock before advancing it.')
      serverTime.t += ms
      await context.clock.fastForward(ms)
    },
    now: () => serverTime.t ?? Date.now()
  }
  return {
    clock,
    get page() {
      return page
    },
    get documentHeaders() {
      return documentHeaders
    },
    async restart() {
      const port = host.port
      await stop()
      await open(port)
    },
    async close() {
      await stop()
      await context.close()
    },
    async chooseFile(button, path) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()])
      await chooser.setFiles(path)
    }
  }
}

async function electronSession(executablePath: string, dataDir: string, log: Log) {
  log.ownOrigins.add('file:')
  const launch = async () => {
    const application = await _electron.launch({
      executablePath,
      args: [join(REPO_ROOT, 'out', 'main', 'index.js'), '--data-dir', dataDir],
      cwd: REPO_ROOT
    })
    watch(application.context(), log)
    return { application, page: await application.firstWindow() }
  }
  let running = await launch()
  const session: Session = {
    get page() {
      return running.page
    },
    clock: null,
    documentHeaders: null,
    async restart() {
      await running.application.close()
      running = await launch()
    },
    close: () => running.application.close(),
    async chooseFile(button, path) {
      // The main process's dialog answers this path once, as a person choosing it would.
      await running.application.evaluate(({ dialog }, chosen) => {
        const real = dialog.showOpenDialog.bind(dialog)
        dialog.showOpenDialog = (async () => {
          dialog.showOpenDialog = real
          return { canceled: false, filePaths: [chosen] }
        }) as typeof dialog.showOpenDialog
      }, path)
      await button.click()
    }
  }
  return session
}

export const test = base.extend<AppOptions & { app: App }, { hostBrowser: () => Promise<Browser> }>(
  {
    target: ['host', { option: true }],

    // Launched only when a host test asks for it, so Electron runs never start Chromium.
    hostBrowser: [
      async ({ playwright, launchOptions }, provide) => {
        const launched: { browser: Promise<Browser> | null } = { browser: null }
        await provide(() => (launched.browser ??= playwright.chromium.launch(launchOptions)))
        if (launched.browser) await (await launched.browser).close()
      },
      { scope: 'worker' }
    ],

    app: async ({ target, hostBrowser }, provide, testInfo) => {
      let electronPath: string | null = null
      if (target === 'electron') {
        const electron = findElectronBinary()
        testInfo.skip(!electron.available, ELECTRON_UNAVAILABLE)
        if (electron.available) electronPath = electron.path
      }
      const dataDir = await mkdtemp(join(tmpdir(), 'iop-e2e-'))
      const log: Log = { requests: [], errors: [], dialogs: [], ownOrigins: new Set() }
      let session: Session | null = null
      try {
        session = electronPath
          ? await electronSession(electronPath, dataDir, log)
          : await hostSession(await hostBrowser(), dataDir, log)
        const running = session
        await provide({
          clock: running.clock,
          get page() {
            return running.page
          },
          dataDir,
          async restart() {
            await running.restart()
            return running.page
          },
          requests: log.requests,
          isOwnUrl(url) {
            if (url.startsWith('data:')) return true
            const { protocol, origin } = new URL(url)
            return log.ownOrigins.has(protocol === 'file:' ? 'file:' : origin)
          },
          get documentHeaders() {
            return running.documentHeaders
          },
          errors: () => [...log.errors],
          expectNoErrors() {
            expect(log.errors, 'console errors and page errors').toEqual([])
          },
          chooseFile: (button, path) => running.chooseFile(button, path)
        })
      } finally {
        if (log.errors.length > 0 && testInfo.status !== testInfo.expectedStatus) {
          await testInfo.attach('app errors', { body: log.errors.join('\n') })
        }
        await session?.close()
        await rm(dataDir, { recursive: true, force: true })
      }
      if (log.dialogs.length > 0) {
        throw new Error(`The app opened a native dialog:\n${log.dialogs.join('\n')}`)
      }
    }
  }
)

export { expect }
