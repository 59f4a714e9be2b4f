/**
 * Groups, participants and who is on which roster: the rules a facilitator
 * relies on when people join and leave an open (rolling admission) group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import {
  group,
  NOW_ISO,
  openCore,
  participant,
  PASSPHRASE,
  recordEvents,
  refusal,
  registryBytes,
  removeFolders,
  setUpClinic,
  signedInCopy,
  value,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

interface Roster {
  capacity: number
  current: { displayName: string; clientId: string; joinDate: string; exitDate: null }[]
  past: { displayName: string; exitDate: string }[]
  openPlaces: number
}

const roster = (core: Core, groupId: string) =>
  value<Roster>(core.handle('groups.roster', { groupId }))

/** A group led by the clinic's first staff member: every group needs a facilitator. */
const led = (overrides: Record<string, unknown> = {}) =>
  group({ facilitatorIds: [template.adminId], ...overrides })

async function newGroup(core: Core, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await value<{ id: string }>(core.handle('groups.create', led(overrides)))).id
}

async function newParticipant(
  core: Core,
  clientId: string,
  overrides: Record<string, unknown> = {}
): Promise<string> {
  const created = core.handle('participants.create', participant(clientId, overrides))
  return (await value<{ id: string }>(created)).id
}

async function enrol(core: Core, groupId: string, participantId: string, joinDate = '2026-11-02') {
  const created = core.handle('enrollments.create', { groupId, participantId, joinDate })
  return (await value<{ id: string }>(created)).id
}

const discharged = (clientId: string, date: string, overrides: Record<string, unknown> = {}) =>
  participant(clientId, {
    status: 'discharged',
    discharge: { date, type: 'completed' },
    ...overrides
  })

describe('groups and participants', () => {
  it('creates a group and a participant, and lists them with the name the group uses', async () => {
    const { core } = await signedInCopy(template)
    const events = recordEvents(core)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-101')
    await enrol(core, groupId, jordanId)

    expect(await value(core.handle('groups.get', { groupId }))).toMatchObject({
      name: 'Evening SUD IOP',
      meetingDays: ['mon', 'wed', 'thu'],
      createdAt: NOW_ISO
    })
    expect(await value(core.handle('groups.list', {}))).toMatchObject([
      { id: groupId, name: 'Evening SUD IOP', enrolledCount: 1 }
    ])
    expect(await value(core.handle('participants.get', { participantId: jordanId }))).toMatchObject(
      { fullName: 'Jordan Alvarez', displayName: 'Jo A.', clientId: 'C-101', groupIds: [groupId] }
    )
    expect(events).toEqual([
      'records.changed {"scope":"groups"}',
      'records.changed {"scope":"participants"}',
      'records.changed {"scope":"enrollments"}'
    ])
  })

  it('refuses a duplicate client ID, whatever its case or spacing, naming the ID', async () => {
    const { core, dir } = await signedInCopy(template)
    await newParticipant(core, 'C-101')
    const before = await registryBytes(dir)
    for (const clientId of ['C-101', 'c-101', ' c-101 ']) {
      const error = await refusal(
        core.handle('participants.create', participant(clientId, { fullName: 'Casey Morgan' })),
        'conflict'
      )
      expect(error.message).toBe(
        `Client ID ${clientId.trim()} is already used by another participant. Each participant needs their own client ID.`
      )
    }
    expect(await registryBytes(dir)).toBe(before)
    expect(await value(core.handle('participants.list', {}))).toHaveLength(1)
  })

  it('refuses to give a participant a client ID another participant already has', async () => {
    const { core, dir } = await signedInCopy(template)
    await newParticipant(core, 'C-101')
    const caseyId = await newParticipant(core, 'C-102', { fullName: 'Casey Morgan' })
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('participants.update', {
        participantId: caseyId,
        participant: participant('c-101', { fullName: 'Casey Morgan' })
      }),
      'conflict'
    )
    expect(error.message).toContain('Client ID c-101 is already used')
    expect(await registryBytes(dir)).toBe(before)
    // Keeping their own client ID, in another case, is not a clash with themselves.
    await value(
      core.handle('participants.update', {
        participantId: caseyId,
        participant: participant('c-102', { fullName: 'Casey Morgan', preferredName: '' })
      })
    )
  })

  it('keeps group names unique, whatever their case or spacing', async () => {
    const { core, dir } = await signedInCopy(template)
    const eveningId = await newGroup(core)
    const morningId = await newGroup(core, { name: 'Morning MH IOP' })
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('groups.create', led({ name: '  evening sud iop ' })),
      'conflict'
    )
    expect(error.message).toBe(
      'A group called "Evening SUD IOP" already exists. Choose another name.'
    )
    await refusal(
      core.handle('groups.update', {
        groupId: morningId,
        group: led({ name: 'EVENING SUD IOP' })
      }),
      'conflict'
    )
    expect(await registryBytes(dir)).toBe(before)
    // A group may keep its own name when other details change.
    expect(
      await value(core.handle('groups.update', { groupId: eveningId, group: led({ capacity: 8 }) }))
    ).toMatchObject({ name: 'Evening SUD IOP', capacity: 8 })
  })

  it('says plainly when a group or participant does not exist', async () => {
    const { core } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const error = await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: 'nobody',
        joinDate: '2026-11-02'
      }),
      'not_found'
    )
    expect(error.message).toBe('That participant was not found.')
    expect(
      (await refusal(core.handle('groups.roster', { groupId: 'nowhere' }), 'not_found')).message
    ).toBe('That group was not found.')
  })
})

