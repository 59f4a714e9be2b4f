/**
 * Issue 18's four screen rows, measured in Chromium to the painted frame on the
 * five-year clinic (3 groups, 2,340 session files, about 28,000 notes, written
 * sealed as an encrypted clinic keeps it), served by the test host: the app's
 * real core behind HTTP, in a process of its own (screens-host.ts) as the
 * desktop app's main process is, and the built renderer in the browser.
 *
 * The clock. The clinic's records run to its "today" (`TODAY` in
 * five-year-clinic.ts, a Friday evening five years on), so the host and the
 * pages are shifted there: the host's `now` and each page's `Date` read the
 * real clock plus one fixed offset, so time passes at its real pace. Nothing
 * else is faked: `performance.now()`, timers and `requestAnimationFrame` are
 * the browser's own.
 *
 * "Painted". A change counts as on screen when the frame that shows it has
 * been drawn: a MutationObserver (or, for the sign-in screen, a check in every
 * animation frame) sees the DOM change, a `requestAnimationFrame` callback
 * follows, and the time is read in the next task after that callback, which
 * the browser runs once that frame's style, layout and paint are done.
 * Both pages stay visible, as the projector's own window on its own screen
 * is (a page brought behind another would have its frames held back).
 * Pages in one browser share one clock (`performance.timeOrigin +
 * performance.now()`), so a press stamped on the facilitator's page compares
 * with a frame time read on the projector's page.
 *
 * 1. 'n' into a module segment: on the running screen, in the check-in round,
 *    the facilitator presses N; measured from the key event's own time
 *    (`event.timeStamp`, stamped by a capture listener installed before the
 *    app's) to the projector's painted frame that shows the educational
 *    segment's first slide. Between samples the session is moved back to the
 *    check-in round through the API (not timed) and both screens settle.
 * 2. Slide change: → then ← alternately in the educational segment, from the
 *    key event to the projector's painted frame showing the new slide index.
 * 3. Cold open: a new browser context (empty cache) opens the app's address;
 *    measured from the start of the navigation (`performance.timeOrigin`, the
 *    page's navigation start) to the first painted frame in which the sign-in
 *    form is usable: the "Staff member" picker and the "Passphrase" field are
 *    in the DOM and enabled, and the page has read the answer to the list of
 *    staff (`auth.directory`), so a name can be chosen. The host is already
 *    serving and has opened the data folder; the browser process is already
 *    running.
 * 4. Idle: the session running in its educational segment, the projector page
 *    open, nobody touching either; over 10 s of real time, the facilitator
 *    page's main thread busy fraction (CDP `Performance.getMetrics`
 *    TaskDuration over wall time; long tasks over 50 ms counted by a
 *    PerformanceObserver) and every DOM mutation over the whole document
 *    (MutationObserver: child lists, attributes, text). Only changes of text
 *    whose new value is a clock figure (digits with a colon, such as 41:59)
 *    count as the clock's; any other mutated node is named in the output.
 *
 * With BENCH_DEBUG=1 each sample also prints when each call to the host began
 * and ended (Resource Timing), to see where the time goes; BENCH_SEGMENTS and
 * BENCH_COLD change the number of samples.
 *
 * Median and p95 are printed, never asserted. Run alone with
 * `npx tsx tests/bench/screens.bench.ts`, or through issue-18.bench.ts (which
 * runs it with `--json` and puts the rows into the issue's table). It stays
 * out of `npm test`. The renderer must be built (`npx electron-vite build`);
 * it is built when missing. All data is synthetic.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { REPO_ROOT } from '../host/build-bridge'
import { chromiumLaunchOptions, findChromium } from '../e2e/chromium'
import { agendaWithModules } from '../e2e/steps'
import {
  isoDate,
  machine,
  PASSPHRASE,
  quantile,
  seed,
  syntheticClinic,
  TODAY
} from './five-year-clinic'
import { writeSealedClinic } from './sealed-clinic'

const SEGMENT_SAMPLES = Number(process.env.BENCH_SEGMENTS ?? 30)
const SLIDE_SAMPLES = 60
const COLD_OPENS = Number(process.env.BENCH_COLD ?? 15)
const IDLE_MS = 10_000
const WARM_UP = 3

export interface ScreenRow {
  what: string
  goal: string
  figure: string
  met: boolean
}

const json = process.argv.includes('--json')
const say = (line: string) => (json ? console.error(line) : console.log(line))
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`
const both = (s: number[]) =>
  `median ${ms(quantile(s, 0.5))}, p95 ${ms(quantile(s, 0.95))} (n=${s.length})`

/**
 * Installed in every page before the app's scripts (as text, so no bundler helper leaks in):
 * the shifted `Date`, the key-press stamp, and `benchPainted`, which answers the time of the
 * painted frame after a DOM change.
 */
