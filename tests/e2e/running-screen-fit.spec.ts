/**
 * The running screen fits a clinic laptop: at 1366×768 (and on a 1080p
 * screen) every main control is on screen without scrolling — the slide
 * buttons, the segment timer and its controls, attendance, observation and
 * the crisis protocols.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  completeSetup,
  currentSegment,
  lockAfterAnHour,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName,
  startAndReachEducational
} from './steps'

/** The controls of `named` whose box is not wholly inside the viewport, with the page unscrolled. */
async function outsideViewport(page: Page, named: Record<string, Locator>): Promise<string[]> {
  await page.evaluate(() => {
    window.scrollTo(0, 0)
    document.querySelector('[data-testid="running-side-panel"]')?.scrollTo(0, 0)
  })
  const viewport = page.viewportSize()!
  const outside: string[] = []
  for (const [name, control] of Object.entries(named)) {
    await expect(control, name).toBeVisible()
    const box = await control.boundingBox()
    const inside =
      box !== null &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= viewport.width &&
      box.y + box.height <= viewport.height
    if (!inside) outside.push(`${name} at ${JSON.stringify(box)}`)
  }
  return outside
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 }
]) {
  test(`every main control of the running screen is on screen at ${size.width}×${size.height}`, async ({
    app
  }) => {
    const clock = app.clock!
    const page = app.page
    await page.setViewportSize(size)
    await completeSetup(page)
    await lockAfterAnHour(page)
    const session = await planSessionThroughApi(page)
    await clock.pauseAt(SESSION_START)
    await openRunningScreen(page, session.id)
    await startAndReachEducational(page, clock)

    const segment = currentSegment(page)
    const slides = page.getByRole('region', { name: 'Slides' })
    const running = {
      Pause: page.getByRole('button', { name: /^❚❚ Pause/ }),
      'Crisis protocol': page.getByRole('button', { name: 'Crisis protocol' }).first(),
      'End session': page.getByRole('button', { name: 'End session' }),
      'the segment timer': segment.getByTestId('countdown'),
      '−1 minute': segment.getByRole('button', { name: '−1 minute' }),
      '+1 minute': segment.getByRole('button', { name: '+1 minute' }),
      'Previous segment': segment.getByRole('button', { name: 'Previous segment' }),
      'Next segment': segment.getByRole('button', { name: /^Next segment/ }),
      'Previous slide': slides.getByRole('button', { name: '← Previous slide' }),
      'Next slide': slides.getByRole('button', { name: 'Next slide →' }),
      'People tab': page.getByRole('tab', { name: /^People/ })
    }
    expect(await outsideViewport(page, running)).toEqual([])

    // Attendance and observation, for the first person on the list, in the People tab.
    await openPeopleTab(page)
    const name = shortName(ROSTER[0]!)
    const person = await openPerson(page, name, clock)
    const people = {
      ...running,
      Arrived: person.getByRole('button', { name: 'Arrived', exact: true }),
      'an observation tag': person.getByRole('button', { name: 'Practised the skill' }),
      'Safety concern': person.getByRole('button', { name: 'Safety concern' }),
      'an observation line': person.getByLabel(`A short line about ${name}`),
      'Add the line': person.getByRole('button', { name: 'Add', exact: true })
    }
    expect(await outsideViewport(page, people)).toEqual([])
    await page.screenshot({
      path: test.info().outputPath(`running-${size.width}x${size.height}.png`)
    })
    app.expectNoErrors()
  })
}
