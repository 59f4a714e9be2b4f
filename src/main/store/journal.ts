import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { canonicalJson } from '../../shared/canonical-json'
import { syncFolder } from './atomic-write'
import type { FileCodec } from './codec'

/**
 * A record's place in its history, in CouchDB's form: the revision `N-hash` (N counts the
 * record's versions) and the hashes of the versions before it, newest first, so another
 * machine can tell whether its copy is an ancestor of ours or a concurrent edit.
 */
export const RecordRevision = z.object({
  rev: z.string().regex(/^\d+-[0-9a-f]{32}$/),
  ancestors: z.array(z.string().regex(/^[0-9a-f]{32}$/)),
  deleted: z.literal(true).optional()
})
export type RecordRevision = z.infer<typeof RecordRevision>

/** Every record's revision: by where the file keeps it (a list, or one value), then its id. */
export const Revisions = z.record(z.string(), z.record(z.string(), RecordRevision))
export type Revisions = z.infer<typeof Revisions>

/** How many earlier versions a record remembers (CouchDB keeps up to 1,000; a clinic needs fewer). */
export const KEPT_ANCESTORS = 10

/** The id a value kept as a whole (not a list of records) has in `Revisions`. */
export const WHOLE = ''

/** One change to a document, as the journal keeps it. */
export type Change =
  | { op: 'put'; at: string; id: string; record: unknown }
  | { op: 'remove'; at: string; id: string }
  | { op: 'set'; at: string; value: unknown }

/** A change with the revision it made (and, for one from another machine, its history there). */
export type JournalEntry = Change & { rev: string; ancestors?: string[] }

const Ancestors = z.array(z.string()).optional()
const JournalLine = z.array(
  z.discriminatedUnion('op', [
    z.object({
      op: z.literal('put'),
      at: z.string(),
      id: z.string(),
      rev: z.string(),
      ancestors: Ancestors,
      record: z.unknown()
    }),
    z.object({
      op: z.literal('remove'),
      at: z.string(),
      id: z.string(),
      rev: z.string(),
      ancestors: Ancestors
    }),
    z.object({
      op: z.literal('set'),
      at: z.string(),
      rev: z.string(),
      ancestors: Ancestors,
      value: z.unknown()
    })
  ])
)

/**
 * What names a record without an `id` in the lists that hold one per group, track or
 * participant: so an edit on another machine is the same record, not a second one.
 */
const NATURAL_KEYS: Record<string, string> = {
  agendas: 'groupId',
  noteFormats: 'groupId',
  serviceCodes: 'groupId',
  measureSchedules: 'track',
  attendance: 'participantId',
  notes: 'participantId'
}

/**
 * Lists where that key names the record even though it has an id of its own: a session has one
 * note per participant, so two computers that each began it hold one note, in conflict if both
 * wrote it, never two notes for one person.
 */
const NATURAL_FIRST = new Set(['notes'])

/**
 * A record's id: its `id`; in a list kept one per group, track or participant, that; for any
 * other record without one (an acknowledgement, a timer event, never edited), a hash of it.
 */
export function recordKey(record: unknown, list = ''): string {
  const fields = record as Record<string, unknown> | null
  const natural = NATURAL_KEYS[list]
  const key = natural ? fields?.[natural] : undefined
  const id = fields?.id
  if (typeof id === 'string' && !(NATURAL_FIRST.has(list) && typeof key === 'string')) return id
  if (typeof key === 'string') return `${natural}-${key}`
  return `h-${sha256(canonicalJson(record)).slice(0, 32)}`
}

/** The revision a change to a record makes after `previous`: one generation on, hashed with its parent. */
export function nextRevision(
  previous: RecordRevision | undefined,
  body: unknown,
  deleted = false
): RecordRevision {
  const generation = previous ? generationOf(previous.rev) + 1 : 1
  const hash = sha256(`${previous?.rev ?? ''}\n${deleted ? '"deleted"' : canonicalJson(body)}`)
  return {
    rev: `${generation}-${hash.slice(0, 32)}`,
    ancestors: previous
      ? [hashOf(previous.rev), ...previous.ancestors].slice(0, KEPT_ANCESTORS - 1)
      : [],
    ...(deleted ? { deleted: true as const } : {})
  }
}

