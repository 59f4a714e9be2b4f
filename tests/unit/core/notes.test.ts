/**
 * Progress notes through the core: drafts, signing and locking, co-signature
 * of a trainee's note, addenda, the list of notes owed, and the printable
 * document with the Part 2 notice. The clock is injected and moved by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Core } from '../../../src/main/core'
import type { ProgressNote } from '../../../src/shared/domain/note'
import type { NotesOwedRow, SessionNotes } from '../../../src/shared/ipc/contract'
import {
  clinicOnClock,
  endedSessionOf,
  groupWithPeople,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from './helpers'

const START = Date.parse('2026-11-23T15:00:00Z')
const MIN = 60_000
let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

const body = (data: string) => ({
  sections: { data, assessment: 'Engaged and hopeful about the plan.', plan: 'Attend Wednesday.' },
  goals: [],
  risk: 'none' as const,
  riskText: '',
  followUp: ''
})

/** A session of Jordan and Casey, ended after three hours; `during` runs while it is under way. */
async function endedSession(
  during: (core: Core, sessionId: string, people: string[]) => Promise<void> = async () => {}
) {
  const { core, clock } = await clinicOnClock(template, START)
  const trainee = await value<{ id: string }>(
    core.handle('staff.create', {
      fullName: 'Sam Trainee',
      credentials: 'CADC-T',
      role: 'counselor_in_training',
      isAdmin: false,
      passphrase: 'paper boat morning'
    })
  )
  const { groupId, people } = await groupWithPeople(
    core,
    { facilitatorIds: [template.adminId, trainee.id] },
    [
      { fullName: 'Jordan Testperson', clientId: 'C-0' },
      { fullName: 'Casey Samplewood', clientId: 'C-1' }
    ]
  )
  const session = await endedSessionOf(core, clock, {
    groupId,
    people,
    facilitatorIds: [template.adminId],
    during: (sessionId) => during(core, sessionId, people)
  })
  return { core, clock, session, people, traineeId: trainee.id }
}

