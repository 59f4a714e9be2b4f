/**
 * The session as it really runs, in the browser test host: two crises handled
 * from the running screen (each protocol two presses away, none of it on the
 * projector), their follow-ups on Home until closed, a session cancelled and
 * made up, a newcomer registered without leaving the running screen,
 * everyone out at the end, and the day's handouts, one page each.
 */
import { writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { PROTOCOLS } from '../../src/shared/session/protocols'
import { readPdfPages } from '../support/pdf-text'
import { expect, test } from './fixtures'
import {
  completeSetup,
  finishAnimations,
  lockAfterAnHour,
  MINUTE,
  openAudience,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  PASSPHRASE,
  shortName,
  expectTime,
  typeDate
} from './steps'

/** Names, client IDs and every protocol's words: none may reach the projector. */
const PRIVATE = [
  ...ROSTER.flatMap((p) => [p.fullName, ...p.fullName.split(' '), shortName(p), p.clientId]),
  ...Object.values(PROTOCOLS).flatMap((p) => [p.title, p.menuLabel, p.lead, ...p.record]),
  'Follow-up',
  'Risk level'
]

async function expectProjectorPrivate(audience: Page): Promise<void> {
  const text = await audience.locator('body').innerText()
  expect(text.length).toBeGreaterThan(0)
  expect(PRIVATE.filter((term) => text.includes(term))).toEqual([])
}

/** After a long stretch with nobody at the keyboard the screen has locked: the same person returns. */
async function unlock(page: Page): Promise<void> {
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByLabel(/^Passphrase/)).toBeHidden()
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false })
}

