import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { z } from 'zod'
import { writeFileAtomic, SerialQueue } from './atomic-write'
import { DurableJsonFile } from './json-file-adapter'
import { PLAIN, type FileCodec } from './codec'

/** What is stored on disk: the kind of file, its schema version, then the records. */
export interface Envelope<T> {
  kind: string
  schemaVersion: number
  data: T
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
}

export type RecoveryEvent =
  | { kind: 'restored_from_backup'; file: string; damagedCopy: string; backup: string }
  | { kind: 'damaged_no_backup'; file: string; damagedCopy: string }
  | { kind: 'restored_missing_file'; file: string; backup: string }
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

  private constructor(
    private readonly spec: DocumentSpec<T>,
    private readonly db: Low<Envelope<T>>,
    readonly path: string,
    readonly recovery: RecoveryEvent[]
  ) {}

  get data(): T {
    return this.db.data.data
  }

  /** Applies `change` to a copy of the records, saves it, then makes it current. */
  update<R>(change: (draft: T) => R): Promise<R> {
    return this.queue.run(async () => {
      const draft = structuredClone(this.db.data.data)
      const result = change(draft)
      const next: Envelope<T> = { ...this.db.data, data: draft }
      // Write through the adapter, not `db.write()`: `db.data` must keep the
      // saved records while the write is under way, so readers never see a
      // change that may yet fail to save.
      try {
        await this.db.adapter.write(next)
      } catch (error) {
        throw new StoreError('write_failed', `Could not save to ${this.path}: ${describe(error)}`)
      }
      this.db.data = next
      await this.backupIfDue().catch(() => undefined)
      return result
    })
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
    let loaded: { envelope: Envelope<T>; migratedFrom: number | null } | null = null
    if (exists) {
      const bytes = await readFile(path)
      try {
        loaded = parseEnvelope(spec, decodeFile(spec, bytes))
      } catch (error) {
        if (error instanceof StoreError) throw error
        const damagedCopy = await setAside(spec, path)
        const restored = await restoreLatestBackup(spec)
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
      const restored = await restoreLatestBackup(spec)
      if (restored) {
        loaded = restored.loaded
        recovery.push({ kind: 'restored_missing_file', file: path, backup: restored.file })
      }
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
    const document = new VersionedDocument(spec, db, path, recovery)
    const changed = !exists || recovery.length > 0
    if (changed) await db.write()
    if (changed || spec.backupOnOpen !== false) await document.backupIfDue()
    return document
  }

  /** Makes today's copy now, where none is (after the copies were removed on purpose). */
  async copyNow(): Promise<void> {
    this.lastBackupDay = null
    await this.queue.run(() => this.backupIfDue())
  }

  /** Keeps one copy a day, and only the newest `keepBackups` of them. */
  private async backupIfDue(): Promise<void> {
    const day = new Date(this.spec.now()).toISOString().slice(0, 10)
    if (this.lastBackupDay === day) return
    const folder = backupFolder(this.spec)
    const target = join(folder, `${this.spec.name}-${day}.json`)
    if (!(await fileExists(target))) {
      await writeFileAtomic(
        target,
        codecOf(this.spec).encode(
          JSON.stringify(this.db.data, null, 2),
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
  text: string
): { envelope: Envelope<T>; migratedFrom: number | null } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
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
  for (let v = version; v < spec.version; v++) {
    const migrate = spec.migrations[v]
    if (!migrate || !isRecord(data)) throw new Unusable(`no migration from version ${v}`)
    data = migrate(data)
  }
  const parsed = spec.schema.safeParse(data)
  if (!parsed.success) throw new Unusable('records do not have the expected shape')
  return {
    envelope: { kind: spec.name, schemaVersion: spec.version, data: parsed.data },
    migratedFrom: version < spec.version ? version : null
  }
}

async function restoreLatestBackup<T>(
  spec: DocumentSpec<T>
): Promise<{ loaded: ReturnType<typeof parseEnvelope<T>>; file: string } | null> {
  for (const name of await dailyBackups(spec)) {
    const file = join(backupFolder(spec), name)
    try {
      return { loaded: parseEnvelope(spec, decodeFile(spec, await readFile(file))), file }
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
