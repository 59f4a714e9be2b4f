import { beforeAll, describe, expect, it } from 'vitest'
import { contract } from '../../../src/shared/ipc/contract'
import { CHANNEL_NAMES, type ChannelName } from '../../../src/shared/ipc/names'
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

const LONG = 'x'.repeat(10_000)

/** One malformed input per channel; a new channel without a case fails this test. */
const malformed: Record<ChannelName, unknown[]> = {
  'app.status': [{ extra: 1 }, 5],
  'app.dismissNotice': [{}, { noticeId: 5 }, { noticeId: LONG }],
  'setup.complete': [{}, { clinic: { name: 'A', timeZone: 'Mars/Base' }, staff: {} }],
  'auth.directory': [{ x: true }],
  'auth.signIn': [{ staffId: 'a' }, { staffId: 'a', passphrase: LONG }],
  'auth.signOut': [[1, 2]],
  'staff.list': [{ all: true }],
  'staff.create': [
    { fullName: 'A B', credentials: 'LPC', role: 'boss', isAdmin: false, passphrase: PASSPHRASE },
    {
      fullName: LONG,
      credentials: 'LPC',
      role: 'counselor',
      isAdmin: false,
      passphrase: PASSPHRASE
    },
    { fullName: 'A B', credentials: 'LPC', role: 'counselor', isAdmin: 'yes', passphrase: 'short' }
  ],
  'staff.setActive': [{ staffId: 'a' }, { staffId: 'a', active: 'no' }],
  'clinic.update': [{ name: '', timeZone: 'UTC' }, { name: 'A' }],
  'groups.list': [null, 'all'],
  'groups.get': [{}, { groupId: 42 }],
  'groups.create': [group({ name: LONG }), group({ meetingDays: [] }), group({ capacity: '12' })],
  'groups.update': [{ groupId: 'g' }, { groupId: 'g', group: group({ startTime: '25:00' }) }],
  'groups.roster': [{ groupId: null }],
  'participants.list': [{ page: 2 }],
  'participants.get': [{ participantId: ['a'] }],
  'participants.create': [
    participant('C-1', { dateOfBirth: '2026-02-30' }),
    participant('C-1', { surprise: true }),
    participant(LONG),
    { fullName: 'Only a name' }
  ],
  'participants.update': [{ participantId: 'p', participant: participant('C-1', { track: 'x' }) }],
  'enrollments.create': [
    { groupId: 'g', participantId: 'p' },
    { groupId: 'g', participantId: 'p', joinDate: 'today' }
  ],
  'enrollments.end': [{ enrollmentId: 'e', exitDate: 20261123 }]
}

