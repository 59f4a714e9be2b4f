import { SessionRecord } from '../../shared/domain/session'
import type { SessionFiles } from '../store/session-files'
import type { VersionedDocument } from '../store/versioned-document'
import { recordKey, WHOLE, type JournalEntry } from '../store/journal'
import type { SyncRecord } from './sealed-docs'

/** The records of this machine that travel: the registry, the measures and every session. */
export interface LocalStores {
  registry: VersionedDocument<{
    sessions: Array<{ id: string; groupId: string; date: string }>
    participants: Array<{ id: string; fullName: string; clientId: string }>
    groups: Array<{ id: string; name: string }>
    staff: Array<{ id: string; fullName: string }>
  }>
  measures: VersionedDocument<unknown>
  sessions: SessionFiles
}

const SESSION_PREFIX = 'session-'

/** Every record this machine holds, each with its revision, file by file. */
export async function* localRecords(stores: LocalStores): AsyncGenerator<SyncRecord> {
  for (const document of [stores.registry, stores.measures] as VersionedDocument<unknown>[]) {
    await document.assignMissingRevisions()
    yield* recordsOf(document)
  }
  for (const { id } of stores.registry.data.sessions) {
    const document = await stores.sessions.get(id).catch(() => null)
    if (!document) continue
    await document.assignMissingRevisions()
    yield* recordsOf(document as VersionedDocument<unknown>)
  }
}

/** A document's records and removed records, as they travel. */
export function* recordsOf(document: VersionedDocument<unknown>): Generator<SyncRecord> {
  const data = document.data as Record<string, unknown>
  const revisions = document.revisions
  const file = document.name
  for (const [list, value] of Object.entries(data)) {
    const listRevisions = revisions[list] ?? {}
    if (isRecordList(value)) {
      const present = new Set<string>()
      for (const [position, body] of value.entries()) {
        const id = recordKey(body, list)
        present.add(id)
        const revision = listRevisions[id]
        if (revision) {
          yield { file, list, id, whole: false, body, deleted: false, revision, position }
        }
      }
      for (const [id, revision] of Object.entries(listRevisions)) {
        if (revision.deleted && !present.has(id)) {
          yield { file, list, id, whole: false, body: null, deleted: true, revision }
        }
      }
    } else {
      const revision = listRevisions[WHOLE]
      if (revision)
        yield { file, list, id: WHOLE, whole: true, body: value, deleted: false, revision }
    }
  }
}

/** The journal entries that put records from another machine in place, with their revisions. */
export function entriesOf(records: SyncRecord[]): JournalEntry[] {
  return records.map((r): JournalEntry => {
    const { rev, ancestors } = r.revision
    if (r.whole) return { op: 'set', at: r.list, value: r.body, rev, ancestors }
    if (r.deleted) return { op: 'remove', at: r.list, id: r.id, rev, ancestors }
    return { op: 'put', at: r.list, id: r.id, record: r.body, rev, ancestors }
  })
}

/**
 * Writes records that won on the other machines here: the registry first (a session's line
 * in it before the session), then the measures, then each session's file, made new when the
 * session began on another machine.
 */
export async function applyRecords(
  stores: LocalStores,
  records: SyncRecord[],
  everyOf: (file: string) => Promise<SyncRecord[]> = async () => []
): Promise<void> {
  const byFile = new Map<string, SyncRecord[]>()
  for (const record of records) {
    const list = byFile.get(record.file) ?? []
    list.push(record)
    byFile.set(record.file, list)
  }
  const order = [...byFile.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  for (const file of order) {
    const incoming = (byFile.get(file) ?? [])
      .filter((r) => isNewer(r, revisionHere(stores, r)))
      .sort((x, y) => (x.position ?? 0) - (y.position ?? 0))
    if (incoming.length === 0) continue
    if (file === stores.registry.name) await stores.registry.applyRemote(entriesOf(incoming))
    else if (file === stores.measures.name) await stores.measures.applyRemote(entriesOf(incoming))
    else if (file.startsWith(SESSION_PREFIX)) await applyToSession(stores, file, incoming, everyOf)
  }
}

async function applyToSession(
  stores: LocalStores,
  file: string,
  arrived: SyncRecord[],
  everyOf: (file: string) => Promise<SyncRecord[]>
) {
  const sessionId = file.slice(SESSION_PREFIX.length)
  const existing = await stores.sessions.get(sessionId).catch(() => null)
  if (existing) {
    await existing.applyRemote(entriesOf(arrived))
    return
  }
  // Records of one session may arrive in several batches: the file is made from all of them
  // the mirror holds, once they make a whole session (until then, the next batch tries again).
  const records = (await everyOf(file)).sort((x, y) => (x.position ?? 0) - (y.position ?? 0))
  if (records.length === 0) records.push(...arrived)
  // A session begun on another machine: its file is made from what arrived.
  // Lists with no record yet arrive as nothing: they start empty.
  const data: Record<string, unknown> = Object.fromEntries(
    ['segments', 'events', 'attendance', 'observations', 'safety', 'notes'].map((k) => [k, []])
  )
  for (const record of records) {
    if (record.whole) data[record.list] = record.body
    else if (!record.deleted) ((data[record.list] ??= []) as unknown[]).push(record.body)
  }
  const parsed = SessionRecord.safeParse(data)
  if (!parsed.success || parsed.data.id !== sessionId) return
  const created = await stores.sessions.create(parsed.data, { fromElsewhere: true })
  await created.applyRemote(entriesOf(records))
}

/** Revisions held here, for records of open files (a session's file is asked for when applying). */
function revisionHere(stores: LocalStores, record: SyncRecord) {
  const document =
    record.file === stores.registry.name
      ? stores.registry
      : record.file === stores.measures.name
        ? stores.measures
        : null
  return document?.revisions[record.list]?.[record.id]
}

function isNewer(record: SyncRecord, here: { rev: string } | undefined): boolean {
  return here?.rev !== record.revision.rev
}

function rank(file: string): number {
  return file === 'registry' ? 0 : file === 'measures' ? 1 : 2
}

function isRecordList(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  )
}
