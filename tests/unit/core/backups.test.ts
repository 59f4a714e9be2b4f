/**
 * Back up now and restore: a backup holds every store file with checksums;
 * restoring one shows what it holds first, keeps the records it replaces
 * aside, and brings back the earlier state; a damaged or doctored backup is
 * refused and nothing changes.
 */
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import {
  allFiles,
  chooseFile,
  emptyFolder,
  filePicker,
  refusal,
  removeFolders,
  setUpClinic,
  signedInCopy,
  value,
  type Template
} from './helpers'
import { writeCraftedZip, type CraftedEntry } from '../../support/crafted-zip'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

interface Summary {
  createdAt: string
  counts: { participants: number; sessions: number }
  files: number
}

const person = (fullName: string, clientId: string) => ({
  fullName,
  preferredName: '',
  clientId,
  dateOfBirth: '1990-04-12',
  admissionDate: '2026-11-02',
  track: 'substance_use',
  status: 'active',
  discharge: null,
  goals: []
})

async function names(core: Core): Promise<string[]> {
  const list = await value<Array<{ fullName: string }>>(core.handle('participants.list', {}))
  return list.map((p) => p.fullName).sort()
}

/** A clinic whose open-file dialog the test drives, and a way to choose a backup in it. */
async function clinicWithDialog() {
  const picker = filePicker()
  const { core, dir } = await signedInCopy(template, { chooseFile: picker.chooseFile })
  const choose = (base64OrBytes: string | Uint8Array) =>
    chooseFile(
      core,
      picker,
      'backup',
      typeof base64OrBytes === 'string' ? Buffer.from(base64OrBytes, 'base64') : base64OrBytes
    )
  return { core, dir, choose }
}

describe('back up now, then restore', () => {
  it('brings back the records as they were, keeping the replaced ones aside', async () => {
    const { core, dir, choose } = await clinicWithDialog()
    await value(core.handle('participants.create', person('Jordan Testperson', 'C-101')))
    const backup = await value<{ fileName: string; base64: string; summary: Summary }>(
      core.handle('backups.create', {})
    )
    expect(backup.fileName).toMatch(/^iop-facilitator-backup-\d{4}-\d{2}-\d{2}\.zip$/)
    expect(backup.summary.counts.participants).toBe(1)

    // Something changes after the backup.
    await value(core.handle('participants.create', person('Casey Samplewood', 'C-102')))
    expect(await names(core)).toEqual(['Casey Samplewood', 'Jordan Testperson'])

    // The backup is read from the file chosen in the dialog: the page holds only a token for it.
    const file = await choose(backup.base64)
    const preview = await value<Summary>(core.handle('backups.preview', { file }))
    expect(preview).toEqual(backup.summary)
    const restored = await value<Summary & { keptAside: string }>(
      core.handle('backups.restore', { file })
    )
    expect(restored.counts.participants).toBe(1)
    expect(await names(core)).toEqual(['Jordan Testperson'])
    // The replaced records are kept, untouched, beside the data.
    expect(existsSync(join(restored.keptAside, 'registry.json'))).toBe(true)
    expect((await readdir(join(dir, 'replaced'))).length).toBe(1)
    // The access log is not rolled back: it holds the backup and the restore.
    const log = await value<{ entries: Array<{ action: string }>; intact: boolean }>(
      core.handle('audit.list', {})
    )
    expect(log.entries.slice(0, 3).map((e) => e.action)).toEqual(['restore', 'create', 'backup'])
    expect(log.intact).toBe(true)
  })

  it('on a new disk, the backup’s access log comes back with its head record, intact', async () => {
    const { core, dir, choose } = await clinicWithDialog()
    await value(core.handle('participants.create', person('Jordan Testperson', 'C-101')))
    const backup = await value<{ base64: string }>(core.handle('backups.create', {}))
    const inside = Object.keys(unzipSync(Buffer.from(backup.base64, 'base64')))
    expect(inside).toEqual(expect.arrayContaining(['access-log.jsonl', 'access-log.head']))
    // The disk died: the log and its head record are gone; the backup brings them back.
    await rm(join(dir, 'access-log.jsonl'))
    await rm(join(dir, 'access-log.head'))
    await value(core.handle('backups.restore', { file: await choose(backup.base64) }))
    const log = await value<{ entries: Array<{ action: string }>; intact: boolean }>(
      core.handle('audit.list', {})
    )
    expect(log.intact).toBe(true)
    expect(log.entries[0]!.action).toBe('restore')
  })

  it('refuses a damaged or doctored backup and changes nothing', async () => {
    const { core, dir, choose } = await clinicWithDialog()
    const backup = await value<{ base64: string }>(core.handle('backups.create', {}))
    const bytes = Buffer.from(backup.base64, 'base64')
    const entries = unzipSync(bytes)

    const flipped = Buffer.from(bytes)
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff
    const changedFile = zipSync({
      ...entries,
      'registry.json': strToU8('{"kind":"registry","schemaVersion":3,"data":{}}')
    })
    const extraFile = zipSync({ ...entries, '../../outside.txt': strToU8('hello') })
    const noManifest = zipSync({ 'registry.json': entries['registry.json']! })

    const before = await allFiles(dir)
    for (const [label, doctored, why] of [
      ['a flipped byte', flipped, /not a readable zip|changed or damaged/],
      ['a changed file', changedFile, /registry\.json was changed or damaged/],
      ['a file outside the records', extraFile, /holds a file it should not/],
      ['no manifest', noManifest, /no manifest/]
    ] as const) {
      const file = await choose(doctored)
      const previewed = await refusal(core.handle('backups.preview', { file }), 'unreadable_file')
      expect(previewed.message, label).toMatch(why)
      await refusal(core.handle('backups.restore', { file }), 'unreadable_file')
    }
    expect(await allFiles(dir)).toEqual(before)
    expect(existsSync(join(dir, '..', 'outside.txt'))).toBe(false)
  })
})

