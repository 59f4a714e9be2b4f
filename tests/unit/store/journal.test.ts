/**
 * The registry's journal: a change on the running screen appends one sealed line and never
 * rewrites the clinic's whole file; the file takes the journal in when the app falls idle; each
 * record carries a CouchDB-style revision that moves on with every change.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { Participant } from '../../../src/shared/domain/participant'
import type { FollowUp } from '../../../src/shared/domain/follow-up'
import { newDataKey } from '../../../src/main/security/crypto'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import { changesBetween, nextRevision, recordKey } from '../../../src/main/store/journal'
import { JOURNAL_IDLE_MS } from '../../../src/main/store/versioned-document'
import { closeRegistries, openTestRegistry } from './fixtures/open-registries'
import { syntheticParticipant } from './fixtures/participants'

const AT = '2031-05-01T09:00:00.000Z'
const now = () => Date.parse(AT)
let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-journal-'))
})
afterEach(async () => {
  // Closed while the fake timers still stand, so a pending fold is cancelled on them.
  await closeRegistries()
  vi.useRealTimers()
  await rm(folder, { recursive: true, force: true })
})

const participant = (id: string, fullName: string) => syntheticParticipant(id, now(), { fullName })

function followUp(id: string): FollowUp {
  return {
    id,
    participantId: 'p-1',
    sessionId: 's-1',
    checklistId: null,
    protocol: null,
    riskLevel: 'moderate',
    ownerId: 'st-1',
    dueOn: '2031-05-02',
    createdAt: AT,
    createdById: 'st-1',
    status: 'open',
    closedAt: null,
    closedById: null,
    outcome: ''
  }
}

const file = () => join(folder, 'registry.json')
const journal = () => join(folder, 'registry.journal')

describe('a change on the running screen', () => {
  test('appends to the journal and leaves the clinic’s file as it was', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      for (let i = 1; i <= 50; i++) draft.participants.push(participant(`p-${i}`, `Person ${i}`))
    })
    await registry.compact()
    const before = await readFile(file())

    await registry.update((draft) => {
      draft.participants.find((p) => p.id === 'p-7')!.preferredName = 'Sev'
    })

    expect((await readFile(file())).equals(before)).toBe(true)
    const lines = (await readFile(journal(), 'utf8')).split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    // Only the record that changed is in the line: not the other 49.
    const [entry] = JSON.parse(lines[0]!) as Array<{ op: string; id: string; rev: string }>
    expect(entry).toMatchObject({ op: 'put', id: 'p-7' })
    expect(lines[0]).not.toContain('Person 8')
    expect(registry.revisions.participants!['p-7']!.rev).toMatch(/^2-/)
    expect(registry.revisions.participants!['p-8']!.rev).toMatch(/^1-/)
  })

  test('is there after a restart, before the journal was folded in', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    await registry.update((draft) => {
      draft.followUps.push(followUp('f-1'))
    })
    await registry.update((draft) => {
      draft.participants[0]!.preferredName = 'Q'
    })
    const revisions = registry.revisions

    const reopened = await openTestRegistry(folder, now)
    expect(reopened.recovery).toEqual([])
    expect(reopened.data).toEqual(registry.data)
    expect(reopened.revisions).toEqual(revisions)
  })

  test('a removed record stays removed, with a revision that says so', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.followUps.push(followUp('f-1'), followUp('f-2'))
    })
    await registry.update((draft) => {
      draft.followUps = draft.followUps.filter((f) => f.id !== 'f-1')
    })
    expect(registry.revisions.followUps!['f-1']).toMatchObject({ deleted: true })
    const reopened = await openTestRegistry(folder, now)
    expect(reopened.data.followUps.map((f) => f.id)).toEqual(['f-2'])
  })

  test('what a change returns from its draft can still be read afterwards', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    const changed = await registry.update((draft) => {
      const person = draft.participants.find((p) => p.id === 'p-1')!
      person.preferredName = 'Q'
      return { person, count: draft.participants.length }
    })
    expect(changed.person.preferredName).toBe('Q')
    expect(changed.count).toBe(1)
  })

  test('a change that changes nothing writes nothing', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => draft.participants.length)
    await expect(readFile(journal())).rejects.toThrow()
  })
})

describe('folding the journal into the file', () => {
  test('happens once the app has been idle a while, and the file then holds everything', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    expect(registry.pendingChanges).toBe(1)
    await vi.advanceTimersByTimeAsync(JOURNAL_IDLE_MS - 1)
    expect(registry.pendingChanges).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(registry.pendingChanges).toBe(0))
    expect(await readdir(folder)).not.toContain('registry.journal')
    const onDisk = JSON.parse(await readFile(file(), 'utf8'))
    expect(onDisk.data.participants.map((p: Participant) => p.id)).toEqual(['p-1'])
    expect(onDisk.revisions.participants['p-1'].rev).toBe(
      registry.revisions.participants!['p-1']!.rev
    )
  })

  test('changes to who may sign in are written to the file at once', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.clinic = { name: 'Maplewood Test Clinic', timeZone: 'America/Chicago', createdAt: AT }
    })
    expect(JSON.parse(await readFile(file(), 'utf8')).data.clinic.name).toBe(
      'Maplewood Test Clinic'
    )
    await expect(readFile(journal())).rejects.toThrow()
  })
})

describe('a journal the disk damaged', () => {
  test('a last line cut short by a crash was never acknowledged, and is left out', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    await appendFile(journal(), '[{"op":"put","at":"participants","id":"p-2"')
    const reopened = await openTestRegistry(folder, now)
    expect(reopened.recovery).toEqual([])
    expect(reopened.data.participants.map((p) => p.id)).toEqual(['p-1'])
  })

  test('a damaged line in the middle: the changes before it kept, the journal kept aside, staff told', async () => {
    const dataKey = newDataKey()
    const codec = sealedCodec(dataKey, 'clinic-synthetic-1')
    const registry = await openTestRegistry(folder, now, codec)
    for (const id of ['p-1', 'p-2', 'p-3']) {
      await registry.update((draft) => {
        draft.participants.push(participant(id, `Person ${id}`))
      })
    }
    const lines = (await readFile(journal(), 'utf8')).split('\n')
    expect(lines.join('\n')).not.toContain('Person')
    lines[1] = lines[1]!.slice(0, 20) + (lines[1]![20] === 'A' ? 'B' : 'A') + lines[1]!.slice(21)
    await writeFile(journal(), lines.join('\n'))

    const reopened = await openTestRegistry(folder, now, codec)
    expect(reopened.data.participants.map((p) => p.id)).toEqual(['p-1'])
    expect(reopened.recovery).toEqual([
      expect.objectContaining({ kind: 'journal_damaged', applied: 1 })
    ])
    expect(await readdir(join(folder, 'damaged'))).toEqual([
      expect.stringMatching(/^registry-journal-damaged-.*\.jsonl$/)
    ])
  })
})

describe('revisions', () => {
  test('count the versions and hash the content with its parent, as CouchDB’s do', () => {
    const first = nextRevision(undefined, { a: 1 })
    const second = nextRevision(first, { a: 2 })
    expect(first.rev).toMatch(/^1-[0-9a-f]{32}$/)
    expect(second.rev).toMatch(/^2-[0-9a-f]{32}$/)
    expect(second.ancestors).toEqual([first.rev.slice(2)])
    // The same edit from the same parent on two machines is the same revision.
    expect(nextRevision(first, { a: 2 }).rev).toBe(second.rev)
    expect(nextRevision(first, { a: 3 }).rev).not.toBe(second.rev)
  })

  test('a change is found by what it touched, not by comparing the whole clinic', () => {
    const kept = { id: 'a', n: 1 }
    const base = { list: [kept, { id: 'b', n: 1 }], setting: { x: 1 } }
    const next = { list: [kept, { id: 'b', n: 2 }, { id: 'c', n: 1 }], setting: base.setting }
    expect(changesBetween(base, next)).toEqual([
      { op: 'put', at: 'list', id: 'b', record: { id: 'b', n: 2 } },
      { op: 'put', at: 'list', id: 'c', record: { id: 'c', n: 1 } }
    ])
    expect(recordKey({ participantId: 'p-1', version: 1 })).toMatch(/^h-/)
  })
})
