/**
 * Steps the session specs share: a clinic set up through the screens, then a
 * group, its roster and a planned session made through the app's own
 * `window.api` (the same calls the screens make), so each spec spends its
 * time on what it is about.
 */
import type { Locator, Page } from '@playwright/test'
import type { SegmentInput } from '../../src/shared/domain/session'
import type { SessionView } from '../../src/shared/ipc/contract'
import { defaultAgenda } from '../../src/shared/session/default-agenda'
import { expect, type AppClock } from './fixtures'

export const PASSPHRASE = 'maple kettle harbor'
/** Monday 23 November 2026, 9:00 in Chicago. */
export const SESSION_START = Date.parse('2026-11-23T15:00:00Z')
export const MINUTE = 60_000

/** Synthetic people; their names must never reach the projector. */
export const ROSTER = [
  { fullName: 'Jordan Testperson', preferredName: 'Jordy', clientId: 'C-101' },
  { fullName: 'Casey Samplewood', preferredName: '', clientId: 'C-102' },
  { fullName: 'Morgan Fictional', preferredName: 'Mo', clientId: 'C-103' }
]

/** Sets up the clinic through the screens; answers the recovery key it showed, once. */
export async function completeSetup(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
  await page.getByLabel('Clinic name').fill('Riverside Recovery Center')
  await page
    .getByLabel(/^Time zone/)
    .and(page.locator('input'))
    .fill('America/Chicago')
  await page.getByRole('option', { name: 'America/Chicago' }).click()
  // The specs read 24-hour times, whatever this computer's language would have chosen.
  await page.getByRole('radio', { name: /^24-hour/ }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByLabel('Full name').fill('Robin Okafor')
  await page
    .getByLabel(/^Credentials/)
    .and(page.locator('input'))
    .fill('LPC')
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE)
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Finish setup' }).click()
  const recoveryKey = await keepRecoveryKey(page)
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
  return recoveryKey
}

/**
 * The recovery key, shown once: kept as a person keeps it, by typing back the
 * group setup asks for from their copy (a wrong group is refused first).
 * Returns the key.
 */
export async function keepRecoveryKey(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Your clinic’s recovery key' })).toBeVisible()
  await expect(page.getByTestId('recovery-key')).toHaveText(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/)
  const recoveryKey = (await page.getByTestId('recovery-key').textContent()) ?? ''
  const question = /^From your printed or written copy, type group (\d+) of 14$/
  const typeBack = page.getByLabel(question)
  const label = (await page.locator('label').filter({ hasText: question }).textContent()) ?? ''
  const asked = Number(question.exec(label)?.[1])
  await typeBack.fill('ABC')
  await page.getByRole('button', { name: 'Open the app' }).click()
  await expect(typeBack).toHaveAccessibleDescription(new RegExp(`That is not group ${asked}`))
  await typeBack.fill(recoveryKey.split('-')[asked - 1]!.toLowerCase())
  await page.getByRole('button', { name: 'Open the app' }).click()
  return recoveryKey
}

/**
 * Sets the automatic lock to an hour, through the app's API as Settings does:
 * for specs about something else that let the shared clock run for long
 * stretches with nobody at the keyboard (lock.spec.ts is about the lock).
 */
export async function lockAfterAnHour(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const current = await window.api.clinic.sessionSettings()
    if (!current.ok) throw new Error(current.error.message)
    const saved = await window.api.clinic.updateSessionSettings({
      ...current.value,
      lockAfterMinutes: 60
    })
    if (!saved.ok) throw new Error(saved.error.message)
  })
  // The setting is read when the app opens a signed-in screen.
  await page.reload()
}

export async function signIn(page: Page): Promise<void> {
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
}

/**
 * The day these specs time, minute by minute: 180 minutes (education and
 * skills 45 each, discussion 25, a 15-minute break), with the educational and
 * skills segments taking the shipped week-1 modules. Fixed here so the specs'
 * arithmetic does not follow changes to the app's default agenda.
 */
const SPEC_MINUTES: Partial<Record<SegmentInput['kind'], number>> = {
  educational: 45,
  skills: 45,
  discussion: 25
}

export function agendaWithModules(): SegmentInput[] {
  return defaultAgenda().map((s) => {
    const timed = { ...s, plannedMinutes: SPEC_MINUTES[s.kind] ?? s.plannedMinutes }
    return s.kind === 'educational'
      ? { ...timed, moduleId: 'edu-01-brain' }
      : s.kind === 'skills'
        ? { ...timed, moduleId: 'skl-01-daily-schedule' }
        : timed
  })
}