function initScript(offsetMs: number): string {
  return `(() => {
  const offset = ${offsetMs}
  const RealDate = Date
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...args)
    }
    static now() { return RealDate.now() + offset }
  }
  globalThis.Date = ShiftedDate
  const at = () => performance.timeOrigin + performance.now()
  /** The time after the next frame is drawn: a rAF callback, then the task after it. */
  const painted = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(at())
      channel.port2.postMessage(null)
    })
  })
  globalThis.benchPainted = painted
  /** A promise of the painted time once test() holds, checked at each DOM change. */
  globalThis.benchWhen = (test) => new Promise((resolve) => {
    if (test()) return void painted().then(resolve)
    const observer = new MutationObserver(() => {
      if (!test()) return
      observer.disconnect()
      globalThis.benchMutatedAt = at()
      painted().then(resolve)
    })
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  })
  addEventListener('keydown', (event) => {
    globalThis.benchPressedAt = performance.timeOrigin + event.timeStamp
  }, { capture: true })
})()`
}

/** Checked in every animation frame from the first: the sign-in form usable. */
const COLD_OPEN_SCRIPT = `(() => {
  // The staff list has reached the page when the answer to auth.directory has been read.
  let listed = false
  const realFetch = globalThis.fetch
  globalThis.fetch = async (...args) => {
    const response = await realFetch(...args)
    if (String(args[0]).includes('/__host/call/auth.directory')) {
      response.clone().text().then(() => { listed = true })
    }
    return response
  }
  const usable = () => {
    const labelled = (text) => {
      for (const label of document.querySelectorAll('label')) {
        if (label.textContent.trim().startsWith(text)) {
          const input = label.htmlFor ? document.getElementById(label.htmlFor) : null
          if (input && !input.disabled && input.getClientRects().length > 0) return true
        }
      }
      return false
    }
    return listed && labelled('Staff member') && labelled('Passphrase')
  }
  globalThis.benchUsable = new Promise((resolve) => {
    const frame = () => {
      if (!usable()) return void requestAnimationFrame(frame)
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(null)
    }
    requestAnimationFrame(frame)
  })
})()`

async function buildRendererIfMissing(): Promise<void> {
  const index = join(REPO_ROOT, 'out', 'renderer', 'index.html')
  if (await stat(index).catch(() => null)) return
  say('out/renderer/index.html is missing: building the app (npx electron-vite build)…')
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npx', ['electron-vite', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit']
    })
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`electron-vite build failed (exit code ${code})`)
}

/** The test host in a child process (screens-host.ts); answers its address and how to close it. */
async function startHost(
  dataDir: string,
  offsetMs: number
): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(
    'npx',
    ['tsx', join(REPO_ROOT, 'tests', 'bench', 'screens-host.ts'), dataDir, String(offsetMs)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] }
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    void exited.then(() => reject(new Error('the test host stopped before it served')))
    createInterface({ input: child.stdout! }).once('line', resolve)
  })
  return {
    url,
    close: async () => {
      child.stdin!.end()
      await exited
    }
  }
}

async function newContext(browser: Browser, offsetMs: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await context.addInitScript(initScript(offsetMs))
  return context
}

/** The running screen's current segment title. */
async function waitForCurrent(page: Page, title: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Current segment' })
    .getByRole('heading', { level: 2, name: title, exact: true })
    .waitFor()
}

/** Arms the projector with `test` (a function's source), presses `key`, answers press → painted. */
async function timedPress(page: Page, projector: Page, key: string, test: string): Promise<number> {
  await projector.evaluate(`void (globalThis.benchShown = globalThis.benchWhen(${test}))`)
  await page.evaluate('delete globalThis.benchPressedAt')
  // With BENCH_DEBUG, each press's calls are listed: the pages' timing buffers start empty.
  if (process.env.BENCH_DEBUG) {
    for (const p of [page, projector]) await p.evaluate('performance.clearResourceTimings()')
  }
  await page.keyboard.press(key)
  const shownAt = Number(await projector.evaluate('globalThis.benchShown'))
  const pressedAt = Number(await page.evaluate('globalThis.benchPressedAt'))
  if (!Number.isFinite(pressedAt)) throw new Error('the key press was not stamped')
  if (process.env.BENCH_DEBUG) {
    const calls = `performance.getEntriesByType('resource').filter((e) => performance.timeOrigin + e.startTime >= ${pressedAt}).map((e) => [e.name.split('/').pop(), (performance.timeOrigin + e.startTime - ${pressedAt}).toFixed(1), (performance.timeOrigin + e.responseEnd - ${pressedAt}).toFixed(1)])`
    say(
      JSON.stringify({
        took: shownAt - pressedAt,
        mutated: Number(await projector.evaluate('globalThis.benchMutatedAt')) - pressedAt,
        vis: await projector.evaluate('document.visibilityState'),
        page: await page.evaluate(calls),
        projector: await projector.evaluate(calls)
      })
    )
  }
  return shownAt - pressedAt
}

