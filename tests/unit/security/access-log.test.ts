/**
 * The access log: append-only, hash-chained, one JSON entry per line. Reading
 * back with filters, detecting every kind of tampering at the right entry,
 * surviving a torn last line, and serialising concurrent appends.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  AccessLog,
  ACCESS_LOG_FILE,
  canonicalLine,
  entryHash
} from '../../../src/main/store/access-log'
import {
  AccessEntry,
  GENESIS_HASH,
  type AccessAction,
  type AccessEntryInput
} from '../../../src/shared/domain/access-log'
import { RuleError } from '../../../src/shared/result'

const MINUTE = 60_000
const START = Date.UTC(2026, 10, 1, 15, 0, 0)

/** A clock that moves one minute every time it is read. */
function tickingClock(start = START, step = MINUTE) {
  let time = start - step
  return () => (time += step)
}

function input(overrides: Partial<AccessEntryInput> = {}): AccessEntryInput {
  return {
    staffId: 's-1',
    staffName: 'Dana Reyes, LCSW',
    action: 'open_participant',
    subject: 'participant C-101',
    detail: '',
    ...overrides
  }
}

let folder: string
let path: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-access-log-'))
  path = join(folder, ACCESS_LOG_FILE)
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function appendMany(log: AccessLog, count: number): Promise<void> {
  const actions: AccessAction[] = ['sign_in', 'open_participant', 'update', 'sign_note', 'print']
  for (let i = 0; i < count; i++) {
    await log.append(
      input({
        staffId: i % 2 === 0 ? 's-1' : 's-2',
        staffName: i % 2 === 0 ? 'Dana Reyes, LCSW' : 'Sam Ortiz, CADC',
        action: actions[i % actions.length],
        subject: `participant C-${100 + i}`,
        detail: `step ${i + 1}`
      })
    )
  }
}

async function fileLines(): Promise<string[]> {
  const text = await readFile(path, 'utf8')
  return text.split('\n').filter((line) => line !== '')
}

async function writeLines(lines: string[]): Promise<void> {
  await writeFile(path, lines.map((l) => `${l}\n`).join(''))
}

describe('append and read back', () => {
  test('entries come back newest first, chained from 64 zeros', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    const first = await log.append(input({ action: 'sign_in', subject: 'app' }))
    const second = await log.append(input())
    expect(first.seq).toBe(1)
    expect(first.prev).toBe(GENESIS_HASH)
    expect(first.at).toBe(new Date(START).toISOString())
    expect(second.seq).toBe(2)
    expect(second.prev).toBe(first.hash)
    expect(second.hash).toBe(entryHash(second))
    expect(log.entries().map((e) => e.seq)).toEqual([2, 1])
    expect(log.verify()).toEqual({ intact: true })
    // The stored line is the canonical line, hash last, and the export is the file.
    expect(await fileLines()).toEqual([canonicalLine(first), canonicalLine(second)])
    expect(await log.exportText()).toBe(await readFile(path, 'utf8'))
    expect(Object.keys(JSON.parse((await fileLines())[0] ?? '{}'))).toEqual([
      'seq',
      'at',
      'staffId',
      'staffName',
      'action',
      'subject',
      'detail',
      'prev',
      'hash'
    ])
  })

  test('filters by date range, staff, action and text', async () => {
    const DAY = 86_400_000
    let time = START
    const log = await AccessLog.open(folder, () => time, { timeZone: () => 'America/Chicago' })
    await log.append(input({ action: 'sign_in', subject: 'app', staffId: 's-1' }))
    time += DAY
    await log.append(
      input({ subject: 'participant C-101', staffId: 's-2', staffName: 'Sam Ortiz' })
    )
    time += DAY
    await log.append(
      input({ action: 'export', subject: 'report attendance 2026-11-01..2026-11-30' })
    )
    // 02:30 UTC on 4 November is still 3 November in Chicago.
    time = Date.UTC(2026, 10, 4, 2, 30)
    await log.append(input({ action: 'print', subject: 'participant C-202', staffId: null }))

    const seqs = (filter: Parameters<AccessLog['entries']>[0]) =>
      log.entries(filter).map((e) => e.seq)
    expect(seqs({})).toEqual([4, 3, 2, 1])
    expect(seqs({ from: '2026-11-02' })).toEqual([4, 3, 2])
    expect(seqs({ to: '2026-11-02' })).toEqual([2, 1])
    expect(seqs({ from: '2026-11-02', to: '2026-11-02' })).toEqual([2])
    expect(seqs({ from: '2026-11-03', to: '2026-11-03' })).toEqual([4, 3])
    expect(seqs({ from: '2026-11-04' })).toEqual([])
    expect(seqs({ staffId: 's-2' })).toEqual([2])
    expect(seqs({ staffId: 's-1' })).toEqual([3, 1])
    expect(seqs({ action: 'export' })).toEqual([3])
    expect(seqs({ text: 'c-1' })).toEqual([2])
    expect(seqs({ text: 'PARTICIPANT' })).toEqual([4, 2])
    expect(seqs({ text: 'attendance', staffId: 's-1', from: '2026-11-03' })).toEqual([3])
    expect(seqs({ text: 'sam ortiz' })).toEqual([2])
    expect(() => log.entries({ from: '2026-11-05', to: '2026-11-01' })).toThrow(RuleError)
    expect(() => log.entries({ from: '2026-02-30' })).toThrow(RuleError)
  })

  test('returned entries are copies', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    const appended = await log.append(input())
    appended.subject = 'changed'
    const [read] = log.entries()
    if (read) read.subject = 'changed too'
    expect(log.entries()[0]?.subject).toBe('participant C-101')
    expect(log.verify()).toEqual({ intact: true })
  })
})