export function generationOf(rev: string): number {
  return Number(rev.slice(0, rev.indexOf('-')))
}

export function hashOf(rev: string): string {
  return rev.slice(rev.indexOf('-') + 1)
}

/**
 * What `next` changed of `base`, list by list: a list of records is compared by identity (an
 * immer result shares every record it did not touch), so a change costs what it touched, not
 * what the clinic holds; anything else changed is kept whole.
 */
export function changesBetween(
  base: Record<string, unknown>,
  next: Record<string, unknown>
): Change[] {
  const changes: Change[] = []
  for (const at of new Set([...Object.keys(base), ...Object.keys(next)])) {
    const before = base[at]
    const after = next[at]
    if (before === after) continue
    if (isRecordList(after) && isRecordList(before ?? [])) {
      const kept = new Set<unknown>(before as unknown[])
      const now = new Set<unknown>(after)
      const put = new Set<string>()
      for (const record of after) {
        if (kept.has(record)) continue
        const id = recordKey(record, at)
        put.add(id)
        changes.push({ op: 'put', at, id, record })
      }
      for (const record of (before as unknown[] | undefined) ?? []) {
        if (now.has(record)) continue
        const id = recordKey(record, at)
        if (!put.has(id)) changes.push({ op: 'remove', at, id })
      }
    } else {
      changes.push({ op: 'set', at, value: after })
    }
  }
  return changes
}

/** Applies journal entries to a document's data, in order (applying one twice changes nothing). */
export function applyEntries(data: Record<string, unknown>, entries: Change[]): void {
  const indexes = new Map<string, Map<string, number>>()
  const indexOf = (at: string): Map<string, number> => {
    let index = indexes.get(at)
    if (!index) {
      index = new Map()
      const list = Array.isArray(data[at]) ? (data[at] as unknown[]) : []
      list.forEach((record, i) => index!.set(recordKey(record, at), i))
      indexes.set(at, index)
    }
    return index
  }
  for (const entry of entries) {
    if (entry.op === 'set') {
      data[entry.at] = entry.value
      indexes.delete(entry.at)
      continue
    }
    if (!Array.isArray(data[entry.at])) data[entry.at] = []
    const list = data[entry.at] as unknown[]
    const index = indexOf(entry.at)
    const at = index.get(entry.id)
    if (entry.op === 'put') {
      if (at === undefined) {
        index.set(entry.id, list.length)
        list.push(entry.record)
      } else list[at] = entry.record
    } else if (at !== undefined) {
      list.splice(at, 1)
      indexes.delete(entry.at)
    }
  }
}

/** The revisions after `entries`, copying only the lists they touched. */
export function revise(
  revisions: Revisions,
  changes: Change[]
): { revisions: Revisions; entries: JournalEntry[] } {
  const next: Revisions = { ...revisions }
  const copied = new Set<string>()
  const entries: JournalEntry[] = []
  for (const change of changes) {
    if (!copied.has(change.at)) {
      next[change.at] = { ...(revisions[change.at] ?? {}) }
      copied.add(change.at)
    }
    const list = next[change.at]!
    const id = change.op === 'set' ? WHOLE : change.id
    const revision =
      change.op === 'put'
        ? nextRevision(list[id], change.record)
        : change.op === 'set'
          ? nextRevision(list[id], change.value)
          : nextRevision(list[id], null, true)
    list[id] = revision
    entries.push({ ...change, rev: revision.rev })
  }
  return { revisions: next, entries }
}

