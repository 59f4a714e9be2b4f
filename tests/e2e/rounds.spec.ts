/**
 * The opening and the rounds of a session, as a facilitator runs them with
 * the projector beside the running screen (one clock, one host): the group
 * agreements on the projector and each newcomer's acknowledgement, then a
 * check-in and a check-out round, each person in turn with their time, their
 * answers typed in a few keystrokes, a pass, and flags that never reach the
 * projector.
 */
import type { Page } from '@playwright/test'
import type { SessionView } from '../../src/shared/ipc/contract'
import type { SessionAgreements } from '../../src/shared/domain/agreements'
import { roundAnswersFor } from '../../src/shared/session/rounds'
import { expect, test } from './fixtures'
import {
  completeSetup,
  expectCurrent,
  lockAfterAnHour,
  MINUTE,
  openAudience,
  openRunningScreen,
  clinicToday,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName
} from './steps'

const [JORDY, CASEY, MO] = ROSTER.map(shortName) as [string, string, string]
const TAKE_AWAY = 'Cravings pass like a wave'
const COMMITMENT = 'Call my sister on Friday'

/** Every way the roster names a person, and every answer typed in this spec. */
const PRIVATE = [
  ...ROSTER.flatMap((p) => [p.fullName, ...p.fullName.split(' '), p.preferredName, p.clientId]),
  ...[JORDY, CASEY, MO],
  TAKE_AWAY,
  COMMITMENT,
  'Cravings 8',
  'Safety concern',
  'Follow up privately'
].filter((term) => term.length > 0)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function expectNothingPrivate(audience: Page, view: string): Promise<void> {
  for (const source of [await audience.locator('body').innerText(), await audience.content()]) {
    const found = PRIVATE.filter((term) =>
      new RegExp(`(^|\\W)${escape(term)}(?=\\W|$)`).test(source)
    )
    expect(found, `private words on the projector (${view})`).toEqual([])
  }
}

