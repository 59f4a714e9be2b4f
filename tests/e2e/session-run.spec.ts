/**
 * A whole three-hour group in accelerated time: the host's clock and the
 * page's move together, only when the test moves them. Every press is
 * confirmed on screen before the clock moves on, because the host stamps
 * each event with the time it receives it.
 */
import { expect, test } from './fixtures'
import {
  completeSetup,
  lockAfterAnHour,
  expectCurrent,
  MINUTE,
  planSessionThroughApi,
  SESSION_START,
  endSession
} from './steps'

test('a facilitator runs a full 180-minute session with a pause, an overrun and a rebalance', async ({
  app
}) => {
  test.skip(app.clock === null, 'Needs the test host: Electron’s main process keeps the real time')
  const clock = app.clock!
  test.setTimeout(180_000)
  let page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  await page.goto(`${new URL(page.url()).origin}/#/sessions/${session.id}`)

  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  const countdown = page.getByTestId('countdown')
  await expect(countdown).toHaveText('10:00')

  // Arrival, on time.
  await clock.advance(10 * MINUTE)
  await expect(countdown).toHaveText('+0:00 over')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')

  // Check-in: 20 minutes, a 5-minute pause (a fire drill), then 10 more.
  await clock.advance(20 * MINUTE)
  await expect(countdown).toHaveText('10:00')
  await page.keyboard.press(' ')
  await expect(page.getByRole('button', { name: /Resume/ })).toBeVisible()
  await clock.advance(5 * MINUTE)
  await expect(countdown).toHaveText('10:00')
  await expect(page.getByTestId('phase')).toHaveText(/Paused/)
  await page.keyboard.press(' ')
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible()
  await clock.advance(6 * MINUTE)
  await expect(page.getByTestId('phase')).toHaveText(/Wrap up/)
  await clock.advance(4 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')

  // The educational segment shows slides; the arrows move them.
  const slides = page.getByRole('region', { name: 'Slides' })
  await expect(slides).toContainText('slide 1 of')
  await clock.advance(5 * MINUTE)
  await page.keyboard.press('ArrowRight')
  await expect(slides).toContainText('slide 2 of')
  await clock.advance(5 * MINUTE)
  await page.keyboard.press('ArrowRight')
  await expect(slides).toContainText('slide 3 of')

  // It runs 6 minutes over; with the pause, the day is 11 minutes behind.
  await clock.advance(41 * MINUTE)
  await expect(countdown).toHaveText('+6:00 over')
  await expect(page.getByTestId('phase')).toHaveText(/Over time/)
  const proposal = page.getByRole('region', { name: /over the planned end/ })
  await expect(proposal).toContainText('Running 11 min over the planned end')
  // In proportion to what is left (break 15, skills 45, discussion 25, check-out 10), whole minutes.
  await expect(proposal).toContainText('Break: -2 min')
  await expect(proposal).toContainText('Skills training: -5 min')
  await expect(proposal).toContainText('Open group discussion: -3 min')
  await expect(proposal).toContainText('Check-out: -1 min')
  await proposal.getByRole('button', { name: 'Accept' }).click()
  await expect(proposal).toBeHidden()
  await page.keyboard.press('n')
  await expectCurrent(page, 'Break')
  await expect(countdown).toHaveText('13:00')

  await clock.advance(13 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Skills training')
  await expect(countdown).toHaveText('40:00')

  // Reloading mid-segment loses nothing: the countdown carries on from the log.
  await clock.advance(17 * MINUTE + 30_000)
  await expect(countdown).toHaveText('22:30')
  await page.reload()
  page = app.page
  await expectCurrent(page, 'Skills training')
  await expect(countdown).toHaveText('22:30')
  await clock.advance(22 * MINUTE + 30_000)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Open group discussion')
  await expect(countdown).toHaveText('22:00')

  await clock.advance(22 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-out')
  await clock.advance(9 * MINUTE)
  await endSession(page)

  // The summary: planned against actual, minute for minute.
  await expect(page.getByRole('heading', { name: /Session summary/ })).toBeVisible()
  const table = page.getByRole('table', { name: 'Segments: planned and actual' })
  const expected: Array<[string, string, string]> = [
    ['Arrival, sign-in and brief measures', '10 min', '10 min'],
    ['Check-in round', '30 min', '30 min'],
    ['Educational segment', '45 min', '51 min'],
    ['Break', '15 min', '13 min'],
    ['Skills training', '45 min', '40 min'],
    ['Open group discussion', '25 min', '22 min'],
    ['Check-out', '10 min', '9 min']
  ]
  for (const [title, planned, actual] of expected) {
    const row = table.getByRole('row').filter({ hasText: title })
    await expect(row.getByRole('cell').nth(1)).toHaveText(planned)
    await expect(row.getByRole('cell').nth(2)).toHaveText(actual)
  }
  const total = table.getByRole('row').filter({ hasText: 'Total' })
  await expect(total).toContainText('3 h 00 min')
  await expect(total).toContainText('2 h 55 min')
  await expect(total).toContainText('paused 5 min')
  // The slides shown in the educational segment are listed for the notes.
  await expect(table.getByRole('row').filter({ hasText: 'Educational segment' })).toContainText(
    '1. How substance use changes the brain'
  )
  app.expectNoErrors()
})
