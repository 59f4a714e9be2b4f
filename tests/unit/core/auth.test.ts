/**
 * Setting up the clinic, signing in and out, and who may do what: the rules a
 * shared clinic workstation depends on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { contract } from '../../../src/shared/ipc/contract'
import { CHANNEL_NAMES } from '../../../src/shared/ipc/names'
import {
  allFiles,
  copyClinic,
  emptyFolder,
  NOW_ISO,
  openCore,
  PASSPHRASE,
  recordEvents,
  refusal,
  recordsText,
  registryBytes,
  removeFolders,
  setUpClinic,
  signedInCopy,
  staffMember,
  value,
  WELL_FORMED,
  group,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

const SETUP = {
  clinic: { name: 'Lakeside Counseling', timeZone: 'America/Denver' },
  staff: {
    fullName: 'Avery Lindqvist',
    credentials: 'LADC',
    role: 'supervisor',
    // Asked for no administrator rights: the first person gets them anyway.
    isAdmin: false,
    passphrase: 'copper lantern meadow'
  }
}

interface StaffView {
  id: string
  fullName: string
  isAdmin: boolean
  active: boolean
}

/** Adds a staff member as the signed-in administrator; returns their id. */
async function addStaff(core: Core, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await value<StaffView>(core.handle('staff.create', staffMember(overrides)))).id
}

describe('first-run setup', () => {
  it('creates the clinic and its first staff member as administrator, and signs them in', async () => {
    const core = await openCore(await emptyFolder())
    const events = recordEvents(core)
    expect(await value(core.handle('app.status', {}))).toMatchObject({
      setUp: false,
      clinic: null,
      signedIn: null
    })
    // Before setup there is nobody to sign in as.
    await refusal(core.handle('auth.directory', {}), 'setup_required')
    await refusal(
      core.handle('auth.signIn', { staffId: 'id-1', passphrase: PASSPHRASE }),
      'setup_required'
    )

    const first = await value<StaffView>(core.handle('setup.complete', SETUP))
    expect(first).toEqual({
      id: expect.any(String),
      fullName: 'Avery Lindqvist',
      credentials: 'LADC',
      role: 'supervisor',
      isAdmin: true,
      active: true,
      createdAt: NOW_ISO,
      disabledAt: null,
      supervisorId: null,
      // Shown once: the only other way to open the records.
      recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/)
    })
    expect(await value(core.handle('app.status', {}))).toMatchObject({
      setUp: true,
      clinic: { name: 'Lakeside Counseling', timeZone: 'America/Denver', createdAt: NOW_ISO },
      signedIn: { id: first.id, fullName: 'Avery Lindqvist', isAdmin: true }
    })
    expect(await value(core.handle('auth.directory', {}))).toEqual([
      { id: first.id, fullName: 'Avery Lindqvist', credentials: 'LADC' }
    ])
    expect(events).toEqual(['records.changed {"scope":"clinic"}', 'auth.changed {"signedIn":true}'])
  })

  it('cannot be run a second time, signed in or not, and changes nothing when refused', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    const before = await registryBytes(dir)
    const error = await refusal(core.handle('setup.complete', SETUP), 'already_set_up')
    expect(error.message).toMatch(/already set up/i)
    // Refused before any sign-in, so nobody was signed in by the attempt.
    expect(await value(core.handle('app.status', {}))).toMatchObject({ signedIn: null })

    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await refusal(core.handle('setup.complete', SETUP), 'already_set_up')
    expect(await registryBytes(dir)).toBe(before)
    expect(await value(core.handle('auth.directory', {}))).toEqual([
      { id: template.adminId, fullName: 'Robin Okafor', credentials: 'LPC' }
    ])
  })

  it('refuses a passphrase shorter than ten characters and leaves the clinic not set up', async () => {
    const core = await openCore(await emptyFolder())
    const error = await refusal(
      core.handle('setup.complete', { ...SETUP, staff: { ...SETUP.staff, passphrase: 'short' } }),
      'invalid_input'
    )
    expect(error.message).toContain('at least 10 characters')
    expect(await value(core.handle('app.status', {}))).toMatchObject({ setUp: false })
  })
})

