/**
 * The keys around the records, tried as an attacker and an unlucky clinic would: the keyring
 * is kept in the clinic file with the registry (one write), authenticated under the data key,
 * copied daily and in every backup; setup runs on an empty folder only; disabling someone
 * removes their copy of the key; a backup is signed, names its clinic, and restores onto a new
 * computer with the recovery key or a passphrase of its time; the access log cannot be cut,
 * rolled back or deleted unnoticed. All data is synthetic.
 */
import { existsSync } from 'node:fs'
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { readClinicHeader } from '../../../src/main/security/clinic-file'
import { isSealed } from '../../../src/main/security/crypto'
import {
  chooseFile,
  copyClinic,
  CURRICULUM_DIR,
  filePicker,
  emptyFolder,
  FIRST_STAFF,
  ids,
  NOW,
  participant,
  PASSPHRASE,
  refusal,
  removeFolders,
  value
} from './helpers'

const SETUP = {
  clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
  staff: FIRST_STAFF
}
const OTHER_PASSPHRASE = 'harbor maple violin'

interface Clinic {
  dir: string
  adminId: string
  recoveryKey: string
}
let template: Clinic

/** The open-file dialog every core here answers with: a test sets the file it "chooses". */
const picker = filePicker()

const open = (dir: string, now = NOW): Promise<Core> =>
  createCore({
    dataDir: dir,
    now: () => now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR,
    chooseFile: picker.chooseFile
  })

/** A backup's bytes, chosen in the (test's) open-file dialog: the token the page would send. */
const chosen = (core: Core, bytes: Uint8Array) => chooseFile(core, picker, 'backup', bytes)

async function signedIn(dir: string, staffId: string, passphrase = PASSPHRASE) {
  const core = await open(dir)
  await value(core.handle('auth.signIn', { staffId, passphrase }))
  return core
}

/** Every file under `dir` (relative path → bytes). */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), await readFile(path))
  }
  return files
}

beforeAll(async () => {
  const dir = await emptyFolder()
  const core = await open(dir)
  const setup = await value<{ id: string; recoveryKey: string }>(
    core.handle('setup.complete', SETUP)
  )
  await value(
    core.handle('participants.create', participant('C-101', { fullName: 'Jordan Testperson' }))
  )
  template = { dir, adminId: setup.id, recoveryKey: setup.recoveryKey }
}, 60_000)

afterAll(removeFolders)