describe('a backup is read from the chosen file, within bounds', () => {
  /** A backup-shaped zip: a manifest and the files it lists, as `writeCraftedZip` makes them. */
  async function craftedBackup(entries: CraftedEntry[]): Promise<Uint8Array> {
    const path = join(await emptyFolder('iop-crafted-'), 'backup.zip')
    writeCraftedZip(path, entries)
    return new Uint8Array(await readFile(path))
  }
  const manifestListing = (files: Array<{ path: string; bytes: number }>) =>
    JSON.stringify({
      app: 'IOP Facilitator',
      format: 1,
      createdAt: '2026-11-23T15:00:00.000Z',
      clinicName: 'Riverside Recovery Center',
      counts: { participants: 0, groups: 0, sessions: 0, notes: 0, measures: 0 },
      files: files.map((f) => ({ ...f, sha256: '0'.repeat(64) }))
    })

  it('refuses a zip bomb in plain words before unpacking it, and changes nothing', async () => {
    const { core, dir, choose } = await clinicWithDialog()
    const before = await allFiles(dir)
    const huge = 190 * 1024 * 1024
    const sessions = ['a', 'b', 'c'].map((id) => `sessions/session-${id}.json`)
    const bomb = await craftedBackup([
      {
        name: 'manifest.json',
        content: manifestListing(sessions.map((path) => ({ path, bytes: huge })))
      },
      ...sessions.map((name) => ({ name, content: '{}', declaredSize: huge }))
    ])
    const file = await choose(bomb)
    for (const call of ['backups.preview', 'backups.restore'] as const) {
      const refused = await refusal(core.handle(call, { file }), 'unreadable_file')
      expect(refused.message).toBe(
        'This file is not a backup made by this app: it would unpack to more than 512 MB.'
      )
    }
    expect(await allFiles(dir)).toEqual(before)
  })

  it('refuses a file that would expand far more than records ever do', async () => {
    const { core, choose } = await clinicWithDialog()
    const zeros = new Uint8Array(20 * 1024 * 1024)
    const bomb = await craftedBackup([
      {
        name: 'manifest.json',
        content: manifestListing([{ path: 'registry.json', bytes: zeros.length }])
      },
      { name: 'registry.json', content: zeros }
    ])
    const refused = await refusal(
      core.handle('backups.preview', { file: await choose(bomb) }),
      'unreadable_file'
    )
    expect(refused.message).toBe(
      'This file is not a backup made by this app: a file in it would unpack to more than 50 times its size.'
    )
  })

  it('stops unpacking a file that holds more than the manifest lists', async () => {
    const { core, choose } = await clinicWithDialog()
    const noise = randomBytes(2 * 1024 * 1024)
    const liar = await craftedBackup([
      { name: 'manifest.json', content: manifestListing([{ path: 'registry.json', bytes: 100 }]) },
      { name: 'registry.json', content: noise }
    ])
    const refused = await refusal(
      core.handle('backups.preview', { file: await choose(liar) }),
      'unreadable_file'
    )
    expect(refused.message).toMatch(/registry\.json was changed or damaged/)
  })

  it('opens only a file chosen in the dialog, for a restore: never one the page names', async () => {
    const { core, dir } = await clinicWithDialog()
    const backup = await value<{ base64: string }>(core.handle('backups.create', {}))
    const picker = filePicker()
    const { core: other } = await signedInCopy(template, { chooseFile: picker.chooseFile })
    // Cancelling the dialog chooses nothing.
    expect(await value(other.handle('files.choose', { kind: 'backup' }))).toBeNull()
    // A file chosen as a curriculum pack cannot be restored as a backup.
    const asPack = await chooseFile(
      other,
      picker,
      'curriculum_pack',
      Buffer.from(backup.base64, 'base64')
    )
    const wrongKind = await refusal(other.handle('backups.restore', { file: asPack }), 'not_found')
    expect(wrongKind.message).toBe('That file is no longer chosen. Choose it again.')
    // A token the app never gave, or one given by another running app, opens nothing.
    await refusal(other.handle('backups.preview', { file: 'a'.repeat(32) }), 'not_found')
    const elsewhere = await chooseFile(
      other,
      picker,
      'backup',
      Buffer.from(backup.base64, 'base64')
    )
    await refusal(core.handle('backups.preview', { file: elsewhere }), 'not_found')
    // A path is not a token at all.
    await refusal(
      other.handle('backups.preview', { file: join(dir, 'registry.json') }),
      'invalid_input'
    )
  })
})