/**
 * A group with the roster enrolled and a session planned for Monday 23 November
 * 2026, or for `date`; answers the session.
 */
export async function planSessionThroughApi(page: Page, date = '2026-11-23'): Promise<SessionView> {
  return page.evaluate(
    async ({ roster, segments, date }) => {
      const need = <T>(
        result: { ok: true; value: T } | { ok: false; error: { message: string } }
      ) => {
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const api = window.api
      const me = need(await api.app.status()).signedIn!
      const group = need(
        await api.groups.create({
          name: 'Evening Recovery',
          track: 'substance_use',
          admission: 'open',
          meetingDays: ['mon', 'wed', 'thu'],
          startTime: '09:00',
          defaultMinutes: 180,
          capacity: 12,
          facilitatorIds: [me.id]
        })
      )
      for (const person of roster) {
        const created = need(
          await api.participants.create({
            ...person,
            dateOfBirth: '1990-04-12',
            admissionDate: '2026-11-02',
            track: 'substance_use',
            status: 'active',
            discharge: null,
            goals: []
          })
        )
        need(
          await api.enrollments.create({
            groupId: group.id,
            participantId: created.id,
            joinDate: '2026-11-02'
          })
        )
      }
      return need(
        await api.sessions.plan({
          groupId: group.id,
          date,
          facilitatorIds: [me.id],
          segments
        })
      )
    },
    { roster: ROSTER, segments: agendaWithModules(), date }
  )
}

/** Today in Chicago, the clinic's time zone, on the real clock (a test that does not pause it). */
export function clinicToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(Date.now())
}

/**
 * Types a date into one of the app's date fields (YYYY-MM-DD, as it shows
 * them), then moves on with Tab as a person would, which closes the calendar
 * that opened under the field.
 */
export async function typeDate(field: Locator, date: string): Promise<void> {
  await field.fill(date)
  await field.press('Tab')
  await expect(field).toHaveValue(date)
}

/**
 * A time field read as a person reads it: the hour and minutes boxes of the
 * field labelled `label` (24-hour clinics, as the specs set up).
 */
export async function expectTime(
  scope: Page | Locator,
  label: string,
  hhmm: string
): Promise<void> {
  const [hour, minutes] = hhmm.split(':') as [string, string]
  await expect(scope.getByRole('spinbutton', { name: `${label}, hour`, exact: true })).toHaveValue(
    hour
  )
  await expect(
    scope.getByRole('spinbutton', { name: `${label}, minutes`, exact: true })
  ).toHaveValue(minutes)
}

export function currentSegment(page: Page) {
  return page.getByRole('region', { name: 'Current segment' })
}

/** Waits until the running screen shows `title` as the current segment. */
export async function expectCurrent(page: Page, title: string): Promise<void> {
  await expect(currentSegment(page).getByRole('heading', { level: 2 })).toHaveText(title)
}

/** What the running screen calls a person: the preferred (or first) name and the last initial. */
export function shortName(person: { fullName: string; preferredName: string }): string {
  const parts = person.fullName.split(' ')
  const first = person.preferredName || parts[0]!
  return `${first} ${parts[parts.length - 1]![0]}.`
}

/** The running screen of a session, from the app's own origin. */
export async function openRunningScreen(page: Page, sessionId: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/sessions/${sessionId}`)
}

/** The projector's address for a session: the app's own origin, so it shares the host. */
export function audienceUrl(page: Page, sessionId: string): string {
  return `${new URL(page.url()).origin}/#/audience/${sessionId}`
}

/**
 * The projector's page, opened beside the app's page in the same browser
 * context: it shares the test's clock and the host's session.
 */
export async function openAudience(page: Page, sessionId: string): Promise<Page> {
  const audience = await page.context().newPage()
  await audience.goto(audienceUrl(page, sessionId))
  return audience
}

/**
 * Where a spec about a running session begins: the clinic set up, the lock at an hour, a
 * session planned for Monday 23 November 2026, the clock held at its start and its running
 * screen open (not yet started). Answers the session.
 */
export async function openPlannedSession(page: Page, clock: AppClock): Promise<SessionView> {
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planSessionThroughApi(page)
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)
  return session
}

