/**
 * Home is where every sign-in starts: the clinician's day, and nothing of the
 * screens the previous person had open. One counselor opens a note and locks;
 * a colleague signs in on Home, and Back does not reach the note.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  completeSetup,
  finishAnimations,
  lockAfterAnHour,
  MINUTE,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName
} from './steps'

const COLLEAGUE = {
  fullName: 'Dana Whitfield',
  credentials: 'LCSW',
  passphrase: 'quiet river lantern'
}

/** Jordy was present; the group ran a minute and ended, so Jordy's note is owed. */
async function endWithJordyPresent(page: Page, sessionId: string, advance: () => Promise<void>) {
  await page.evaluate(
    async ({ sessionId, colleague }) => {
      const need = <T>(
        result: { ok: true; value: T } | { ok: false; error: { message: string } }
      ) => {
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const api = window.api
      need(await api.staff.create({ ...colleague, role: 'counselor', isAdmin: false }))
      const session = need(await api.sessions.get({ sessionId }))
      need(
        await api.sessions.attendance({
          sessionId,
          participantId: session.people[0]!.participantId,
          status: 'present',
          timeIn: null,
          timeOut: null
        })
      )
      need(await api.sessions.act({ sessionId, action: { type: 'start' } }))
    },
    { sessionId, colleague: COLLEAGUE }
  )
  await advance()
  await page.evaluate(async (sessionId) => {
    const ended = await window.api.sessions.act({ sessionId, action: { type: 'end' } })
    if (!ended.ok) throw new Error(ended.error.message)
  }, sessionId)
}

test('after a lock, the next person signs in on Home and Back does not reach the last person’s note', async ({
  app
}) => {
  test.skip(app.clock === null, 'Needs the test host: the shared clock runs the session')
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  await clock.pauseAt(SESSION_START)
  const session = await planSessionThroughApi(page)
  await endWithJordyPresent(page, session.id, () => clock.advance(20 * MINUTE))
  const jordy = shortName(ROSTER[0]!)

  // Robin opens Jordy's note from Home, looks at the notes list, and opens it again from there.
  const main = page.getByRole('main')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click()
  const notesCard = page.getByRole('region', { name: 'Notes to write and sign' })
  await expect(notesCard).toContainText('1 unsigned')
  await notesCard.getByRole('link', { name: /^Evening Recovery · 2026-11-23/ }).click()
  await expect(main.getByRole('heading', { level: 2, name: jordy })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click()
  await page
    .getByRole('table', { name: 'Notes by session' })
    .getByRole('link', { name: /Evening Recovery/ })
    .click()
  await expect(main.getByRole('heading', { level: 2, name: jordy })).toBeVisible()
  expect(page.url()).toContain(`/sessions/${session.id}/notes`)

  // Robin locks; Dana signs Robin out and signs in.
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out instead' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Staff member').and(page.locator('input')).click()
  await finishAnimations(clock)
  await page
    .getByRole('option', { name: `${COLLEAGUE.fullName}, ${COLLEAGUE.credentials}` })
    .click()
  await page.getByLabel(/^Passphrase/).fill(COLLEAGUE.passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()

  // Dana is on Home, not on Robin's note.
  await expect(page.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()
  expect(new URL(page.url()).hash).toBe('#/')
  await expect(page.getByRole('heading', { level: 2, name: jordy })).toHaveCount(0)

  // Back does not walk into Robin's screens: the notes list, then the note, each give Home.
  for (const step of ['the notes list', 'the note']) {
    await page.goBack()
    await expect(page.getByRole('heading', { name: 'Welcome, Dana' }), step).toBeVisible()
    expect(page.url(), step).not.toContain('/notes')
    await expect(main.getByRole('heading', { level: 2, name: jordy })).toHaveCount(0)
  }
  app.expectNoErrors()
})

test('Settings is split into tabs, each with its own address, moved through with the arrow keys', async ({
  app
}) => {
  const page = app.page
  await completeSetup(page)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click()
  const tabs = page.getByRole('tablist', { name: 'Settings' })
  await expect(tabs.getByRole('tab')).toHaveText([
    'Clinic',
    'Staff',
    'Groups',
    'Agreements',
    'Requirements and billing',
    'Backups',
    'Sync',
    'Security'
  ])
  await expect(tabs.getByRole('tab', { name: 'Clinic' })).toHaveAttribute('aria-selected', 'true')
  await tabs.getByRole('tab', { name: 'Clinic' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(tabs.getByRole('tab', { name: 'Staff' })).toHaveAttribute('aria-selected', 'true')
  await expect(page).toHaveURL(/#\/settings\/staff$/)
  await expect(page.getByRole('table', { name: 'Staff' })).toBeVisible()
  await tabs.getByRole('tab', { name: 'Backups' }).click()
  await expect(page).toHaveURL(/#\/settings\/backups$/)
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible()
  // The address opens its tab, and Back returns to the last one.
  await page.goBack()
  await expect(tabs.getByRole('tab', { name: 'Staff' })).toHaveAttribute('aria-selected', 'true')
  app.expectNoErrors()
})
