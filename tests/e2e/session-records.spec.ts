/**
 * What is written during a group is on disk, not only on screen: the test
 * host is stopped and a new one started on the same data folder mid-session,
 * and the running screen shows the same attendance, walk-in, observations
 * and timer as before, the timer having carried on.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  advanceTo,
  completeSetup,
  expectCurrent,
  MINUTE,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  personLabel,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName,
  signIn,
  expectTime
} from './steps'

/** Someone active in the program but not on this group's roster: today, a walk-in. */
const WALK_IN = { fullName: 'Riley Walkerton', preferredName: '', clientId: 'C-104' }
const WALK_IN_LINE = 'Asked about joining the Wednesday group as well'

/** Adds a participant through the app's own `window.api`, as the participant form does. */
async function createParticipant(page: Page, person: typeof WALK_IN): Promise<void> {
  await page.evaluate(async (input) => {
    const result = await window.api.participants.create({
      ...input,
      dateOfBirth: '1988-02-19',
      admissionDate: '2026-11-16',
      track: 'substance_use',
      status: 'active',
      discharge: null,
      goals: []
    })
    if (!result.ok) throw new Error(result.error.message)
  }, person)
}

test('attendance and observations survive a restart of the test host', async ({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: it is the test host that is restarted')
  const clock = app.clock!
  let page = app.page
  await completeSetup(page)
  const session = await planSessionThroughApi(page)
  await createParticipant(page, WALK_IN)
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)

  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  // Locators are made from the page of the moment: the restart opens a new one.
  const countdown = () => page.getByTestId('countdown')
  await expect(countdown()).toHaveText('10:00')
  await clock.advance(3 * MINUTE)
  await expect(countdown()).toHaveText('7:00')

  const [jordan, casey, morgan] = ROSTER.map(shortName) as [string, string, string]
  const riley = shortName(WALK_IN)
  await openPeopleTab(page)

  // Jordy arrives at 9:03; Casey is excused; Mo is not marked yet.
  const jordanPanel = await openPerson(page, jordan, clock)
  await jordanPanel.getByRole('button', { name: 'Arrived', exact: true }).click()
  await expectTime(jordanPanel, `Time in for ${jordan}`, '09:03')
  const caseyPanel = await openPerson(page, casey, clock)
  await caseyPanel.getByRole('button', { name: 'Absent (excused)' }).click()
  const control = (name: string) => page.getByRole('button', { name: personLabel(name) })
  await expect(control(casey)).toContainText('Absent (excused)')

  // Riley walks in: added to today's list, then marked arrived.
  await page.getByLabel('Add a walk-in').and(page.locator('input')).click()
  await page.getByRole('option', { name: `${riley} (${WALK_IN.clientId})` }).click()
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  await expect(control(riley)).toContainText('Walk-in')
  const rileyPanel = await openPerson(page, riley, clock)
  await rileyPanel.getByRole('button', { name: 'Arrived', exact: true }).click()
  await expectTime(rileyPanel, `Time in for ${riley}`, '09:03')

  // Two observations: a tag for Jordy, a line for Riley.
  await jordanPanel.getByRole('button', { name: 'Shared in check-in' }).click()
  await expect(jordanPanel.getByRole('list', { name: `Observations of ${jordan}` })).toContainText(
    'Shared in check-in'
  )
  await rileyPanel.getByLabel(`A short line about ${riley}`).fill(WALK_IN_LINE)
  await rileyPanel.getByRole('button', { name: 'Add' }).click()
  await expect(rileyPanel.getByRole('list', { name: `Observations of ${riley}` })).toContainText(
    WALK_IN_LINE
  )
  await expect(page.getByText('2 present of 4 on the list')).toBeVisible()

  // 9:04: the projector is put on the timer, the last thing done before the restart.
  await advanceTo(clock, SESSION_START + 4 * MINUTE)
  await expect(countdown()).toHaveText('6:00')
  await page
    .getByRole('radiogroup', { name: 'Projector shows' })
    .getByText('Timer', { exact: true })
    .click()
  await expect(page.getByRole('radio', { name: 'Timer' })).toBeChecked()

  // A new host on the same data folder; the page is new, and so is the sign-in.
  page = await app.restart()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  // The new page keeps the shared, paused clock: it reads 9:04 to the millisecond.
  expect(await page.evaluate(() => Date.now())).toBe(SESSION_START + 4 * MINUTE)
  // Three minutes pass before the facilitator is back on the running screen.
  await clock.advance(3 * MINUTE)
  await signIn(page)
  await openRunningScreen(page, session.id)

  // The session carried on: 7 of the 10 minutes of arrival are gone, and it is still counting.
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  await expect(countdown()).toHaveText('3:00')
  await expect(page.getByTestId('phase')).not.toHaveText(/Paused/)
  await expect(page.getByRole('radio', { name: 'Timer' })).toBeChecked()
  // A restart of a few seconds is not an absence worth a notice.
  await expect(page.getByText('Welcome back')).toHaveCount(0)
  await clock.advance(MINUTE)
  await expect(countdown()).toHaveText('2:00')

  // Attendance as it was left.
  await openPeopleTab(page)
  await expect(page.getByText('2 present of 4 on the list')).toBeVisible()
  await expect(control(jordan)).toContainText('Present')
  await expect(control(casey)).toContainText('Absent (excused)')
  await expect(control(morgan)).toContainText('Not marked yet')
  await expect(control(riley)).toContainText('Walk-in')
  await expect(control(riley)).toContainText('Present')
  await expect(control(jordan)).not.toContainText('Walk-in')

  // Times in and both observations.
  const jordanAfter = await openPerson(page, jordan, clock)
  await expectTime(jordanAfter, `Time in for ${jordan}`, '09:03')
  await expect(
    jordanAfter.getByRole('list', { name: `Observations of ${jordan}` }).getByRole('listitem')
  ).toHaveText([/^09:03\s*Shared in check-in$/])
  const rileyAfter = await openPerson(page, riley, clock)
  await expectTime(rileyAfter, `Time in for ${riley}`, '09:03')
  await expect(
    rileyAfter.getByRole('list', { name: `Observations of ${riley}` }).getByRole('listitem')
  ).toHaveText([new RegExp(`^09:03\\s*${WALK_IN_LINE}$`)])
  app.expectNoErrors()
})