describe('the keyring is a record like any other', () => {
  it('lives in the clinic file with the registry, and in its daily copy', async () => {
    const dir = await copyClinic(template.dir)
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false)
    const header = readClinicHeader(await readFile(join(dir, 'registry.json')))
    expect(header?.keyring.staff.map((s) => s.fullName)).toEqual(['Robin Okafor'])
    const copies = await readdir(join(dir, 'backups', 'registry'))
    expect(copies.length).toBeGreaterThan(0)
    const copy = readClinicHeader(await readFile(join(dir, 'backups', 'registry', copies[0]!)))
    expect(copy?.keyring.recovery).toEqual(header?.keyring.recovery)
  })

  it('a keyring changed by hand over intact records: rebuilt from the records, the changed file kept, the user told', async () => {
    const dir = await copyClinic(template.dir)
    const path = join(dir, 'registry.json')
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      keyring: { clinic: { name: string } }
    }
    file.keyring.clinic.name = 'Riverside Recovery Centre'
    await writeFile(path, JSON.stringify(file))
    const core = await signedIn(dir, template.adminId)
    const status = await value<{ notices: Array<{ kind: string; message: string }> }>(
      core.handle('app.status', {})
    )
    expect(status.notices.map((n) => n.kind)).toEqual(['keyring_rebuilt'])
    expect(status.notices[0]!.message).toMatch(/keyring .* rebuilt it from the records/)
    const names = await value<Array<{ fullName: string }>>(core.handle('participants.list', {}))
    expect(names.map((p) => p.fullName)).toEqual(['Jordan Testperson'])
    expect(await readdir(join(dir, 'damaged'))).toHaveLength(1)
    expect(readClinicHeader(await readFile(path))?.keyring.clinic.name).toBe(
      'Riverside Recovery Center'
    )
  })

  it('a flipped bit in the sealed records: the file is set aside and the last good copy restored, and the user told', async () => {
    const dir = await copyClinic(template.dir)
    const path = join(dir, 'registry.json')
    const file = JSON.parse(await readFile(path, 'utf8')) as { sealed: string }
    const bytes = Buffer.from(file.sealed, 'base64')
    bytes[bytes.length - 40]! ^= 0x01
    file.sealed = bytes.toString('base64')
    await writeFile(path, JSON.stringify(file))
    const core = await signedIn(dir, template.adminId)
    const status = await value<{ notices: Array<{ kind: string; message: string }> }>(
      core.handle('app.status', {})
    )
    expect(status.notices.map((n) => n.kind)).toEqual(['restored_from_backup'])
    expect(status.notices[0]!.message).toMatch(/could not be read.*restored the most recent backup/)
    expect(await readdir(join(dir, 'damaged'))).toHaveLength(1)
  })

  // The clinic file read as the app opens is made ready to decrypt while the sign-in screen
  // waits (issue 18). A file changed in that time is read as it is now, never as it was.
  it('records damaged after the app opened, before anyone signed in: the last good copy is restored', async () => {
    const dir = await copyClinic(template.dir)
    const path = join(dir, 'registry.json')
    const core = await open(dir)
    await core.readAhead // the sign-in screen waits while the app reads ahead
    const file = JSON.parse(await readFile(path, 'utf8')) as { sealed: string }
    const bytes = Buffer.from(file.sealed, 'base64')
    bytes[bytes.length - 40]! ^= 0x01
    file.sealed = bytes.toString('base64')
    await writeFile(path, JSON.stringify(file))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const status = await value<{ notices: Array<{ kind: string }> }>(core.handle('app.status', {}))
    expect(status.notices.map((n) => n.kind)).toEqual(['restored_from_backup'])
    expect(await readdir(join(dir, 'damaged'))).toHaveLength(1)
  })

  it('a keyring changed by hand after the app opened, before anyone signed in: rebuilt from the records', async () => {
    const dir = await copyClinic(template.dir)
    const path = join(dir, 'registry.json')
    const core = await open(dir)
    await core.readAhead
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      keyring: { clinic: { name: string } }
    }
    file.keyring.clinic.name = 'Riverside Recovery Centre'
    await writeFile(path, JSON.stringify(file))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const status = await value<{ notices: Array<{ kind: string }> }>(core.handle('app.status', {}))
    expect(status.notices.map((n) => n.kind)).toEqual(['keyring_rebuilt'])
    expect(readClinicHeader(await readFile(path))?.keyring.clinic.name).toBe(
      'Riverside Recovery Center'
    )
  })

  it('a keyring whose clinic id was edited opens nothing and changes nothing', async () => {
    const dir = await copyClinic(template.dir)
    const path = join(dir, 'registry.json')
    const file = JSON.parse(await readFile(path, 'utf8')) as { keyring: { clinicId: string } }
    file.keyring.clinicId = 'someone-else'
    await writeFile(path, JSON.stringify(file))
    await rm(join(dir, 'backups'), { recursive: true })
    const before = await filesOf(dir)
    const core = await open(dir)
    const refused = await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }),
      'storage_failed'
    )
    expect(refused.message).toMatch(/keyring does not fit the records/)
    // Setup does not run over it, and no key is handed out.
    await refusal(core.handle('setup.complete', SETUP), 'already_set_up')
    const after = await filesOf(dir)
    expect([...after.keys()].filter((k) => !k.startsWith('access-log'))).toEqual(
      [...before.keys()].filter((k) => !k.startsWith('access-log'))
    )
    expect(after.get('registry.json')?.equals(before.get('registry.json')!)).toBe(true)
  })
})