describe('the contract boundary', () => {
  it('has a malformed-input case for every channel', () => {
    expect(Object.keys(malformed).sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('refuses malformed input on every channel in plain words, and writes nothing', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    await core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    const before = await registryBytes(dir)
    for (const name of CHANNEL_NAMES) {
      for (const input of malformed[name]) {
        const result = await core.handle(name, input)
        expect(result.ok, `${name} accepted ${JSON.stringify(input).slice(0, 80)}`).toBe(false)
        if (result.ok) continue
        expect(result.error.code).toBe('invalid_input')
        expect(result.error.message.length).toBeGreaterThan(10)
        expect(result.error.message).not.toMatch(/ZodError|at .*\.ts|\{"|\[object/)
      }
    }
    expect(await registryBytes(dir)).toBe(before)
  })

  it('refuses a channel the app does not offer', async () => {
    const core = await openCore(await copyClinic(template.dir))
    for (const channel of ['groups.delete', '__proto__', 42, null]) {
      const result = await core.handle(channel, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    }
  })
})

describe('signing in', () => {
  it('signs in with the right passphrase and shows who is signed in', async () => {
    const core = await openCore(await copyClinic(template.dir))
    const result = await core.handle('auth.signIn', {
      staffId: template.adminId,
      passphrase: PASSPHRASE
    })
    expect(result.ok).toBe(true)
    const status = await core.handle('app.status', {})
    expect(status).toMatchObject({ ok: true, value: { signedIn: { fullName: 'Robin Okafor' } } })
    expect(JSON.stringify([result, status])).not.toMatch(/passphrase|scrypt|salt/)
  })

  it('refuses a wrong passphrase and leaves nobody signed in', async () => {
    const core = await openCore(await copyClinic(template.dir))
    const result = await core.handle('auth.signIn', {
      staffId: template.adminId,
      passphrase: 'not the right phrase'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } })
    expect(await core.handle('app.status', {})).toMatchObject({ value: { signedIn: null } })
  })

  it('refuses a disabled staff member even with the right passphrase', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    await core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    const added = await core.handle('staff.create', {
      fullName: 'Dana Reyes',
      credentials: 'LCSW',
      role: 'supervisor',
      isAdmin: false,
      passphrase: 'quiet river lantern'
    })
    const danaId = (added as { value: { id: string } }).value.id
    expect(await core.handle('staff.setActive', { staffId: danaId, active: false })).toMatchObject({
      ok: true
    })
    await core.handle('auth.signOut', {})
    const result = await core.handle('auth.signIn', {
      staffId: danaId,
      passphrase: 'quiet river lantern'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_disabled' } })
  })

  it('keeps passphrases only as scrypt hashes', async () => {
    const raw = await registryBytes(template.dir)
    expect(raw).not.toContain(PASSPHRASE)
    expect(raw).toContain('"algorithm": "scrypt"')
  })

  it('cannot be set up twice', async () => {
    const core = await openCore(await copyClinic(template.dir))
    const again = await core.handle('setup.complete', {
      clinic: { name: 'Another Clinic', timeZone: 'UTC' },
      staff: {
        fullName: 'Someone Else',
        credentials: 'LPC',
        role: 'counselor',
        isAdmin: true,
        passphrase: 'another long phrase'
      }
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } })
  })
})

/** A valid input per non-public channel: the refusal must come from the sign-in check. */
const valid: Partial<Record<ChannelName, unknown>> = {
  'app.dismissNotice': { noticeId: 'n1' },
  'staff.create': {
    fullName: 'Dana Reyes',
    credentials: 'LCSW',
    role: 'counselor',
    isAdmin: true,
    passphrase: 'quiet river lantern'
  },
  'staff.setActive': { staffId: 'x', active: false },
  'clinic.update': { name: 'Renamed', timeZone: 'UTC' },
  'groups.get': { groupId: 'g' },
  'groups.create': group(),
  'groups.update': { groupId: 'g', group: group() },
  'groups.roster': { groupId: 'g' },
  'participants.get': { participantId: 'p' },
  'participants.create': participant('C-900'),
  'participants.update': { participantId: 'p', participant: participant('C-900') },
  'enrollments.create': { groupId: 'g', participantId: 'p', joinDate: '2026-11-23' },
  'enrollments.end': { enrollmentId: 'e', exitDate: '2026-11-23' }
}

describe('acting for nobody', () => {
  it('every channel but setup and sign-in refuses when nobody is signed in, and writes nothing', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    const before = await registryBytes(dir)
    const guarded = CHANNEL_NAMES.filter((name) => contract[name].access !== 'public')
    expect(guarded.length).toBeGreaterThan(10)
    for (const name of guarded) {
      const result = await core.handle(name, valid[name] ?? {})
      expect(result, name).toMatchObject({ ok: false, error: { code: 'not_signed_in' } })
    }
    expect(await registryBytes(dir)).toBe(before)
  })

  it('administrator channels refuse a counselor without administrator rights', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    await core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    const added = await core.handle('staff.create', {
      fullName: 'Sam Lee',
      credentials: 'CADC',
      role: 'counselor_in_training',
      isAdmin: false,
      passphrase: 'paper boat morning'
    })
    const samId = (added as { value: { id: string } }).value.id
    await core.handle('auth.signOut', {})
    await core.handle('auth.signIn', { staffId: samId, passphrase: 'paper boat morning' })
    for (const name of CHANNEL_NAMES.filter((n) => contract[n].access === 'admin')) {
      const result = await core.handle(name, valid[name] ?? {})
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
  })
})