/** Sets each entry's revision as the journal recorded it (replaying gives the same history). */
export function reviseFromJournal(revisions: Revisions, entries: JournalEntry[]): Revisions {
  const next: Revisions = { ...revisions }
  for (const entry of entries) {
    const list = (next[entry.at] = { ...(next[entry.at] ?? {}) })
    const id = entry.op === 'set' ? WHOLE : entry.id
    const previous = list[id]
    if (previous?.rev === entry.rev) continue
    list[id] = {
      rev: entry.rev,
      ancestors:
        entry.ancestors ??
        (previous
          ? [hashOf(previous.rev), ...previous.ancestors].slice(0, KEPT_ANCESTORS - 1)
          : []),
      ...(entry.op === 'remove' ? { deleted: true as const } : {})
    }
  }
  return next
}

function isRecordList(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  )
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** What reading a journal found: the entries of every whole line, and whether a line was damaged. */
export interface JournalRead {
  entries: JournalEntry[]
  lines: number
  /** A whole line that could not be read: the entries after it are not applied. */
  damaged: boolean
}

/**
 * The journal beside a document: one line per change, each sealed on its own (under the
 * codec's `entry` sealing), appended and flushed to disk before the change is acknowledged.
 * A line cut short by a crash was never acknowledged and is ignored.
 */
export class Journal {
  private handle: FileHandle | null = null
  private created = false
  /** How many changes the file holds. */
  count = 0

  constructor(
    readonly path: string,
    private readonly kind: string,
    private readonly codec: FileCodec | undefined
  ) {}

  async read(): Promise<JournalRead> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { entries: [], lines: 0, damaged: false }
      throw error
    }
    const lines = text.split('\n')
    // The last piece has no newline after it: empty, or a line a crash cut short.
    lines.pop()
    const entries: JournalEntry[] = []
    let read = 0
    for (const line of lines) {
      const parsed = this.decodeLine(line)
      if (!parsed) return { entries, lines: read, damaged: true }
      entries.push(...parsed)
      read++
    }
    this.count = entries.length
    this.created = lines.length > 0
    return { entries, lines: read, damaged: false }
  }

  /** Adds one change's entries as one line, flushed to disk. */
  async append(entries: JournalEntry[]): Promise<void> {
    const line = this.encodeLine(entries)
    if (!this.handle) {
      this.handle = await open(this.path, 'a', 0o600)
    }
    await this.handle.appendFile(line + '\n')
    await this.handle.datasync()
    if (!this.created) {
      // The file's name in the folder must be on disk too, the first time.
      await syncFolder(dirname(this.path))
      this.created = true
    }
    this.count += entries.length
  }

  /** Removes the journal once the document's file holds every change in it. */
  async clear(): Promise<void> {
    await this.close()
    await rm(this.path, { force: true })
    this.count = 0
    this.created = false
  }

  /** Keeps a damaged journal aside for IT support, out of the way of new lines. */
  async setAside(stamp: string): Promise<string> {
    await this.close()
    const folder = join(dirname(this.path), 'damaged')
    await mkdir(folder, { recursive: true })
    const target = join(folder, `${this.kind}-journal-damaged-${stamp}.jsonl`)
    await rename(this.path, target)
    this.count = 0
    this.created = false
    return target
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = null
    await handle?.close()
  }

  private encodeLine(entries: JournalEntry[]): string {
    const text = JSON.stringify(entries)
    const entry = this.codec?.entry
    return entry ? Buffer.from(entry.encode(text, this.lineKind)).toString('base64') : text
  }

  private decodeLine(line: string): JournalEntry[] | null {
    try {
      const entry = this.codec?.entry
      const text = entry ? entry.decode(Buffer.from(line, 'base64'), this.lineKind) : line
      const parsed = JournalLine.safeParse(JSON.parse(text))
      return parsed.success ? (parsed.data as JournalEntry[]) : null
    } catch {
      return null
    }
  }

  private get lineKind(): string {
    return `${this.kind}-journal`
  }
}
