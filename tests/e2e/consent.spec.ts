/**
 * Supervision and consent as the clinic meets them on screen. An
 * administrator assigns a trainee to a supervisor in Settings; the trainee
 * signs a note; the supervisor's "Co-sign notes" on the home screen opens a
 * list holding that note. A written consent is recorded on the participant's
 * page, the progress summary is printed for its recipient, the consent is
 * revoked, and a print for that recipient is then refused in plain words.
 */
import type { Page } from '@playwright/test'
import { expect, test, type AppClock } from './fixtures'
import {
  completeSetup,
  finishAnimations,
  lockAfterAnHour,
  MINUTE,
  PASSPHRASE,
  SESSION_START,
  confirmSignature,
  signInAs,
  SUPERVISOR,
  TRAINEE,
  typeDate
} from './steps'

const ROBIN = { fullName: 'Robin Okafor', credentials: 'LPC', passphrase: PASSPHRASE }

/** Staff, one participant in a group, and a session of that day with the trainee's signed note. */
async function seed(page: Page, clock: AppClock) {
  const planned = await page.evaluate(
    async ({ trainee, supervisor }) => {
      const need = <T>(
        result: { ok: true; value: T } | { ok: false; error: { message: string } }
      ) => {
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const api = window.api
      const me = need(await api.app.status()).signedIn!
      const sam = need(
        await api.staff.create({ ...trainee, role: 'counselor_in_training', isAdmin: false })
      )
      need(await api.staff.create({ ...supervisor, role: 'supervisor', isAdmin: false }))
      const group = need(
        await api.groups.create({
          name: 'Evening Recovery',
          track: 'substance_use',
          admission: 'open',
          meetingDays: ['mon', 'wed', 'thu'],
          startTime: '09:00',
          defaultMinutes: 180,
          capacity: 12,
          facilitatorIds: [me.id, sam.id]
        })
      )
      const jordan = need(
        await api.participants.create({
          fullName: 'Jordan Testperson',
          preferredName: 'Jordy',
          clientId: 'C-101',
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
          participantId: jordan.id,
          joinDate: '2026-11-02'
        })
      )
      const session = need(
        await api.sessions.plan({
          groupId: group.id,
          date: '2026-11-23',
          facilitatorIds: [me.id, sam.id],
          segments: [
            {
              id: 'discussion',
              kind: 'discussion',
              title: 'Open discussion',
              plannedMinutes: 30,
              countable: true,
              moduleId: null
            }
          ]
        })
      )
      need(
        await api.sessions.attendance({
          sessionId: session.id,
          participantId: jordan.id,
          status: 'present',
          timeIn: null,
          timeOut: null
        })
      )
      need(await api.sessions.act({ sessionId: session.id, action: { type: 'start' } }))
      return { sessionId: session.id, jordanId: jordan.id, samId: sam.id }
    },
    { trainee: TRAINEE, supervisor: SUPERVISOR }
  )
  await clock.advance(30 * MINUTE)
  await page.evaluate(
    async ({ sessionId, jordanId, samId, trainee, robin }) => {
      const need = <T>(
        result: { ok: true; value: T } | { ok: false; error: { message: string } }
      ) => {
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const api = window.api
      const robinId = need(await api.app.status()).signedIn!.id
      need(await api.sessions.act({ sessionId, action: { type: 'end' } }))
      // The trainee writes and signs the note.
      need(await api.auth.signOut())
      need(await api.auth.signIn({ staffId: samId, passphrase: trainee.passphrase }))
      const ref = { sessionId, participantId: jordanId }
      need(
        await api.notes.saveDraft({
          ...ref,
          baseRevision: 0,
          body: {
            sections: {
              data: 'Named two triggers and a plan for each.',
              assessment: 'Engaged and specific about the week ahead.',
              plan: 'Practise the plan; attend Wednesday.'
            },
            goals: [],
            risk: 'low',
            riskText: 'Denies thoughts of harming self or others.',
            followUp: 'Check in at the next group.'
          }
        })
      )
      const findings = need(await api.notes.check(ref))
      need(await api.notes.sign({ ...ref, overrides: findings }))
      need(await api.auth.signOut())
      need(await api.auth.signIn({ staffId: robinId, passphrase: robin.passphrase }))
    },
    { ...planned, trainee: TRAINEE, robin: ROBIN }
  )
  await page.reload()
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
  return planned
}

test('a supervisor finds their trainee’s note under “Co-sign notes”; a consent is recorded, used and revoked', async ({
  app
}) => {
  test.skip(app.clock === null, 'Needs the test host: the shared clock runs the session')
  test.setTimeout(180_000)
  const clock = app.clock!
  const page = app.page
  const origin = () => new URL(page.url()).origin
  await completeSetup(page)
  await lockAfterAnHour(page)
  await clock.pauseAt(SESSION_START)
  const { sessionId, jordanId } = await seed(page, clock)

  // Settings → Staff: the administrator assigns Sam to Dana.
  await page.goto(`${origin()}/#/settings/staff`)
  const staff = page.getByRole('table', { name: 'Staff' })
  await staff.getByLabel(`Supervisor of ${TRAINEE.fullName}`).click()
  await finishAnimations(clock)
  await page
    .getByRole('option', { name: `${SUPERVISOR.fullName}, ${SUPERVISOR.credentials}` })
    .click()
  await expect(
    page.getByText(`${TRAINEE.fullName} is now supervised by ${SUPERVISOR.fullName}.`)
  ).toBeVisible()
  await staff.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('staff-supervisor.png') })

  // Dana's home screen counts the note and "Co-sign notes" opens it.
  await signInAs(page, clock, SUPERVISOR)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click()
  const awaiting = page
    .locator('.mantine-Card-root')
    .filter({ hasText: 'Awaiting your co-signature' })
  await expect(awaiting).toContainText('1')
  await awaiting.getByRole('link', { name: 'Co-sign notes' }).click()
  await expect(page.getByRole('heading', { name: 'Notes to co-sign' })).toBeVisible()
  const list = page.getByRole('table', { name: 'Notes to co-sign' })
  await expect(list.getByRole('row')).toHaveCount(2)
  await expect(list).toContainText('Evening Recovery · 2026-11-23')
  await expect(list).toContainText('Jordy T. (C-101)')
  await expect(list).toContainText('Sam Rivera, CADC-T')
  await page.screenshot({ path: test.info().outputPath('cosign-list.png') })
  await list.getByRole('link', { name: 'Jordy T. (C-101)' }).click()
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}/notes`))
  await page.getByRole('button', { name: 'Co-sign as supervisor' }).click()
  await confirmSignature(page, 'cosign')
  await expect(page.getByText(/^Co-signed by Dana Whitfield, LCSW/)).toBeVisible()
  await page.goto(`${origin()}/#/notes/cosign`)
  await expect(page.getByText('No notes are waiting for your co-signature.')).toBeVisible()

  // A written consent, recorded on Jordan's page by the administrator.
  await signInAs(page, clock, ROBIN)
  await page.goto(`${origin()}/#/participants/${jordanId}`)
  const consents = page.getByRole('region', { name: 'Written consents to disclose' })
  await expect(consents).toContainText('No written consent is on file.')
  await consents.getByRole('button', { name: 'Add a written consent' }).click()
  await finishAnimations(clock)
  const form = page.getByRole('dialog', { name: 'Record a written consent' })
  await expect(form.getByLabel(/^Who may disclose/)).toHaveValue('Riverside Recovery Center')
  await form.getByLabel(/^Recipient/).fill('County Drug Court')
  await form.getByLabel(/^Purpose/).fill('Report attendance and progress to the court')
  await form.getByLabel(/^Progress summary/).check()
  await form
    .getByLabel(/^How much may be disclosed/)
    .fill('Attendance and progress since admission')
  await form.getByRole('button', { name: 'Record the consent' }).click()
  // Neither an expiry date nor an event: refused on the form, in words.
  await expect(form).toContainText('Give the date or the event on which the consent ends')
  // The form gives a date and an event: the court's consent also ends at discharge.
  await typeDate(form.getByLabel(/^Ends on/), '2027-05-31')
  await form.getByRole('radio', { name: /^Discharge/ }).check()
  await page.screenshot({ path: test.info().outputPath('consent-form.png') })
  await form.getByRole('button', { name: 'Record the consent' }).click()
  await expect(page.getByText('Consent for County Drug Court recorded.')).toBeVisible()
  await finishAnimations(clock)
  await expect(form).toBeHidden()
  const table = consents.getByRole('table', { name: 'Written consents' })
  await expect(table).toContainText('County Drug Court')
  await expect(table).toContainText('Current')
  await expect(table).toContainText(
    '2027-05-31 or at discharge from the program, whichever comes first'
  )
  await expect(table).toContainText('Ends by itself when the discharge is recorded on this page.')
  await consents.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('consent-current.png') })

  // The progress summary, printed for the court under that consent, is logged as a disclosure.
  await page.goto(`${origin()}/#/participants/${jordanId}/progress`)
  await page.getByRole('button', { name: 'For a recipient…' }).click()
  await finishAnimations(clock)
  const disclose = page.getByRole('dialog', { name: 'Print the progress summary for a recipient' })
  await disclose.getByRole('radio', { name: /County Drug Court/ }).check()
  await page.screenshot({ path: test.info().outputPath('disclose-dialog.png') })
  const popup = page.waitForEvent('popup')
  await disclose.getByRole('button', { name: 'Print for the recipient' }).click()
  const printout = await popup
  const scope = printout.getByRole('region', { name: 'Disclosed with written consent' })
  await expect(scope).toContainText('Disclosed toCounty Drug Court')
  await expect(scope).toContainText('Report attendance and progress to the court')
  await printout.screenshot({ path: test.info().outputPath('printout-for-recipient.png') })
  await expect(printout.locator('body')).toContainText('42 CFR part 2')
  await printout.close()

  // Revoked today: the consent can no longer be chosen, and the app refuses the print.
  await page.goto(`${origin()}/#/participants/${jordanId}`)
  await consents.getByRole('button', { name: /^Record revocation/ }).click()
  await finishAnimations(clock)
  const revoke = page.getByRole('dialog', { name: 'The participant revoked this consent' })
  await expect(revoke.getByLabel('Date revoked')).toHaveValue('2026-11-23')
  await revoke.getByRole('button', { name: 'Record it' }).click()
  await finishAnimations(clock)
  await expect(table).toContainText('Revoked on 2026-11-23')
  await page.screenshot({ path: test.info().outputPath('consent-revoked.png') })
  // The "ended" notice closes on its own after a few seconds.
  await clock.advance(5_000)
  await finishAnimations(clock)

  await page.goto(`${origin()}/#/participants/${jordanId}/progress`)
  await page.getByRole('button', { name: 'For a recipient…' }).click()
  await finishAnimations(clock)
  await expect(disclose.getByRole('alert')).toContainText(
    'There is no current written consent on file'
  )
  await expect(disclose.getByRole('radio', { name: /County Drug Court/ })).toBeDisabled()
  await expect(disclose.getByRole('button', { name: 'Print for the recipient' })).toBeDisabled()
  await page.screenshot({ path: test.info().outputPath('disclose-refused.png') })

  const answers = await page.evaluate(async (participantId) => {
    const consentId = await window.api.consents.list({ participantId })
    if (!consentId.ok) throw new Error(consentId.error.message)
    const printed = await window.api.progress.print({
      participantId,
      to: 'printer',
      consentId: consentId.value[0]!.id
    })
    const log = await window.api.audit.list({ action: 'disclose' })
    return { printed, log: log.ok ? log.value.entries : [] }
  }, jordanId)
  expect(answers.printed).toEqual({
    ok: false,
    error: {
      code: 'forbidden',
      message:
        "There is no current written consent for County Drug Court to receive this participant's records. The consent on file was revoked on 2026-11-23."
    }
  })
  expect(answers.log).toHaveLength(1)
  expect(answers.log[0]!.detail).toMatch(/disclosed under consent /)
  app.expectNoErrors()
})
