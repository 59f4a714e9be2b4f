import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionRecord } from '../../shared/domain/session'
import { RuleError } from '../../shared/result'
import {
  removeStaleTemporaryFiles,
  VersionedDocument,
  type ChangeListener,
  type RecoveryEvent
} from './versioned-document'
import type { FileCodec } from './codec'

export const SESSION_FILE_VERSION = 1

/** A session file not read or written for this long is closed (opened again when next asked for). */
export const SESSION_FILE_IDLE_MS = 10 * 60_000
/** At most this many session files stay open; the least recently used idle ones close first. */
export const MAX_OPEN_SESSION_FILES = 24

interface OpenFile {
  document: Promise<VersionedDocument<SessionRecord>>
  lastUsed: number
  /** Changes asked for and not yet saved: a file is never closed while one is under way. */
  writing: number
}

/**
 * One file per session under `sessions/`, so a running group writes only its
 * own small file with each event, never the clinic's whole history. Files
 * are opened when asked for and closed when idle (not used for
 * `SESSION_FILE_IDLE_MS`, or beyond the `MAX_OPEN_SESSION_FILES` most recently
 * used), so a day that opens every session's attendance does not keep every
 * session in memory. Services hold a document only for the request at hand.
 */
export class SessionFiles {
  private readonly open = new Map<string, OpenFile>()
  /** Told of every change saved to any session's file (sync takes them to other machines). */
  private readonly listeners = new Set<ChangeListener>()
  /** Leftovers of interrupted writes are swept from the folder once, not at every file opened. */
  private swept: Promise<void> | null = null

  constructor(
    readonly folder: string,
    private readonly now: () => number,
    private readonly onRecovery: (events: RecoveryEvent[]) => void,
    /** Plain, or sealed with the clinic's data key. */
    private readonly codec?: FileCodec,
    private readonly keepBackups?: () => number
  ) {}

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Writes a new session's first version. */
  async create(
    record: SessionRecord,
    /** A session begun on another machine keeps the revisions it has there (applied next). */
    options: { fromElsewhere?: boolean } = {}
  ): Promise<VersionedDocument<SessionRecord>> {
    const file = this.track(
      record.id,
      this.openDocument(record.id, () => record)
    )
    try {
      const document = await file.document
      // A new session's records get their first revisions, and sync hears of them.
      if (!options.fromElsewhere) await document.assignMissingRevisions({ tell: true })
      return document
    } catch (error) {
      this.forget(record.id, file)
      throw error
    }
  }

  /** The session's document; refuses, rather than invents, a session whose file and backups are gone. */
  get(sessionId: string): Promise<VersionedDocument<SessionRecord>> {
    let file = this.open.get(sessionId)
    if (file) {
      file.lastUsed = this.now()
      // Most recently used last, so the map's order is the order to close in.
      this.open.delete(sessionId)
      this.open.set(sessionId, file)
    } else {
      file = this.track(sessionId, this.openExisting(sessionId))
      const opened = file
      file.document.catch(() => this.forget(sessionId, opened))
    }
    this.closeIdle()
    return file.document
  }

  /** How many session files are open now. */
  get openCount(): number {
    return this.open.size
  }

  /** Closes files idle for too long, and the least recently used beyond the bound. */
  closeIdle(): void {
    const now = this.now()
    let over = this.open.size - MAX_OPEN_SESSION_FILES
    for (const [sessionId, file] of this.open) {
      if (file.writing > 0) continue
      const idle = now - file.lastUsed >= SESSION_FILE_IDLE_MS || now < file.lastUsed
      if (!idle && over <= 0) continue
      this.open.delete(sessionId)
      over -= 1
    }
  }

  private track(sessionId: string, opening: Promise<VersionedDocument<SessionRecord>>): OpenFile {
    const file: OpenFile = { document: opening, lastUsed: this.now(), writing: 0 }
    // Each change keeps the file open until it is saved, and counts as a use.
    file.document = opening.then((document) => {
      const update = document.update.bind(document)
      document.update = (change) => {
        file.writing += 1
        file.lastUsed = this.now()
        return update(change).finally(() => {
          file.writing -= 1
          file.lastUsed = this.now()
        })
      }
      return document
    })
    this.open.set(sessionId, file)
    return file
  }

  private forget(sessionId: string, file: OpenFile): void {
    if (this.open.get(sessionId) === file) this.open.delete(sessionId)
  }

  private async openExisting(sessionId: string): Promise<VersionedDocument<SessionRecord>> {
    const name = fileName(sessionId)
    const present =
      (await exists(join(this.folder, `${name}.json`))) ||
      (await readdir(join(this.folder, 'backups', name)).catch(() => [])).length > 0
    if (!present) {
      throw new RuleError(
        'not_found',
        `The file for this session (sessions/${name}.json) is missing and has no backup. Ask your IT support to restore it from the clinic's backups.`
      )
    }
    const document = await this.openDocument(sessionId, () => {
      throw new RuleError('not_found', 'The file for this session could not be read.')
    })
    if (document.data.id !== sessionId) {
      throw new RuleError(
        'not_found',
        'The file for this session was damaged and no backup of it could be read. The damaged copy was kept in the sessions/damaged folder for your IT support.'
      )
    }
    return document
  }

  private async openDocument(
    sessionId: string,
    initial: () => SessionRecord
  ): Promise<VersionedDocument<SessionRecord>> {
    this.swept ??= removeStaleTemporaryFiles(this.folder, 'session-').catch(() => undefined)
    await this.swept
    const document = await VersionedDocument.open({
      ...(this.codec ? { codec: this.codec } : {}),
      keepBackups: this.keepBackups ?? 3,
      folder: this.folder,
      name: fileName(sessionId),
      version: SESSION_FILE_VERSION,
      schema: SessionRecord,
      migrations: {},
      initial: lazily(initial),
      now: this.now,
      backupOnOpen: false,
      sweepFolder: false
    })
    if (document.recovery.length > 0) this.onRecovery(document.recovery)
    document.onChange((changed, entries) => {
      for (const listener of this.listeners) listener(changed, entries)
    })
    return document
  }
}

/** Session ids come from the app, but a file name is still never built from anything unchecked. */
export function fileName(sessionId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(sessionId)) {
    throw new RuleError('not_found', 'That session was not found.')
  }
  return `session-${sessionId}`
}

/**
 * `VersionedDocument.open` asks for the initial records up front; for an
 * existing file they are needed only when the file and every backup are
 * unreadable, and then the placeholder must never be saved as if real.
 */
function lazily(initial: () => SessionRecord): () => SessionRecord {
  return () => {
    try {
      return initial()
    } catch {
      return PLACEHOLDER
    }
  }
}

const PLACEHOLDER: SessionRecord = {
  id: 'unreadable',
  groupId: 'unreadable',
  date: '1970-01-01',
  facilitatorIds: [],
  segments: [],
  events: [],
  attendance: [],
  observations: [],
  safety: [],
  lastSeenAt: null,
  groupPart: null,
  notes: [],
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString()
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}