test.beforeEach(({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: one clock for the app and the projector')
})

test('two crises in one group: each protocol two presses away, never on the projector, and every follow-up on Home until closed', async ({
  app
}) => {
  test.setTimeout(180_000)
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)
  const audience = await openAudience(page, session.id)
  await page.getByRole('button', { name: 'Start session' }).click()
  await openPeopleTab(page)
  const [jordy, casey] = [shortName(ROSTER[0]!), shortName(ROSTER[1]!)]
  for (const name of [jordy, casey]) {
    const panel = await openPerson(page, name, clock)
    await panel.getByRole('button', { name: 'Arrived', exact: true }).click()
    await expectTime(panel, `Time in for ${name}`, '09:00')
  }
  await clock.advance(20 * MINUTE)

  // First crisis, from the header: press 1 opens the list of crises, press 2 the protocol.
  const medical = PROTOCOLS.medical_emergency
  await page.getByRole('button', { name: 'Crisis protocol' }).click()
  await finishAnimations(clock)
  await page.getByRole('menuitem', { name: medical.menuLabel }).click()
  await finishAnimations(clock)
  let dialog = page.getByRole('dialog', { name: medical.title })
  await expect(dialog).toBeVisible()
  // What matters first is there at once: whom to call, and the steps.
  await expect(dialog.getByRole('list', { name: 'Who to call' })).toContainText('911')
  await expect(dialog.getByText(medical.steps[0]!.text)).toBeVisible()
  await screenshot(page, 'protocol-started')
  await expectProjectorPrivate(audience)

  await dialog.getByLabel('Who is this about?').and(page.locator('input')).click()
  await page.getByRole('option', { name: casey }).click()
  dialog = page.getByRole('dialog', { name: `${medical.title} — ${casey}` })
  await expect(dialog).toBeVisible()
  const call = dialog.getByRole('checkbox', { name: medical.steps[0]!.text })
  await call.click()
  await expect(call).toBeChecked()
  await dialog.getByRole('radio', { name: /^High/ }).click()
  await expect(dialog.getByRole('radio', { name: /^High/ })).toBeChecked()
  await dialog
    .getByLabel('What was said and done')
    .fill('Slumped in the chair, breathing slowly; naloxone given at 9:21')
  await expect(dialog.getByLabel('Follow-up due')).toHaveValue('2026-11-23')
  await screenshot(page, 'protocol-risk-chosen')
  await expectProjectorPrivate(audience)
  await dialog.getByRole('button', { name: 'Finish and create the follow-up' }).click()
  await expect(dialog.getByRole('status')).toContainText('Finished at 09:20, risk high')
  await page.keyboard.press('Escape')
  await finishAnimations(clock)

  // Second crisis, from the person: "Safety concern" asks which crisis (press 1), then opens it (2).
  const threat = PROTOCOLS.harm_to_others
  const jordyPanel = await openPerson(page, jordy, clock)
  await jordyPanel.getByRole('button', { name: 'Safety concern' }).click()
  await finishAnimations(clock)
  await page.getByRole('menuitem', { name: threat.menuLabel }).click()
  await finishAnimations(clock)
  dialog = page.getByRole('dialog', { name: `${threat.title} — ${jordy}` })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('radio', { name: /^Moderate/ }).click()
  // The steps for other levels are set aside; the duty-to-warn decision stays.
  await expect(dialog.getByText(/duty-to-warn or duty-to-protect/)).toBeVisible()
  await expect(dialog.getByText(/call 911, do not try to hold/)).toHaveCount(0)
  await expect(dialog.getByLabel('Follow-up due')).toHaveValue('2026-11-24')
  await expectProjectorPrivate(audience)
  await dialog.getByRole('button', { name: 'Finish and create the follow-up' }).click()
  await expect(dialog.getByRole('status')).toContainText('Finished')
  await page.keyboard.press('Escape')
  await finishAnimations(clock)
  await expect(
    page.getByRole('button', { name: `Finished: ${threat.menuLabel}: ${jordy}` })
  ).toBeVisible()
  await expectProjectorPrivate(audience)

  // Home: both follow-ups, the high risk first; none lost.
  const created = 2
  await page.goto(`${new URL(page.url()).origin}/#/`)
  const table = page.getByRole('table', { name: 'Open follow-ups' })
  await expect(table.getByRole('row')).toHaveCount(created + 1)
  await expect(table.getByRole('row').nth(1)).toContainText(casey)
  await expect(table.getByRole('row').nth(1)).toContainText('High risk')
  await expect(table.getByRole('row').nth(2)).toContainText(jordy)
  await expect(page.getByTestId('overdue-badge')).toHaveCount(0)
  await screenshot(page, 'home-follow-ups')

  // Two days later the one still open is overdue, and stays listed until it is closed.
  await clock.advance(2 * 24 * 60 * MINUTE)
  await unlock(page)
  await page.reload()
  await expect(page.getByTestId('overdue-badge')).toHaveText(/2 overdue/)
  await page.getByRole('button', { name: `Close the follow-up for ${casey}` }).click()
  await finishAnimations(clock)
  const closing = page.getByRole('dialog', { name: `Close the follow-up for ${casey}` })
  await closing.getByLabel('What was done').fill('Discharged from hospital; met with them today')
  await closing.getByRole('button', { name: 'Close the follow-up' }).click()
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table).toContainText(jordy)
  await expect(page.getByTestId('overdue-badge')).toHaveText(/1 overdue/)
  await finishAnimations(clock)
  await screenshot(page, 'home-follow-up-overdue')
  // 0 lost: every follow-up created was listed until closed.
  const open = await page.evaluate(async () => {
    const result = await window.api.followUps.list({ participantId: null })
    return result.ok ? result.value.length : -1
  })
  expect(open).toBe(created - 1)
  app.expectNoErrors()
})

