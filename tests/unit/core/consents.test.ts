/**
 * Written consents to disclose (42 CFR § 2.31) through the core, as a records
 * clerk meets them: recorded from the signed paper form, revoked, and checked
 * before a note or a progress summary is printed or saved for a recipient
 * outside the program. Without a current consent the print is refused in plain
 * words; printing for the chart stays possible; every disclosure is in the
 * access log with the consent's id; and the Part 2 notice follows each
 * participant's own record and consent, not the group's track. The clock is
 * injected and moved by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Core } from '../../../src/main/core'
import type { Consent } from '../../../src/shared/domain/consent'
import type { OutputOf } from '../../../src/shared/ipc/contract'
import { PART2_NOTICE } from '../../../src/shared/notes/part2-notice'
import {
  clinicOnClock,
  endedSessionOf,
  groupWithPeople,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  writeAndSign,
  type Template
} from './helpers'

/** Monday 23 November 2026, 9:00 in Chicago. */
const START = Date.parse('2026-11-23T15:00:00Z')
const DAY = 86_400_000
const NOTICE_START = PART2_NOTICE.slice(0, 60)

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

type Printed = OutputOf<'notes.print'>
type Listing = OutputOf<'audit.list'>

/**
 * A mental-health group of two, ended and with both notes signed: Jordan's
 * own record is a substance-use record (co-occurring track), Casey's is not.
 */
async function clinicWithSignedNotes() {
  const { core, clock } = await clinicOnClock(template, START)
  const staff = { facilitatorIds: [template.adminId] }
  const { groupId, people } = await groupWithPeople(
    core,
    { ...staff, name: 'Morning Wellness', track: 'mental_health' },
    [
      { fullName: 'Jordan Testperson', clientId: 'C-201', track: 'co_occurring' },
      { fullName: 'Casey Samplewood', clientId: 'C-202', track: 'mental_health' }
    ]
  )
  const session = await endedSessionOf(core, clock, { ...staff, groupId, people })
  for (const [i, participantId] of people.entries()) {
    await writeAndSign(
      core,
      { sessionId: session.id, participantId },
      {
        sections: {
          data: `Practised a grounding skill, take ${i + 1}.`,
          assessment: 'Engaged; named two coping steps of their own.',
          plan: 'Attend Wednesday and practise the skill daily.'
        },
        goals: [],
        risk: 'low',
        riskText: 'Denies thoughts of harming self or others.',
        followUp: 'Check in at the next group.'
      }
    )
  }
  return { core, clock, sessionId: session.id, jordan: people[0]!, casey: people[1]! }
}

function courtConsent(participantId: string, overrides: Record<string, unknown> = {}) {
  return {
    participantId,
    discloser: 'Riverside Recovery Center',
    recipient: 'County Drug Court',
    purpose: 'Report attendance and progress to the court',
    information: ['progress_notes', 'progress_summary'],
    amount: 'Notes and summaries from admission to discharge',
    signedOn: '2026-11-20',
    expiresOn: '2026-12-31',
    expiryEvent: null,
    ...overrides
  }
}

const disclosures = async (core: Core) =>
  (await value<Listing>(core.handle('audit.list', { action: 'disclose' }))).entries