describe('the schema keeps content out', () => {
  test('an entry with a text or body field is not an entry', () => {
    const body = {
      seq: 1,
      at: new Date(START).toISOString(),
      staffId: 's-1',
      staffName: 'Dana Reyes',
      action: 'update' as const,
      subject: 'participant C-101',
      detail: '',
      prev: GENESIS_HASH
    }
    const entry = { ...body, hash: entryHash(body) }
    expect(AccessEntry.safeParse(entry).success).toBe(true)
    expect(AccessEntry.safeParse({ ...entry, text: 'note text' }).success).toBe(false)
    expect(AccessEntry.safeParse({ ...entry, body: 'note text' }).success).toBe(false)
    expect(AccessEntry.safeParse({ ...entry, detail: 'x'.repeat(301) }).success).toBe(false)
    expect(AccessEntry.safeParse({ ...entry, seq: 0 }).success).toBe(false)
    expect(AccessEntry.safeParse({ ...entry, prev: 'abc' }).success).toBe(false)
  })

  test('append refuses extra fields, unknown actions and long detail', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    const withBody = { ...input(), body: 'The participant said…' } as AccessEntryInput
    await expect(log.append(withBody)).rejects.toBeInstanceOf(RuleError)
    const withText = { ...input(), text: 'note text' } as AccessEntryInput
    await expect(log.append(withText)).rejects.toBeInstanceOf(RuleError)
    await expect(log.append(input({ action: 'delete' as AccessAction }))).rejects.toBeInstanceOf(
      RuleError
    )
    await expect(log.append(input({ detail: 'x'.repeat(301) }))).rejects.toBeInstanceOf(RuleError)
    expect(log.entries()).toEqual([])
    expect(await readFile(path, 'utf8')).toBe('')
    const ok = await log.append(input({ detail: 'x'.repeat(300) }))
    expect(ok.seq).toBe(1)
  })

  test('a line with an added body field is reported at its seq', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 3)
    const lines = await fileLines()
    const second = JSON.parse(lines[1] ?? '') as Record<string, unknown>
    lines[1] = JSON.stringify({ ...second, body: 'note text' })
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
    for (const entry of reopened.entries()) {
      expect(Object.keys(entry)).not.toContain('body')
      expect(Object.keys(entry)).not.toContain('text')
    }
  })
})

