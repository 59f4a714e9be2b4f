/**
 * How long a slide change takes to reach the projector: the facilitator
 * presses → or ← on the running screen, and the audience page (a second page
 * in the same browser) shows the new slide. The path is the real one: the
 * key handler, the host's `sessions.act` call and its write to the session
 * file, the `session.changed` event over server-sent events, the audience
 * page's refetch of `sessions.audience`, and React's commit.
 *
 * Method. Both pages live in one Chromium process, whose pages share one
 * clock, so `performance.timeOrigin + performance.now()` (wall-clock ms, finer
 * than `Date.now()`) read in one page compares with the same read in the
 * other. A capture listener installed before the app's own stamps each key
 * press with its event's time (`timeOrigin + event.timeStamp`: when the key
 * event was created, before any app code runs). Before each press, the
 * audience page arms a MutationObserver that resolves with its own time the
 * moment `data-slide-index` changes in the DOM. The latency is the difference.
 * The directions alternate (→ then ←) so the index stays in range, and the
 * next press waits until both screens show the change. Real clock, no fake
 * timers. Numbers are printed, never asserted. Run with
 * `npx tsx tests/bench/slide-latency.bench.ts`. All data is synthetic.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { REPO_ROOT } from '../host/build-bridge'
import { startTestHost } from '../host/server'
import { chromiumLaunchOptions, findChromium } from '../e2e/chromium'
import { completeSetup, expectCurrent, planSessionThroughApi } from '../e2e/steps'

const ADVANCES = 100
const WARM_UP = 4

/** What the pages keep between calls, under names the app does not use. */
interface BenchWindow {
  benchSlideChanged?: Promise<number>
}

async function buildRendererIfMissing(): Promise<void> {
  const index = join(REPO_ROOT, 'out', 'renderer', 'index.html')
  if (await stat(index).catch(() => null)) return
  console.log('out/renderer/index.html is missing: building the app (npx electron-vite build)…')
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`electron-vite build failed (exit code ${code})`)
}

/** Arms the audience page: a promise, kept on its window, of the time the slide index changes. */
async function armAudience(audience: Page): Promise<void> {
  await audience.evaluate(() => {
    const read = () =>
      document.querySelector('[data-testid="audience-slide"]')?.getAttribute('data-slide-index')
    const before = read()
    ;(window as unknown as BenchWindow).benchSlideChanged = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        const now = read()
        if (now === before || now === undefined || now === null) return
        observer.disconnect()
        resolve(performance.timeOrigin + performance.now())
      })
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-slide-index']
      })
    })
  })
}

/** One press on the facilitator's page; answers the ms until the audience page showed it. */
async function timedPress(page: Page, audience: Page, key: string, expected: number) {
  await armAudience(audience)
  await page.evaluate(() => delete document.documentElement.dataset.benchPressedAt)
  await page.keyboard.press(key)
  const changedAt = await audience.evaluate(
    () => (window as unknown as BenchWindow).benchSlideChanged!
  )
  const pressedAt = Number(
    await page.evaluate(() => document.documentElement.dataset.benchPressedAt)
  )
  if (!Number.isFinite(pressedAt)) throw new Error('the key press was not stamped')
  const shown = await audience.getByTestId('audience-slide').getAttribute('data-slide-index')
  if (shown !== String(expected)) throw new Error(`the projector shows ${shown}, not ${expected}`)
  // The facilitator's screen has taken the change too, so the next press reads the new index.
  await page
    .getByRole('region', { name: 'Slides' })
    .getByText(`slide ${expected + 1} of`)
    .waitFor()
  return changedAt - pressedAt
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const ms = (v: number) => `${v.toFixed(1)} ms`
  return (
    `median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, min ${ms(sorted[0]!)}, ` +
    `max ${ms(sorted[sorted.length - 1]!)} (n=${samples.length})`
  )
}

const cpu = os.cpus()[0]
console.log('IOP Facilitator slide latency benchmark: facilitator key press → projector page')
console.log(
  `machine: ${cpu?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}, ` +
    `${os.platform()} ${os.release()}`
)

const found = findChromium()
if (!found.found) throw new Error(found.problem)
await buildRendererIfMissing()
const dataDir = await mkdtemp(join(os.tmpdir(), 'iop-bench-'))
const host = await startTestHost({ dataDir })
const browser = await chromium.launch(chromiumLaunchOptions(found.path))
try {
  console.log(`browser: Chromium ${browser.version()} (headless)`)
  const context = await browser.newContext()
  // tsx compiles with esbuild's keepNames, which wraps named functions in an `__name(…)` helper;
  // functions sent to a page (page.evaluate) carry those calls, so the pages get a no-op one.
  await context.addInitScript('globalThis.__name = (target) => target')
  const page = await context.newPage()
  // Before the app's own listener (also a window capture listener, added later): the press's time.
  await page.addInitScript(() => {
    window.addEventListener(
      'keydown',
      (event) => {
        document.documentElement.dataset.benchPressedAt = String(
          performance.timeOrigin + event.timeStamp
        )
      },
      { capture: true }
    )
  })
  await page.goto(host.url)
  await completeSetup(page)
  const session = await planSessionThroughApi(page)
  const origin = new URL(page.url()).origin
  await page.goto(`${origin}/#/sessions/${session.id}`)
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')

  const audience = await context.newPage()
  await audience.goto(`${origin}/#/audience/${session.id}`)
  await audience.locator('[data-testid="audience-slide"][data-slide-index="0"]').waitFor()

  const press = (i: number) =>
    i % 2 === 0
      ? timedPress(page, audience, 'ArrowRight', 1)
      : timedPress(page, audience, 'ArrowLeft', 0)
  for (let i = 0; i < WARM_UP; i++) await press(i)
  const samples: number[] = []
  for (let i = 0; i < ADVANCES; i++) samples.push(await press(i))
  console.log(`slide change reaches the projector (${WARM_UP} warm-up presses not counted):`)
  console.log(`  ${summary(samples)}`)
  await context.close()
} finally {
  await browser.close()
  await host.close()
  await rm(dataDir, { recursive: true, force: true })
}
