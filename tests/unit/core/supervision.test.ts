/**
 * Supervision through the core: an administrator assigns each
 * counselor-in-training to a supervisor (checked, and in the access log), and
 * a supervisor's co-sign list holds their trainees' notes waiting for a
 * co-signature — not another supervisor's trainees', and never empty while
 * one of theirs waits. The clock is injected and moved by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Core } from '../../../src/main/core'
import type { Staff } from '../../../src/shared/domain/staff'
import type { OutputOf } from '../../../src/shared/ipc/contract'
import {
  clinicOnClock,
  endedSessionOf,
  groupWithPeople,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  writeAndSign,
  type Template
} from './helpers'

const START = Date.parse('2026-11-23T15:00:00Z')

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
  const { core, clock } = await clinicOnClock(template, START)
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
  const { groupId, people } = await groupWithPeople(
    core,
    { facilitatorIds: [...new Set([template.adminId, ...authors.map((a) => a.id)])] },
    [
      { fullName: 'Jordan Testperson', clientId: 'C-30' },
      { fullName: 'Casey Samplewood', clientId: 'C-31' }
    ]
  )
  const session = await endedSessionOf(core, clock, {
    groupId,
    people,
    facilitatorIds: [template.adminId]
  })
  for (const [i, participantId] of people.entries()) {
    const author = authors[i]!
    await signInAs(core, author.id, author.passphrase)
    await writeAndSign(
      core,
      { sessionId: session.id, participantId },
      {
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
    )
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
