import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionRecord } from '../../shared/domain/session'
import { RuleError } from '../../shared/result'
import {
  removeStaleTemporaryFiles,
  VersionedDocument,
  type RecoveryEvent
} from './versioned-document'
import type { FileCodec } from './codec'

export const SESSION_FILE_VERSION = 1

/**
 * One file per session under `sessions/`, so a running group writes only its
 * own small file with each event, never the clinic's whole history. Open
 * files are kept, one document per session, for the life of the app.
 */
export class SessionFiles {
  private readonly open = new Map<string, Promise<VersionedDocument<SessionRecord>>>()
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

  /** Writes a new session's first version. */
  async create(record: SessionRecord): Promise<VersionedDocument<SessionRecord>> {
    const opening = this.openDocument(record.id, () => record)
    this.open.set(record.id, opening)
    try {
      return await opening
    } catch (error) {
      this.open.delete(record.id)
      throw error
    }
  }

  /** The session's document; refuses, rather than invents, a session whose file and backups are gone. */
  get(sessionId: string): Promise<VersionedDocument<SessionRecord>> {
    let opening = this.open.get(sessionId)
    if (!opening) {
      opening = this.openExisting(sessionId)
      this.open.set(sessionId, opening)
      opening.catch(() => this.open.delete(sessionId))
    }
    return opening
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