test('a session opens with the agreements, then runs its check-in and check-out rounds', async ({
  app
}, testInfo) => {
  test.skip(app.clock === null, 'Needs the test host: one clock for both pages')
  test.setTimeout(180_000)
  const clock = app.clock!
  const page = app.page
  await page.setViewportSize({ width: 1366, height: 768 })
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  // Everyone arrives before the start.
  await page.evaluate(async (s) => {
    for (const person of s.attendance) {
      const marked = await window.api.sessions.attendance({
        sessionId: s.id,
        participantId: person.participantId,
        status: 'present',
        timeIn: null,
        timeOut: null
      })
      if (!marked.ok) throw new Error(marked.error.message)
    }
  }, session)
  await openRunningScreen(page, session.id)
  const audience = await openAudience(page, session.id)
  await audience.setViewportSize({ width: 1366, height: 768 })
  await expect(audience.getByTestId('audience-welcome')).toBeVisible()

  // The opening: three newcomers, each to acknowledge version 1.
  const agreements = page.getByRole('region', { name: 'Group agreements' })
  await expect(agreements).toContainText('Still to acknowledge version 1')
  await expect(agreements.getByText('First session: orientation')).toHaveCount(3)
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  const shown = audience.getByTestId('audience-agreements')
  await expect(shown).toContainText('Our group agreements')
  await expect(shown).toContainText('When staff must share information')
  await expect(agreements.getByText('On the projector')).toBeVisible()
  await expectNothingPrivate(audience, 'agreements')
  await audience.screenshot({ path: testInfo.outputPath('projector-agreements.png') })
  await page.screenshot({ path: testInfo.outputPath('running-opening.png') })

  await clock.advance(3 * MINUTE)
  for (const name of [JORDY, CASEY, MO]) {
    await agreements.getByRole('button', { name: `${name} acknowledged version 1` }).click()
    await expect(
      agreements.getByRole('button', { name: `${name} acknowledged version 1` })
    ).toHaveCount(0)
  }
  await expect(agreements).toContainText('Everyone present has acknowledged version 1.')
  const standing: SessionAgreements = await page.evaluate(async (sessionId) => {
    const result = await window.api.sessions.agreements({ sessionId })
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }, session.id)
  expect(standing.people.map((p) => [p.acknowledgedVersion, p.acknowledgedAt])).toEqual(
    Array(3).fill([1, new Date(SESSION_START + 3 * MINUTE).toISOString()])
  )

  // Check-in: 30 minutes for three people, 10 each.
  await clock.advance(7 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')
  await expect(shown).toHaveCount(0)
  const roundFrame = audience.getByTestId('audience-round')
  await expect(roundFrame).toContainText('Check-in')
  await expect(roundFrame).toContainText('Your mood today, from 0 to 10')
  const round = page.getByRole('region', { name: 'Check-in round' })
  await round.getByRole('button', { name: `Start the round with ${JORDY}` }).click()
  await expect(round.getByTestId('turn-countdown')).toHaveText('10:00')
  await expect(audience.getByTestId('audience-turn-time')).toHaveText('10:00')

  // Jordy's answers in a few keystrokes: 6, Tab, 8, Enter (saved; Casey is called).
  await clock.advance(2 * MINUTE)
  await expect(round.getByTestId('turn-countdown')).toHaveText('8:00')
  const mood = round.getByLabel('Mood (0–10)')
  await expect(mood).toBeFocused()
  await page.keyboard.type('6')
  await page.keyboard.press('Tab')
  await page.keyboard.type('8')
  await page.keyboard.press('Enter')
  await expect(round).toContainText(`${CASEY} has the floor`)
  const flags = round.getByRole('alert')
  await expect(flags).toContainText(`${JORDY}: Cravings 8 of 10`)
  // Jordy spoke 2 of their 10 minutes: the 28 left are shared by the two still to speak.
  await expect(round.getByTestId('turn-countdown')).toHaveText('14:00')
  await expect(audience.getByTestId('audience-turn-time')).toHaveText('14:00')
  await expectNothingPrivate(audience, 'check-in')

  // Casey passes; Mo answers, with a safety concern.
  await round.getByRole('button', { name: `${CASEY} passes` }).click()
  await expect(round).toContainText(`${MO} has the floor`)
  await clock.advance(4 * MINUTE)
  await round.getByLabel('Mood (0–10)').fill('4')
  await round.getByRole('radiogroup', { name: 'Safety concern' }).getByText('Yes').click()
  await page.screenshot({ path: testInfo.outputPath('running-turn.png') })
  await audience.screenshot({ path: testInfo.outputPath('projector-turn.png') })
  await round.getByRole('button', { name: /^Save and end the last turn/ }).click()
  await expect(flags).toContainText(`${MO}: Safety concern`)
  await expect(round.getByRole('button', { name: `Safety steps for ${MO}` })).toBeVisible()
  await expect(round).toContainText('3 of 3 have had their turn')
  await page.screenshot({ path: testInfo.outputPath('running-check-in.png'), fullPage: true })
  await audience.screenshot({ path: testInfo.outputPath('projector-check-in.png') })
  await expectNothingPrivate(audience, 'check-in, flags raised')

  // On through the day to the check-out.
  for (const title of [
    'Educational segment',
    'Break',
    'Skills training',
    'Open group discussion',
    'Check-out'
  ]) {
    await clock.advance(MINUTE)
    await page.locator('body').click({ position: { x: 2, y: 2 } })
    await page.keyboard.press('n')
    await expectCurrent(page, title)
  }
  const checkOut = page.getByRole('region', { name: 'Check-out round' })
  await checkOut.getByRole('button', { name: `Start the round with ${JORDY}` }).click()
  await expect(audience.getByTestId('audience-round')).toContainText(
    'One thing you take away from today'
  )
  // The first answer's field takes the focus, as the mood's did at the check-in.
  await expect(checkOut.getByRole('textbox').first()).toBeFocused()
  await page.keyboard.type(TAKE_AWAY)
  await page.keyboard.press('Tab')
  await page.keyboard.type(COMMITMENT)
  await page.keyboard.press('Enter')
  await expect(checkOut).toContainText(`${CASEY} has the floor`)
  await checkOut.getByRole('button', { name: `${CASEY} passes` }).click()
  await checkOut.getByRole('radiogroup', { name: 'Safety concern' }).getByText('No').click()
  await checkOut.getByRole('button', { name: /^Save and end the last turn/ }).click()
  await expect(checkOut).toContainText('3 of 3 have had their turn')
  await expectNothingPrivate(audience, 'check-out')
  await audience.screenshot({ path: testInfo.outputPath('projector-check-out.png') })

  // What each note will be given.
  const view: SessionView = await page.evaluate(async (sessionId) => {
    const result = await window.api.sessions.get({ sessionId })
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }, session.id)
  const jordyId = view.people.find((p) => p.displayName === JORDY)!.participantId
  const caseyId = view.people.find((p) => p.displayName === CASEY)!.participantId
  expect(roundAnswersFor(view, jordyId).map((r) => r.sentence)).toEqual([
    'Check-in: mood 6 of 10; cravings 8 of 10.',
    `Check-out: take-away: “${TAKE_AWAY}”; commitment until next time: “${COMMITMENT}”.`
  ])
  expect(roundAnswersFor(view, caseyId).map((r) => r.sentence)).toEqual([
    'Check-in: passed.',
    'Check-out: passed.'
  ])
  app.expectNoErrors()
})

test('a change to the agreements in Settings is acknowledged again by everyone', async ({
  app
}, testInfo) => {
  const page = app.page
  await page.setViewportSize({ width: 1366, height: 768 })
  await completeSetup(page)
  // On the real clock, so planned for today: an arrival is recorded on the session's own day.
  const session = await planSessionThroughApi(page, clinicToday())
  // Everyone present acknowledged version 1 at an earlier point of this session.
  await page.evaluate(async (s) => {
    for (const person of s.attendance) {
      const input = { sessionId: s.id, participantId: person.participantId }
      const marked = await window.api.sessions.attendance({
        ...input,
        status: 'present',
        timeIn: null,
        timeOut: null
      })
      if (!marked.ok) throw new Error(marked.error.message)
      const acknowledged = await window.api.sessions.acknowledgeAgreements(input)
      if (!acknowledged.ok) throw new Error(acknowledged.error.message)
    }
  }, session)

  await page.goto(`${new URL(page.url()).origin}/#/settings/agreements`)
  const form = page.getByRole('form', { name: 'Group agreements' })
  await expect(form).toContainText('Version 1, the wording shipped with the app')
  await form
    .getByLabel('Agreement 4: what it asks')
    .fill('Arrive on time, and come back on time after the break.')
  await form.getByRole('button', { name: 'Save the agreements' }).click()
  await expect(page.getByText('Saved as version 2.')).toBeVisible()
  await expect(form).toContainText('Version 2, saved 2026-')
  await form.screenshot({ path: testInfo.outputPath('settings-agreements.png') })

  await openRunningScreen(page, session.id)
  const agreements = page.getByRole('region', { name: 'Group agreements' })
  await expect(agreements).toContainText('Still to acknowledge version 2')
  await expect(agreements.getByText('Changed since version 1')).toHaveCount(3)
  app.expectNoErrors()
})
