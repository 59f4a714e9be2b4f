/**
 * The access log through the core: who signed in (and who was refused), who
 * opened whose record, who signed and exported what, in a hash-chained file
 * that holds no clinical content; an edited entry shows as a break. Wrong
 * passphrases slow down further tries, on an injected clock.
 */
import { execFileSync } from 'node:child_process'
import { sevenZip } from '../../support/seven-zip'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { readClinicHeader } from '../../../src/main/security/clinic-file'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import { AccessLog } from '../../../src/main/store/access-log'
import { newDataKey } from '../../../src/main/security/crypto'
import { newLogKey } from '../../../src/main/security/sealed-log'
import type { AccessEntry } from '../../../src/shared/domain/access-log'
import {
  asLegacyClinic,
  copyClinic,
  CURRICULUM_DIR,
  ids,
  participant,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

interface Listing {
  entries: AccessEntry[]
  total: number
  intact: boolean
  problem: string | null
}

async function clinic() {
  const clock = { now: Date.parse('2026-11-23T15:00:00Z') }
  const dir = await copyClinic(template.dir)
  const open = () =>
    createCore({ dataDir: dir, now: () => clock.now, newId: ids, curriculumDir: CURRICULUM_DIR })
  return { clock, dir, core: await open(), open }
}

describe('the access log', () => {
  it('records sign-ins, refusals, records opened, exports — and never a name or a note’s words', async () => {
    const { core, dir } = await clinic()
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'not the right one' }),
      'wrong_passphrase'
    )
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const person = await value<{ id: string }>(
      core.handle(
        'participants.create',
        participant('C-101', { fullName: 'Jordan Testperson', preferredName: 'Jordy' })
      )
    )
    await value(core.handle('participants.get', { participantId: person.id }))
    await value(
      core.handle('reports.export', {
        kind: 'attendance',
        from: '2026-11-01',
        to: '2026-11-30',
        groupId: null,
        password: 'a password for the file'
      })
    )
    const listing = await value<Listing>(core.handle('audit.list', {}))
    expect(listing.intact).toBe(true)
    expect(listing.entries.map((e) => [e.action, e.subject])).toEqual([
      ['export', 'report attendance 2026-11-01..2026-11-30'],
      ['open_participant', 'participant C-101'],
      ['create', 'participant C-101'],
      ['sign_in', 'sign-in'],
      ['sign_in_failed', 'sign-in'],
      ['settings_change', 'clinic set up']
    ])
    expect(listing.entries.at(-2)!.staffName).toBe('Robin Okafor, LPC')
    // Sealed line by line: not even the client ID, a staff name or an action is in clear.
    const file = await readFile(join(dir, 'access-log.jsonl'), 'utf8')
    expect(file).not.toMatch(/Jordan|Testperson|Jordy|C-101|Robin|Okafor|sign_in|participant/)
    expect(file.trimEnd().split('\n')).toHaveLength(6)
    // Filters: by action and by text.
    const failed = await value<Listing>(core.handle('audit.list', { action: 'sign_in_failed' }))
    expect(failed.entries).toHaveLength(1)
    expect(failed.entries[0]!.detail).toBe('wrong passphrase (1 in a row)')
    const found = await value<Listing>(core.handle('audit.list', { text: 'c-101' }))
    expect(found.total).toBe(2)
  })

  it('a sign-out names who signed out', async () => {
    const { core } = await clinic()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.signOut', {}))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const listing = await value<Listing>(core.handle('audit.list', {}))
    const signOut = listing.entries.find((e) => e.action === 'sign_out')!
    expect(signOut).toMatchObject({ staffId: template.adminId, staffName: 'Robin Okafor, LPC' })
  })

  it('shows a break when an entry was edited in the file, and keeps logging', async () => {
    const { core, dir, open } = await clinic()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.signOut', {}))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const before = await value<Listing>(core.handle('audit.list', {}))
    const signOut = before.entries.find((e) => e.action === 'sign_out')!
    const path = join(dir, 'access-log.jsonl')
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n')
    // One character of the sealed entry changed.
    const line = lines[signOut.seq - 1]!
    const at = line.indexOf('"box":"') + 20
    lines[signOut.seq - 1] =
      `${line.slice(0, at)}${line[at] === 'A' ? 'B' : 'A'}${line.slice(at + 1)}`
    await writeFile(path, `${lines.join('\n')}\n`)

    const reopened = await open()
    await value(
      reopened.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    )
    const listing = await value<Listing>(reopened.handle('audit.list', {}))
    expect(listing.intact).toBe(false)
    expect(listing.problem).toMatch(new RegExp(`entry ${signOut.seq}:`))
    expect(listing.entries[0]!.action).toBe('sign_in')
  })

  it('a refused sign-in is written before anyone has opened the records, and read afterwards', async () => {
    const { dir, open } = await clinic()
    const first = await open()
    await refusal(
      first.handle('auth.signIn', { staffId: template.adminId, passphrase: 'still not right' }),
      'wrong_passphrase'
    )
    const file = await readFile(join(dir, 'access-log.jsonl'), 'utf8')
    expect(file).not.toMatch(/Robin|still not right|sign_in_failed/)
    const second = await open()
    await value(second.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const listing = await value<Listing>(second.handle('audit.list', {}))
    expect(listing.intact).toBe(true)
    expect(listing.entries.slice(0, 2).map((e) => [e.action, e.staffName])).toEqual([
      ['sign_in', 'Robin Okafor, LPC'],
      ['sign_in_failed', 'Robin Okafor, LPC']
    ])
  })

  it('a clinic set up before the log was sealed keeps its clear lines and seals from the next sign-in', async () => {
    const { dir, open } = await clinic()
    // As an earlier version left it: a keyring file without a log key, the log in clear.
    await asLegacyClinic(dir, { withLogKey: false })
    const logPath = join(dir, 'access-log.jsonl')
    await rm(logPath)
    await rm(join(dir, 'access-log.head'), { force: true })
    const old = await AccessLog.open(dir, () => Date.parse('2026-11-20T15:00:00Z'))
    await old.append({
      staffId: template.adminId,
      staffName: 'Robin Okafor, LPC',
      action: 'sign_in',
      subject: 'sign-in',
      detail: ''
    })

    const core = await open()
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'not this one' }),
      'wrong_passphrase'
    )
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const listing = await value<Listing>(core.handle('audit.list', {}))
    expect(listing.intact).toBe(true)
    expect(listing.entries.map((e) => e.action)).toEqual(['sign_in', 'sign_in_failed', 'sign_in'])
    // The keyring moved into the clinic file, with a log key of its own.
    expect(readClinicHeader(await readFile(join(dir, 'registry.json')))).toHaveProperty(
      'keyring.log.publicKey'
    )
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false)
    // The two lines from before the key stay as they were; the new sign-in is sealed.
    const lines = (await readFile(logPath, 'utf8')).trimEnd().split('\n')
    expect(lines.map((l) => 'prev' in JSON.parse(l))).toEqual([true, true, false])
  })

  it('a log key swapped in the clinic file is refused: the keyring is rebuilt from the records', async () => {
    const { dir, open } = await clinic()
    const path = join(dir, 'registry.json')
    const file = JSON.parse(await readFile(path, 'utf8')) as { keyring: { log: unknown } }
    const original = file.keyring.log
    file.keyring.log = newLogKey(newDataKey(), 'another-clinic')
    await writeFile(path, JSON.stringify(file))
    const core = await open()
    // Before anyone signs in, a refusal goes to the swapped key: it cannot be read later.
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'not this one' }),
      'wrong_passphrase'
    )
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const status = await value<{ notices: Array<{ kind: string }> }>(core.handle('app.status', {}))
    expect(status.notices.map((n) => n.kind)).toContain('keyring_rebuilt')
    const listing = await value<Listing>(core.handle('audit.list', {}))
    // Lines written with the data key still read; the one sealed to the swapped key is a break.
    expect(listing.intact).toBe(false)
    expect(listing.problem).toMatch(/entry 2:/)
    const restored = readClinicHeader(await readFile(path))
    expect(restored?.keyring.log).toEqual(original)
  })

  it('exports the log in a password-protected zip that 7-Zip opens, and records the export', async () => {
    const { core, dir } = await clinic()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await refusal(core.handle('audit.export', {}), 'password_required')
    const password = 'compliance office copy'
    const exported = await value<{ fileName: string; base64: string; protected: boolean }>(
      core.handle('audit.export', { password })
    )
    expect(exported.fileName).toBe('access-log-2026-11-23.zip')
    expect(exported.protected).toBe(true)
    const zip = join(dir, 'export.zip')
    await writeFile(zip, Buffer.from(exported.base64, 'base64'))
    // The archive tool clinics use opens it with the password, and only with it.
    const tool = sevenZip()
    const out = join(dir, 'opened')
    expect(() =>
      execFileSync(tool, ['x', '-y', `-pnot the password`, `-o${out}-wrong`, zip], {
        stdio: 'pipe'
      })
    ).toThrow()
    execFileSync(tool, ['x', '-y', `-p${password}`, `-o${out}`, zip], { stdio: 'pipe' })
    const text = await readFile(join(out, 'access-log-2026-11-23.jsonl'), 'utf8')
    // Each entry as it was written (the canonical line the chain is built on), opened.
    const stored = (await readFile(join(dir, 'access-log.jsonl'), 'utf8')).trimEnd().split('\n')
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(stored.length)
    expect(lines.map((l) => (JSON.parse(l) as AccessEntry).hash)).toEqual(
      stored.map((l) => (JSON.parse(l) as { hash: string }).hash)
    )
    expect(lines.at(-1)).toContain('"action":"export"')
    expect(lines.at(-1)).toContain('file protected with a password')
  })
})

