/**
 * Two computers of one clinic with no network between them: each works offline for weeks,
 * then they exchange transfer files both ways, in any order, with repeats. Afterwards both
 * hold the same records, every record edited on both is listed as a conflict with both
 * versions kept, no signed note has changed, and no acknowledged write is lost.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore } from '../../../src/main/core'
import type { SyncConflict } from '../../../src/shared/domain/sync'
import {
  chooseTransfer,
  exportFor,
  importInto,
  machine,
  openFolder,
  recordsOf,
  START,
  status,
  weeksOfWork,
  type Machine
} from './machines'
import {
  copyClinic,
  endedSessionOf,
  groupWithPeople,
  CURRICULUM_DIR,
  emptyFolder,
  filePicker,
  ids,
  participant,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from '../core/helpers'

let template: Template

beforeAll(async () => {
  template = await setUpClinic()
}, 120_000)
afterAll(removeFolders)

describe('two computers, no network between them', () => {
  let a: Machine
  let b: Machine
  let shared: string

  beforeAll(async () => {
    a = await machine(template, 'Group room laptop')
    b = await machine(template, 'Office workstation')
    // One person both computers know, before they went their own ways.
    const person = await value<{ id: string }>(
      a.core.handle('participants.create', participant('SHARED-1'))
    )
    shared = person.id
    await importInto(b, await exportFor(a, null))
  }, 240_000)

  test('a month offline each, then files both ways in any order, with repeats: the same records on both, every conflict listed', async () => {
    await weeksOfWork(template, a, 'A', 4)
    await weeksOfWork(template, b, 'B', 4)
    // The same person's record changed on both computers.
    await value(
      a.core.handle('participants.update', {
        participantId: shared,
        participant: participant('SHARED-1', { preferredName: 'Sam' })
      })
    )
    await value(
      b.core.handle('participants.update', {
        participantId: shared,
        participant: participant('SHARED-1', { preferredName: 'Sammy' })
      })
    )

    const fromA = await exportFor(a, b)
    const fromB = await exportFor(b, a)
    const atB = await importInto(b, fromA)
    expect(atB.arrived).toBeGreaterThan(0)
    expect(atB.conflicted).toBe(1)
    // The report names the record that conflicted, as the clinic knows it.
    expect(atB.conflictedRecords).toEqual(['Participant Jordan Alvarez (SHARED-1)'])
    const atA = await importInto(a, fromB)
    expect(atA.conflicted).toBe(1)
    // Repeats, and an older file after a newer one, change nothing.
    const again = await importInto(b, fromA)
    expect(again.arrived).toBe(0)
    expect(again.message).toMatch(/older than one already imported/)
    await importInto(a, fromB)
    // A last round, so each has the other's view of the conflict too.
    await importInto(b, await exportFor(a, b))
    await importInto(a, await exportFor(b, a))

    const onA = await recordsOf(a)
    const onB = await recordsOf(b)
    expect(onA.people).toHaveLength(9)
    expect(onA.sessions).toHaveLength(8)
    expect(onA.measures).toHaveLength(8)
    expect(onB).toEqual(onA)

    for (const m of [a, b]) {
      const conflicts = await value<SyncConflict[]>(m.core.handle('sync.conflicts', {}))
      expect(conflicts.map((c) => c.what)).toEqual(['Participant'])
      expect(conflicts.map((c) => c.record)).toEqual(['Participant Jordan Alvarez (SHARED-1)'])
      expect(conflicts[0]!.versions).toHaveLength(2)
      expect((await status(m)).state).toBe('conflicts')
    }
    // Both computers show the same winner, by CouchDB's rule.
    const names = [onA, onB].map(
      (r) => r.people.find((p) => p.id === shared)!.preferredName as string
    )
    expect(names[0]).toBe(names[1])
    expect(['Sam', 'Sammy']).toContain(names[0])

    // An administrator keeps the other version: both computers end up with it.
    const [conflict] = await value<SyncConflict[]>(a.core.handle('sync.conflicts', {}))
    const other = conflict!.versions.find((v) => !v.winner)!
    expect(
      await value<SyncConflict[]>(
        a.core.handle('sync.resolveConflict', { docId: conflict!.docId, keep: other.rev })
      )
    ).toEqual([])
    await importInto(b, await exportFor(a, b))
    const kept = (await recordsOf(a)).people.find((p) => p.id === shared)!.preferredName
    expect(kept).not.toBe(names[0])
    expect((await recordsOf(b)).people.find((p) => p.id === shared)!.preferredName).toBe(kept)
    expect(await value<SyncConflict[]>(b.core.handle('sync.conflicts', {}))).toEqual([])

    console.log(
      `two computers: ${onA.people.length} people, ${onA.sessions.length} sessions, ${onA.measures.length} measures on each; 0 lost; 1 conflict listed on both`
    )
  }, 240_000)

  test('a file from another clinic, a doctored one, a cut-short one: refused, nothing changed', async () => {
    const good = await exportFor(a, b)
    const before = await recordsOf(b)

    const text = good.toString('utf8')
    const doctored = JSON.parse(text) as { sequence: number }
    doctored.sequence += 100
    expect((await refusalOfImport(b, Buffer.from(JSON.stringify(doctored)))).message).toMatch(
      /changed after it was made/
    )
    expect((await refusalOfImport(b, good.subarray(0, good.length / 2))).message).toMatch(
      /cut short/
    )
    const other = await setUpClinic()
    const elsewhere = await openFolder(other, await copyClinic(other.dir), 'Another clinic')
    expect((await refusalOfImport(b, await exportFor(elsewhere, null))).message).toMatch(
      /another clinic/
    )
    expect((await refusalOfImport(a, good)).message).toMatch(/made on this computer/)
    expect(await recordsOf(b)).toEqual(before)
  }, 240_000)

  async function refusalOfImport(to: Machine, bytes: Buffer) {
    const file = await chooseTransfer(to, bytes)
    return refusal(to.core.handle('sync.importTransfer', { file }), 'unreadable_file')
  }

  test('a busy week travels in a small file, exported and imported quickly', async () => {
    const busy = await machine(template, 'Busy laptop')
    await importInto(busy, await exportFor(a, null))
    await importInto(a, await exportFor(busy, a))
    // Six groups of twelve, three sessions each: a busy week of one clinic's records.
    for (let g = 0; g < 6; g++) await weeksOfWork(template, busy, `W${g}`, 3, 12)
    const started = performance.now()
    const file = await exportFor(busy, a)
    const exported = performance.now()
    const report = await importInto(a, file)
    const imported = performance.now()
    expect(report.arrived).toBeGreaterThan(6 * 3 * 12)
    expect(file.length).toBeLessThanOrEqual(5 * 1024 * 1024)
    console.log(
      `transfer file for a busy week (${report.arrived} records): ${(file.length / 1024).toFixed(0)} KiB; export ${Math.round(exported - started)} ms, import ${Math.round(imported - exported)} ms`
    )
  }, 240_000)

  test('a new computer joins the clinic from a transfer file and a passphrase, no network', async () => {
    const file = await exportFor(a, null)
    const dir = await emptyFolder('iop-join-')
    const picker = filePicker()
    const core = await createCore({
      dataDir: dir,
      now: () => START,
      newId: ids,
      curriculumDir: CURRICULUM_DIR,
      chooseFile: picker.chooseFile
    })
    const token = await chooseTransfer({ core, picker }, file, 'join.iopsync')
    const inspected = await value<{ clinicName: string; staff: Array<{ id: string }> }>(
      core.handle('recovery.inspectTransfer', { file: token })
    )
    expect(inspected.clinicName).toBe('Riverside Recovery Center')
    expect(inspected.staff.map((s) => s.id)).toContain(template.adminId)
    await refusal(
      core.handle('recovery.joinClinic', {
        file: token,
        staffId: template.adminId,
        passphrase: 'not the passphrase'
      }),
      'wrong_passphrase'
    )
    const joined = await value<{ report: { arrived: number } }>(
      core.handle('recovery.joinClinic', {
        file: token,
        staffId: template.adminId,
        passphrase: PASSPHRASE
      })
    )
    expect(joined.report.arrived).toBeGreaterThan(0)
    const third: Machine = { name: 'New laptop', dir, core, clock: { now: START }, picker }
    const [onA, onNew] = [await recordsOf(a), await recordsOf(third)]
    expect(onNew.people).toEqual(onA.people)
    expect(onNew.sessions).toEqual(onA.sessions)
    expect(onNew.measures).toEqual(onA.measures)
    // The new computer's access log begins here: opened again, it is whole, with no notice that
    // entries went missing (the other computer's log end is not carried over).
    const reopened = await createCore({
      dataDir: dir,
      now: () => START,
      newId: ids,
      curriculumDir: CURRICULUM_DIR
    })
    await value(
      reopened.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE })
    )
    const status = await value<{ notices: Array<{ message: string }> }>(
      reopened.handle('app.status', {})
    )
    expect(status.notices.map((n) => n.message)).toEqual([])
  }, 240_000)

  test('one draft signed differently on both computers: both signed versions kept, flagged as a pair', async () => {
    const day = Date.parse('2026-11-23T15:00:00Z')
    a.clock.now = day
    b.clock.now = day
    const { groupId, people } = await groupWithPeople(
      a.core,
      { facilitatorIds: [template.adminId] },
      [{ fullName: 'Riley Samplewood', clientId: 'PAIR-1' }]
    )
    const session = await endedSessionOf(a.core, a.clock, {
      groupId,
      people,
      facilitatorIds: [template.adminId]
    })
    const ref = { sessionId: session.id, participantId: people[0]! }
    const body = (assessment: string) => ({
      sections: { data: 'Attended the whole group.', assessment, plan: 'Attend Wednesday.' },
      goals: [],
      risk: 'none',
      riskText: 'Asked privately after group: no thoughts of harm.',
      followUp: ''
    })
    await value(a.core.handle('notes.saveDraft', { ...ref, baseRevision: 0, body: body('Draft.') }))
    await importInto(b, await exportFor(a, b))
    for (const [m, words] of [
      [a, 'Engaged; named two supports.'],
      [b, 'Engaged; named three supports.']
    ] as const) {
      await value(m.core.handle('notes.saveDraft', { ...ref, baseRevision: 1, body: body(words) }))
      const findings = await value<unknown[]>(m.core.handle('notes.check', ref))
      await value(m.core.handle('notes.sign', { ...ref, overrides: findings }))
    }
    await importInto(b, await exportFor(a, b))
    await importInto(a, await exportFor(b, a))
    for (const m of [a, b]) {
      const conflicts = await value<SyncConflict[]>(m.core.handle('sync.conflicts', {}))
      const pair = conflicts.find((c) => c.what === 'Progress note')
      expect(pair?.signedPair).toBe(true)
      expect(pair?.record).toBe(
        'Progress note for Riley Samplewood (PAIR-1), group Evening Recovery, session of Mon, Nov 23, 2026'
      )
      // Names are for the administrator's screen: never in the access log.
      const log = await value<{ entries: unknown[] }>(m.core.handle('audit.list', {}))
      expect(JSON.stringify(log.entries)).not.toContain('Riley')
      expect(pair?.versions.map((v) => v.signed)).toEqual([true, true])
    }
  }, 240_000)

  test('nothing of a record is in clear in a transfer file', async () => {
    const file = await exportFor(a, null)
    expect(file.includes(Buffer.from('Testperson'))).toBe(false)
    expect(file.includes(Buffer.from('SHARED-1'))).toBe(false)
    expect(await readFile(join(a.dir, 'sync.json'))).toBeDefined()
  })
})
