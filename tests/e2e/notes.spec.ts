/**
 * Progress notes after a short group: three on the roster, one absent. The
 * counselor writes the group part once and Jordy's note, which starts from
 * what was observed and cannot be signed until risk is assessed; a counselor-in-
 * training signs Mo's note, which waits for a supervisor's co-signature;
 * an addendum corrects a signed note; the session's notes are printed to
 * PDF in Chromium from the same HTML Electron prints, and PDF.js reads
 * back the Part 2 notice, the signature blocks and the addendum.
 * A signed note cannot be changed through the API.
 */
import { writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { SegmentInput } from '../../src/shared/domain/session'
import type { SessionView } from '../../src/shared/ipc/contract'
import { readPdfPages } from '../support/pdf-text'
import { expect, test, type AppClock } from './fixtures'
import {
  completeSetup,
  lockAfterAnHour,
  expectCurrent,
  finishAnimations,
  MINUTE,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  personLabel,
  ROSTER,
  SESSION_START,
  shortName,
  endSession,
  confirmSignature,
  signInAs,
  SUPERVISOR,
  TRAINEE
} from './steps'

const GOAL = 'Attend every group session this month'
const ADDENDUM = 'Correction: Jordy arrived by bus, not by car; transport plan unchanged.'

/** A twenty-minute group: arrival, a short educational segment with a module, check-out. */
const SHORT_AGENDA: SegmentInput[] = [
  {
    id: 'arrival',
    kind: 'arrival',
    title: 'Arrival',
    plannedMinutes: 5,
    countable: true,
    moduleId: null
  },
  {
    id: 'education',
    kind: 'educational',
    title: 'Educational segment',
    plannedMinutes: 10,
    countable: true,
    moduleId: 'edu-01-brain'
  },
  {
    id: 'check-out',
    kind: 'check_out',
    title: 'Check-out',
    plannedMinutes: 5,
    countable: true,
    moduleId: null
  }
]

/** Staff, a group with the roster (Jordan with a treatment-plan goal) and a short session. */
async function planShortSession(page: Page): Promise<SessionView> {
  return page.evaluate(
    async ({ roster, segments, staff, goal }) => {
      const need = <T>(
        result: { ok: true; value: T } | { ok: false; error: { message: string } }
      ) => {
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const api = window.api
      const me = need(await api.app.status()).signedIn!
      const made = []
      for (const person of staff) {
        made.push(need(await api.staff.create({ ...person, isAdmin: false })))
      }
      const group = need(
        await api.groups.create({
          name: 'Evening Recovery',
          track: 'substance_use',
          admission: 'open',
          meetingDays: ['mon', 'wed', 'thu'],
          startTime: '09:00',
          defaultMinutes: 180,
          capacity: 12,
          facilitatorIds: [me.id, made[0]!.id]
        })
      )
      for (const [i, person] of roster.entries()) {
        const created = need(
          await api.participants.create({
            ...person,
            dateOfBirth: '1990-04-12',
            admissionDate: '2026-11-02',
            track: 'substance_use',
            status: 'active',
            discharge: null,
            goals: i === 0 ? [{ id: 'goal-attend', text: goal, status: 'in_progress' }] : []
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
          date: '2026-11-23',
          facilitatorIds: [me.id, made[0]!.id],
          segments
        })
      )
    },
    {
      roster: ROSTER,
      segments: SHORT_AGENDA,
      goal: GOAL,
      staff: [
        { ...TRAINEE, role: 'counselor_in_training' as const },
        { ...SUPERVISOR, role: 'supervisor' as const }
      ]
    }
  )
}

/** Lets the autosave's pause after typing pass, and waits for the editor to say it is saved. */
async function letAutosaveRun(page: Page, clock: AppClock): Promise<void> {
  await clock.advance(1_000)
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved')
}

test('notes are written, signed, co-signed, corrected by addendum and printed', async ({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: Playwright prints the PDF in Chromium')
  // A whole afternoon's paperwork: a session, three sign-ins, two notes, a PDF read back.
  test.setTimeout(120_000)
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const session = await planShortSession(page)
  const [jordy, casey, mo] = ROSTER.map(shortName) as [string, string, string]

  // The group: Jordy and Mo arrive, Casey is excused; twenty minutes later it ends.
  await clock.pauseAt(SESSION_START)
  await openRunningScreen(page, session.id)
  await page.getByRole('button', { name: 'Start session' }).click()
  await openPeopleTab(page)
  for (const name of [jordy, mo]) {
    const panel = await openPerson(page, name, clock)
    await panel.getByRole('button', { name: 'Arrived', exact: true }).click()
    await expect(page.getByRole('button', { name: personLabel(name) })).toContainText('Present')
  }
  const caseyPanel = await openPerson(page, casey, clock)
  await caseyPanel.getByRole('button', { name: 'Absent (excused)' }).click()
  const jordyPanel = await openPerson(page, jordy, clock)
  await jordyPanel.getByRole('button', { name: 'Shared in check-in' }).click()
  await expect(jordyPanel.getByRole('list', { name: `Observations of ${jordy}` })).toContainText(
    'Shared in check-in'
  )
  await clock.advance(5 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')
  await clock.advance(10 * MINUTE)
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-out')
  await clock.advance(5 * MINUTE)
  await endSession(page)
  await page.getByRole('link', { name: 'Write the notes' }).click()

  // The notes of the session: only those present are owed a note; the facts come from the record.
  await expect(page.getByRole('heading', { name: /^Notes · Evening Recovery/ })).toBeVisible()
  const people = page.getByRole('navigation', { name: 'Participants' })
  await expect(people.getByRole('button')).toHaveText([
    new RegExp(`^${jordy}`),
    new RegExp(`^${mo}`)
  ])
  await expect(page.getByTestId('group-facts')).toHaveText(
    '2026-11-23 · 09:00 to 09:20 · 20 minutes · 2 present'
  )

  // The group part, once for everyone, saved as it is typed.
  const groupPart = page.getByRole('region', { name: 'Group part', exact: true })
  await expect(groupPart.getByLabel('Topics and curriculum modules')).toHaveValue(
    /How substance use changes the brain/
  )
  await groupPart
    .getByLabel('Interventions used')
    .fill('Psychoeducation with slides; motivational interviewing in the round.')
  await groupPart.getByLabel('Group dynamics').fill('Engaged, supportive; two members present.')
  await clock.advance(1_000)
  await expect(page.getByTestId('group-save-state')).toHaveText('Group part saved')

  // Jordy's note (DAP): facts prefilled, a goal ticked, signed by the counselor.
  const editor = page.getByRole('main')
  await expect(editor.getByRole('heading', { level: 2, name: jordy })).toBeVisible()
  const facts = editor.getByTestId('note-facts')
  await expect(facts).toContainText(
    'Attendance: Present · in 09:00 · out 09:20 · 20 countable minutes'
  )
  await expect(facts).toContainText('Observed in session: 09:00 Shared in check-in')
  // The note starts from what happened; the risk level starts unchosen.
  await expect(editor.getByLabel('Data', { exact: true })).toHaveValue(
    'Observed in session: Shared in check-in (09:00).'
  )
  await expect(editor.getByRole('radio', { name: 'None identified' })).not.toBeChecked()
  await expect(editor.getByTestId('still-to-write')).toHaveText(
    'Still to write before signing: Assessment, Plan, Risk level.'
  )
  await page.screenshot({ path: test.info().outputPath('note-editor.png'), fullPage: true })
  await editor
    .getByLabel('Data', { exact: true })
    .fill('Described a week of steady attendance and one strong craving on Saturday.')
  await editor
    .getByLabel('Assessment', { exact: true })
    .fill('Uses urge surfing; motivation remains high.')
  await editor.getByLabel('Plan', { exact: true }).fill('Continue three days a week.')
  await editor.getByLabel(`Addressed: ${GOAL}`).check()
  await editor.getByLabel(`Progress on: ${GOAL}`).fill('Attended all four sessions so far.')
  await letAutosaveRun(page, clock)
  // Risk is assessed, never assumed: signing waits until a level is chosen.
  await editor.getByRole('button', { name: 'Sign note' }).click()
  await finishAnimations(clock)
  const blocked = page.getByRole('dialog', { name: 'Before you sign' })
  await expect(blocked.getByRole('alert')).toContainText('The risk level has not been chosen')
  await expect(blocked.getByRole('button', { name: 'Sign anyway' })).toHaveCount(0)
  await blocked.getByRole('button', { name: 'Go back and change the note' }).click()
  await finishAnimations(clock)
  await editor.getByRole('radio', { name: 'None identified' }).check()
  await expect(editor.getByTestId('still-to-write')).toHaveCount(0)
  await letAutosaveRun(page, clock)
  await editor.getByRole('button', { name: 'Sign note' }).click()
  // Asked once more, with the note read back: who, which session, each part, risk, measures.
  await expect(page.getByRole('dialog', { name: 'Sign this note?' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('sign-confirm.png') })
  const readBack = await confirmSignature(page)
  expect(readBack).toContain(`Participant: ${shortName(ROSTER[0]!)} (C-101)`)
  expect(readBack).toContain('Session: 2026-11-23')
  expect(readBack).toContain('Assessment: Uses urge surfing; motivation remains high.')
  expect(readBack).toContain('Risk: None identified')
  expect(readBack).toContain('Measures:')
  await expect(editor.getByText('Signed and locked')).toBeVisible()
  // The signed view holds the whole record: facilitators, goals, risk and the signature.
  await expect(editor.getByTestId('facilitators')).toHaveText(
    'Facilitators: Robin Okafor, LPC; Sam Rivera, CADC-T'
  )
  await expect(editor.getByTestId('signed-goals')).toContainText(
    `${GOAL} (Addressed) — Attended all four sessions so far.`
  )
  await expect(editor.getByTestId('signed-risk')).toHaveText('Risk: None identified')
  await expect(editor.getByTestId('signature')).toHaveText(
    /^Electronically signed by Robin Okafor, LPC on 2026-11-23 09:2\d$/
  )
  // The first signature locks the group part.
  await expect(groupPart.getByLabel('Group dynamics')).toHaveAttribute('readonly', '')
  await expect(groupPart).toContainText('this part is locked')
  // It appears, read-only, inside the signed note.
  await expect(editor.getByRole('region', { name: 'Group part, read-only' })).toContainText(
    'Interventions: Psychoeducation with slides'
  )

  // One key press moves to the next participant.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press(']')
  await expect(editor.getByRole('heading', { level: 2, name: mo })).toBeVisible()

  // The trainee writes Mo's note, names a peer by mistake, and is warned before signing.
  await signInAs(page, clock, TRAINEE)
  await page.goto(`${new URL(page.url()).origin}/#/sessions/${session.id}/notes`)
  await page
    .getByRole('navigation', { name: 'Participants' })
    .getByRole('button', { name: new RegExp(`^${mo}`) })
    .click()
  await expect(editor.getByRole('heading', { level: 2, name: mo })).toBeVisible()
  await editor
    .getByLabel('Data', { exact: true })
    .fill('Spoke about sleep after a night shift and agreed with Jordan about routines.')
  await editor.getByLabel('Assessment', { exact: true }).fill('Tired but engaged; no new risk.')
  await editor.getByLabel('Plan', { exact: true }).fill('Sleep log before Wednesday.')
  await editor.getByRole('radio', { name: 'None identified' }).check()
  // The peer's name is marked where it was typed, before any signing.
  const marks = editor.getByRole('group', { name: 'Possible names in the field above' })
  await expect(marks.getByLabel('possible name: Jordan')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('name-marks.png'), fullPage: true })
  await letAutosaveRun(page, clock)
  await editor.getByRole('button', { name: 'Sign note' }).click()
  await finishAnimations(clock)
  const warnings = page.getByRole('dialog', { name: 'Before you sign' })
  await expect(warnings).toContainText('Jordan')
  await expect(warnings.getByRole('button', { name: 'Sign anyway' })).toBeDisabled()
  await page.screenshot({ path: test.info().outputPath('sign-warnings.png') })
  await warnings.getByRole('button', { name: 'Go back and change the note' }).click()
  await finishAnimations(clock)
  await editor
    .getByLabel('Data', { exact: true })
    .fill('Spoke about sleep after a night shift and agreed with a peer about routines.')
  await expect(marks).toHaveCount(0)
  await letAutosaveRun(page, clock)
  await editor.getByRole('button', { name: 'Sign note' }).click()
  await confirmSignature(page)
  await expect(editor.getByText('Awaiting co-signature', { exact: true }).first()).toBeVisible()

  // The supervisor co-signs it.
  await signInAs(page, clock, SUPERVISOR)
  await page.goto(`${new URL(page.url()).origin}/#/notes`)
  await page
    .getByRole('radiogroup', { name: 'Whose sessions' })
    .getByText('All groups', { exact: true })
    .click()
  await expect(page.getByRole('radio', { name: 'All groups' })).toBeChecked()
  const row = page.getByRole('row').filter({ hasText: 'Evening Recovery' })
  await expect(row.getByRole('cell')).toContainText(['', '', '0', '0', '1', '1'])
  await row.getByRole('link').click()
  await page
    .getByRole('navigation', { name: 'Participants' })
    .getByRole('button', { name: new RegExp(`^${mo}`) })
    .click()
  await editor.getByRole('button', { name: 'Co-sign as supervisor' }).click()
  expect(await confirmSignature(page, 'cosign')).toContain(`Participant: ${mo}`)
  await expect(editor.getByText('Signed and locked')).toBeVisible()
  await expect(editor.getByText(/^Co-signed by Dana Whitfield, LCSW on 2026-11-23/)).toBeVisible()

  // A correction to Jordy's signed note, only by addendum.
  await page
    .getByRole('navigation', { name: 'Participants' })
    .getByRole('button', { name: new RegExp(`^${jordy}`) })
    .click()
  await editor.getByLabel(/^Add an addendum/).fill(ADDENDUM)
  await editor.getByRole('button', { name: 'Sign and add the addendum' }).click()
  await expect(editor.getByText(ADDENDUM)).toBeVisible()
  await expect(editor.getByText(/^Addendum — Dana Whitfield, LCSW/)).toBeVisible()
  await expect(editor.getByText('Described a week of steady attendance')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('signed-note.png'), fullPage: true })

  // A signed note cannot be changed by any path: the API refuses, and nothing changes.
  const refused = await page.evaluate(async (sessionId) => {
    const notes = await window.api.notes.session({ sessionId })
    if (!notes.ok) throw new Error(notes.error.message)
    const signed = notes.value.participants.find((p) => p.note?.state === 'signed')!.note!
    const attempt = await window.api.notes.saveDraft({
      sessionId,
      participantId: signed.participantId,
      baseRevision: signed.revision,
      body: { ...signed.body, sections: { ...signed.body.sections, data: 'Rewritten later.' } }
    })
    const after = await window.api.notes.session({ sessionId })
    return {
      attempt,
      data: after.ok
        ? after.value.participants.find((p) => p.participantId === signed.participantId)!.note!.body
            .sections.data
        : null
    }
  }, session.id)
  expect(refused.attempt).toEqual({
    ok: false,
    error: {
      code: 'note_locked',
      message: 'This note is signed and locked; add an addendum instead.'
    }
  })
  expect(refused.data).not.toBe('Rewritten later.')

  // Print the session's notes to PDF from the same HTML Electron prints, and read it back.
  const printed = await page.evaluate(async (sessionId) => {
    const result = await window.api.notes.print({ sessionId, participantId: null })
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }, session.id)
  const printer = await page.context().newPage()
  await printer.setContent(printed.html)
  await printer.screenshot({ path: test.info().outputPath('printout.png'), fullPage: true })
  const pdfPath = test.info().outputPath('session-notes.pdf')
  await writeFile(pdfPath, await printer.pdf({ preferCSSPageSize: true }))
  await printer.close()
  const pages = await readPdfPages(pdfPath)
  const text = pages.join('\n').replace(/\s+/g, ' ')
  expect(text).toContain('Riverside Recovery Center')
  expect(text).toContain('protected by Federal confidentiality rules (42 CFR part 2)')
  // The notice is on every page: the two notes start on pages of their own.
  expect(pages.length).toBeGreaterThanOrEqual(2)
  for (const pageText of pages) expect(pageText.replace(/\s+/g, ' ')).toContain('42 CFR part 2')
  expect(text).toMatch(/Signed by Robin Okafor, LPC/i)
  expect(text).toMatch(/Signed by Sam Rivera, CADC-T/i)
  expect(text).toMatch(/Co-signed by Dana Whitfield, LCSW/i)
  expect(text).toContain(ADDENDUM)
  expect(text).toContain('Described a week of steady attendance')
  expect(text).toContain('Facilitators Robin Okafor, LPC; Sam Rivera, CADC-T')
  expect(text).toContain('Risk None identified')
  app.expectNoErrors()
})