describe('wrong passphrases slow down further tries', () => {
  it('the fourth wrong try in a row waits five seconds, even with the right passphrase', async () => {
    const { core, clock } = await clinic()
    const attempt = (passphrase: string) =>
      core.handle('auth.signIn', { staffId: template.adminId, passphrase })
    for (let i = 0; i < 3; i++) await refusal(attempt('wrong guess here'), 'wrong_passphrase')
    const slowed = await refusal(attempt(PASSPHRASE), 'too_many_attempts')
    expect(slowed.message).toBe(
      'Too many wrong passphrases for this staff member. Try again in 5 seconds.'
    )
    clock.now += 5_000
    await value(attempt(PASSPHRASE))
  })
})

describe('the lock', () => {
  it('a locked app answers nothing private, keeps the projector going, and opens again for the same person only', async () => {
    const { core } = await clinic()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.lock', {}))
    const status = await value<{ locked: boolean; signedIn: { id: string } | null }>(
      core.handle('app.status', {})
    )
    expect(status.locked).toBe(true)
    expect(status.signedIn?.id).toBe(template.adminId)
    const refused = await refusal(core.handle('participants.list', {}), 'locked')
    expect(refused.message).toMatch(/Unlock it with your passphrase/)
    // The projector's channel still answers (here: about a session that does not exist).
    await refusal(core.handle('sessions.audience', { sessionId: 'none' }), 'not_found')
    await refusal(
      core.handle('auth.unlock', { passphrase: 'not the right one' }),
      'wrong_passphrase'
    )
    await value(core.handle('auth.unlock', { passphrase: PASSPHRASE }))
    await value(core.handle('participants.list', {}))
    const log = await value<Listing>(core.handle('audit.list', {}))
    expect(log.entries.slice(0, 3).map((e) => e.action)).toEqual([
      'unlock',
      'sign_in_failed',
      'lock'
    ])
  })
})