/**
 * Starts the session on its running screen and moves on to the educational
 * segment on time (10 minutes of arrival, 30 of check-in), confirming each
 * change on screen before the clock moves.
 */
export async function startAndReachEducational(page: Page, clock: AppClock): Promise<void> {
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  await clock.advance(10 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')
  await clock.advance(30 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')
}

/** Ends the running session, answering the app's own confirmation (never a native dialog). */
export async function endSession(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'End session' }).click()
  const confirm = page.getByRole('dialog', { name: 'End the session now?' })
  await expect(confirm).toContainText('cannot be undone')
  await confirm.getByRole('button', { name: 'End the session' }).click()
  await expect(confirm).toHaveCount(0)
}

/**
 * Answers the last question before a signature, which reads the note back and
 * says it cannot be edited afterwards; returns what it read back.
 */
export async function confirmSignature(
  page: Page,
  kind: 'sign' | 'cosign' = 'sign'
): Promise<string> {
  const dialog = page.getByRole('dialog', {
    name: kind === 'sign' ? 'Sign this note?' : 'Co-sign this note?'
  })
  await expect(dialog).toContainText('cannot be edited afterwards, only corrected by an addendum')
  const summary = (await dialog.getByTestId('sign-summary').textContent()) ?? ''
  await dialog
    .getByRole('button', { name: kind === 'sign' ? 'Sign and lock the note' : 'Co-sign the note' })
    .click()
  await expect(dialog).toHaveCount(0)
  return summary
}

/** Opens the People tab of the running screen. */
export async function openPeopleTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^People/ }).click()
  await expect(page.getByRole('tab', { name: /^People/ })).toHaveAttribute('aria-selected', 'true')
}

/**
 * Lets the screen's animations finish under the paused clock: Mantine's
 * accordions and modals move on animation frames and a 200 ms timer, which
 * fire only when the clock moves. Moves the shared clock 16 frames (256 ms);
 * use `advanceTo` before reading a figure that counts seconds.
 */
export async function finishAnimations(clock: AppClock): Promise<void> {
  for (let frame = 0; frame < 16; frame++) await clock.advance(16)
}

/** Moves the shared clock on to `time` (ms since the epoch), wherever it stands now. */
export async function advanceTo(clock: AppClock, time: number): Promise<void> {
  const ms = time - clock.now()
  if (ms < 0) throw new Error(`The clock is already ${-ms} ms past the time asked for.`)
  await clock.advance(ms)
}

/** A person's row in the People tab: their name, what the row shows, then what it opens. */
export function personLabel(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped}( .*)?: attendance and observations$`)
}

/**
 * Expands one person's item in the People tab; answers its panel. Under a
 * paused clock, pass it: it is moved on so that the panel's animation runs.
 */
export async function openPerson(
  page: Page,
  name: string,
  clock: AppClock | null
): Promise<Locator> {
  const label = personLabel(name)
  const control = page.getByRole('button', { name: label })
  if ((await control.getAttribute('aria-expanded')) !== 'true') {
    await control.click()
    if (clock) await finishAnimations(clock)
  }
  await expect(control).toHaveAttribute('aria-expanded', 'true')
  const panel = page.getByRole('region', { name: label })
  await expect(panel).toBeVisible()
  return panel
}

export { sevenZip } from '../support/seven-zip'

/** A counselor-in-training and a supervisor, as the notes and consent specs add them. */
export const TRAINEE = {
  fullName: 'Sam Rivera',
  credentials: 'CADC-T',
  passphrase: 'paper boat morning'
}
export const SUPERVISOR = {
  fullName: 'Dana Whitfield',
  credentials: 'LCSW',
  passphrase: 'quiet river lantern'
}

/** Signs out and in again as someone else, through the sign-in screen. */
export async function signInAs(
  page: Page,
  clock: AppClock,
  person: { fullName: string; credentials: string; passphrase: string }
): Promise<void> {
  // Any "signed" notice closes on its own after a few seconds.
  await clock.advance(5_000)
  await finishAnimations(clock)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page
    .getByLabel('Staff member')
    .selectOption({ label: `${person.fullName}, ${person.credentials}` })
  await page.getByLabel(/^Passphrase/).fill(person.passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText(`Signed in: ${person.fullName}, ${person.credentials}`)).toBeVisible()
}