describe('setup runs only on an empty data folder', () => {
  it.each([
    ['the clinic file deleted, its copies too', ['registry.json', 'backups']],
    ['the clinic file damaged, no copies', ['backups']]
  ])('%s: the app offers only a restore; nothing written in clear', async (_, remove) => {
    const dir = await copyClinic(template.dir)
    // Sealed records stay: a session's worth of data in the curriculum and measures files.
    if (!remove.includes('registry.json')) {
      await writeFile(join(dir, 'registry.json'), '{"kind":"iop-facilitator clinic","format":2,')
    }
    for (const path of remove) await rm(join(dir, path), { recursive: true, force: true })
    const before = await filesOf(dir)
    const core = await open(dir)
    const status = await value<{ setUp: boolean; lockedOut: string | null }>(
      core.handle('app.status', {})
    )
    expect(status.setUp).toBe(true)
    expect(status.lockedOut).toMatch(/keyring is missing or damaged/)
    const refused = await refusal(core.handle('setup.complete', SETUP), 'already_set_up')
    expect(refused.message).toMatch(/Restore the clinic from a backup/)
    await refusal(core.handle('participants.list', {}), 'not_signed_in')
    const after = await filesOf(dir)
    for (const [path, bytes] of after) {
      if (path.startsWith('access-log')) continue
      expect(before.get(path)?.equals(bytes), `${path} changed`).toBe(true)
    }
    for (const [path, bytes] of after) {
      if (path === 'registry.json' || path.startsWith('access-log')) continue
      if (path.endsWith('.journal')) {
        // A journal: one sealed change a line.
        for (const line of bytes.toString('utf8').split('\n').filter(Boolean)) {
          expect(isSealed(Buffer.from(line, 'base64')), `${path} is in clear`).toBe(true)
        }
        continue
      }
      expect(isSealed(bytes), `${path} is in clear`).toBe(true)
    }
  })

  it('a records file replaced by one in clear is not opened beside sealed records', async () => {
    const dir = await copyClinic(template.dir)
    await writeFile(
      join(dir, 'registry.json'),
      JSON.stringify({ kind: 'registry', schemaVersion: 3, data: { clinic: null, staff: [] } })
    )
    const core = await open(dir)
    const status = await value<{ lockedOut: string | null }>(core.handle('app.status', {}))
    expect(status.lockedOut).toMatch(/not encrypted/)
    await refusal(core.handle('setup.complete', SETUP), 'already_set_up')
  })
})

describe('revocation', () => {
  it('disabling a staff member removes their copy of the key at once, in the same write', async () => {
    const dir = await copyClinic(template.dir)
    const core = await signedIn(dir, template.adminId)
    const other = await value<{ id: string }>(
      core.handle('staff.create', {
        fullName: 'Kai Moreno',
        credentials: 'LCSW',
        role: 'counselor',
        isAdmin: false,
        passphrase: OTHER_PASSPHRASE
      })
    )
    const header = () => readFile(join(dir, 'registry.json')).then(readClinicHeader)
    expect((await header())?.keyring.staff.map((s) => s.staffId)).toContain(other.id)
    await value(core.handle('staff.setActive', { staffId: other.id, active: false }))
    expect((await header())?.keyring.staff.map((s) => s.staffId)).toEqual([template.adminId])
    // Their old passphrase opens nothing, even in a fresh start of the app.
    const again = await open(dir)
    await refusal(
      again.handle('auth.signIn', { staffId: other.id, passphrase: OTHER_PASSPHRASE }),
      'wrong_passphrase'
    )
  })
})