describe('tampering is detected at the right entry', () => {
  const edits: Record<keyof AccessEntry, (value: AccessEntry) => unknown> = {
    seq: (e) => e.seq + 100,
    at: (e) => new Date(Date.parse(e.at) + 1000).toISOString(),
    staffId: (e) => (e.staffId === 's-9' ? 's-8' : 's-9'),
    staffName: (e) => `${e.staffName} `,
    action: (e) => (e.action === 'export' ? 'print' : 'export'),
    subject: (e) => e.subject.replace('C-', 'D-'),
    detail: (e) => `${e.detail}!`,
    prev: (e) => (e.prev === GENESIS_HASH ? '1'.repeat(64) : GENESIS_HASH),
    hash: (e) => e.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
  }

  test('editing any field of any entry is reported at that seq', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 5)
    const original = await fileLines()
    for (let index = 0; index < original.length; index++) {
      for (const [field, edit] of Object.entries(edits)) {
        const lines = [...original]
        const entry = JSON.parse(lines[index] ?? '') as AccessEntry
        lines[index] = JSON.stringify({ ...entry, [field]: edit(entry) })
        await writeLines(lines)
        const reopened = await AccessLog.open(folder, tickingClock())
        expect(reopened.verify(), `${field} of entry ${index + 1}`).toMatchObject({
          intact: false,
          firstBadSeq: index + 1
        })
      }
    }
    // The live log, too, notices once it reads the file again.
    expect(log.verify()).toEqual({ intact: true })
    await log.reload()
    expect(log.verify()).toMatchObject({ intact: false, firstBadSeq: 5 })
  })

  test('an edit that keeps the line valid JSON and schema says the entry changed', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 4)
    const lines = await fileLines()
    lines[2] = (lines[2] ?? '').replace('C-102', 'C-999')
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 3 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/changed/)
    // Still shown: the damage is reported, not hidden.
    expect(reopened.entries().map((e) => e.seq)).toEqual([4, 3, 2, 1])
  })

  test('a removed entry is reported as missing', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 6)
    const lines = await fileLines()
    lines.splice(3, 1)
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 4 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/missing/)
  })

  test('removing the first entry is reported at seq 1', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 3)
    await writeLines((await fileLines()).slice(1))
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 1 })
  })

  test('a removed entry whose followers were renumbered and rehashed breaks the chain', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 5)
    const entries = (await fileLines()).map((l) => JSON.parse(l) as AccessEntry)
    entries.splice(2, 1)
    const forged = entries.map((e, i) => {
      const body = { ...e, seq: i + 1 }
      return { ...body, hash: entryHash(body) }
    })
    await writeLines(forged.map((e) => canonicalLine(e)))
    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 3 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/chain/)
  })

  test('two swapped entries are reported as out of order', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 6)
    const lines = await fileLines()
    const [a, b] = [lines[1] ?? '', lines[4] ?? '']
    lines[1] = b
    lines[4] = a
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 2 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/out of order/)
  })

  test('a duplicated entry is reported', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 3)
    const lines = await fileLines()
    lines.splice(2, 0, lines[1] ?? '')
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 3 })
  })

  test('an unparsable line in the middle is reported at the seq it should hold', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 4)
    const lines = await fileLines()
    lines[1] = 'not json at all'
    await writeLines(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 2 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/Line 2 cannot be read/)
    expect(reopened.entries().map((e) => e.seq)).toEqual([4, 3, 1])
  })

  test('appending to a damaged log continues the chain and the break stays visible', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 4)
    const lines = await fileLines()
    lines[1] = (lines[1] ?? '').replace('step 2', 'step 7')
    await writeLines(lines)
    const damaged = await AccessLog.open(folder, tickingClock())
    const next = await damaged.append(input())
    expect(next.seq).toBe(5)
    expect(next.prev).toBe((JSON.parse(lines[3] ?? '') as AccessEntry).hash)
    expect(damaged.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
    // Nothing already written was rewritten.
    expect((await fileLines()).slice(0, 4)).toEqual(lines)
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
  })
})

describe('a torn last line', () => {
  test('is reported as the last entry only; the rest stays readable and appends continue', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 5)
    const intact = await readFile(path, 'utf8')
    const extra = canonicalLine({
      seq: 6,
      at: new Date(START).toISOString(),
      staffId: 's-1',
      staffName: 'Dana Reyes',
      action: 'update',
      subject: 'participant C-300',
      detail: '',
      prev: GENESIS_HASH,
      hash: GENESIS_HASH
    })
    await appendFile(path, extra.slice(0, Math.floor(extra.length / 2)))

    const reopened = await AccessLog.open(folder, tickingClock())
    const verdict = reopened.verify()
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 6 })
    if (!verdict.intact) expect(verdict.reason).toMatch(/incomplete/)
    expect(reopened.entries().map((e) => e.seq)).toEqual([5, 4, 3, 2, 1])

    const lastGood = reopened.entries()[0]
    const next = await reopened.append(input({ subject: 'participant C-400' }))
    expect(next.seq).toBe(6)
    expect(next.prev).toBe(lastGood?.hash)
    // The torn piece was ended with a line break, never merged with the new line.
    const text = await readFile(path, 'utf8')
    expect(text.startsWith(intact)).toBe(true)
    const lines = text.split('\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.at(-2)).toBe(canonicalLine(next))
    expect(lines.at(-3)).toBe(extra.slice(0, Math.floor(extra.length / 2)))

    // The break stays visible, the same way live and after reopening.
    const live = reopened.verify()
    const again = await AccessLog.open(folder, tickingClock())
    expect(again.verify()).toEqual(live)
    expect(live).toMatchObject({ intact: false, firstBadSeq: 6 })
    if (!live.intact) expect(live.reason).toMatch(/Line 6 cannot be read/)
    expect(again.entries().map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1])
    const after = await again.append(input())
    expect(after.seq).toBe(7)
    expect(after.prev).toBe(next.hash)
  })

  test('a whole entry that lost only its line break is kept', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    await appendMany(log, 3)
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.slice(0, -1))
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toEqual({ intact: true })
    const next = await reopened.append(input())
    expect(next.seq).toBe(4)
    const again = await AccessLog.open(folder, tickingClock())
    expect(again.verify()).toEqual({ intact: true })
    expect(again.entries()).toHaveLength(4)
  })
})