describe('recording consents', () => {
  test('a consent is recorded, listed on the participant, and revoked; the log names it by id only', async () => {
    const { core, jordan, casey } = await clinicWithSignedNotes()
    const consent = await value<Consent>(core.handle('consents.add', courtConsent(jordan)))
    expect(consent).toMatchObject({
      recipient: 'County Drug Court',
      signedOn: '2026-11-20',
      expiresOn: '2026-12-31',
      ended: null,
      recordedBy: template.adminId
    })
    expect(await value(core.handle('consents.list', { participantId: jordan }))).toEqual([consent])
    expect(await value(core.handle('consents.list', { participantId: casey }))).toEqual([])

    const revoked = await value<Consent>(
      core.handle('consents.end', { consentId: consent.id, on: '2026-11-23', reason: 'revoked' })
    )
    expect(revoked.ended).toMatchObject({ on: '2026-11-23', reason: 'revoked' })
    // Once ended, it stays ended.
    await refusal(
      core.handle('consents.end', { consentId: consent.id, on: '2026-11-23', reason: 'revoked' }),
      'conflict'
    )

    const log = (await value<Listing>(core.handle('audit.list', { text: consent.id }))).entries
    // Newest first.
    expect(log.map((e) => [e.action, e.subject, e.detail])).toEqual([
      ['update', 'participant C-201', `consent ${consent.id} revoked on 2026-11-23`],
      ['create', 'participant C-201', `consent ${consent.id} signed 2026-11-20`]
    ])
    for (const entry of log) {
      expect(JSON.stringify(entry)).not.toMatch(/County Drug Court|attendance and progress/)
    }
  })

  test('a signature date in the future, or a revocation before the signature, is refused', async () => {
    const { core, jordan } = await clinicWithSignedNotes()
    const future = await refusal(
      core.handle('consents.add', courtConsent(jordan, { signedOn: '2026-11-24' })),
      'invalid_input'
    )
    expect(future.message).toMatch(/signature date cannot be in the future/)
    const consent = await value<Consent>(core.handle('consents.add', courtConsent(jordan)))
    await refusal(
      core.handle('consents.end', { consentId: consent.id, on: '2026-11-19', reason: 'revoked' }),
      'invalid_input'
    )
  })
})

describe('consents that end with an event', () => {
  const jordanAs = (status: 'active' | 'discharged', dischargedOn: string | null) => ({
    fullName: 'Jordan Testperson',
    preferredName: '',
    clientId: 'C-201',
    dateOfBirth: '1990-01-01',
    admissionDate: '2026-11-01',
    track: 'co_occurring',
    status,
    discharge: dischargedOn ? { date: dischargedOn, type: 'completed' } : null,
    goals: []
  })
  const printFor = (core: Core, participantId: string, consentId: string) =>
    core.handle('progress.print', { participantId, consentId })

  test('a consent that ends at discharge is current until the discharge is recorded, and a readmission does not bring it back', async () => {
    const { core, clock, jordan } = await clinicWithSignedNotes()
    const atDischarge = await value<Consent>(
      core.handle(
        'consents.add',
        courtConsent(jordan, { expiresOn: null, expiryEvent: { kind: 'discharge' } })
      )
    )
    expect(atDischarge.expiryEvent).toEqual({ kind: 'discharge' })
    // The discharge itself ends it: it is not marked by hand.
    const byHand = await refusal(
      core.handle('consents.end', {
        consentId: atDischarge.id,
        on: '2026-11-23',
        reason: 'expiry_event'
      }),
      'conflict'
    )
    expect(byHand.message).toBe(
      "This consent ends at discharge: record the discharge on the participant's page and the consent ends with it."
    )
    await value(printFor(core, jordan, atDischarge.id))

    clock.now += 2 * DAY // Wednesday 25 November: Jordan completes the program.
    await value(
      core.handle('participants.update', {
        participantId: jordan,
        participant: jordanAs('discharged', '2026-11-25')
      })
    )
    const [listed] = await value<Consent[]>(core.handle('consents.list', { participantId: jordan }))
    expect(listed!.ended).toMatchObject({ on: '2026-11-25', reason: 'expiry_event' })
    const ended = await refusal(printFor(core, jordan, atDischarge.id), 'forbidden')
    expect(ended.message).toBe(
      "There is no current written consent for County Drug Court to receive this participant's records. The consent on file ended on 2026-11-25, when its expiry event happened."
    )
    // After discharge, a new consent cannot be one that ends at a discharge already past.
    const late = await refusal(
      core.handle(
        'consents.add',
        courtConsent(jordan, { expiresOn: null, expiryEvent: { kind: 'discharge' } })
      ),
      'conflict'
    )
    expect(late.message).toMatch(/discharged on 2026-11-25/)

    clock.now += 7 * DAY // Readmitted a week later: the old consent stays ended.
    await value(
      core.handle('participants.update', {
        participantId: jordan,
        participant: jordanAs('active', null)
      })
    )
    await refusal(printFor(core, jordan, atDischarge.id), 'forbidden')
  })

  test('another event named on the form is marked by the clinician, with its date', async () => {
    const { core, clock, jordan } = await clinicWithSignedNotes()
    const untilProbationEnds = await value<Consent>(
      core.handle(
        'consents.add',
        courtConsent(jordan, {
          expiresOn: null,
          expiryEvent: { kind: 'other', description: 'the end of probation' }
        })
      )
    )
    clock.now += 30 * DAY
    await value(printFor(core, jordan, untilProbationEnds.id))
    await value(
      core.handle('consents.end', {
        consentId: untilProbationEnds.id,
        on: '2026-12-20',
        reason: 'expiry_event'
      })
    )
    const ended = await refusal(printFor(core, jordan, untilProbationEnds.id), 'forbidden')
    expect(ended.message).toMatch(/ended on 2026-12-20, when its expiry event happened\.$/)
    // A consent with a date only has no event to mark.
    const dated = await value<Consent>(core.handle('consents.add', courtConsent(jordan)))
    await refusal(
      core.handle('consents.end', {
        consentId: dated.id,
        on: '2026-12-20',
        reason: 'expiry_event'
      }),
      'conflict'
    )
  })
})