describe('enrolment', () => {
  it('refuses a join date before the admission date, and accepts the admission date itself', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-101')
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: jordanId,
        joinDate: '2026-11-01'
      }),
      'conflict'
    )
    expect(error.message).toBe('The join date cannot be before the admission date (2026-11-02).')
    expect(await registryBytes(dir)).toBe(before)
    await enrol(core, groupId, jordanId, '2026-11-02')
  })

  it('refuses to enrol someone already on the roster, but welcomes them back after they left', async () => {
    const { core } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-101')
    const first = await enrol(core, groupId, jordanId, '2026-11-02')
    const error = await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: jordanId,
        joinDate: '2026-11-04'
      }),
      'conflict'
    )
    expect(error.message).toBe('Jo A. is already on the roster of Evening SUD IOP.')

    await value(core.handle('enrollments.end', { enrollmentId: first, exitDate: '2026-11-09' }))
    await enrol(core, groupId, jordanId, '2026-11-16')
    const now = await roster(core, groupId)
    expect(now.current).toMatchObject([{ displayName: 'Jo A.', joinDate: '2026-11-16' }])
    expect(now.past).toMatchObject([{ displayName: 'Jo A.', exitDate: '2026-11-09' }])
  })

  it('refuses another enrolment when the group is full, and nothing is written', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core, { capacity: 2 })
    await enrol(core, groupId, await newParticipant(core, 'C-1'))
    await enrol(core, groupId, await newParticipant(core, 'C-2', { fullName: 'Samira Patel' }))
    const caseyId = await newParticipant(core, 'C-3', {
      fullName: 'Casey Morgan',
      preferredName: ''
    })
    const events = recordEvents(core)
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: caseyId,
        joinDate: '2026-11-02'
      }),
      'conflict'
    )
    expect(error.message).toBe(
      'Evening SUD IOP is full (2 places). End an enrolment or raise the capacity first.'
    )
    expect(await registryBytes(dir)).toBe(before)
    expect(events).toEqual([])
    expect((await roster(core, groupId)).openPlaces).toBe(0)
  })

  it('refuses an exit date before the join date and writes nothing', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-101')
    const enrollmentId = await enrol(core, groupId, jordanId, '2026-11-09')
    const events = recordEvents(core)
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('enrollments.end', { enrollmentId, exitDate: '2026-11-08' }),
      'conflict'
    )
    expect(error.message).toBe('The exit date cannot be before the join date (2026-11-09).')
    expect(await registryBytes(dir)).toBe(before)
    expect(events).toEqual([])
    expect((await roster(core, groupId)).current).toHaveLength(1)
  })

  it('moves a person who leaves from the roster to past members and frees a place', async () => {
    const { core } = await signedInCopy(template)
    const groupId = await newGroup(core, { capacity: 3 })
    const jordan = await enrol(core, groupId, await newParticipant(core, 'C-1'))
    await enrol(
      core,
      groupId,
      await newParticipant(core, 'C-2', { fullName: 'Samira Patel', preferredName: '' })
    )
    const casey = await enrol(
      core,
      groupId,
      await newParticipant(core, 'C-3', { fullName: 'Casey Morgan', preferredName: '' })
    )
    expect((await roster(core, groupId)).openPlaces).toBe(0)

    const events = recordEvents(core)
    expect(
      await value(core.handle('enrollments.end', { enrollmentId: jordan, exitDate: '2026-11-20' }))
    ).toMatchObject({ id: jordan, exitDate: '2026-11-20' })
    // Leaving on the day one joined is allowed.
    await value(core.handle('enrollments.end', { enrollmentId: casey, exitDate: '2026-11-02' }))
    expect(events).toEqual([
      'records.changed {"scope":"enrollments"}',
      'records.changed {"scope":"enrollments"}'
    ])

    const after = await roster(core, groupId)
    expect(after.current.map((e) => e.displayName)).toEqual(['Samira P.'])
    // Most recent leaver first.
    expect(after.past).toMatchObject([
      { displayName: 'Jo A.', exitDate: '2026-11-20' },
      { displayName: 'Casey M.', exitDate: '2026-11-02' }
    ])
    expect(after.openPlaces).toBe(2)
    expect(await value(core.handle('groups.list', {}))).toMatchObject([{ enrolledCount: 1 }])

    await refusal(
      core.handle('enrollments.end', { enrollmentId: jordan, exitDate: '2026-11-21' }),
      'conflict'
    )
  })

  it('does not let capacity be set below the people enrolled now', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core, { capacity: 3 })
    await enrol(core, groupId, await newParticipant(core, 'C-1'))
    await enrol(core, groupId, await newParticipant(core, 'C-2', { fullName: 'Samira Patel' }))
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('groups.update', { groupId, group: led({ capacity: 1 }) }),
      'conflict'
    )
    expect(error.message).toBe('2 people are enrolled now; the capacity cannot be set below that.')
    expect(await registryBytes(dir)).toBe(before)
    await value(core.handle('groups.update', { groupId, group: led({ capacity: 2 }) }))
    expect(await roster(core, groupId)).toMatchObject({ capacity: 2, openPlaces: 0 })
  })
})

