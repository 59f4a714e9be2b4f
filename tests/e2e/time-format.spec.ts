/**
 * One time format everywhere: the clinic chooses 12- or 24-hour once, in
 * Settings, and every screen writes times that way, on the clinic's clock.
 */
import { expect, test } from './fixtures'
import {
  completeSetup,
  endSession,
  lockAfterAnHour,
  MINUTE,
  openRunningScreen,
  planSessionThroughApi,
  SESSION_START
} from './steps'

test('switching the clinic to 12-hour time changes the running screen, Home and the notes', async ({
  app
}) => {
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)
  await page.getByRole('button', { name: 'Start session' }).click()
  const sessionClock = page.getByRole('group', { name: 'Session clock' })
  // Set up in 24-hour time: the three-hour session started at 9:00 in Chicago ends at noon.
  await expect(sessionClock).toContainText('Projected end12:00')
  await expect(sessionClock).not.toContainText('PM')

  // Settings → Clinic: 12-hour, saved once.
  const origin = new URL(page.url()).origin
  await page.goto(`${origin}/#/settings/clinic`)
  const settings = page.getByRole('form', { name: 'Clinic settings' })
  await settings.getByRole('radio', { name: /^12-hour/ }).check()
  await settings.getByRole('button', { name: 'Save clinic settings' }).click()
  await expect(page.getByText('Clinic settings saved')).toBeVisible()

  // The running screen's clock.
  await openRunningScreen(page, session.id)
  await expect(sessionClock).toContainText('Projected end12:00 PM')
  await expect(sessionClock).toContainText('Planned end12:00 PM')

  // Home's card for the running session.
  await page.goto(`${origin}/#/`)
  await expect(page.getByRole('alert', { name: /^Running now/ })).toContainText('started 9:00 AM')

  // The group's start time, on its page and in its form, whose picker takes 12-hour time.
  await page.goto(`${origin}/#/groups/${session.groupId}`)
  await expect(page.getByText('Mon, Wed, Thu at 9:00 AM')).toBeVisible()
  await page.goto(`${origin}/#/groups/${session.groupId}/edit`)
  await expect(page.getByRole('spinbutton', { name: 'Start time, hour' })).toHaveValue('09')
  await expect(page.getByLabel('Start time, AM or PM')).toHaveValue('AM')

  // The notes of the ended session: its start and stop.
  await openRunningScreen(page, session.id)
  await clock.advance(20 * MINUTE)
  await endSession(page)
  await page.goto(`${origin}/#/sessions/${session.id}/notes`)
  await expect(page.getByText(/9:00 AM to 9:20 AM/).first()).toBeVisible()
  await expect(page.getByText(/\b09:00\b/)).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('notes-12-hour.png'), fullPage: true })
  app.expectNoErrors()
})