describe('backups carry the keyring and are signed', () => {
  async function backupOf(dir: string) {
    const core = await signedIn(dir, template.adminId)
    const made = await value<{ base64: string }>(core.handle('backups.create', {}))
    return { core, zip: Buffer.from(made.base64, 'base64') }
  }

  it('the backup holds the keyring in its clinic file, and its manifest names the clinic', async () => {
    const dir = await copyClinic(template.dir)
    const { zip } = await backupOf(dir)
    const entries = unzipSync(zip)
    expect(readClinicHeader(entries['registry.json']!)?.keyring.staff).toHaveLength(1)
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>
    expect(manifest.format).toBe(2)
    expect(manifest.clinicId).toEqual(expect.any(String))
    expect(manifest.mac).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a doctored backup with recomputed checksums, one in clear, and another clinic’s, saying which', async () => {
    const dir = await copyClinic(template.dir)
    const { core, zip } = await backupOf(dir)
    const entries = unzipSync(zip)
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as {
      clinicId: string
      counts: { participants: number }
      files: Array<{ path: string; bytes: number; sha256: string }>
    }
    const rezip = (files: Record<string, Uint8Array>, m: unknown) =>
      zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(m)) })

    // Doctored: a count changed, the checksums left as they were.
    const doctored = rezip(entries, {
      ...manifest,
      counts: { ...manifest.counts, participants: 9 }
    })
    expect(
      (
        await refusal(
          core.handle('backups.restore', { file: await chosen(core, doctored) }),
          'unreadable_file'
        )
      ).message
    ).toMatch(/changed after it was made/)

    // Another clinic's, with its own correct checksums.
    const foreign = rezip(entries, { ...manifest, clinicId: 'another-clinic' })
    expect(
      (
        await refusal(
          core.handle('backups.restore', { file: await chosen(core, foreign) }),
          'unreadable_file'
        )
      ).message
    ).toMatch(/another clinic/)

    // The records in clear, with a checksum recomputed to match.
    const clear = strToU8('{"kind":"registry","schemaVersion":3,"data":{}}')
    const files = manifest.files.map((f) =>
      f.path === 'registry.json'
        ? {
            path: f.path,
            bytes: clear.length,
            sha256: createHash('sha256').update(clear).digest('hex')
          }
        : f
    )
    const inClear = rezip({ ...entries, 'registry.json': clear }, { ...manifest, files })
    expect(
      (
        await refusal(
          core.handle('backups.restore', { file: await chosen(core, inClear) }),
          'unreadable_file'
        )
      ).message
    ).toMatch(/not encrypted/)
    // Nothing was changed: the participant is still there.
    const list = await value<Array<{ fullName: string }>>(core.handle('participants.list', {}))
    expect(list.map((p) => p.fullName)).toEqual(['Jordan Testperson'])
  })

  it('restores onto a new computer with the recovery key, or a passphrase valid when it was made', async () => {
    const { zip } = await backupOf(await copyClinic(template.dir))

    const byPassphrase = await emptyFolder()
    const first = await open(byPassphrase)
    const inspected = await value<{
      staff: Array<{ id: string }>
      counts: { participants: number }
    }>(first.handle('recovery.inspectBackup', { file: await chosen(first, zip) }))
    expect(inspected.staff.map((s) => s.id)).toEqual([template.adminId])
    expect(inspected.counts.participants).toBe(1)
    await refusal(
      first.handle('recovery.restoreBackup', {
        file: await chosen(first, zip),
        staffId: template.adminId,
        passphrase: 'not the right one'
      }),
      'wrong_passphrase'
    )
    await value(
      first.handle('recovery.restoreBackup', {
        file: await chosen(first, zip),
        staffId: template.adminId,
        passphrase: PASSPHRASE
      })
    )
    const people = await value<Array<{ fullName: string }>>(first.handle('participants.list', {}))
    expect(people.map((p) => p.fullName)).toEqual(['Jordan Testperson'])

    const byRecoveryKey = await emptyFolder()
    const second = await open(byRecoveryKey)
    await value(
      second.handle('recovery.restoreBackup', {
        file: await chosen(second, zip),
        staffId: template.adminId,
        recoveryKey: template.recoveryKey,
        newPassphrase: OTHER_PASSPHRASE
      })
    )
    const reopened = await open(byRecoveryKey)
    await value(
      reopened.handle('auth.signIn', { staffId: template.adminId, passphrase: OTHER_PASSPHRASE })
    )
    // A computer that already holds a clinic takes a restore only from Settings, signed in.
    await refusal(
      reopened.handle('recovery.inspectBackup', { file: await chosen(reopened, zip) }),
      'conflict'
    )
  })

  it('restores over records whose keyring is lost', async () => {
    const dir = await copyClinic(template.dir)
    const { zip } = await backupOf(dir)
    await rm(join(dir, 'registry.json'))
    await rm(join(dir, 'backups'), { recursive: true })
    const core = await open(dir)
    await value(
      core.handle('recovery.restoreBackup', {
        file: await chosen(core, zip),
        staffId: template.adminId,
        passphrase: PASSPHRASE
      })
    )
    const people = await value<Array<{ fullName: string }>>(core.handle('participants.list', {}))
    expect(people.map((p) => p.fullName)).toEqual(['Jordan Testperson'])
  })
})