describe('signing in and out', () => {
  it('signs in with the right passphrase and shows who is signed in', async () => {
    const core = await openCore(await copyClinic(template.dir))
    const events = recordEvents(core)
    const me = await value<StaffView>(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    )
    expect(me).toMatchObject({ id: template.adminId, fullName: 'Robin Okafor', isAdmin: true })
    expect(await value(core.handle('app.status', {}))).toMatchObject({
      signedIn: { id: template.adminId, fullName: 'Robin Okafor', credentials: 'LPC' }
    })
    expect(events).toEqual(['auth.changed {"signedIn":true}'])
    // Signed in, a staff channel answers.
    expect(await value(core.handle('staff.list', {}))).toHaveLength(1)
  })

  it('refuses a wrong passphrase and leaves nobody signed in', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    const events = recordEvents(core)
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'maple kettle harbour' }),
      'wrong_passphrase'
    )
    expect(error.message).toMatch(/passphrase is not right/i)
    expect(await value(core.handle('app.status', {}))).toMatchObject({ signedIn: null })
    await refusal(core.handle('groups.list', {}), 'not_signed_in')
    expect(events).toEqual([])
    expect(await registryBytes(dir)).toBe(before)
  })

  it('answers an unknown staff member exactly as a wrong passphrase, telling nothing', async () => {
    const core = await openCore(await copyClinic(template.dir))
    const wrong = await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'a wrong passphrase' }),
      'wrong_passphrase'
    )
    const unknown = await refusal(
      core.handle('auth.signIn', { staffId: 'nobody-here', passphrase: PASSPHRASE }),
      'wrong_passphrase'
    )
    expect(unknown).toEqual(wrong)
  })

  it('refuses a disabled staff member even with the right passphrase, until re-enabled', async () => {
    const { core } = await signedInCopy(template)
    const danaId = await addStaff(core)
    const disabled = await value<StaffView & { disabledAt: string }>(
      core.handle('staff.setActive', { staffId: danaId, active: false })
    )
    expect(disabled).toMatchObject({ active: false, disabledAt: NOW_ISO })
    // A disabled account is no longer offered on the sign-in screen.
    expect(await value<{ id: string }[]>(core.handle('auth.directory', {}))).toEqual([
      expect.objectContaining({ id: template.adminId })
    ])
    await value(core.handle('auth.signOut', {}))

    const error = await refusal(
      core.handle('auth.signIn', { staffId: danaId, passphrase: 'quiet river lantern' }),
      'staff_disabled'
    )
    expect(error.message).toMatch(/disabled/)
    expect(await value(core.handle('app.status', {}))).toMatchObject({ signedIn: null })

    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('staff.setActive', { staffId: danaId, active: true }))
    await value(core.handle('auth.signOut', {}))
    expect(
      await value(
        core.handle('auth.signIn', { staffId: danaId, passphrase: 'quiet river lantern' })
      )
    ).toMatchObject({ id: danaId, active: true, disabledAt: null })
  })

  it('signs out: nobody is signed in and the next request is refused', async () => {
    const { core } = await signedInCopy(template)
    const events = recordEvents(core)
    expect(await value(core.handle('auth.signOut', {}))).toBeNull()
    expect(events).toEqual(['auth.changed {"signedIn":false}'])
    expect(await value(core.handle('app.status', {}))).toMatchObject({
      signedIn: null,
      // Where the records are is not shown on a locked screen.
      dataDir: ''
    })
    await refusal(core.handle('participants.list', {}), 'not_signed_in')
  })

  it('accepts the passphrase however its accented letters were typed', async () => {
    const { core } = await signedInCopy(template)
    const composed = 'caf\u00e9 au lait morning'
    const decomposed = 'cafe\u0301 au lait morning'
    const id = await addStaff(core, { fullName: 'Noor Haddad', passphrase: composed })
    await value(core.handle('auth.signOut', {}))
    expect(
      await value(core.handle('auth.signIn', { staffId: id, passphrase: decomposed }))
    ).toMatchObject({ fullName: 'Noor Haddad' })
  })
})

