/**
 * Which Chromium the end-to-end tests drive, looked for in this order: the one `CHROMIUM_PATH`
 * names, Debian's `/usr/bin/chromium`, then the one Playwright downloads for itself. Used by
 * playwright.config.ts and, before anything is built, by `scripts/check-chromium.ts`, so that
 * `npm test` on a machine without one stops with one line saying how to get one.
 */
import { existsSync } from 'node:fs'
import { chromium as playwrightChromium, type LaunchOptions } from '@playwright/test'

export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/** What the search looks at: injected so a test can say which files exist. */
export interface ChromiumPlaces {
  chromiumPath: string | undefined
  exists: (path: string) => boolean
  /** Where Playwright keeps its own Chromium, whether or not it was downloaded. */
  playwrightPath: () => string | null
}

export type ChromiumSearch =
  | { found: true; path: string; from: 'CHROMIUM_PATH' | 'Debian' | 'Playwright' }
  | { found: false; problem: string }

export function findChromium(places: ChromiumPlaces = thisMachine()): ChromiumSearch {
  const named = places.chromiumPath?.trim()
  if (named) {
    return places.exists(named)
      ? { found: true, path: named, from: 'CHROMIUM_PATH' }
      : {
          found: false,
          problem: `CHROMIUM_PATH is ${named}, which does not exist: point it at a Chromium, or unset it to use Debian's (\`sudo apt-get install chromium\`) or Playwright's (\`npx playwright install chromium\`).`
        }
  }
  if (places.exists(DEBIAN_CHROMIUM)) return { found: true, path: DEBIAN_CHROMIUM, from: 'Debian' }
  const playwrights = places.playwrightPath()
  if (playwrights && places.exists(playwrights)) {
    return { found: true, path: playwrights, from: 'Playwright' }
  }
  return {
    found: false,
    problem:
      'No Chromium for the end-to-end tests: on Debian run `sudo apt-get install chromium`; elsewhere run `npx playwright install chromium`; or set CHROMIUM_PATH to the Chromium you have.'
  }
}

/**
 * How the end-to-end tests and the benches start it: headless, with nothing of its own running
 * beside the page (no background networking, component updates or sync) and no GPU, so that
 * what is tested or timed is the app.
 */
export function chromiumLaunchOptions(executablePath: string | undefined): LaunchOptions {
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  }
}

function thisMachine(): ChromiumPlaces {
  return {
    chromiumPath: process.env.CHROMIUM_PATH,
    exists: existsSync,
    playwrightPath: () => {
      try {
        return playwrightChromium.executablePath()
      } catch {
        return null
      }
    }
  }
}
