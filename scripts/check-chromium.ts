/**
 * Run by `npm run test:e2e` before it builds anything: says which Chromium the end-to-end tests
 * will drive, or stops with one line saying how to get one (tests/e2e/chromium.ts).
 */
import { findChromium } from '../tests/e2e/chromium'

const chromium = findChromium()
if (chromium.found) {
  console.log(`Chromium for the end-to-end tests (${chromium.from}): ${chromium.path}`)
} else {
  console.error(chromium.problem)
  process.exitCode = 1
}