const slideIs = (index: number) =>
  `() => document.querySelector('[data-testid="audience-slide"]')?.getAttribute('data-slide-index') === '${index}'`

async function act(page: Page, sessionId: string, action: unknown): Promise<void> {
  const result = (await page.evaluate(
    `window.api.sessions.act(${JSON.stringify({ sessionId, action })})`
  )) as { ok: boolean; error?: { message: string } }
  if (!result.ok) throw new Error(`sessions.act: ${result.error?.message}`)
}

export async function measureScreens(): Promise<ScreenRow[]> {
  const found = findChromium()
  if (!found.found) throw new Error(found.problem)
  await buildRendererIfMissing()
  const root = await mkdtemp(join(os.tmpdir(), 'iop-bench-screens-'))
  const rows: ScreenRow[] = []
  say('writing the five-year clinic (sealed)…')
  seed(1)
  const clinic = await syntheticClinic({ absences: true })
  await writeSealedClinic(root, clinic)
  const offsetMs = TODAY - Date.now()
  const host = await startHost(root, offsetMs)
  const browser = await chromium.launch(chromiumLaunchOptions(found.path))
  try {
    say(`browser: Chromium ${browser.version()} (headless), viewport 1366×768`)

    // 3. Cold open, first: nobody is signed in yet.
    const cold: number[] = []
    for (let i = 0; i < WARM_UP + COLD_OPENS; i++) {
      const context = await newContext(browser, offsetMs)
      await context.addInitScript(COLD_OPEN_SCRIPT)
      const page = await context.newPage()
      await page.goto(host.url)
      const usableAt = Number(await page.evaluate('globalThis.benchUsable'))
      if (process.env.BENCH_DEBUG) {
        const entries = `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource'), ...performance.getEntriesByType('paint')].map((e) => [e.name.split('/').pop(), e.startTime.toFixed(1), (e.responseEnd ?? 0).toFixed(1), (e.duration ?? 0).toFixed(1)])`
        say(JSON.stringify({ usableAt, entries: await page.evaluate(entries) }))
      }
      if (i >= WARM_UP) cold.push(usableAt)
      await context.close()
    }
    rows.push({
      what: 'Cold open to a usable sign-in screen',
      goal: '≤150 ms median',
      figure: both(cold),
      met: quantile(cold, 0.5) <= 150
    })
    say(`cold open: ${both(cold)}`)

    // A session of the first group, today, run by its facilitator (the administrator).
    const context = await newContext(browser, offsetMs)
    const page = await context.newPage()
    await page.goto(host.url)
    const signedIn = (await page.evaluate(
      `window.api.auth.signIn(${JSON.stringify({ staffId: clinic.adminId, passphrase: PASSPHRASE })})`
    )) as { ok: boolean }
    if (!signedIn.ok) throw new Error('the bench could not sign in')
    const today = isoDate(TODAY - 6 * 3_600_000) // the clinic's (Chicago) date
    const planned = (await page.evaluate(
      `window.api.sessions.plan(${JSON.stringify({
        groupId: 'group-1',
        date: today,
        facilitatorIds: [clinic.adminId],
        segments: agendaWithModules()
      })})`
    )) as { ok: true; value: { id: string } } | { ok: false; error: { message: string } }
    if (!planned.ok) throw new Error(`sessions.plan: ${planned.error.message}`)
    const sessionId = planned.value.id
    await page.goto(`${host.url}#/sessions/${sessionId}`)
    await page.getByRole('button', { name: 'Start session' }).click()
    await waitForCurrent(page, 'Arrival, sign-in and brief measures')
    await page.keyboard.press('n')
    await waitForCurrent(page, 'Check-in round')
    const projector = await context.newPage()
    await projector.goto(`${host.url}#/audience/${sessionId}`)
    await projector.getByTestId('audience-round').waitFor()

    // 1. 'n' into a module segment.
    const segment: number[] = []
    for (let i = 0; i < WARM_UP + SEGMENT_SAMPLES; i++) {
      const took = await timedPress(page, projector, 'n', slideIs(0))
      await waitForCurrent(page, 'Educational segment')
      if (i >= WARM_UP) segment.push(took)
      await act(page, sessionId, { type: 'previous' })
      await waitForCurrent(page, 'Check-in round')
      await projector.getByTestId('audience-round').waitFor()
    }
    rows.push({
      what: "'n' into a module segment, key press to the painted projector frame",
      goal: '≤50 ms',
      figure: both(segment),
      met: quantile(segment, 0.95) <= 50
    })
    say(`'n' into a module segment: ${both(segment)}`)

    // 2. Slide changes in the educational segment.
    await page.keyboard.press('n')
    await waitForCurrent(page, 'Educational segment')
    await projector.locator('[data-testid="audience-slide"][data-slide-index="0"]').waitFor()
    const slides: number[] = []
    for (let i = 0; i < WARM_UP + SLIDE_SAMPLES; i++) {
      const forward = i % 2 === 0
      const took = await timedPress(
        page,
        projector,
        forward ? 'ArrowRight' : 'ArrowLeft',
        slideIs(forward ? 1 : 0)
      )
      // The facilitator's screen has taken it too, so the next press reads the new index.
      await page
        .getByRole('region', { name: 'Slides' })
        .getByText(`slide ${forward ? 2 : 1} of`)
        .waitFor()
      if (i >= WARM_UP) slides.push(took)
    }
    rows.push({
      what: "Slide change to the projector's painted frame, p95",
      goal: '≤33 ms',
      figure: both(slides),
      met: quantile(slides, 0.95) <= 33
    })
    say(`slide change: ${both(slides)}`)

    // 4. Nobody touches anything.
    rows.push(await idle(context, page))
    say(`idle: ${rows.at(-1)!.figure}`)
    await context.close()
  } finally {
    await browser.close()
    await host.close()
    await rm(root, { recursive: true, force: true })
  }
  // In the order of the issue's table.
  const order = ["'n' into", 'Slide change', 'Cold open', 'Renderer while']
  const rank = (r: ScreenRow) => order.findIndex((o) => r.what.startsWith(o))
  return rows.sort((a, b) => rank(a) - rank(b))
}