describe('passphrases', () => {
  it('never appear, in any form, in what a channel answers', async () => {
    const { core, dir } = await signedInCopy(template)
    const outputs: unknown[] = [template.setupOutput]
    outputs.push(await value(core.handle('staff.create', staffMember())))
    const danaId = (outputs[1] as StaffView).id
    outputs.push(await value(core.handle('staff.setActive', { staffId: danaId, active: false })))
    outputs.push(await value(core.handle('staff.setActive', { staffId: danaId, active: true })))
    outputs.push(await value(core.handle('staff.list', {})))
    outputs.push(await value(core.handle('auth.directory', {})))
    outputs.push(await value(core.handle('app.status', {})))
    outputs.push(
      await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    )

    const stored = JSON.parse(await recordsText(dir)) as {
      data: { staff: { passphrase: { salt: string; hash: string } }[] }
    }
    const secrets = stored.data.staff.flatMap((s) => [s.passphrase.salt, s.passphrase.hash])
    expect(secrets).toHaveLength(4)
    const shown = JSON.stringify(outputs)
    for (const secret of [...secrets, PASSPHRASE, 'quiet river lantern']) {
      expect(shown).not.toContain(secret)
    }
    expect(shown).not.toMatch(/passphrase|scrypt|salt|hash/i)
    // The lists really were read: both staff members are in them.
    expect(shown).toContain('Dana Reyes')
  })

  it('are stored only as salted scrypt hashes, in the records and in their backups', async () => {
    const { core, dir } = await signedInCopy(template)
    // Two people who chose the same passphrase still get different hashes.
    await addStaff(core, { passphrase: PASSPHRASE })
    const files = await allFiles(dir)
    expect([...files.keys()]).toContain('registry.json')
    for (const [name, text] of files) {
      expect(text, name).not.toContain(PASSPHRASE)
      expect(text, name).not.toContain(Buffer.from(PASSPHRASE).toString('base64'))
    }

    const stored = JSON.parse(await recordsText(dir)) as {
      data: { staff: { passphrase: Record<string, unknown> }[] }
    }
    const hashes = stored.data.staff.map((s) => s.passphrase)
    expect(hashes).toHaveLength(2)
    for (const hash of hashes) {
      expect(Object.keys(hash).sort()).toEqual([
        'N',
        'algorithm',
        'hash',
        'keyLength',
        'p',
        'r',
        'salt'
      ])
      expect(hash.algorithm).toBe('scrypt')
      expect(hash.N).toBeGreaterThanOrEqual(2 ** 14)
      expect(Buffer.from(hash.salt as string, 'base64')).toHaveLength(16)
      expect(Buffer.from(hash.hash as string, 'base64')).toHaveLength(hash.keyLength as number)
    }
    expect(hashes[0]!.salt).not.toBe(hashes[1]!.salt)
    expect(hashes[0]!.hash).not.toBe(hashes[1]!.hash)
  })
})

describe('acting for nobody', () => {
  const guarded = CHANNEL_NAMES.filter((name) => contract[name].access !== 'public')

  it('guards every channel but status, setup, the sign-in list, sign-in, sign-out, unlock, recovery, a restore onto a new computer and joining one to the clinic', () => {
    expect(CHANNEL_NAMES.filter((name) => contract[name].access === 'public').sort()).toEqual([
      'app.status',
      'auth.directory',
      'auth.recover',
      'auth.signIn',
      'auth.signOut',
      'auth.unlock',
      'recovery.inspectBackup',
      'recovery.inspectTransfer',
      'recovery.joinClinic',
      'recovery.restoreBackup',
      'setup.complete'
    ])
    // The refusals below must come from the sign-in check, not from a malformed request.
    for (const name of guarded) {
      expect(contract[name].input.safeParse(WELL_FORMED[name]).success, name).toBe(true)
    }
  })

  it('refuses every guarded channel when nobody is signed in, and writes nothing', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    const events = recordEvents(core)
    const before = await registryBytes(dir)
    for (const name of guarded) {
      const error = await refusal(core.handle(name, WELL_FORMED[name]), 'not_signed_in')
      expect(error.message).toBe('Sign in to do that.')
    }
    expect(await registryBytes(dir)).toBe(before)
    expect(events).toEqual([])
  })

  it('refuses them again after the last person signed out', async () => {
    const { core, dir } = await signedInCopy(template)
    await value(core.handle('auth.signOut', {}))
    const before = await registryBytes(dir)
    for (const name of guarded) {
      await refusal(core.handle(name, WELL_FORMED[name]), 'not_signed_in')
    }
    expect(await registryBytes(dir)).toBe(before)
  })
})

