/**
 * Supervision through the core: an administrator assigns each
 * counselor-in-training to a supervisor (checked, and in the access log), and
 * a supervisor's co-sign list holds their trainees' notes waiting for a
 * co-signature — not another supervisor's trainees', and never empty while
 * one of theirs waits. The clock is injected and moved by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import type { Staff } from '../../../src/shared/domain/staff'
import type { OutputOf, SessionView } from '../../../src/shared/ipc/contract'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import {
  copyClinic,
  CURRICULUM_DIR,
  ids,
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

type CosignList = OutputOf<'notes.cosignList'>

const PHRASES = {
  lee: 'harbor violet compass',
  kim: 'meadow copper lantern',
  sam: 'paper boat morning',
  ash: 'silver fern journey'
}

async function clinic() {
  const clock = { now: START }
  const dir = await copyClinic(template.dir)
  const core: Core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await signInAs(core, template.adminId, PASSPHRASE)
  const add = (fullName: string, role: string, passphrase: string) =>
    value<Staff>(
      core.handle('staff.create', {
        fullName,
        credentials: role === 'supervisor' ? 'LCSW' : 'CADC-T',
        role,
        isAdmin: false,
        passphrase
      })
    )
  const lee = await add('Lee Supervisor', 'supervisor', PHRASES.lee)
  const kim = await add('Kim Overseer', 'supervisor', PHRASES.kim)
  const sam = await add('Sam Trainee', 'counselor_in_training', PHRASES.sam)
  const ash = await add('Ash Learner', 'counselor_in_training', PHRASES.ash)
  return { core, clock, lee, kim, sam, ash }
}

async function signInAs(core: Core, staffId: string, passphrase: string) {
  await value(core.handle('auth.signOut', {}))
  await value(core.handle('auth.signIn', { staffId, passphrase }))
}

/** An ended session of two participants whose notes are written and signed by `authors`. */
async function sessionSignedBy(
  core: Core,
  clock: { now: number },
  authors: Array<{ id: string; passphrase: string }>
) {
  const group = await value<{ id: string }>(
    core.handle('groups.create', {
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [...new Set([template.adminId, ...authors.map((a) => a.id)])]
    })
  )
  const people: string[] = []
  for (const [i, fullName] of ['Jordan Testperson', 'Casey Samplewood'].entries()) {
    const p = await value<{ id: string }>(
      core.handle('participants.create', {
        fullName,
        preferredName: '',
        clientId: `C-3${i}`,
        dateOfBirth: '1990-01-01',
        admissionDate: '2026-11-01',
        track: 'substance_use',
        status: 'active',
        discharge: null,
        goals: []
      })
    )
    await value(
      core.handle('enrollments.create', {
        groupId: group.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    people.push(p.id)
  }
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: group.id,
      date: '2026-11-23',
      facilitatorIds: [template.adminId],
      segments: defaultAgenda()
    })
  )
  for (const participantId of people) {
    await value(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId,
        status: 'present',
        timeIn: null,
        timeOut: null
      })
    )
  }
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
  clock.now += 180 * MIN
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
  for (const [i, participantId] of people.entries()) {
    const author = authors[i]!
    await signInAs(core, author.id, author.passphrase)
    const ref = { sessionId: session.id, participantId }
    await value(
      core.handle('notes.saveDraft', {
        ...ref,
        baseRevision: 0,
        body: {
          sections: {
            data: `Named ${i + 2} triggers and a plan for each.`,
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
    const findings = await value<Array<{ check: string; message: string }>>(
      core.handle('notes.check', ref)
    )
    await value(core.handle('notes.sign', { ...ref, overrides: findings }))
  }
  await signInAs(core, template.adminId, PASSPHRASE)
  return { sessionId: session.id, people }
}

describe('assigning a trainee to a supervisor', () => {
  test('an administrator assigns and removes a supervisor; the access log records each change', async () => {
    const { core, lee, sam } = await clinic()
    const assigned = await value<Staff>(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: lee.id })
    )
    expect(assigned.supervisorId).toBe(lee.id)
    const listed = await value<Staff[]>(core.handle('staff.list', {}))
    expect(listed.find((s) => s.id === sam.id)?.supervisorId).toBe(lee.id)

    const removed = await value<Staff>(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: null })
    )
    expect(removed.supervisorId).toBeNull()
    const log = (
      await value<OutputOf<'audit.list'>>(
        core.handle('audit.list', { action: 'staff_change', text: 'Sam Trainee' })
      )
    ).entries
    // Newest first, after the entry that added Sam.
    expect(log.map((e) => e.detail)).toEqual([
      'supervisor removed',
      'supervisor: Lee Supervisor, LCSW',
      'added'
    ])
  })

  test('only a trainee has a supervisor, and only an active supervisor can be one', async () => {
    const { core, lee, kim, sam, ash } = await clinic()
    const notTrainee = await refusal(
      core.handle('staff.setSupervisor', { staffId: kim.id, supervisorId: lee.id }),
      'invalid_input'
    )
    expect(notTrainee.message).toMatch(/Only a counselor-in-training/)
    const notSupervisor = await refusal(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: ash.id }),
      'invalid_input'
    )
    expect(notSupervisor.message).toBe(
      'Ash Learner is not an active supervisor; choose someone with the supervisor role.'
    )
    await value(core.handle('staff.setActive', { staffId: lee.id, active: false }))
    await refusal(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: lee.id }),
      'invalid_input'
    )
    await refusal(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: 'staff-nobody' }),
      'not_found'
    )
  })

  test('a supervisor who is not an administrator cannot assign trainees', async () => {
    const { core, lee, sam } = await clinic()
    await signInAs(core, lee.id, PHRASES.lee)
    await refusal(
      core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: lee.id }),
      'forbidden'
    )
  })
})

