/**
 * Home is where every sign-in starts: the clinician's day, and nothing of the
 * screens the previous person had open. One counselor opens a note and locks;
 * a colleague signs in on Home, and Back does not reach the note.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  completeSetup,
  lockAfterAnHour,
  MINUTE,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName,
  typeDate,
  clinicToday,
  currentSegment,
  openRunningScreen
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
  await page
    .getByLabel('Staff member')
    .selectOption({ label: `${COLLEAGUE.fullName}, ${COLLEAGUE.credentials}` })
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
    'Backups and sync',
    'Security'
  ])
  await expect(tabs.getByRole('tab', { name: 'Clinic' })).toHaveAttribute('aria-selected', 'true')
  await tabs.getByRole('tab', { name: 'Clinic' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(tabs.getByRole('tab', { name: 'Staff' })).toHaveAttribute('aria-selected', 'true')
  await expect(page).toHaveURL(/#\/settings\/staff$/)
  await expect(page.getByRole('table', { name: 'Staff' })).toBeVisible()
  await tabs.getByRole('tab', { name: 'Backups and sync' }).click()
  await expect(page).toHaveURL(/#\/settings\/backups$/)
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible()
  // The address opens its tab, and Back returns to the last one.
  await page.goBack()
  await expect(tabs.getByRole('tab', { name: 'Staff' })).toHaveAttribute('aria-selected', 'true')

  // The session settings sit with what they are about, and saving one part leaves the rest.
  await tabs.getByRole('tab', { name: 'Security' }).click()
  const locking = page.getByRole('form', { name: 'Locking and exports' })
  await locking.getByLabel('Lock the app after this many idle minutes').fill('15')
  await locking.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Settings saved: Locking and exports')).toBeVisible()
  await tabs.getByRole('tab', { name: 'Groups' }).click()
  const running = page.getByRole('form', { name: 'Running a session' })
  await running.getByLabel('Wrap-up warning (minutes)').fill('3')
  await running.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Settings saved: Running a session')).toBeVisible()
  await tabs.getByRole('tab', { name: 'Requirements and billing' }).click()
  await expect(
    page
      .getByRole('form', { name: 'Requirements' })
      .getByLabel('Daily minimum of countable minutes')
  ).toBeVisible()
  const saved = await page.evaluate(async () => {
    const settings = await window.api.clinic.sessionSettings()
    if (!settings.ok) throw new Error(settings.error.message)
    return settings.value
  })
  expect(saved).toMatchObject({ lockAfterMinutes: 15, wrapUpMinutes: 3 })
  app.expectNoErrors()
})

test('a CSV file is previewed row by row, and only the rows without a problem are enrolled', async ({
  app
}) => {
  const page = app.page
  await completeSetup(page)
  const groupId = await page.evaluate(async () => {
    const api = window.api
    const me = await api.app.status()
    if (!me.ok) throw new Error(me.error.message)
    const created = await api.groups.create({
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [me.value.signedIn!.id]
    })
    if (!created.ok) throw new Error(created.error.message)
    const casey = await api.participants.create({
      fullName: 'Casey Samplewood',
      preferredName: '',
      clientId: 'C-102',
      dateOfBirth: '1985-02-01',
      admissionDate: '2026-11-02',
      track: 'substance_use',
      status: 'active',
      discharge: null,
      goals: []
    })
    if (!casey.ok) throw new Error(casey.error.message)
    return created.value.id
  })
  await page.goto(`${new URL(page.url()).origin}/#/groups/${groupId}`)
  await page.getByRole('link', { name: 'Enrol a list' }).click()
  await expect(
    page.getByRole('heading', { name: 'Enrol a list in Evening Recovery' })
  ).toBeVisible()
  await typeDate(page.getByLabel('Join date'), '2026-11-23')
  const csv = [
    'Client ID,Name,Date of birth,Preferred name',
    'C-101,Jordan Testperson,1990-04-12,Jordy',
    'C-102,Casey Samplewood,1985-02-01,',
    'C-103,,1988-04-02,',
    'C-104,Alex Placeholder,1992-02-30,',
    'C-105,Riley Example,7/30/1992,'
  ].join('\r\n')
  await page.getByLabel('CSV file to import').setInputFiles({
    name: 'intake.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv)
  })

  // Every row is shown with what is wrong with it before anything is saved.
  const preview = page.getByRole('table', { name: 'Preview of the list' })
  await expect(preview.getByRole('row')).toHaveCount(6)
  await expect(page.getByTestId('enrol-list-summary')).toHaveText(
    '2 ready to enrol · 3 with a problem · 12 open places'
  )
  await expect(preview.getByRole('row', { name: /Casey Samplewood/ })).toContainText(
    'Client ID C-102 is already on file (Casey S.); enrol them from the roster.'
  )
  await expect(preview.getByRole('row', { name: /C-103/ })).toContainText('No name.')
  await expect(preview.getByRole('row', { name: /C-104/ })).toContainText(
    '“1992-02-30” is not a date'
  )
  await expect(preview.getByRole('row', { name: /Riley Example/ })).toContainText('1992-07-30')
  await expect(preview.getByRole('row', { name: /Riley Example/ })).toContainText('Ready')
  // Nothing is saved yet.
  const enrolledBefore = await page.evaluate(async (groupId) => {
    const roster = await window.api.groups.roster({ groupId })
    if (!roster.ok) throw new Error(roster.error.message)
    return roster.value.current.length
  }, groupId)
  expect(enrolledBefore).toBe(0)
  await page.screenshot({ path: test.info().outputPath('enrol-list-preview.png'), fullPage: true })

  await page.getByRole('button', { name: 'Enrol 2 people' }).click()
  await expect(page.getByRole('heading', { name: 'Evening Recovery', level: 1 })).toBeVisible()
  const current = page.getByRole('table', { name: 'Current roster' })
  await expect(current).toContainText('Jordy T.')
  await expect(current).toContainText('Riley E.')
  await expect(current).not.toContainText('Casey')
  await expect(current.getByRole('row')).toHaveCount(3)
  app.expectNoErrors()
})

test('Ctrl+K finds a participant, a group and a page; “?” lists every keyboard shortcut', async ({
  app
}) => {
  const page = app.page
  await completeSetup(page)
  const session = await planSessionThroughApi(page, clinicToday())
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Welcome, Robin' })).toBeVisible()

  // A participant by client ID, from the keyboard alone.
  await page.keyboard.press('Control+k')
  const find = page.getByLabel('Find anything')
  await expect(find).toBeFocused()
  await find.fill('C-103')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/participants\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mo F.')

  // A group by part of its name. The Find box closed first: Ctrl+K while it is still open
  // would close it.
  await expect(find).toBeHidden()
  await page.keyboard.press('Control+k')
  await expect(find).toBeFocused()
  await find.fill('evening')
  await page.getByRole('button', { name: /^Evening Recovery\s*Group/ }).click()
  await expect(page.getByRole('heading', { name: 'Evening Recovery', level: 1 })).toBeVisible()

  // A page: a Settings tab.
  await expect(find).toBeHidden()
  await page.keyboard.press('Control+k')
  await expect(find).toBeFocused()
  await find.fill('settings: staff')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/settings\/staff$/)
  await expect(find).toBeHidden()

  // "?" shows every shortcut, the running screen's too.
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  for (const what of ['Find a participant', 'Lock the screen now', 'Next slide', 'Next segment']) {
    await expect(help).toContainText(what)
  }
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()

  // The running screen has no menu, but Ctrl+K works there too; typing in the box moves
  // nothing on ("n" is the next segment's key outside it).
  await openRunningScreen(page, session.id)
  await page.getByRole('button', { name: 'Start session' }).click()
  await expect(currentSegment(page).getByRole('heading', { level: 2 })).toHaveText(
    'Arrival, sign-in and brief measures'
  )
  await page.keyboard.press('Control+k')
  await expect(find).toBeFocused()
  await find.fill('Jordan')
  await expect(currentSegment(page).getByRole('heading', { level: 2 })).toHaveText(
    'Arrival, sign-in and brief measures'
  )
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/participants\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jordy T.')

  // And back to the group from anywhere: the box offers the running session.
  await expect(find).toBeHidden()
  await page.keyboard.press('Control+k')
  await expect(find).toBeFocused()
  await find.fill('return')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/sessions/${session.id}$`))
  await expect(currentSegment(page)).toBeVisible()
  // Its own list of keys names the ones that work everywhere, Find among them.
  await expect(find).toBeHidden()
  await page.keyboard.press('?')
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(keys).toContainText('Next segment')
  await expect(keys).toContainText('Find a participant, group, notes or a page')
  app.expectNoErrors()
})