describe('administrator rights', () => {
  it('administrator channels refuse a counselor without them, who can still run groups', async () => {
    const { core, dir } = await signedInCopy(template)
    const samId = await addStaff(core, {
      fullName: 'Sam Lee',
      credentials: 'CADC',
      role: 'counselor_in_training',
      passphrase: 'paper boat morning'
    })
    await value(core.handle('auth.signOut', {}))
    await value(core.handle('auth.signIn', { staffId: samId, passphrase: 'paper boat morning' }))

    const adminOnly = CHANNEL_NAMES.filter((name) => contract[name].access === 'admin')
    expect(adminOnly.sort()).toEqual([
      'agreements.save',
      'audit.export',
      'audit.list',
      'audit.merged',
      'backups.create',
      'backups.preview',
      'backups.restore',
      'clinic.setContacts',
      'clinic.update',
      'clinic.updateSessionSettings',
      'groups.setServiceCode',
      'measures.setSchedules',
      'security.rotateKey',
      'staff.create',
      'staff.resetPassphrase',
      'staff.setActive',
      'staff.setSupervisor',
      'sync.conflicts',
      'sync.exportTransfer',
      'sync.importTransfer',
      'sync.resolveConflict',
      'sync.setMachineName',
      'sync.setServer',
      'sync.status'
    ])
    const before = await registryBytes(dir)
    for (const name of adminOnly) {
      const error = await refusal(core.handle(name, WELL_FORMED[name]), 'forbidden')
      expect(error.message).toMatch(/administrator/)
    }
    // Not even to disable someone else, or to re-enable themselves.
    await refusal(
      core.handle('staff.setActive', { staffId: template.adminId, active: false }),
      'forbidden'
    )
    expect(await registryBytes(dir)).toBe(before)

    // Everyday work is open to every signed-in staff member.
    const led = { ...group({ name: 'Morning MH IOP' }), facilitatorIds: [template.adminId] }
    expect(await value(core.handle('groups.create', led))).toMatchObject({
      name: 'Morning MH IOP'
    })
  })

  it('an administrator cannot disable their own account', async () => {
    const { core, dir } = await signedInCopy(template)
    const before = await registryBytes(dir)
    const error = await refusal(
      core.handle('staff.setActive', { staffId: template.adminId, active: false }),
      'conflict'
    )
    expect(error.message).toMatch(/cannot disable your own account/)
    expect(await registryBytes(dir)).toBe(before)
    expect(await value(core.handle('app.status', {}))).toMatchObject({
      signedIn: { id: template.adminId }
    })
  })

  it('another administrator can be disabled, but the clinic always keeps an active one', async () => {
    const { core, dir } = await signedInCopy(template)
    const otherAdmin = await addStaff(core, { fullName: 'Kai Moreno', isAdmin: true })
    await value(core.handle('staff.setActive', { staffId: otherAdmin, active: false }))
    // The one administrator left is the one signed in, who cannot disable themselves.
    await refusal(
      core.handle('staff.setActive', { staffId: template.adminId, active: false }),
      'conflict'
    )
    const stored = JSON.parse(await recordsText(dir)) as {
      data: { staff: { id: string; isAdmin: boolean; active: boolean }[] }
    }
    expect(stored.data.staff.filter((s) => s.isAdmin && s.active).map((s) => s.id)).toEqual([
      template.adminId
    ])
  })

  it('refuses to disable someone who does not exist', async () => {
    const { core } = await signedInCopy(template)
    const error = await refusal(
      core.handle('staff.setActive', { staffId: 'staff-unknown', active: false }),
      'not_found'
    )
    expect(error.message).toBe('That staff member was not found.')
  })
})