describe('discharge', () => {
  it('ends every open enrolment on the discharge date', async () => {
    const { core } = await signedInCopy(template)
    const evening = await newGroup(core)
    const morning = await newGroup(core, { name: 'Morning Skills Group' })
    const earlier = await newGroup(core, { name: 'Relapse Prevention Group' })
    const jordanId = await newParticipant(core, 'C-1')
    await enrol(core, evening, jordanId, '2026-11-02')
    await enrol(core, morning, jordanId, '2026-11-04')
    const left = await enrol(core, earlier, jordanId, '2026-11-02')
    await value(core.handle('enrollments.end', { enrollmentId: left, exitDate: '2026-11-06' }))

    await value(
      core.handle('participants.update', {
        participantId: jordanId,
        participant: discharged('C-1', '2026-11-21')
      })
    )
    for (const groupId of [evening, morning]) {
      const r = await roster(core, groupId)
      expect(r.current).toEqual([])
      expect(r.past).toMatchObject([{ displayName: 'Jo A.', exitDate: '2026-11-21' }])
    }
    // An enrolment that had already ended keeps its own exit date.
    expect((await roster(core, earlier)).past).toMatchObject([{ exitDate: '2026-11-06' }])
    expect(await value(core.handle('participants.get', { participantId: jordanId }))).toMatchObject(
      { status: 'discharged', groupIds: [] }
    )
  })

  it('refuses a discharge date before a group join date, and writes nothing', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-1')
    await enrol(core, groupId, jordanId, '2026-11-16')
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('participants.update', {
        participantId: jordanId,
        participant: discharged('C-1', '2026-11-10')
      }),
      'conflict'
    )
    expect(error.message).toBe('The discharge date is before a group join date (2026-11-16).')
    expect(await registryBytes(dir)).toBe(before)
    expect(await value(core.handle('participants.get', { participantId: jordanId }))).toMatchObject(
      { status: 'active', groupIds: [groupId] }
    )
  })

  it('refuses to enrol a discharged participant, naming them', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core)
    const jordanId = await newParticipant(core, 'C-1', discharged('C-1', '2026-11-21'))
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: jordanId,
        joinDate: '2026-11-23'
      }),
      'conflict'
    )
    expect(error.message).toBe(
      'Jo A. is discharged; readmit them before enrolling them in a group.'
    )
    expect(await registryBytes(dir)).toBe(before)
  })
})

describe('records.changed', () => {
  it('is announced with the right scope after each successful write, and never after a refusal or a read', async () => {
    const { core } = await signedInCopy(template)
    const events = recordEvents(core)
    const groupId = await newGroup(core)
    await refusal(core.handle('groups.create', led()), 'conflict')
    const jordanId = await newParticipant(core, 'C-1')
    await refusal(core.handle('participants.create', participant('C-1')), 'conflict')
    await value(core.handle('groups.update', { groupId, group: led({ capacity: 10 }) }))
    await value(
      core.handle('participants.update', {
        participantId: jordanId,
        participant: participant('C-1', { preferredName: 'Jordy' })
      })
    )
    const enrollmentId = await enrol(core, groupId, jordanId)
    await refusal(
      core.handle('enrollments.create', {
        groupId,
        participantId: jordanId,
        joinDate: '2026-11-02'
      }),
      'conflict'
    )
    await value(core.handle('enrollments.end', { enrollmentId, exitDate: '2026-11-20' }))
    await value(
      core.handle('clinic.update', { name: 'Riverside North', timeZone: 'America/Chicago' })
    )
    await value(core.handle('groups.list', {}))
    await value(core.handle('participants.list', {}))
    await roster(core, groupId)
    expect(events.map((e) => JSON.parse(e.slice('records.changed '.length)).scope)).toEqual([
      'groups',
      'participants',
      'groups',
      'participants',
      'enrollments',
      'enrollments',
      'clinic'
    ])
  })
})

describe('after a restart', () => {
  it('keeps groups, participants and rosters once the app is closed and opened again', async () => {
    const { core, dir } = await signedInCopy(template)
    const groupId = await newGroup(core)
    await enrol(core, groupId, await newParticipant(core, 'C-1'))
    const reopened = await openCore(dir)
    await value(
      reopened.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    )
    expect((await roster(reopened, groupId)).current.map((e) => e.clientId)).toEqual(['C-1'])
  })
})
