import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions, findChromium } from './tests/e2e/chromium'
import { ELECTRON_UNAVAILABLE, findElectronBinary } from './tests/e2e/electron-binary'
import type { AppOptions } from './tests/e2e/fixtures'

/** The one CHROMIUM_PATH names, Debian's, or Playwright's own (tests/e2e/chromium.ts). */
const found = findChromium()
const chromium = chromiumLaunchOptions(found.found ? found.path : undefined)

/** Whether this run includes the electron project (`--project` may name several, or none). */
function electronProjectSelected(args: string[]): boolean {
  const named: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg.startsWith('--project=')) named.push(...arg.slice('--project='.length).split(','))
    else if (arg === '--project') {
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) named.push(args[++i]!)
    }
  }
  return named.length === 0 || named.includes('electron')
}

// One line each, once (not again in each worker): no Chromium, or the electron project skipped.
if (!process.env.TEST_WORKER_INDEX && !found.found) console.warn(found.problem)
if (
  !process.env.TEST_WORKER_INDEX &&
  !findElectronBinary().available &&
  electronProjectSelected(process.argv)
) {
  console.warn(`[electron] skipped: ${ELECTRON_UNAVAILABLE}.`)
}

export default defineConfig<AppOptions>({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    launchOptions: chromium,
    trace: 'retain-on-failure'
  },
  projects: [
    { name: 'chromium-host', use: { target: 'host' } },
    { name: 'electron', use: { target: 'electron' } }
  ]
})