interface Mutations {
  clock: number
  other: string[]
}

/** Records every mutation of the document: clock-figure text, and a short name for anything else. */
const WATCH_MUTATIONS = `(() => {
  const found = { clock: 0, other: [] }
  const name = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement
    if (!element) return '(detached)'
    const labelled = element.closest('[aria-label],[data-testid],[role]')
    const where = labelled
      ? (labelled.getAttribute('aria-label') || labelled.getAttribute('data-testid') || labelled.getAttribute('role'))
      : 'page'
    return element.tagName.toLowerCase() + ' in ' + where
  }
  const figure = /\\d:\\d\\d/
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData' && figure.test(r.target.data)) found.clock += 1
      else if (r.type === 'characterData') found.other.push('text of ' + name(r.target))
      else if (r.type === 'attributes') found.other.push(r.attributeName + ' of ' + name(r.target))
      else {
        const added = [...r.addedNodes]
        if (added.length > 0 && added.every((n) => n.nodeType === 3 && figure.test(n.data))) found.clock += 1
        else found.other.push('children of ' + name(r.target))
      }
    }
  })
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  globalThis.benchMutations = () => { observer.disconnect(); return found }
  globalThis.benchLongTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.benchLongTasks.push(e.duration)
  }).observe({ type: 'longtask' })
})()`

async function idle(context: BrowserContext, page: Page): Promise<ScreenRow> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' })
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0
    return { task: get('TaskDuration'), at: get('Timestamp') }
  }
  // Let the last press's notices and animations finish first.
  await page.evaluate('benchPainted()')
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  await page.evaluate(WATCH_MUTATIONS)
  const before = await read()
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
  const after = await read()
  const found = (await page.evaluate('globalThis.benchMutations()')) as Mutations
  const longTasks = (await page.evaluate('globalThis.benchLongTasks')) as number[]
  const busy = (after.task - before.task) / (after.at - before.at)
  const idlePct = (1 - busy) * 100
  const others = new Map<string, number>()
  for (const o of found.other) others.set(o, (others.get(o) ?? 0) + 1)
  const otherText =
    others.size === 0
      ? 'nothing else changed'
      : `also changed: ${[...others].map(([k, n]) => `${k} ×${n}`).join('; ')}`
  await cdp.detach()
  return {
    what: 'Renderer while a session runs and nobody touches it',
    goal: '≥95% idle; only the clock text changes',
    figure:
      `${idlePct.toFixed(1)}% idle over ${(after.at - before.at).toFixed(1)} s, ` +
      `${longTasks.length} long tasks; ${found.clock} clock-text changes, ${otherText}`,
    met: idlePct >= 95 && others.size === 0
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  say('IOP Facilitator, issue 18 screen figures (five-year synthetic clinic, Chromium)')
  say(machine())
  const rows = await measureScreens()
  if (json) {
    console.log(JSON.stringify(rows))
  } else {
    console.log('')
    console.log('| what | measured | goal | met |')
    console.log('| --- | --- | --- | --- |')
    for (const r of rows)
      console.log(`| ${r.what} | ${r.figure} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`)
  }
}
