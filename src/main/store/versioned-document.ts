import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createDraft, current, finishDraft, isDraft, setAutoFreeze, type Objectish } from 'immer'
import { Low } from 'lowdb'
import { z } from 'zod'
import { createHash } from 'node:crypto'
import { copyFileAtomic, writeFileAtomic, SerialQueue } from './atomic-write'
import { DurableJsonFile } from './json-file-adapter'
import { fileText, PLAIN, type FileCodec } from './codec'
import {
  applyEntries,
  changesBetween,
  Journal,
  revise,
  reviseFromJournal,
  Revisions,
  WHOLE,
  type JournalEntry,
  type JournalRead
} from './journal'

// Records handed out are the stored ones, as before immer: callers never mutate them, and
// freezing every record of a five-year clinic on each change would cost what immer saves.
setAutoFreeze(false)

/** What is stored on disk: the kind of file, its schema version, then the records. */
export interface Envelope<T> {
  kind: string
  schemaVersion: number
  data: T
  /** Each record's revision (CouchDB's `N-hash` and its recent ancestors), by list and id. */
  revisions?: Revisions
  /**
   * The shape of the records when the file was written (a digest of the schema). A sealed file
   * of the very same shape holds records this app wrote itself under the key, and opens
   * without checking each record again; any other file is checked record by record.
   */
  shape?: string
}

const shapes = new WeakMap<z.ZodType, string>()

/** A digest of what records of this kind look like: changes whenever the schema does. */
export function shapeOf(spec: { version: number; schema: z.ZodType }): string {
  let digest = shapes.get(spec.schema)
  if (digest === undefined) {
    const described = JSON.stringify(
      z.toJSONSchema(spec.schema, { unrepresentable: 'any', io: 'output' })
    )
    digest = createHash('sha256').update(described).digest('hex').slice(0, 32)
    shapes.set(spec.schema, digest)
  }
  return `${spec.version}:${digest}`
}

/** Turns the data of version `n` into the data of version `n + 1`. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>

export interface DocumentSpec<T> {
  folder: string
  /** File name without `.json`; also the envelope's `kind`. */
  name: string
  version: number
  schema: z.ZodType<T>
  /** Keyed by the version they upgrade from. */
  migrations: Record<number, Migration>
  initial: () => T
  now: () => number
  /** How many daily backups to keep (a setting: asked each time a copy is made). */
  keepBackups?: number | (() => number)
  /** How the file's text is kept on disk: plain, or sealed with the clinic's data key. */
  codec?: FileCodec
  /**
   * Make the day's copy as soon as the file is opened (true by default), or only on the day
   * it is written. Files opened often only to be read (the sessions, for reports) say false.
   */
  backupOnOpen?: boolean
  /**
   * Remove leftovers of an interrupted write from the folder when opening (true by default).
   * A folder of many files sweeps once itself instead of at every open.
   */
  sweepFolder?: boolean
  /**
   * Keep each change as a line appended to `<name>.journal` beside the file, folded into the
   * file only off the interactive path (when the app is idle, locks, closes, or is backed up),
   * so a change costs what it touched, never the whole file. Changes to `writeThrough` keys
   * (rare ones the file's clear head is made from) still rewrite the file at once.
   */
  journal?: {
    writeThrough?: string[]
    /** Fold the journal in after this long without a change (ms). */
    idleMs?: number
  }
}

/** Told, after a change is saved, which file it was and what changed, with the new revisions. */
export type ChangeListener = (document: VersionedDocument<unknown>, entries: JournalEntry[]) => void

/** The fold of a journal into its file waits this long after the last change. */
export const JOURNAL_IDLE_MS = 20_000

export type RecoveryEvent =
  | { kind: 'restored_from_backup'; file: string; damagedCopy: string; backup: string }
  | { kind: 'damaged_no_backup'; file: string; damagedCopy: string }
  | { kind: 'restored_missing_file'; file: string; backup: string }
  | { kind: 'journal_damaged'; file: string; damagedCopy: string; applied: number }
  | {
      kind: 'migrated'
      file: string
      fromVersion: number
      toVersion: number
      previousCopy: string | null
    }