describe('the access log cannot be shortened, rolled back or deleted unnoticed', () => {
  async function withHistory() {
    const dir = await copyClinic(template.dir)
    const core = await signedIn(dir, template.adminId)
    for (let i = 0; i < 3; i++) {
      await value(core.handle('participants.create', participant(`C-2${i}`)))
    }
    return dir
  }
  async function verdictAfterSignIn(dir: string) {
    const core = await signedIn(dir, template.adminId)
    const listing = await value<{ intact: boolean; problem: string | null }>(
      core.handle('audit.list', {})
    )
    const status = await value<{ notices: Array<{ kind: string }> }>(core.handle('app.status', {}))
    return { ...listing, notices: status.notices.map((n) => n.kind) }
  }

  it('the log deleted together with its head record', async () => {
    const dir = await withHistory()
    await rm(join(dir, 'access-log.jsonl'))
    await rm(join(dir, 'access-log.head'))
    const verdict = await verdictAfterSignIn(dir)
    expect(verdict.intact).toBe(false)
    expect(verdict.problem).toMatch(/log is empty|missing/)
    expect(verdict.notices).toContain('log_break')
  })

  it('the log and its head rolled back to an earlier copy', async () => {
    const dir = await copyClinic(template.dir)
    const first = await signedIn(dir, template.adminId)
    await value(first.handle('participants.create', participant('C-30')))
    await copyFile(join(dir, 'access-log.jsonl'), join(dir, 'log.old'))
    await copyFile(join(dir, 'access-log.head'), join(dir, 'head.old'))
    await value(first.handle('participants.create', participant('C-31')))
    await value(first.handle('participants.create', participant('C-32')))
    await copyFile(join(dir, 'log.old'), join(dir, 'access-log.jsonl'))
    await copyFile(join(dir, 'head.old'), join(dir, 'access-log.head'))
    const verdict = await verdictAfterSignIn(dir)
    expect(verdict.intact).toBe(false)
    expect(verdict.problem).toMatch(/missing from the end|replaced/)
  })

  it('a trailing refused sign-in deleted from the log', async () => {
    const dir = await withHistory()
    const core = await open(dir)
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'not this one' }),
      'wrong_passphrase'
    )
    const path = join(dir, 'access-log.jsonl')
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n')
    await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`)
    const verdict = await verdictAfterSignIn(dir)
    expect(verdict.intact).toBe(false)
    // The next entry takes its number, and the note of the refusal kept apart tells them apart.
    expect(verdict.problem).toMatch(/Entry \d+ (is missing|is not the entry the app wrote)/)
    expect(verdict.notices).toContain('log_break')
  })

  it('an untouched log stays intact through refusals, sign-ins and a restart', async () => {
    const dir = await withHistory()
    const core = await open(dir)
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'not this one' }),
      'wrong_passphrase'
    )
    const verdict = await verdictAfterSignIn(dir)
    expect(verdict).toMatchObject({ intact: true, problem: null })
    expect(verdict.notices).not.toContain('log_break')
  })
})

describe('changing the data key', () => {
  it('seals every file again; the old recovery key, old copies of the key and old backups stop opening new records', async () => {
    const dir = await copyClinic(template.dir)
    const core = await signedIn(dir, template.adminId)
    const other = await value<{ id: string }>(
      core.handle('staff.create', {
        fullName: 'Kai Moreno',
        credentials: 'LCSW',
        role: 'counselor',
        isAdmin: false,
        passphrase: OTHER_PASSPHRASE
      })
    )
    const before = await value<{ base64: string }>(core.handle('backups.create', {}))
    const progress: Array<{ done: number; total: number }> = []
    core.subscribe((event, payload) => {
      if (event === 'security.rotation') progress.push(payload as { done: number; total: number })
    })
    await refusal(
      core.handle('security.rotateKey', { passphrase: 'not mine', understood: true }),
      'wrong_passphrase'
    )
    const rotated = await value<{ recoveryKey: string; staffToReset: number }>(
      core.handle('security.rotateKey', { passphrase: PASSPHRASE, understood: true })
    )
    expect(rotated.staffToReset).toBe(1)
    expect(rotated.recoveryKey).not.toBe(template.recoveryKey)
    expect(progress.at(-1)).toEqual({ done: progress.at(-1)!.total, total: progress.at(-1)!.total })
    expect(progress.at(-1)!.total).toBeGreaterThan(0)
    // Records still there; the log still reads, intact.
    const people = await value<Array<{ fullName: string }>>(core.handle('participants.list', {}))
    expect(people.map((p) => p.fullName)).toEqual(['Jordan Testperson'])
    const log = await value<{ intact: boolean }>(core.handle('audit.list', {}))
    expect(log.intact).toBe(true)
    // An older backup was made under the old key: refused, saying so.
    expect(
      (
        await refusal(
          core.handle('backups.restore', {
            file: await chosen(core, Buffer.from(before.base64, 'base64'))
          }),
          'unreadable_file'
        )
      ).message
    ).toMatch(/key this clinic no longer uses/)

    const again = await open(dir)
    // The other staff member's old copy of the key is gone: an administrator resets them.
    await refusal(
      again.handle('auth.signIn', { staffId: other.id, passphrase: OTHER_PASSPHRASE }),
      'wrong_passphrase'
    )
    // The old recovery key opens nothing now; the new one does.
    await refusal(
      again.handle('auth.recover', {
        recoveryKey: template.recoveryKey,
        staffId: template.adminId,
        passphrase: 'willow canoe sunrise'
      }),
      'wrong_passphrase'
    )
    await value(
      again.handle('auth.recover', {
        recoveryKey: rotated.recoveryKey,
        staffId: template.adminId,
        passphrase: 'willow canoe sunrise'
      })
    )
    const names = await value<Array<{ fullName: string }>>(again.handle('participants.list', {}))
    expect(names.map((p) => p.fullName)).toEqual(['Jordan Testperson'])
    // No daily copy of the clinic file from before is left (it held the old keyring).
    for (const copy of await readdir(join(dir, 'backups', 'registry'))) {
      const header = readClinicHeader(await readFile(join(dir, 'backups', 'registry', copy)))
      expect(header?.keyring.staff.map((s) => s.staffId)).toEqual([template.adminId])
    }
  })
})

describe('another clinic’s keyring', () => {
  it('a clinic file from another clinic put in this one’s place opens nothing and moves nothing aside', async () => {
    const other = await emptyFolder()
    const otherCore = await open(other)
    const otherSetup = await value<{ id: string }>(
      otherCore.handle('setup.complete', {
        clinic: { name: 'Hillside Counseling', timeZone: 'America/Chicago' },
        staff: { ...FIRST_STAFF, fullName: 'Sam Ortiz' }
      })
    )
    const dir = await copyClinic(template.dir)
    await copyFile(join(other, 'registry.json'), join(dir, 'registry.json'))
    await rm(join(dir, 'backups'), { recursive: true })
    const before = await filesOf(dir)
    const core = await open(dir)
    const refused = await refusal(
      core.handle('auth.signIn', { staffId: otherSetup.id, passphrase: PASSPHRASE }),
      'storage_failed'
    )
    expect(refused.message).toMatch(/belongs to another clinic .*Hillside Counseling/)
    const after = await filesOf(dir)
    for (const [path, bytes] of before) {
      if (path.startsWith('access-log')) continue
      expect(after.get(path)?.equals(bytes), `${path} changed`).toBe(true)
    }
  })
})
