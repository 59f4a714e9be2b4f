/**
 * How the benches start Chromium: headless, at the path `findChromium` gave, with nothing of its
 * own running beside the page (no background networking, component updates or sync) and no GPU,
 * so that what is timed is the app.
 */
import type { LaunchOptions } from '@playwright/test'

export function benchLaunchOptions(executablePath: string): LaunchOptions {
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
