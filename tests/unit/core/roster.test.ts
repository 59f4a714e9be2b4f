import { beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import {
  copyClinic,
  group,
  openCore,
  participant,
  PASSPHRASE,
  registryBytes,
  setUpClinic
} from './helpers'

let template: { dir: string; adminId: string }
beforeAll(async () => {
  template = await setUpClinic()
})

async function signedIn(): Promise<{ core: Core; dir: string }> {
  const dir = await copyClinic(template.dir)
  const core = await openCore(dir)
  await core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
  return { core, dir }
}

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) {
  const result = await promise
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value as T
}

describe('participants and rosters', () => {
  it('refuses a duplicate client ID, whatever its case, and says which one', async () => {
    const { core, dir } = await signedIn()
    await value(core.handle('participants.create', participant('C-101')))
    const before = await registryBytes(dir)
    const result = await core.handle(
      'participants.create',
      participant(' c-101 ', { fullName: 'Casey Morgan' })
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(JSON.stringify(result)).toContain('c-101 is already used')
    expect(await registryBytes(dir)).toBe(before)
  })

  it('refuses an exit date before the join date and writes nothing', async () => {
    const { core, dir } = await signedIn()
    const g = await value<{ id: string }>(core.handle('groups.create', group()))
    const p = await value<{ id: string }>(core.handle('participants.create', participant('C-1')))
    const e = await value<{ id: string }>(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: p.id,
        joinDate: '2026-11-09'
      })
    )
    const before = await registryBytes(dir)
    const result = await core.handle('enrollments.end', {
      enrollmentId: e.id,
      exitDate: '2026-11-08'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(JSON.stringify(result)).toContain('cannot be before the join date')
    expect(await registryBytes(dir)).toBe(before)
  })

  it('moves a person who leaves from the roster to past members and frees a place', async () => {
    const { core } = await signedIn()
    const g = await value<{ id: string }>(core.handle('groups.create', group({ capacity: 2 })))
    const a = await value<{ id: string }>(core.handle('participants.create', participant('C-1')))
    const b = await value<{ id: string }>(
      core.handle(
        'participants.create',
        participant('C-2', { fullName: 'Samira Patel', preferredName: '' })
      )
    )
    const c = await value<{ id: string }>(
      core.handle('participants.create', participant('C-3', { fullName: 'Casey Morgan' }))
    )
    const ea = await value<{ id: string }>(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: a.id,
        joinDate: '2026-11-02'
      })
    )
    await value(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: b.id,
        joinDate: '2026-11-02'
      })
    )
    const full = await core.handle('enrollments.create', {
      groupId: g.id,
      participantId: c.id,
      joinDate: '2026-11-02'
    })
    expect(full).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(JSON.stringify(full)).toContain('is full')

    await value(core.handle('enrollments.end', { enrollmentId: ea.id, exitDate: '2026-11-20' }))
    const roster = await value<{
      current: { displayName: string }[]
      past: { displayName: string; exitDate: string }[]
      openPlaces: number
    }>(core.handle('groups.roster', { groupId: g.id }))
    expect(roster.current.map((e) => e.displayName)).toEqual(['Samira P.'])
    expect(roster.past).toMatchObject([{ displayName: 'Jo A.', exitDate: '2026-11-20' }])
    expect(roster.openPlaces).toBe(1)
  })

  it('refuses enrolment before admission, twice in one group, or after discharge', async () => {
    const { core } = await signedIn()
    const g = await value<{ id: string }>(core.handle('groups.create', group()))
    const p = await value<{ id: string }>(core.handle('participants.create', participant('C-1')))
    const early = await core.handle('enrollments.create', {
      groupId: g.id,
      participantId: p.id,
      joinDate: '2026-11-01'
    })
    expect(JSON.stringify(early)).toContain('before the admission date')
    await value(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    const twice = await core.handle('enrollments.create', {
      groupId: g.id,
      participantId: p.id,
      joinDate: '2026-11-03'
    })
    expect(JSON.stringify(twice)).toContain('already on the roster')

    await value(
      core.handle('participants.update', {
        participantId: p.id,
        participant: participant('C-1', {
          status: 'discharged',
          discharge: { date: '2026-11-21', type: 'completed' }
        })
      })
    )
    const roster = await value<{ current: unknown[]; past: { exitDate: string }[] }>(
      core.handle('groups.roster', { groupId: g.id })
    )
    expect(roster.current).toHaveLength(0)
    expect(roster.past[0]!.exitDate).toBe('2026-11-21')
    const after = await core.handle('enrollments.create', {
      groupId: g.id,
      participantId: p.id,
      joinDate: '2026-11-22'
    })
    expect(JSON.stringify(after)).toContain('is discharged')
  })

  it('tells every window which records changed, and only after a successful write', async () => {
    const { core } = await signedIn()
    const seen: string[] = []
    core.subscribe((event, payload) => seen.push(`${event}:${JSON.stringify(payload)}`))
    await value(core.handle('participants.create', participant('C-1')))
    await core.handle('participants.create', participant('C-1'))
    expect(seen).toEqual(['records.changed:{"scope":"participants"}'])
  })

  it('keeps everything after the app is closed and opened again', async () => {
    const { core, dir } = await signedIn()
    const g = await value<{ id: string }>(core.handle('groups.create', group()))
    const p = await value<{ id: string }>(core.handle('participants.create', participant('C-1')))
    await value(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    const reopened = await openCore(dir)
    await reopened.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    const roster = await value<{ current: { clientId: string }[] }>(
      reopened.handle('groups.roster', { groupId: g.id })
    )
    expect(roster.current.map((e) => e.clientId)).toEqual(['C-1'])
  })
})
