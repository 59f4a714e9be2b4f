/**
 * The projector's slides, as the room sees them: large type from the back of
 * the room, the module's title and where we are in it, high contrast, light
 * or dark as the facilitator chooses, and no one's name. Screenshots at
 * 1920×1080 and 1280×720, light and dark, are kept with the test's results.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  audienceUrl,
  finishAnimations,
  openPlannedSession,
  ROSTER,
  startAndReachEducational
} from './steps'

/** The computed font size, in px, of the slide's body text (its first list item or paragraph). */
async function bodyFontSize(audience: Page): Promise<number> {
  const text = audience.getByTestId('audience-slide').locator('section li, section p').first()
  return text.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
}

async function keepScreenshot(audience: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`)
  await audience.screenshot({ path })
  await test.info().attach(name, { path, contentType: 'image/png' })
}

test('the projector’s slides are large, titled, show their progress, and come light or dark', async ({
  app
}) => {
  const clock = app.clock!
  const page = app.page
  const session = await openPlannedSession(page, clock)
  await startAndReachEducational(page, clock)
  const slides = page.getByRole('region', { name: 'Slides' })
  await slides.getByRole('button', { name: 'Next slide →' }).click()
  await expect(slides).toContainText('slide 2 of 9')

  const audience = await page.context().newPage()
  await audience.setViewportSize({ width: 1920, height: 1080 })
  await audience.goto(audienceUrl(page, session.id))
  const shown = audience.getByTestId('audience-slide')
  await expect(shown).toHaveAttribute('data-slide-index', '1')
  await expect(shown).toHaveAttribute('data-projector-theme', 'light')
  await expect(audience.getByTestId('audience-module-title')).toHaveText(
    'How substance use changes the brain'
  )
  await expect(audience.getByTestId('audience-progress-text')).toHaveText('Slide 2 of 9')
  const bar = audience.getByRole('progressbar', { name: 'Slide 2 of 9' })
  await expect(bar).toHaveAttribute('aria-valuenow', '2')
  await expect(bar).toHaveAttribute('aria-valuemax', '9')
  // Readable from the back of a room: body text at least 32 px on a 1080p projector.
  expect(await bodyFontSize(audience)).toBeGreaterThanOrEqual(32)
  await keepScreenshot(audience, 'projector-1920x1080-light')

  // Dark, chosen on the facilitator's screen; the projector follows.
  await slides.getByRole('switch', { name: /Dark slides/ }).check()
  await expect(shown).toHaveAttribute('data-projector-theme', 'dark')
  const colours = await shown.evaluate((element) => {
    const style = getComputedStyle(element)
    return { background: style.backgroundColor, text: style.color }
  })
  expect(colours).toEqual({ background: 'rgb(11, 17, 23)', text: 'rgb(244, 247, 249)' })
  expect(await bodyFontSize(audience)).toBeGreaterThanOrEqual(32)
  await keepScreenshot(audience, 'projector-1920x1080-dark')

  // A smaller projector: the type scales down with it, and everything still fits.
  await audience.setViewportSize({ width: 1280, height: 720 })
  await finishAnimations(clock)
  expect(await bodyFontSize(audience)).toBeGreaterThanOrEqual(20)
  await keepScreenshot(audience, 'projector-1280x720-dark')
  await slides.getByRole('switch', { name: /Dark slides/ }).uncheck()
  await expect(shown).toHaveAttribute('data-projector-theme', 'light')
  await keepScreenshot(audience, 'projector-1280x720-light')

  // Never a participant's name.
  const text = (await audience.locator('body').textContent()) ?? ''
  for (const person of ROSTER) {
    expect(text).not.toContain(person.fullName.split(' ')[0])
    expect(text).not.toContain(person.clientId)
  }
  app.expectNoErrors()
})