describe('printing for a recipient', () => {
  test('without any consent on file, a note for a recipient is refused in plain words; for the chart it prints', async () => {
    const { core, sessionId, jordan } = await clinicWithSignedNotes()
    const error = await refusal(
      core.handle('notes.print', { sessionId, participantId: jordan, consentId: 'consent-none' }),
      'forbidden'
    )
    expect(error.message).toBe(
      "There is no current written consent for this recipient to receive this participant's records."
    )
    const chart = await value<Printed>(
      core.handle('notes.print', { sessionId, participantId: jordan })
    )
    expect(chart.html).toContain('Jordan Testperson')
    expect(await disclosures(core)).toEqual([])
  })

  test('under a current consent the note goes out with the consent’s scope and the Part 2 notice, and the log records the disclosure with the consent id', async () => {
    const { core, sessionId, casey } = await clinicWithSignedNotes()
    // Casey's own record is not a substance-use record: for the chart, no notice.
    const chart = await value<Printed>(
      core.handle('notes.print', { sessionId, participantId: casey })
    )
    expect(chart.html).not.toContain(NOTICE_START)

    const consent = await value<Consent>(
      core.handle('consents.add', courtConsent(casey, { recipient: 'Acme Health Plan' }))
    )
    const printed = await value<Printed>(
      core.handle('notes.print', { sessionId, participantId: casey, consentId: consent.id })
    )
    expect(printed.html).toContain("Disclosed with the participant's written consent")
    expect(printed.html).toContain('Acme Health Plan')
    expect(printed.html).toContain('Report attendance and progress to the court')
    expect(printed.html).toContain(NOTICE_START)
    expect(printed.html).toContain('Casey Samplewood')
    expect(printed.html).not.toContain('Jordan Testperson')

    const [entry, ...more] = await disclosures(core)
    expect(more).toEqual([])
    expect(entry).toMatchObject({
      action: 'disclose',
      subject: 'notes of session 2026-11-23 of Morning Wellness'
    })
    expect(entry!.detail).toContain(`participant C-202`)
    expect(entry!.detail).toContain(`disclosed under consent ${consent.id}`)
    expect(entry!.detail).not.toContain('Acme')
  })

  test('the Part 2 notice follows the participant’s own record, not the group’s track', async () => {
    const { core, sessionId, jordan, casey } = await clinicWithSignedNotes()
    // A co-occurring participant in a mental-health group: their note carries it.
    const jordans = await value<Printed>(
      core.handle('notes.print', { sessionId, participantId: jordan })
    )
    expect(jordans.html).toContain(NOTICE_START)
    // A participant whose records are handled under a written consent carries it too.
    await value(core.handle('consents.add', courtConsent(casey)))
    const caseys = await value<Printed>(
      core.handle('notes.print', { sessionId, participantId: casey })
    )
    expect(caseys.html).toContain(NOTICE_START)
  })

  test('an expired, revoked or too narrow consent is refused, naming the recipient', async () => {
    const { core, clock, sessionId, jordan } = await clinicWithSignedNotes()
    const summaryOnly = await value<Consent>(
      core.handle('consents.add', courtConsent(jordan, { information: ['progress_summary'] }))
    )
    const narrow = await refusal(
      core.handle('notes.print', { sessionId, participantId: jordan, consentId: summaryOnly.id }),
      'forbidden'
    )
    expect(narrow.message).toBe(
      "There is no current written consent for County Drug Court to receive this participant's records. The consent on file does not cover group progress notes."
    )

    const court = await value<Consent>(core.handle('consents.add', courtConsent(jordan)))
    await value(
      core.handle('notes.print', { sessionId, participantId: jordan, consentId: court.id })
    )
    clock.now += 39 * DAY // 1 January 2027: the day after it expired
    const expired = await refusal(
      core.handle('notes.print', { sessionId, participantId: jordan, consentId: court.id }),
      'forbidden'
    )
    expect(expired.message).toMatch(/County Drug Court.*expired on 2026-12-31\.$/)

    const renewed = await value<Consent>(
      core.handle(
        'consents.add',
        courtConsent(jordan, {
          signedOn: '2027-01-01',
          expiresOn: null,
          expiryEvent: { kind: 'discharge' }
        })
      )
    )
    await value(
      core.handle('consents.end', { consentId: renewed.id, on: '2027-01-01', reason: 'revoked' })
    )
    const revoked = await refusal(
      core.handle('progress.print', { participantId: jordan, consentId: renewed.id }),
      'forbidden'
    )
    expect(revoked.message).toMatch(/revoked on 2027-01-01\.$/)
    // Only the one print that was allowed is in the log as a disclosure.
    expect(await disclosures(core)).toHaveLength(1)
  })

  test('another participant’s consent never lets this participant’s records go', async () => {
    const { core, sessionId, jordan, casey } = await clinicWithSignedNotes()
    const caseys = await value<Consent>(core.handle('consents.add', courtConsent(casey)))
    const error = await refusal(
      core.handle('notes.print', { sessionId, participantId: jordan, consentId: caseys.id }),
      'forbidden'
    )
    expect(error.message).toBe(
      "There is no current written consent for this recipient to receive this participant's records."
    )
  })

  test('every note of a session cannot go out under one participant’s consent', async () => {
    const { core, sessionId, jordan } = await clinicWithSignedNotes()
    const consent = await value<Consent>(core.handle('consents.add', courtConsent(jordan)))
    await refusal(
      core.handle('notes.print', { sessionId, participantId: null, consentId: consent.id }),
      'invalid_input'
    )
  })

  test('a progress summary for a recipient carries the scope and notice, and is logged', async () => {
    const { core, casey } = await clinicWithSignedNotes()
    const none = await refusal(
      core.handle('progress.print', { participantId: casey, consentId: 'consent-none' }),
      'forbidden'
    )
    expect(none.message).toMatch(/^There is no current written consent for this recipient/)
    const consent = await value<Consent>(
      core.handle('consents.add', courtConsent(casey, { information: ['progress_summary'] }))
    )
    const printed = await value<Printed>(
      core.handle('progress.print', { participantId: casey, consentId: consent.id })
    )
    expect(printed.html).toContain('County Drug Court')
    expect(printed.html).toContain(NOTICE_START)
    const [entry] = await disclosures(core)
    expect(entry).toMatchObject({
      action: 'disclose',
      subject: 'progress summary of participant C-202'
    })
    expect(entry!.detail).toContain(`disclosed under consent ${consent.id}`)
  })
})
