import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RuleError } from '../../shared/result'
import type {
  ServerSettingsInput,
  SyncConflict,
  SyncStatus,
  TransferReport
} from '../../shared/domain/sync'
import type { VersionedDocument } from '../store/versioned-document'
import type { FileCodec } from '../store/codec'
import { recordKey, type JournalEntry } from '../store/journal'
import { SyncEngine } from './engine'
import { describeRecord, namesOf } from './describe'
import { applyRecords, localRecords, type LocalStores } from './local-records'
import type { SyncRecord } from './sealed-docs'
import { openSyncFile, type SyncFile } from './sync-file'
import { thisComputer } from './identity'
import type { AccessLog } from '../store/access-log'
import { chunkOf, chunkRecords, LOG_CHUNK, type MachineLog, type MachineLogs } from './machine-logs'

/** The largest transfer file read: a busy week is a few megabytes; a whole clinic more. */
const TRANSFER_LIMIT_BYTES = 512 * 1024 * 1024

export interface SyncServiceOptions {
  dataDir: string
  dataKey: Buffer
  clinicId: string
  codec: FileCodec
  now: () => number
  stores: () => LocalStores
  onChange: (state: SyncStatus['state']) => void
  /** This computer's own access log, whose entries travel to the others. */
  accessLog: () => AccessLog
  /** The other computers' access logs, as they arrived here. */
  machineLogs: () => Promise<MachineLogs>
  /** What marks this computer for sync; by default from the computer and the folder (`identity.ts`). */
  computer?: string
}

/**
 * Sync as the app offers it: this machine's sync file and engine, opened when an
 * administrator first asks (sync is off until then), the clinic server started when it is
 * turned on and the app is unlocked.
 */
export class SyncService {
  /** The last entry of this computer's access log put in the mirror. */
  private logSent = 0

  private constructor(
    private readonly options: SyncServiceOptions,
    private readonly file: VersionedDocument<SyncFile>,
    private readonly engine: SyncEngine
  ) {}

  static async open(options: SyncServiceOptions): Promise<SyncService> {
    const computer = options.computer ?? thisComputer(options.dataDir)
    const file = await openSyncFile(options.dataDir, options.now, options.codec, computer)
    let service: SyncService | null = null
    const engine = new SyncEngine({
      computer,
      dataKey: options.dataKey,
      clinicId: options.clinicId,
      now: options.now,
      state: file,
      describer: () => {
        const names = namesOf(options.stores().registry.data)
        return (record) => describeRecord(record, names)
      },
      source: {
        records: async function* () {
          yield* localRecords(options.stores())
          yield* await service!.ownLog(true)
          yield* (await options.machineLogs()).records()
        },
        clinicFile: async () => {
          await options.stores().registry.compact()
          return readFile(join(options.dataDir, 'registry.json'))
        },
        apply: async (records, everyOf) => {
          await (await options.machineLogs()).put(records, file.data.machineId)
          await applyRecords(options.stores(), records, everyOf)
        }
      },
      onChange: options.onChange
    })
    service = new SyncService(options, file, engine)
    return service
  }

  status(): SyncStatus {
    const data = this.file.data
    return {
      machineId: data.machineId,
      machineName: data.machineName,
      renewed: data.renewed,
      state: this.engine.state,
      server: data.server
        ? {
            url: data.server.url,
            username: data.server.username,
            enabled: data.server.enabled,
            lastSyncedAt: data.server.lastSyncedAt,
            problem: data.server.enabled ? this.engine.serverProblem : null
          }
        : null,
      peers: data.peers.map(({ machineId, name, lastHeardAt, lastSentAt }) => ({
        machineId,
        name,
        lastHeardAt,
        lastSentAt
      })),
      conflicts: data.conflicts.length
    }
  }

  async setMachineName(name: string): Promise<SyncStatus> {
    await this.file.update((draft) => {
      draft.machineName = name
      // Named by an administrator: the new identity is known.
      draft.renewed = null
    })
    return this.status()
  }

  /**
   * This computer's access log as sync records: every chunk, or the chunks written to since
   * the last time (the last chunk grows as entries are added).
   */
  private async ownLog(all: boolean): Promise<SyncRecord[]> {
    const log = this.options.accessLog()
    const from = all ? 1 : chunkOf(this.logSent + 1) * LOG_CHUNK + 1
    if (!log.whole) await log.readWhole()
    const entries = log.entriesFrom(from)
    if (entries.length === 0) return []
    this.logSent = entries[entries.length - 1]!.seq
    const { machineId, machineName } = this.file.data
    return chunkRecords(machineId, machineName, entries)
  }

