/**
 * Back up now and restore: a backup holds every store file with checksums;
 * restoring one shows what it holds first, keeps the records it replaces
 * aside, and brings back the earlier state; a damaged or doctored backup is
 * refused and nothing changes.
 */
import { existsSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import {
  allFiles,
  refusal,
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

describe('back up now, then restore', () => {
  it('brings back the records as they were, keeping the replaced ones aside', async () => {
    const { core, dir } = await signedInCopy(template)
    await value(core.handle('participants.create', person('Jordan Testperson', 'C-101')))
    const backup = await value<{ fileName: string; base64: string; summary: Summary }>(
      core.handle('backups.create', {})
    )
    expect(backup.fileName).toMatch(/^iop-facilitator-backup-\d{4}-\d{2}-\d{2}\.zip$/)
    expect(backup.summary.counts.participants).toBe(1)

    // Something changes after the backup.
    await value(core.handle('participants.create', person('Casey Samplewood', 'C-102')))
    expect(await names(core)).toEqual(['Casey Samplewood', 'Jordan Testperson'])

    const preview = await value<Summary>(core.handle('backups.preview', { base64: backup.base64 }))
    expect(preview).toEqual(backup.summary)
    const restored = await value<Summary & { keptAside: string }>(
      core.handle('backups.restore', { base64: backup.base64 })
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
    const { core, dir } = await signedInCopy(template)
    await value(core.handle('participants.create', person('Jordan Testperson', 'C-101')))
    const backup = await value<{ base64: string }>(core.handle('backups.create', {}))
    const inside = Object.keys(unzipSync(Buffer.from(backup.base64, 'base64')))
    expect(inside).toEqual(expect.arrayContaining(['access-log.jsonl', 'access-log.head']))
    // The disk died: the log and its head record are gone; the backup brings them back.
    await rm(join(dir, 'access-log.jsonl'))
    await rm(join(dir, 'access-log.head'))
    await value(core.handle('backups.restore', { base64: backup.base64 }))
    const log = await value<{ entries: Array<{ action: string }>; intact: boolean }>(
      core.handle('audit.list', {})
    )
    expect(log.intact).toBe(true)
    expect(log.entries[0]!.action).toBe('restore')
  })

  it('refuses a damaged or doctored backup and changes nothing', async () => {
    const { core, dir } = await signedInCopy(template)
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
      const base64 = Buffer.from(doctored).toString('base64')
      const previewed = await refusal(core.handle('backups.preview', { base64 }), 'unreadable_file')
      expect(previewed.message, label).toMatch(why)
      await refusal(core.handle('backups.restore', { base64 }), 'unreadable_file')
    }
    expect(await allFiles(dir)).toEqual(before)
    expect(existsSync(join(dir, '..', 'outside.txt'))).toBe(false)
  })
})
