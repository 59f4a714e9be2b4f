import { z } from 'zod'
import { AccessEntry, GENESIS_HASH, type AccessLogVerdict } from '../../shared/domain/access-log'
import { entryHash } from '../store/access-log'
import type { FileCodec } from '../store/codec'
import { VersionedDocument } from '../store/versioned-document'
import type { SyncRecord } from './sealed-docs'

/**
 * The access logs of the clinic's other computers, as they arrived here. Each computer keeps
 * its own hash-chained log; its entries travel to the others in chunks of `LOG_CHUNK`, as
 * sync records sealed like any other (by transfer file or through the clinic server), and are
 * kept here, in `machine-logs.json` (sealed), apart from this computer's own log, which they
 * never touch. Each computer's chain is checked on its own.
 *
 * A chunk only ever grows, and only on the computer whose log it is: its revision is its
 * entries' own hashes (the last one's as the revision, the earlier ones' as its history), so
 * a longer chunk always follows on from a shorter one and never conflicts with it.
 */

/** The `file` of a log chunk as a sync record; its `list` is the computer's id. */
export const LOG_FILE = 'access-log'
export const LOG_CHUNK = 100

export function chunkOf(seq: number): number {
  return Math.floor((seq - 1) / LOG_CHUNK)
}

const LogChunk = z.object({
  machineId: z.string(),
  machineName: z.string(),
  index: z.number().int().nonnegative(),
  entries: z.array(AccessEntry)
})
type LogChunk = z.infer<typeof LogChunk>

const ChunkBody = z.object({ machineName: z.string(), entries: z.array(AccessEntry).min(1) })

const MachineLogsFile = z.object({ chunks: z.array(LogChunk) })
type MachineLogsFile = z.infer<typeof MachineLogsFile>

/** A computer's log entries as sync records, one per chunk they fall in. */
export function chunkRecords(
  machineId: string,
  machineName: string,
  entries: AccessEntry[]
): SyncRecord[] {
  const byChunk = new Map<number, AccessEntry[]>()
  for (const entry of entries) {
    const list = byChunk.get(chunkOf(entry.seq)) ?? []
    list.push(entry)
    byChunk.set(chunkOf(entry.seq), list)
  }
  return [...byChunk].map(([index, chunk]) =>
    chunkRecord({ machineId, machineName, index, entries: chunk })
  )
}

function chunkRecord(chunk: LogChunk): SyncRecord {
  const hashes = chunk.entries.map((e) => e.hash.slice(0, 32))
  const last = hashes.length - 1
  return {
    file: LOG_FILE,
    list: chunk.machineId,
    id: String(chunk.index),
    whole: false,
    body: { machineName: chunk.machineName, entries: chunk.entries },
    deleted: false,
    revision: {
      rev: `${hashes.length}-${hashes[last]}`,
      ancestors: hashes.slice(0, last).reverse()
    }
  }
}

export function isLogRecord(record: Pick<SyncRecord, 'file'>): boolean {
  return record.file === LOG_FILE
}

/** One other computer's log as kept here, its entries in the order written. */
export interface MachineLog {
  machineId: string
  machineName: string
  entries: AccessEntry[]
}

export class MachineLogs {
  private constructor(private readonly file: VersionedDocument<MachineLogsFile>) {}

  static async open(folder: string, now: () => number, codec?: FileCodec): Promise<MachineLogs> {
    const file = await VersionedDocument.open({
      ...(codec ? { codec } : {}),
      folder,
      name: 'machine-logs',
      version: 1,
      schema: MachineLogsFile,
      migrations: {},
      initial: () => ({ chunks: [] }),
      now,
      keepBackups: 3
    })
    return new MachineLogs(file)
  }

  /** Every chunk kept here, as it travels on to other computers. */
  records(): SyncRecord[] {
    return this.file.data.chunks.map(chunkRecord)
  }

  /** Keeps the chunks that arrived (never this computer's own: its log is the one on disk). */
  async put(records: SyncRecord[], thisMachine: string): Promise<void> {
    const arrived: LogChunk[] = []
    for (const record of records) {
      if (!isLogRecord(record) || record.deleted || record.list === thisMachine) continue
      const body = ChunkBody.safeParse(record.body)
      const index = Number(record.id)
      if (!body.success || !Number.isInteger(index) || index < 0) continue
      arrived.push({ machineId: record.list, index, ...body.data })
    }
    if (arrived.length === 0) return
    await this.file.update((draft) => {
      for (const chunk of arrived) {
        const at = draft.chunks.findIndex(
          (c) => c.machineId === chunk.machineId && c.index === chunk.index
        )
        if (at >= 0) draft.chunks[at] = chunk
        else draft.chunks.push(chunk)
      }
    })
  }

  /** Each other computer's log, its chunks in order; named as its newest chunk names it. */
  machines(): MachineLog[] {
    const byMachine = new Map<string, LogChunk[]>()
    for (const chunk of this.file.data.chunks) {
      const list = byMachine.get(chunk.machineId) ?? []
      list.push(chunk)
      byMachine.set(chunk.machineId, list)
    }
    return [...byMachine].map(([machineId, chunks]) => {
      chunks.sort((a, b) => a.index - b.index)
      return {
        machineId,
        machineName: chunks[chunks.length - 1]!.machineName,
        entries: chunks.flatMap((c) => c.entries)
      }
    })
  }

  close(): Promise<void> {
    return this.file.close()
  }
}

/**
 * Whether another computer's log, as it arrived, holds together: numbered from one without a
 * gap, each entry unchanged since it was written (its hash) and following on from the one
 * before. The first break, in plain words, if not.
 */
export function verifyEntries(entries: AccessEntry[]): AccessLogVerdict {
  let expectedSeq = 1
  let expectedPrev = GENESIS_HASH
  for (const entry of entries) {
    if (entryHash(entry) !== entry.hash) {
      return {
        intact: false,
        firstBadSeq: entry.seq,
        reason: `Entry ${entry.seq} was changed after it was written: its contents no longer match its hash.`
      }
    }
    if (entry.seq !== expectedSeq) {
      return {
        intact: false,
        firstBadSeq: expectedSeq,
        reason:
          entry.seq > expectedSeq
            ? `Entries ${expectedSeq} to ${entry.seq - 1} have not arrived here, or were removed from that computer’s log.`
            : `Entry ${entry.seq} appears again after entry ${expectedSeq - 1}: entries are repeated or out of order.`
      }
    }
    if (entry.prev !== expectedPrev) {
      return {
        intact: false,
        firstBadSeq: entry.seq,
        reason: `Entry ${entry.seq} does not follow on from the entry before it: the chain is broken here.`
      }
    }
    expectedSeq = entry.seq + 1
    expectedPrev = entry.hash
  }
  return { intact: true }
}