test('a session cancelled and made up; a newcomer registered mid-session; everyone out at the end; the day’s handouts', async ({
  app
}) => {
  test.setTimeout(180_000)
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)

  // Ice on the roads: cancelled before it starts, with the reason.
  await page.getByRole('button', { name: 'Cancel session' }).click()
  await finishAnimations(clock)
  const cancel = page.getByRole('dialog', { name: /Cancel the session of/ })
  await cancel.getByLabel('Why is it cancelled?').and(page.locator('input')).click()
  await page.getByRole('option', { name: 'Weather' }).click()
  await cancel.getByLabel(/A few words/).fill('Ice storm')
  await cancel.getByRole('button', { name: 'Cancel the session' }).click()
  await expect(page.getByRole('status')).toContainText('This session was cancelled')
  await expect(page.getByRole('status')).toContainText('Weather — Ice storm')

  // Its make-up, two days later.
  await page.getByRole('link', { name: 'Plan a make-up session' }).click()
  await expect(page.getByRole('heading', { name: 'Plan a make-up session' })).toBeVisible()
  await expect(page.getByText(/making up for the cancelled session of 2026-11-23/)).toBeVisible()
  await typeDate(page.getByLabel('Date'), '2026-11-25')
  await page.getByRole('button', { name: 'Plan the session' }).click()
  await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible()
  const makeUpUrl = page.url()
  await page.getByRole('link', { name: /Evening Recovery/ }).click()
  const sessions = page.getByRole('table', { name: 'Sessions' })
  const row = (date: string) =>
    sessions.getByRole('row').filter({ has: page.getByRole('link', { name: date, exact: true }) })
  await expect(row('2026-11-23')).toContainText('Cancelled')
  await expect(row('2026-11-23')).toContainText('Weather')
  await expect(row('2026-11-25')).toContainText('Make-up for 2026-11-23')
  await sessions.scrollIntoViewIfNeeded()
  await screenshot(page, 'group-sessions-cancelled')

  // The make-up runs on the 25th.
  await clock.advance(2 * 24 * 60 * MINUTE)
  await unlock(page)
  await page.goto(makeUpUrl)
  await page.getByRole('button', { name: 'Start session' }).click()
  await openPeopleTab(page)
  for (const person of ROSTER.slice(0, 2)) {
    const panel = await openPerson(page, shortName(person), clock)
    await panel.getByRole('button', { name: 'Arrived', exact: true }).click()
    await expectTime(panel, `Time in for ${shortName(person)}`, '09:00')
  }

  // A newcomer walks in, not yet registered: registered, enrolled and present from this screen.
  await clock.advance(15 * MINUTE)
  await page.getByRole('button', { name: 'Register a new walk-in' }).click()
  await finishAnimations(clock)
  const register = page.getByRole('dialog', { name: 'Register a new walk-in' })
  await register.getByLabel('Full name').fill('Riley Newcomer')
  await register.getByLabel('Client ID').fill('C-120')
  await typeDate(register.getByLabel('Date of birth'), '1994-06-30')
  await screenshot(page, 'walk-in-registration')
  await register.getByRole('button', { name: 'Register and mark present' }).click()
  await expect(page.getByRole('button', { name: /^Riley N\. Walk-in Present/ })).toBeVisible()
  await finishAnimations(clock)
  await expect(register).toBeHidden()
  const riley = await openPerson(page, 'Riley N.', clock)
  await expectTime(riley, 'Time in for Riley N.', '09:15')

  // The day's handouts for the three present, in one press.
  const popup = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Print today’s handouts' }).click()
  const printed = await popup
  await expect(printed.locator('section.handout')).toHaveCount(3)
  await expect(printed.locator('body')).toContainText('Name: Riley N.')
  const pdfPath = test.info().outputPath('handouts.pdf')
  await writeFile(pdfPath, await printed.pdf({ preferCSSPageSize: true }))
  await printed.close()
  const pages = (await readPdfPages(pdfPath)).filter((p) => p.trim())
  expect(pages).toHaveLength(3)
  for (const text of pages) expect(text).toContain('Homework: plan three days')

  // Everyone out at the end: the same time out for all still in the room.
  await clock.advance(165 * MINUTE)
  await unlock(page)
  // Locking dropped the screen; unlocking opens it again, on its first tab.
  await openPeopleTab(page)
  await page.getByRole('button', { name: 'Everyone out at end' }).click()
  await finishAnimations(clock)
  await page.getByRole('button', { name: 'Record time out 12:00 for everyone' }).click()
  for (const name of [...ROSTER.slice(0, 2).map(shortName), 'Riley N.']) {
    const panel = await openPerson(page, name, clock)
    await expectTime(panel, `Time out for ${name}`, '12:00')
  }
  app.expectNoErrors()
})

test('every shipped practice assignment prints on one page in large type, name or not', async ({
  app
}) => {
  test.setTimeout(180_000)
  const page = app.page
  await completeSetup(page)
  const modules = await page.evaluate(async () => {
    const list = await window.api.curriculum.list()
    if (!list.ok) throw new Error(list.error.message)
    return list.value.filter((m) => m.hasHomework).map((m) => m.id)
  })
  expect(modules.length).toBeGreaterThanOrEqual(36)
  const printer = await page.context().newPage()
  for (const moduleId of modules) {
    const html = await page.evaluate(async (id) => {
      const result = await window.api.curriculum.printHandout({
        moduleId: id,
        participantName: 'Alexandria Montgomery-Fitzgerald'
      })
      if (!result.ok) throw new Error(result.error.message)
      return result.value.html
    }, moduleId)
    await printer.setContent(html)
    const pdfPath = test.info().outputPath(`${moduleId}.pdf`)
    await writeFile(pdfPath, await printer.pdf({ preferCSSPageSize: true }))
    expect(await readPdfPages(pdfPath), moduleId).toHaveLength(1)
  }
  await printer.close()
  app.expectNoErrors()
})