describe('reopening and concurrency', () => {
  test('reopening after many appends keeps seq and chain', async () => {
    const clock = tickingClock()
    const log = await AccessLog.open(folder, clock)
    await appendMany(log, 200)
    const reopened = await AccessLog.open(folder, clock)
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries()).toEqual(log.entries())
    await appendMany(reopened, 50)
    const last = await AccessLog.open(folder, clock)
    expect(last.verify()).toEqual({ intact: true })
    const seqs = last.entries().map((e) => e.seq)
    expect(seqs).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i))
  })

  test('50 concurrent appends get seq 1..50 and an intact chain', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.append(input({ subject: `participant C-${i}` })))
    )
    expect(results.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    // Queued in call order: the i-th call got the i-th seq.
    expect(results.map((e) => e.subject)).toEqual(
      Array.from({ length: 50 }, (_, i) => `participant C-${i}`)
    )
    expect(log.verify()).toEqual({ intact: true })
    const reopened = await AccessLog.open(folder, tickingClock())
    expect(reopened.verify()).toEqual({ intact: true })
    expect(await fileLines()).toHaveLength(50)
  })

  test('a rejected append in a burst does not disturb the others', async () => {
    const log = await AccessLog.open(folder, tickingClock())
    const outcomes = await Promise.allSettled([
      log.append(input()),
      log.append(input({ detail: 'x'.repeat(400) })),
      log.append(input())
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(log.entries().map((e) => e.seq)).toEqual([2, 1])
    expect(log.verify()).toEqual({ intact: true })
  })
})

describe('codec', () => {
  const base64 = {
    encode: (line: string) => Buffer.from(line, 'utf8').toString('base64'),
    decode: (line: string) => {
      if (!/^[A-Za-z0-9+/]+=*$/.test(line)) throw new Error('not base64')
      return {
        kind: 'entry' as const,
        canonical: Buffer.from(line, 'base64').toString('utf8'),
        sealed: true
      }
    }
  }

  test('lines are stored encoded and chained over the canonical line', async () => {
    const log = await AccessLog.open(folder, tickingClock(), { codec: base64 })
    await appendMany(log, 3)
    const lines = await fileLines()
    expect(lines.every((l) => !l.includes('participant'))).toBe(true)
    const reopened = await AccessLog.open(folder, tickingClock(), { codec: base64 })
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries().map((e) => e.subject)).toEqual([
      'participant C-102',
      'participant C-101',
      'participant C-100'
    ])
    const exported = await reopened.exportText()
    expect(exported.split('\n').filter(Boolean)).toEqual(
      [...reopened.entries()].reverse().map((e) => canonicalLine(e))
    )
    // Read without the codec, nothing is an entry.
    const plain = await AccessLog.open(folder, tickingClock())
    expect(plain.verify()).toMatchObject({ intact: false, firstBadSeq: 1 })
  })

  test('a codec that produces a line break is refused', async () => {
    const log = await AccessLog.open(folder, tickingClock(), {
      codec: {
        encode: (l) => `${l}\n`,
        decode: (l) => ({ kind: 'entry', canonical: l, sealed: false })
      }
    })
    await expect(log.append(input())).rejects.toThrow(/line break/)
    expect(await readFile(path, 'utf8')).toBe('')
  })
})