describe('the co-sign list', () => {
  test('a supervisor sees their own trainees’ notes awaiting co-signature, and not another supervisor’s', async () => {
    const { core, clock, lee, kim, sam, ash } = await clinic()
    await value(core.handle('staff.setSupervisor', { staffId: sam.id, supervisorId: lee.id }))
    await value(core.handle('staff.setSupervisor', { staffId: ash.id, supervisorId: kim.id }))
    const { sessionId, people } = await sessionSignedBy(core, clock, [
      { id: sam.id, passphrase: PHRASES.sam },
      { id: ash.id, passphrase: PHRASES.ash }
    ])

    await signInAs(core, lee.id, PHRASES.lee)
    const leesList = await value<CosignList>(core.handle('notes.cosignList', {}))
    expect(leesList).toEqual([
      expect.objectContaining({
        sessionId,
        participantId: people[0],
        clientId: 'C-30',
        author: 'Sam Trainee, CADC-T',
        authorId: sam.id,
        groupName: 'Evening Recovery',
        date: '2026-11-23',
        yourTrainee: true
      })
    ])

    await signInAs(core, kim.id, PHRASES.kim)
    const kimsList = await value<CosignList>(core.handle('notes.cosignList', {}))
    expect(kimsList.map((r) => [r.participantId, r.author])).toEqual([
      [people[1], 'Ash Learner, CADC-T']
    ])
    // Co-signed, it leaves the list.
    await value(core.handle('notes.cosign', { sessionId, participantId: people[1]! }))
    expect(await value(core.handle('notes.cosignList', {}))).toEqual([])
  })

  test('a trainee without a supervisor is not forgotten: every supervisor sees their notes', async () => {
    const { core, clock, lee, kim, sam } = await clinic()
    await sessionSignedBy(core, clock, [
      { id: sam.id, passphrase: PHRASES.sam },
      { id: template.adminId, passphrase: PASSPHRASE }
    ])
    for (const [supervisor, phrase] of [
      [lee, PHRASES.lee],
      [kim, PHRASES.kim]
    ] as const) {
      await signInAs(core, supervisor.id, phrase)
      const list = await value<CosignList>(core.handle('notes.cosignList', {}))
      // The administrator's own note is signed outright: only the trainee's waits.
      expect(list.map((r) => [r.author, r.yourTrainee])).toEqual([['Sam Trainee, CADC-T', false]])
    }
  })

  test('someone who is not a supervisor owes no co-signatures', async () => {
    const { core, clock, sam } = await clinic()
    await sessionSignedBy(core, clock, [
      { id: sam.id, passphrase: PHRASES.sam },
      { id: sam.id, passphrase: PHRASES.sam }
    ])
    expect(await value(core.handle('notes.cosignList', {}))).toEqual([])
    await signInAs(core, sam.id, PHRASES.sam)
    expect(await value(core.handle('notes.cosignList', {}))).toEqual([])
  })
})