export class StoreError extends Error {
  constructor(
    readonly code: 'newer_version' | 'write_failed',
    message: string
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

class Unusable extends Error {}

/**
 * One JSON file of records, kept in memory and written through lowdb with an
 * atomic, durable adapter. Changes are applied to a copy and become current
 * only once they are on disk, so a failed write never leaves the app showing
 * records that were not saved.
 */
export class VersionedDocument<T> {
  private readonly queue = new SerialQueue()
  private lastBackupDay: string | null = null
  private idle: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<ChangeListener>()

  private constructor(
    private readonly spec: DocumentSpec<T>,
    private readonly db: Low<Envelope<T>>,
    readonly path: string,
    readonly recovery: RecoveryEvent[],
    /** Null when every change rewrites the file. */
    private readonly journal: Journal | null
  ) {}

  get data(): T {
    return this.db.data.data
  }

  /** Each record's revision, by list and id. */
  get revisions(): Revisions {
    return this.db.data.revisions ?? {}
  }

  /** How many changes wait in the journal to be folded into the file. */
  get pendingChanges(): number {
    return this.journal?.count ?? 0
  }

  /**
   * Applies `change` to a draft of the records (immer: what it does not touch stays shared),
   * saves what it changed, then makes it current. A failed save leaves the records as they were.
   */
  update<R>(change: (draft: T) => R): Promise<R> {
    return this.queue.run(async () => {
      const base = this.db.data.data
      const draft = createDraft(base as Objectish)
      const result = materialize(change(draft as T))
      const data = finishDraft(draft) as T
      if (data === base) return result
      const changes = changesBetween(
        base as Record<string, unknown>,
        data as Record<string, unknown>
      )
      const { revisions, entries } = revise(this.revisions, changes)
      const next: Envelope<T> = { ...this.db.data, data, revisions }
      if ((await this.save(next, entries)) === 'file') {
        await this.backupIfDue().catch(() => undefined)
      }
      this.tell(entries)
      return result
    })
  }

  /** Told of every change saved on this machine (not of records from another one). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The file's name, without `.json`: which file a record of it lives in. */
  get name(): string {
    return this.spec.name
  }

  /**
   * Records from another machine, with the revisions they carry there: written as they are,
   * no new revision made, so both machines then hold the same record at the same revision.
   */
  applyRemote(entries: JournalEntry[]): Promise<void> {
    return this.queue.run(async () => {
      if (entries.length === 0) return
      const base = this.db.data.data
      const draft = createDraft(base as Objectish)
      applyEntries(draft as Record<string, unknown>, entries)
      const data = finishDraft(draft) as T
      const parsed = this.spec.schema.safeParse(data)
      if (!parsed.success) {
        throw new StoreError(
          'write_failed',
          `Records from another machine do not fit ${this.spec.name}.`
        )
      }
      const revisions = reviseFromJournal(this.revisions, entries)
      const next: Envelope<T> = { ...this.db.data, data, revisions }
      await this.save(next, entries)
    })
  }

  /**
   * Gives every record without a revision (kept before revisions were) its first one, and
   * writes the file: done once, before the records first leave this machine.
   */
  assignMissingRevisions(options: { tell?: boolean } = {}): Promise<void> {
    return this.queue.run(async () => {
      const data = this.db.data.data as Record<string, unknown>
      const changes = changesBetween({}, data).filter((change) => {
        const id = change.op === 'set' ? WHOLE : change.id
        return !this.revisions[change.at]?.[id]
      })
      if (changes.length === 0) return
      const { revisions, entries } = revise(this.revisions, changes)
      await this.writeWhole({ ...this.db.data, revisions })
      if (options.tell) this.tell(entries)
    })
  }

  /** Writes the whole file now, the journal folded in (a keyring to mend, a backup to make). */
  rewrite(): Promise<void> {
    return this.queue.run(async () => {
      await this.writeWhole(this.db.data)
      await this.backupIfDue().catch(() => undefined)
    })
  }

  /** Folds the journal into the file, if it holds anything: off the interactive path. */
  compact(): Promise<void> {
    this.cancelFold()
    return this.queue.run(async () => {
      if (this.journal && this.journal.count > 0) await this.writeWhole(this.db.data)
      // The day's copy is made here, off the interactive path, as well as on opening.
      await this.backupIfDue().catch(() => undefined)
    })
  }

  /** Folds the journal in and lets go of the file (the app locks or closes). */
  async close(): Promise<void> {
    // The journal's file is let go of even when folding it in fails: it stays on disk, and is
    // folded in at the next opening.
    try {
      await this.compact()
    } finally {
      await this.queue.run(async () => this.journal?.close())
    }
  }

  /**
   * Makes `next` current once `entries` (the changes from the current records to it) are saved:
   * appended to the journal, which is folded into the file when the app falls idle, or, with no
   * journal or when an entry touches a `writeThrough` list, written into the whole file at once.
   * Says which, as only a whole-file write may be due a day's copy.
   */
  private async save(next: Envelope<T>, entries: JournalEntry[]): Promise<'journal' | 'file'> {
    const writeThrough = this.spec.journal?.writeThrough ?? []
    if (this.journal && !entries.some((entry) => writeThrough.includes(entry.at))) {
      try {
        await this.journal.append(entries)
      } catch (error) {
        throw new StoreError('write_failed', `Could not save to ${this.path}: ${describe(error)}`)
      }
      this.db.data = next
      this.foldWhenIdle()
      return 'journal'
    }
    await this.writeWhole(next)
    return 'file'
  }

  /**
   * Writes through the adapter, not `db.write()`: `db.data` keeps the saved records while the
   * write is under way, so readers never see a change that may yet fail to save. The journal
   * is cleared only once the file holds all of it (replaying it again would change nothing).
   */
  private async writeWhole(whole: Envelope<T>): Promise<void> {
    const next = { ...whole, shape: shapeOf(this.spec) }
    try {
      await this.db.adapter.write(next)
    } catch (error) {
      throw new StoreError('write_failed', `Could not save to ${this.path}: ${describe(error)}`)
    }
    this.db.data = next
    if (this.journal && this.journal.count > 0) await this.journal.clear().catch(() => undefined)
  }

  private tell(entries: JournalEntry[]): void {
    for (const listener of this.listeners) {
      try {
        listener(this as VersionedDocument<unknown>, entries)
      } catch {
        // A listener's failure is its own; the change is saved.
      }
    }
  }

  private foldWhenIdle(): void {
    this.cancelFold()
    this.idle = setTimeout(() => {
      this.idle = null
      void this.compact().catch(() => undefined)
    }, this.spec.journal?.idleMs ?? JOURNAL_IDLE_MS)
    this.idle.unref?.()
  }

  private cancelFold(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
  }

  static async open<T>(spec: DocumentSpec<T>): Promise<VersionedDocument<T>> {
    await mkdir(spec.folder, { recursive: true })
    await mkdir(backupFolder(spec), { recursive: true })
    const path = join(spec.folder, `${spec.name}.json`)
    if (spec.sweepFolder !== false) {
      await removeStaleTemporaryFiles(spec.folder, `${spec.name}.json.`)
    }
    await removeStaleTemporaryFiles(backupFolder(spec), `${spec.name}-`)
    const recovery: RecoveryEvent[] = []
    const adapter = new DurableJsonFile<Envelope<T>>(path, codecOf(spec), spec.name)
    const db = new Low<Envelope<T>>(adapter, {
      kind: spec.name,
      schemaVersion: spec.version,
      data: spec.initial()
    })

    const exists = await fileExists(path)
    const journal = journalling(spec)
      ? new Journal(join(spec.folder, `${spec.name}.journal`), spec.name, spec.codec)
      : null
    // The journal's lines are read once a file has been (a sealed clinic file names its clinic).
    let journalRead: JournalRead | null = null
    const readJournal = async (): Promise<JournalEntry[]> => {
      journalRead ??= journal ? await journal.read() : { entries: [], lines: 0, damaged: false }
      return journalRead.entries
    }
    let loaded: { envelope: Envelope<T>; migratedFrom: number | null } | null = null
    if (exists) {
      const bytes = await readFile(path)
      try {
        const text = decodeFile(spec, bytes)
        loaded = parseEnvelope(spec, text, await readJournal())
      } catch (error) {
        if (error instanceof StoreError) throw error
        const damagedCopy = await setAside(spec, path)
        const restored = await restoreLatestBackup(spec, readJournal)
        if (restored) {
          loaded = restored.loaded
          recovery.push({
            kind: 'restored_from_backup',
            file: path,
            damagedCopy,
            backup: restored.file
          })
        } else {
          recovery.push({ kind: 'damaged_no_backup', file: path, damagedCopy })
        }
      }
    } else {
      const restored = await restoreLatestBackup(spec, readJournal)
      if (restored) {
        loaded = restored.loaded
        recovery.push({ kind: 'restored_missing_file', file: path, backup: restored.file })
      }
    }
    if (journal && (journalRead as JournalRead | null)?.damaged) {
      const read = journalRead as unknown as JournalRead
      const damagedCopy = await journal.setAside(stamp(spec.now()))
      recovery.push({ kind: 'journal_damaged', file: path, damagedCopy, applied: read.lines })
    }

    if (loaded) {
      db.data = loaded.envelope
      if (loaded.migratedFrom !== null) {
        // The old file is kept only when it was read from its place; a restored
        // backup is itself still there to look at.
        let previousCopy: string | null = null
        if (exists && recovery.length === 0) {
          previousCopy = join(
            backupFolder(spec),
            `${spec.name}-v${loaded.migratedFrom}-before-migration-${stamp(spec.now())}.json`
          )
          // The file as it was, bytes unchanged (sealed if it was sealed).
          await writeFileAtomic(previousCopy, await readFile(path))
        }
        recovery.push({
          kind: 'migrated',
          file: path,
          fromVersion: loaded.migratedFrom,
          toVersion: spec.version,
          previousCopy
        })
      }
    }
    const document = new VersionedDocument(spec, db, path, recovery, journal)
    const changed = !exists || recovery.length > 0
    // A journal found on opening is folded in with the next change's, or at close: opening
    // to read writes nothing.
    if (changed) await document.writeWhole(db.data)
    if (changed) await document.backupIfDue()
    else if (spec.backupOnOpen !== false) await document.backupIfDue({ asOnDisk: true })
    return document
  }

  /** Makes today's copy now, where none is (after the copies were removed on purpose). */
  async copyNow(): Promise<void> {
    this.lastBackupDay = null
    await this.queue.run(() => this.backupIfDue())
  }

  /**
   * Keeps one copy a day, and only the newest `keepBackups` of them. `asOnDisk`: the file was
   * just opened and holds every record (no journal beside it), so the day's copy is a copy of
   * the file's bytes, made by the operating system, rather than five years of records sealed
   * and written once more by this process at the first sign-in of the day.
   */
  private async backupIfDue(options: { asOnDisk?: boolean } = {}): Promise<void> {
    const day = new Date(this.spec.now()).toISOString().slice(0, 10)
    if (this.lastBackupDay === day) return
    const folder = backupFolder(this.spec)
    const target = join(folder, `${this.spec.name}-${day}.json`)
    const linked =
      options.asOnDisk === true &&
      (this.journal?.count ?? 0) === 0 &&
      !(await fileExists(target)) &&
      (await copyFileAtomic(this.path, target).then(
        () => true,
        () => false
      ))
    if (!linked && !(await fileExists(target))) {
      await writeFileAtomic(
        target,
        codecOf(this.spec).encode(
          fileText(codecOf(this.spec), this.db.data),
          this.spec.name,
          this.db.data
        )
      )
    }
    this.lastBackupDay = day
    const keep = this.spec.keepBackups
    const count = typeof keep === 'function' ? keep() : (keep ?? 14)
    const daily = (await dailyBackups(this.spec)).slice(Math.max(1, count))
    for (const old of daily) await rm(join(folder, old), { force: true })
  }
}

/** A sealed file keeps a journal only where its lines can be sealed too. */
function journalling<T>(spec: DocumentSpec<T>): boolean {
  return spec.journal !== undefined && (!spec.codec || spec.codec === PLAIN || !!spec.codec.entry)
}

/** A recipe's result outlives its draft: drafts in it become plain copies. */
function materialize<R>(value: R, depth = 0): R {
  if (isDraft(value)) return current(value as object) as R
  if (depth > 2 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    return (
      value.some((v) => isDraft(v) || (v && typeof v === 'object'))
        ? value.map((v: unknown) => materialize(v, depth + 1))
        : value
    ) as R
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  const entries = Object.entries(value)
  if (!entries.some(([, v]) => v && typeof v === 'object')) return value
  return Object.fromEntries(entries.map(([k, v]) => [k, materialize(v, depth + 1)])) as R
}

function codecOf<T>(spec: DocumentSpec<T>): FileCodec {
  return spec.codec ?? PLAIN
}

/** The file's text; bytes that cannot be read as this file are damage, like text that is not JSON. */
function decodeFile<T>(spec: DocumentSpec<T>, bytes: Uint8Array): string {
  try {
    return codecOf(spec).decode(bytes, spec.name)
  } catch {
    throw new Unusable('cannot be decoded')
  }
}

function parseEnvelope<T>(
  spec: DocumentSpec<T>,
  text: string,
  journal: JournalEntry[] = []
): { envelope: Envelope<T>; migratedFrom: number | null } {
  const codec = codecOf(spec)
  let raw: unknown = codec.takeParsed?.(text)
  try {
    raw ??= JSON.parse(text)
  } catch {
    throw new Unusable('not JSON')
  }
  if (!isRecord(raw) || raw.kind !== spec.name || typeof raw.schemaVersion !== 'number') {
    throw new Unusable('not this kind of file')
  }
  const version = raw.schemaVersion
  if (version > spec.version) {
    throw new StoreError(
      'newer_version',
      `${spec.name}.json was saved by a newer version of IOP Facilitator (schema ${version}; this one reads up to ${spec.version}). Install the newer version; the file has not been changed.`
    )
  }
  let data = raw.data
  let revisions = Revisions.safeParse(raw.revisions ?? {}).data ?? {}
  // The journal's changes were made to records of the file's own version: applied before any
  // migration, so the records are checked as a whole below.
  if (journal.length > 0 && isRecord(data)) {
    applyEntries(data, journal)
    revisions = reviseFromJournal(revisions, journal)
  }
  for (let v = version; v < spec.version; v++) {
    const migrate = spec.migrations[v]
    if (!migrate || !isRecord(data)) throw new Unusable(`no migration from version ${v}`)
    data = migrate(data)
  }
  // Sealed records written by this very shape of the app were checked as they were made:
  // only records of another shape, or from a file anyone could have written, are checked.
  const trusted =
    codec.authenticates === true && version === spec.version && raw.shape === shapeOf(spec)
  const parsed = trusted ? { success: true as const, data: data as T } : spec.schema.safeParse(data)
  if (!parsed.success) throw new Unusable('records do not have the expected shape')
  return {
    envelope: { kind: spec.name, schemaVersion: spec.version, data: parsed.data, revisions },
    migratedFrom: version < spec.version ? version : null
  }
}

async function restoreLatestBackup<T>(
  spec: DocumentSpec<T>,
  journal: () => Promise<JournalEntry[]>
): Promise<{ loaded: ReturnType<typeof parseEnvelope<T>>; file: string } | null> {
  for (const name of await dailyBackups(spec)) {
    const file = join(backupFolder(spec), name)
    try {
      const text = decodeFile(spec, await readFile(file))
      return { loaded: parseEnvelope(spec, text, await journal()), file }
    } catch (error) {
      if (error instanceof StoreError) throw error
    }
  }
  return null
}

async function setAside<T>(spec: DocumentSpec<T>, path: string): Promise<string> {
  const folder = join(spec.folder, 'damaged')
  await mkdir(folder, { recursive: true })
  const target = join(folder, `${spec.name}-damaged-${stamp(spec.now())}.json`)
  await rename(path, target)
  return target
}

/** Newest first. */
async function dailyBackups<T>(spec: DocumentSpec<T>): Promise<string[]> {
  const pattern = new RegExp(`^${spec.name}-\\d{4}-\\d{2}-\\d{2}\\.json$`)
  const names = await readdir(backupFolder(spec)).catch(() => [] as string[])
  return names
    .filter((n) => pattern.test(n))
    .sort()
    .reverse()
}

export async function removeStaleTemporaryFiles(folder: string, prefix: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[])
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp'))
      await rm(join(folder, name), { force: true })
  }
}

function backupFolder<T>(spec: DocumentSpec<T>): string {
  return join(spec.folder, 'backups', spec.name)
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-')
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code ? `the disk answered ${code}` : 'the disk refused the write'
}