describe('progress notes', () => {
  test('a note starts from the day’s facts, and risk is assessed before it can be signed', async () => {
    const { core, session, people } = await endedSession(async (core, sessionId, people) => {
      await value(
        core.handle('sessions.observe', {
          sessionId,
          participantId: people[0]!,
          tag: 'safety_concern',
          text: 'Said the week felt hopeless',
          protocol: 'suicidal_thoughts'
        })
      )
      await value(
        core.handle('measures.record', {
          participantId: people[0]!,
          measureId: 'phq9',
          takenOn: '2026-11-23',
          answers: [2, 2, 1, 1, 1, 1, 1, 1, 1]
        })
      )
    })
    const ref = { sessionId: session.id, participantId: people[0]! }
    const notes = await value<SessionNotes>(core.handle('notes.session', { sessionId: session.id }))
    expect(notes.facilitators).toEqual([{ name: 'Robin Okafor', credentials: 'LPC' }])
    const jordan = notes.participants[0]!
    // A safety concern observed opens the in-session steps too: both are on the record.
    expect(jordan.safety.map((s) => s.text)).toEqual([
      'Safety steps opened in session: Someone shared thoughts of suicide or self-harm.',
      'Safety concern observed: Said the week felt hopeless',
      'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered 1 of 3.'
    ])
    expect(jordan.prefill.risk).toBeNull()
    expect(jordan.prefill.sections.data).toContain(
      'Observed in session: Safety concern: Said the week felt hopeless (09:40).'
    )
    expect(jordan.prefill.sections.data).toContain('Measures given today: PHQ-9 11 (moderate).')
    expect(jordan.prefill.sections.data).toContain('Safety: ')
    expect(notes.participants[1]!.prefill.sections.data).toBe('')

    // As pre-filled, with no risk level: refused, whatever is overridden.
    const prefilled = {
      ...jordan.prefill,
      sections: { ...jordan.prefill.sections, plan: 'Attend.' }
    }
    await value(core.handle('notes.saveDraft', { ...ref, baseRevision: 0, body: prefilled }))
    let findings = await value<Array<{ check: string; message: string; blocking: boolean }>>(
      core.handle('notes.check', ref)
    )
    expect(findings.filter((f) => f.blocking).map((f) => f.check)).toEqual(['risk_not_assessed'])
    const refused = await refusal(
      core.handle('notes.sign', { ...ref, overrides: findings }),
      'invalid_input'
    )
    expect(refused.message).toMatch(/^The risk level has not been chosen/)

    // "None identified" on this day needs a reason.
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 1,
        body: { ...prefilled, risk: 'none', riskText: '' }
      })
    )
    findings = await value(core.handle('notes.check', ref))
    expect(findings.filter((f) => f.blocking).map((f) => f.check)).toEqual(['risk_reason_needed'])
    await refusal(core.handle('notes.sign', { ...ref, overrides: findings }), 'invalid_input')
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 2,
        body: {
          ...prefilled,
          risk: 'none',
          riskText: 'Assessed privately after group: no intent or plan; safety plan reviewed.'
        }
      })
    )
    findings = await value(core.handle('notes.check', ref))
    expect(findings.filter((f) => f.blocking)).toEqual([])
    const signed = await value<ProgressNote>(
      core.handle('notes.sign', { ...ref, overrides: findings })
    )
    expect(signed.state).toBe('signed')

    // The printout names the facilitators and shows the measures and the day's safety events.
    const printed = await value<{ html: string }>(
      core.handle('notes.print', { sessionId: session.id, participantId: people[0]! })
    )
    expect(printed.html).toContain('<dt>Facilitators</dt><dd>Robin Okafor, LPC</dd>')
    expect(printed.html).toContain('<li>PHQ-9: 11 (Moderate)</li>')
    expect(printed.html).toContain('Safety concern observed: Said the week felt hopeless')
    expect(printed.html).toContain('<dt>Risk</dt><dd>None identified</dd>')
  })

  test('a signed note is locked: an edit through the API is refused and nothing changes', async () => {
    const { core, session, people } = await endedSession()
    const ref = { sessionId: session.id, participantId: people[0]! }
    const draft = await value<ProgressNote>(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 0,
        body: body('Shared a craving plan.')
      })
    )
    expect(draft).toMatchObject({ state: 'draft', revision: 1 })
    const signed = await value<ProgressNote>(core.handle('notes.sign', { ...ref, overrides: [] }))
    expect(signed.state).toBe('signed')
    expect(signed.signature).toMatchObject({ name: 'Robin Okafor', credentials: 'LPC' })
    const error = await refusal(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 1,
        body: body('Changed after signing')
      }),
      'note_locked'
    )
    expect(error.message).toMatch(/signed and locked; add an addendum/)
    const after = await value<SessionNotes>(core.handle('notes.session', { sessionId: session.id }))
    expect(after.participants[0]!.note!.body.sections.data).toBe('Shared a craving plan.')
    // The group part is locked once a note is signed.
    await refusal(
      core.handle('notes.saveGroupPart', {
        sessionId: session.id,
        groupPart: { topics: 'x', interventions: 'y', dynamics: 'z' }
      }),
      'note_locked'
    )
  })

  test('a stale save from a second window is refused, never applied over the newer text', async () => {
    const { core, session, people } = await endedSession()
    const ref = { sessionId: session.id, participantId: people[0]! }
    await value(
      core.handle('notes.saveDraft', { ...ref, baseRevision: 0, body: body('First window') })
    )
    await refusal(
      core.handle('notes.saveDraft', { ...ref, baseRevision: 0, body: body('Second window') }),
      'stale_draft'
    )
  })

  test('the checks before signing must be read: another participant’s name blocks a silent signature', async () => {
    const { core, session, people } = await endedSession()
    const ref = { sessionId: session.id, participantId: people[0]! }
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 0,
        body: body('Supported Casey Samplewood in check-in.')
      })
    )
    const findings = await value<Array<{ check: string; message: string }>>(
      core.handle('notes.check', ref)
    )
    expect(findings.map((f) => f.check)).toContain('peer_name')
    await refusal(core.handle('notes.sign', { ...ref, overrides: [] }), 'conflict')
    const signed = await value<ProgressNote>(
      core.handle('notes.sign', { ...ref, overrides: findings })
    )
    expect(signed.overrides.map((o) => o.check)).toContain('peer_name')
  })

  test('a peer called by first name alone is found; the participant’s own name is not a peer', async () => {
    const { core, session, people } = await endedSession()
    const ref = { sessionId: session.id, participantId: people[0]! }
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 0,
        body: body('Jordan thanked Casey for the ride and listened closely.')
      })
    )
    const findings = await value<Array<{ check: string; message: string }>>(
      core.handle('notes.check', ref)
    )
    const peer = findings.filter((f) => f.check === 'peer_name')
    expect(peer).toHaveLength(1)
    expect(peer[0]!.message).toContain('Casey')
    expect(peer[0]!.message).not.toContain('Jordan')
  })

  test('the notes owed list sessions with notes still to write; fully signed ones only when asked', async () => {
    const { core, session, people } = await endedSession()
    const owed = () =>
      value<NotesOwedRow[]>(core.handle('notes.owed', { mine: false, signedToo: false }))
    expect((await owed()).map((r) => r.sessionId)).toEqual([session.id])
    for (const [i, participantId] of people.entries()) {
      const ref = { sessionId: session.id, participantId }
      await value(
        core.handle('notes.saveDraft', {
          ...ref,
          baseRevision: 0,
          body: body(i === 0 ? 'Practised a grounding skill.' : 'Talked about weekend plans.')
        })
      )
      const findings = await value<Array<{ check: string; message: string }>>(
        core.handle('notes.check', ref)
      )
      await value(core.handle('notes.sign', { ...ref, overrides: findings }))
    }
    expect(await owed()).toEqual([])
    const all = await value<NotesOwedRow[]>(
      core.handle('notes.owed', { mine: false, signedToo: true })
    )
    expect(all.map((r) => [r.sessionId, r.counts.signed])).toEqual([[session.id, 2]])
  })

  test('a trainee’s note waits for a supervisor, and an addendum leaves the original as it was', async () => {
    const { core, clock, session, people, traineeId } = await endedSession()
    const ref = { sessionId: session.id, participantId: people[1]! }
    await value(core.handle('auth.signOut', {}))
    await value(
      core.handle('auth.signIn', { staffId: traineeId, passphrase: 'paper boat morning' })
    )
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 0,
        body: body('Practised urge surfing.')
      })
    )
    clock.now += 30 * 60 * MIN // signed the next day: a late entry
    const signed = await value<ProgressNote>(core.handle('notes.sign', { ...ref, overrides: [] }))
    expect(signed).toMatchObject({ state: 'awaiting_cosignature', lateEntry: true })
    // The trainee cannot co-sign; the administrator here is a counselor, not a supervisor.
    await refusal(core.handle('notes.cosign', ref), 'forbidden')
    await value(core.handle('auth.signOut', {}))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await refusal(core.handle('notes.cosign', ref), 'forbidden')
    const supervisor = await value<{ id: string }>(
      core.handle('staff.create', {
        fullName: 'Dana Reyes',
        credentials: 'LCSW',
        role: 'supervisor',
        isAdmin: false,
        passphrase: 'quiet river lantern'
      })
    )
    await value(core.handle('auth.signOut', {}))
    await value(
      core.handle('auth.signIn', { staffId: supervisor.id, passphrase: 'quiet river lantern' })
    )
    const cosigned = await value<ProgressNote>(core.handle('notes.cosign', ref))
    expect(cosigned.state).toBe('signed')
    expect(cosigned.cosignature).toMatchObject({ name: 'Dana Reyes', credentials: 'LCSW' })
    const amended = await value<ProgressNote>(
      core.handle('notes.addendum', { ...ref, text: 'Correction: arrived at 9:05.' })
    )
    expect(amended.addenda).toHaveLength(1)
    expect(amended.body.sections.data).toBe('Practised urge surfing.')

    const owed = await value<NotesOwedRow[]>(
      core.handle('notes.owed', { mine: false, signedToo: false })
    )
    expect(owed[0]!.counts).toEqual({
      not_started: 1,
      draft: 0,
      awaiting_cosignature: 0,
      signed: 1
    })

    const printed = await value<{ html: string; file: unknown }>(
      core.handle('notes.print', { sessionId: session.id, participantId: null })
    )
    expect(printed.file).toBeNull()
    expect(printed.html).toContain('42 CFR')
    expect(printed.html).toContain('Dana Reyes')
    expect(printed.html).toContain('Correction: arrived at 9:05.')
  })
})