  /** The access log's newest entries into the mirror, for the server or the next file. */
  async sendLog(): Promise<void> {
    if (!this.engine.mirrored) return
    const records = await this.ownLog(false)
    if (records.length > 0) await this.engine.localChange(records)
  }

  /** An entry was added to this computer's access log: on to the server, if it is in use. */
  logAppended(): void {
    if (this.engine.replicating) void this.sendLog().catch(() => undefined)
  }

  async exportTransfer(peerId: string | null) {
    await this.sendLog()
    const { bytes, records } = await this.engine.exportTransfer(peerId)
    const day = new Date(this.options.now()).toISOString().slice(0, 10)
    const name = this.file.data.machineName.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40)
    return {
      fileName: `iop-transfer-${name || 'computer'}-${day}.iopsync`,
      base64: bytes.toString('base64'),
      records
    }
  }

  /** A transfer file already read (a computer joining the clinic). */
  importBytes(bytes: Uint8Array): Promise<TransferReport> {
    return this.engine.importTransfer(bytes)
  }

  async importTransfer(path: string): Promise<TransferReport> {
    return this.engine.importTransfer(await readTransfer(path))
  }

  async setServer(input: ServerSettingsInput): Promise<SyncStatus> {
    await this.file.update((draft) => {
      draft.server = {
        url: input.url,
        username: input.username,
        // An empty password keeps the one saved before.
        password: input.password || (draft.server?.password ?? ''),
        enabled: input.enabled,
        lastSyncedAt: draft.server?.lastSyncedAt ?? null
      }
    })
    await this.resume()
    return this.status()
  }

  conflicts(): SyncConflict[] {
    return this.engine.conflicts()
  }

  resolveConflict(docId: string, keep: string): Promise<SyncConflict[]> {
    return this.engine.resolveConflict(docId, keep)
  }

  /** Starts (or stops) replicating with the clinic server as its settings say. */
  async resume(): Promise<void> {
    const server = this.file.data.server
    if (server?.enabled) {
      await this.engine.startServer(databaseUrl(server.url), {
        username: server.username,
        password: server.password
      })
    } else this.engine.stopServer()
  }

  /** Stops replicating with the server (the screen locks, or nobody is signed in). */
  pause(): void {
    this.engine.stopServer()
  }

  /** A change saved here, for the server. */
  localChange(document: VersionedDocument<unknown>, entries: JournalEntry[]): void {
    const records: SyncRecord[] = []
    for (const entry of entries) {
      const id = entry.op === 'set' ? '' : entry.id
      const revision = document.revisions[entry.at]?.[id]
      if (!revision) continue
      const list = (document.data as Record<string, unknown>)[entry.at]
      const position =
        entry.op === 'put' && Array.isArray(list)
          ? list.findIndex((r) => recordKey(r, entry.at) === id)
          : -1
      records.push({
        ...(position >= 0 ? { position } : {}),
        file: document.name,
        list: entry.at,
        id,
        whole: entry.op === 'set',
        body: entry.op === 'put' ? entry.record : entry.op === 'set' ? entry.value : null,
        deleted: entry.op === 'remove',
        revision
      })
    }
    void this.engine
      .localChange(records)
      .then(() => (this.engine.replicating ? this.sendLog() : undefined))
      .catch(() => undefined)
  }

  /** The access logs of every computer of the clinic heard from, this one's first. */
  async accessLogs(): Promise<MachineLog[]> {
    const { machineId, machineName } = this.file.data
    return [
      { machineId, machineName, entries: [] },
      ...(await this.options.machineLogs()).machines().filter((m) => m.machineId !== machineId)
    ]
  }

  async close(): Promise<void> {
    await this.engine.close()
    await this.file.close()
  }
}

/** A transfer file's bytes, refused plainly when far too large to be one. */
export async function readTransfer(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path)
  if (bytes.length > TRANSFER_LIMIT_BYTES) {
    throw new RuleError('unreadable_file', 'This file is too large to be a transfer file.')
  }
  return new Uint8Array(bytes)
}

/** The clinic's database on the server: the address as given, or its `iop-records` database. */
function databaseUrl(url: string): string {
  const parsed = new URL(url)
  return parsed.pathname === '/' || parsed.pathname === ''
    ? new URL('/iop-records', parsed).toString()
    : url
}
