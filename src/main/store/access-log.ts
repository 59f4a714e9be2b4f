import { createHash } from 'node:crypto'
import { mkdir, open, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  AccessEntry,
  AccessEntryInput,
  AccessLogFilter,
  GENESIS_HASH,
  type AccessLogVerdict
} from '../../shared/domain/access-log'
import { RuleError } from '../../shared/result'
import { entryMatches } from '../../shared/rules/access-log-filter'
import { SerialQueue, syncFolder, writeFileAtomic } from './atomic-write'
import { StoreError } from './versioned-document'

export const ACCESS_LOG_FILE = 'access-log.jsonl'
/**
 * Entries written before anyone had the key (refused sign-ins), noted apart from the log by
 * number and hash: deleting one from the end of the log then shows at the next sign-in. Emptied
 * once an entry written with the key (which the sealed head record covers) follows them.
 */
export const PENDING_FILE = 'access-log.pending'

/** What a codec makes of one stored line. */
export type DecodedLine =
  /**
   * The entry's canonical line; `sealed` says whether it was stored encrypted, `keyed` whether
   * it was sealed with the data key (and so written by the app with the records open).
   */
  | { kind: 'entry'; canonical: string; sealed: boolean; keyed?: boolean }
  /** An encrypted line that cannot be opened yet: only its place in the chain is known. */
  | { kind: 'closed'; seq: number; hash: string }

/**
 * Turns an entry's canonical line into the stored line and back, line by line,
 * so the log can be encrypted without changing how it is chained. `encode`
 * must not produce a line break; `decode` throws on a line it cannot read.
 */
export interface LineCodec {
  encode(canonical: string, entry: AccessEntry): string
  decode(line: string): DecodedLine
}

/** Where the log's last entry is, as recorded apart from the log. */
export interface LogHeadPosition {
  seq: number
  hash: string
}

/** What the head record says: where the log ends, that it is gone or damaged, or nothing yet. */
export type LogHeadReading =
  | { state: 'found'; position: LogHeadPosition }
  | { state: 'missing' }
  /** It cannot be read yet (nobody has opened the records): no check. */
  | { state: 'unavailable' }

/**
 * A record of the last entry written, kept apart from the log (sealed, so only
 * the app can write it), so entries cut off the end of the log are noticed.
 * Before anyone has opened the records it can be neither read nor written.
 */
export interface LogHead {
  read(): Promise<LogHeadReading>
  /** True once written; false when it cannot be written yet. */
  write(position: LogHeadPosition): Promise<boolean>
}

/**
 * Where the log was last found whole: every entry up to `seq` (ending `offset` bytes into the
 * file, `hash` the last one's) held together, and whether any of them was written with the key.
 * Kept sealed apart from the log, so the log opens by checking only what was written after it.
 */
export interface LogCheckpointPosition extends LogHeadPosition {
  offset: number
  keyed: boolean
}

export interface LogCheckpoint {
  read(): Promise<LogCheckpointPosition | null>
  write(position: LogCheckpointPosition): Promise<void>
}

export interface AccessLogOptions {
  codec?: LineCodec
  head?: LogHead
  /**
   * With a checkpoint the log opens reading only the lines after it (the whole chain is
   * checked by `verifyWhole`, in the background or when an administrator looks).
   */
  checkpoint?: LogCheckpoint
  /** The clinic's time zone, asked at each query; date filters read `at` in it. UTC by default. */
  timeZone?: () => string
  /**
   * Where the log's end was recorded elsewhere (the clinic file's anchor, refusals noted
   * apart): the log must reach each of them, with the same entry there, or it was cut,
   * rolled back or deleted. Asked at each check.
   */
  anchors?: () => LogHeadPosition[]
}

const IDENTITY: LineCodec = {
  encode: (line) => line,
  decode: (line) => ({ kind: 'entry', canonical: line, sealed: false })
}

/**
 * The fixed key order of a canonical line. The canonical line of an entry is
 * `JSON.stringify` of an object holding exactly these keys in this order, no
 * whitespace; `hash` is the SHA-256 (UTF-8, lower-case hex) of the canonical
 * line without `hash`, and the stored line is the canonical line with `hash`
 * last. Hashing the canonical form, not the bytes on disk, keeps the chain the
 * same whatever the codec does to the stored line.
 */
const BODY_KEYS = [
  'seq',
  'at',
  'staffId',
  'staffName',
  'action',
  'subject',
  'detail',
  'prev'
] as const satisfies readonly (keyof AccessEntry)[]

type EntryBody = Omit<AccessEntry, 'hash'>

export function canonicalLine(entry: EntryBody | AccessEntry): string {
  const ordered: Record<string, unknown> = {}
  for (const key of BODY_KEYS) ordered[key] = entry[key]
  if ('hash' in entry) ordered.hash = entry.hash
  return JSON.stringify(ordered)
}

export function entryHash(entry: EntryBody | AccessEntry): string {
  const { hash: _ignored, ...body } = entry as AccessEntry
  void _ignored
  return createHash('sha256').update(canonicalLine(body), 'utf8').digest('hex')
}

/** One line of the file as read: an entry (whose own hash may or may not hold), or not an entry. */
type LineRecord =
  /** `keyed`: written with the data key (only the app, with the records open, writes those). */
  | { kind: 'entry'; entry: AccessEntry; hashOk: boolean; keyed?: boolean }
  /** Sealed and not opened (the data key is not at hand): its number and hash only. */
  | { kind: 'closed'; seq: number; hash: string }
  | { kind: 'unreadable'; lineNumber: number; torn: boolean }

interface LoadedState {
  records: LineRecord[]
  /** The file holds bytes after its last line break: the next append starts a new line first. */
  unterminated: boolean
}

/**
 * The access log: one file, `access-log.jsonl`, one entry per line, hash
 * chained. Lines are only ever appended — never rewritten — and an append is
 * acknowledged only once it has been flushed to disk. Appends run one at a
 * time, in the order they were asked for.
 *
 * Damage is kept visible, not repaired. `verify()` names the first entry at
 * which the chain does not hold (edited, missing, out of order, unreadable).
 * The log stays usable all the same: entries that can be read are shown, and
 * new entries continue the chain from the last readable line, so the break
 * stays where it was found.
 *
 * A crash mid-append can leave a cut-off final line. That entry was never
 * acknowledged; it is reported as the damaged last entry, everything before it
 * stays readable and intact, and the next append first ends the cut-off line
 * so it is never merged with a new one. (If the cut-off line is in fact a
 * whole, valid entry that lost only its line break, it is kept as an entry.)
 *
 * What the chain does and does not prove: it shows any change made by editing
 * the file by hand or by a program that does not recompute the hashes. Someone
 * who rewrites every hash after the change is not caught by the chain alone;
 * the clinic's log is therefore written through a keyed codec
 * (`security/sealed-log.ts`: sealed lines, authenticated with the data key).
 * Entries cut off the end of the file are caught by the head record (`LogHead`),
 * kept apart from the log: the number and hash of the last entry written.
 */
export class AccessLog {
  private readonly queue = new SerialQueue()
  private readonly codec: LineCodec
  private readonly timeZone: () => string
  private records: LineRecord[] = []
  private unterminated = false
  /** After a failed append the file may hold part of a line: re-read it before the next append. */
  private stale = false
  private nextSeq = 1
  private lastHash = GENESIS_HASH
  private verdict: AccessLogVerdict | null = null
  private readonly head: LogHead | null
  private readonly anchors: () => LogHeadPosition[]
  private pending: LogHeadPosition[] = []
  /** The last entry written as the head record tells it, read when the log is loaded. */
  private recordedHead: LogHeadReading = { state: 'unavailable' }
  private readonly checkpoint: LogCheckpoint | null
  /** Read from this checkpoint on: the lines before it are not in `records`. Null once read whole. */
  private base: LogCheckpointPosition | null = null
  /** Bytes of the file read, up to its last line break. */
  private readEnd = 0

  private constructor(
    readonly path: string,
    private readonly now: () => number,
    options: AccessLogOptions
  ) {
    this.codec = options.codec ?? IDENTITY
    this.timeZone = options.timeZone ?? (() => 'UTC')
    this.head = options.head ?? null
    this.anchors = options.anchors ?? (() => [])
    this.checkpoint = options.checkpoint ?? null
  }

  /** Whether every line of the file is read (not only those after the checkpoint). */
  get whole(): boolean {
    return this.base === null
  }

  /** The number and hash of the last entry, null for an empty log. */
  lastPosition(): LogHeadPosition | null {
    return this.nextSeq > 1 ? { seq: this.nextSeq - 1, hash: this.lastHash } : null
  }

  /** Reads and checks the log in `folder`, creating the folder and an empty file if need be. */
  static async open(
    folder: string,
    now: () => number,
    options: AccessLogOptions = {}
  ): Promise<AccessLog> {
    await mkdir(folder, { recursive: true })
    const log = new AccessLog(join(folder, ACCESS_LOG_FILE), now, options)
    const created = await ensureFile(log.path)
    if (created) await syncFolder(folder)
    await log.load()
    return log
  }

  /** Adds one entry; resolves with it once it is on disk. */
  append(input: AccessEntryInput): Promise<AccessEntry> {
    const parsed = AccessEntryInput.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return Promise.reject(
        new RuleError('invalid_input', issue?.message ?? 'The access-log entry is not valid')
      )
    }
    const fields = parsed.data
    return this.queue.run(async () => {
      if (this.stale) await this.load()
      const body: EntryBody = {
        seq: this.nextSeq,
        at: new Date(this.now()).toISOString(),
        staffId: fields.staffId,
        staffName: fields.staffName,
        action: fields.action,
        subject: fields.subject,
        detail: fields.detail,
        prev: this.lastHash
      }
      const entry: AccessEntry = { ...body, hash: entryHash(body) }
      const stored = this.codec.encode(canonicalLine(entry), entry)
      if (/[\r\n]/.test(stored)) {
        throw new StoreError('write_failed', 'The access-log codec produced a line break.')
      }
      const text = `${this.unterminated ? '\n' : ''}${stored}\n`
      try {
        await appendDurably(this.path, text)
      } catch (error) {
        this.stale = true
        throw new StoreError(
          'write_failed',
          `Could not add to the access log ${this.path}: ${describe(error)}`
        )
      }
      if (this.unterminated) {
        // The cut-off line is now a line of its own, as a fresh read would see it.
        const last = this.records.at(-1)
        if (last?.kind === 'unreadable') last.torn = false
        this.unterminated = false
      }
      const record: LineRecord = { kind: 'entry', entry, hashOk: true, keyed: false }
      this.records.push(record)
      this.nextSeq = entry.seq + 1
      this.lastHash = entry.hash
      this.verdict = null
      // A head record ahead of the log (entries cut off its end), or one gone while entries
      // written with the key are there, is left as it is: the next entry must not hide that.
      const recorded = this.recordedHead
      const hiding =
        (recorded.state === 'found' && recorded.position.seq >= entry.seq) ||
        (recorded.state === 'missing' &&
          (this.base?.keyed === true || this.records.some((r) => r.kind === 'entry' && r.keyed)))
      if (this.head && !hiding) {
        // The entry is on disk; a head record not written only weakens the check, never the log.
        const written = await this.head
          .write({ seq: entry.seq, hash: entry.hash })
          .catch(() => null)
        if (written) {
          this.recordedHead = { state: 'found', position: { seq: entry.seq, hash: entry.hash } }
          record.keyed = true
          if (this.pending.length > 0 && this.verify().intact) {
            this.pending = []
            await writeFileAtomic(this.pendingPath, '').catch(() => undefined)
          }
        } else if (written === false) {
          this.pending.push({ seq: entry.seq, hash: entry.hash })
          await appendDurably(this.pendingPath, `${entry.seq} ${entry.hash}\n`).catch(
            () => undefined
          )
        }
      }
      return { ...entry }
    })
  }

  /** Entries that match, newest first (the reverse of the order they were written in). Call `readWhole` first. */
  entries(filter: AccessLogFilter = {}): AccessEntry[] {
    if (this.base)
      throw new Error('the access log was read from its checkpoint: read it whole first')
    const parsed = AccessLogFilter.safeParse(filter)
    if (!parsed.success) {
      throw new RuleError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid filter')
    }
    const zone = parsed.data.from || parsed.data.to ? this.timeZone() : 'UTC'
    const result: AccessEntry[] = []
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i]
      if (record?.kind !== 'entry') continue
      const entry = record.entry
      if (!entryMatches(entry, parsed.data, zone)) continue
      result.push({ ...entry })
    }
    return result
  }

  /**
   * The entries numbered `seq` and after, in the order written: what another computer has not
   * had yet. Those before the checkpoint need `readWhole` first.
   */
  entriesFrom(seq: number): AccessEntry[] {
    if (this.base && seq <= this.base.seq) {
      throw new Error('the access log was read from its checkpoint: read it whole first')
    }
    const result: AccessEntry[] = []
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i]
      if (record?.kind !== 'entry') continue
      if (record.entry.seq < seq) break
      result.push({ ...record.entry })
    }
    return result.reverse()
  }

  /**
   * Whether the log as read (plus what was appended since) holds together; the first break if
   * not. Read from a checkpoint, this checks the lines after it, which must carry on from it.
   */
  verify(): AccessLogVerdict {
    this.verdict ??= checkChain(
      this.records,
      this.recordedHead,
      [...this.anchors(), ...this.pending],
      this.base
    )
    return this.verdict
  }

  /** Reads every line (if only those after the checkpoint were read) and checks the whole chain. */
  async verifyWhole(): Promise<AccessLogVerdict> {
    await this.readWhole()
    return this.verify()
  }

  /** Reads every line of the file, for the entries before the checkpoint. */
  readWhole(): Promise<void> {
    return this.queue.run(async () => {
      // Only read: the checkpoint moves as the log opens, never behind the app's back.
      if (this.base) await this.load(true, false)
    })
  }

  /**
   * The log as text for an export: the canonical line of every entry exactly
   * as it was written, one per line, in file order. With the default codec this
   * is the file itself, byte for byte; a line that cannot be decoded is given
   * as stored. Read from disk after any pending appends.
   */
  exportText(): Promise<string> {
    return this.queue.run(async () => {
      const text = await readFile(this.path, 'utf8')
      if (this.codec === IDENTITY) return text
      return text
        .split('\n')
        .map((line) => {
          if (line === '') return line
          try {
            const decoded = this.codec.decode(line)
            return decoded.kind === 'entry' ? decoded.canonical : line
          } catch {
            return line
          }
        })
        .join('\n')
    })
  }

  /** Reads the file again, e.g. to check it for changes made while the app runs. */
  reload(): Promise<void> {
    return this.queue.run(() => this.load())
  }

  private get pendingPath(): string {
    return join(dirname(this.path), PENDING_FILE)
  }

  private async load(
    whole = this.base === null && this.readEnd > 0,
    moveCheckpoint = true
  ): Promise<void> {
    const fromCheckpoint = !whole && this.checkpoint ? await this.readFromCheckpoint() : null
    const bytes = fromCheckpoint ? null : await readFile(this.path)
    const state = fromCheckpoint?.state ?? parseLog(bytes!.toString('utf8'), this.codec)
    this.base = fromCheckpoint?.base ?? null
    this.readEnd = fromCheckpoint ? fromCheckpoint.end : bytes!.lastIndexOf(0x0a) + 1
    this.pending = parsePending(await readFile(this.pendingPath, 'utf8').catch(() => ''))
    this.recordedHead = this.head
      ? await this.head.read().catch((): LogHeadReading => ({ state: 'missing' }))
      : { state: 'unavailable' }
    this.records = state.records
    this.unterminated = state.unterminated
    let maxSeq = this.base?.seq ?? 0
    let lastHash = this.base?.hash ?? GENESIS_HASH
    for (const record of state.records) {
      if (record.kind === 'unreadable') continue
      const seq = record.kind === 'entry' ? record.entry.seq : record.seq
      maxSeq = Math.max(maxSeq, seq)
      lastHash = record.kind === 'entry' ? record.entry.hash : record.hash
    }
    this.nextSeq = maxSeq + 1
    this.lastHash = lastHash
    this.verdict = null
    this.stale = false
    if (moveCheckpoint) await this.moveCheckpoint()
  }

  /**
   * The lines after the checkpoint, when they carry on from it (the first names the
   * checkpoint's entry); otherwise null, and the whole file is read.
   */
  private async readFromCheckpoint(): Promise<{
    state: LoadedState
    base: LogCheckpointPosition
    end: number
  } | null> {
    const base = await this.checkpoint?.read().catch(() => null)
    if (!base) return null
    const size = await stat(this.path).then(
      (s) => s.size,
      () => -1
    )
    if (size < base.offset) return null
    const handle = await open(this.path, 'r')
    let tail: Buffer
    try {
      tail = Buffer.alloc(size - base.offset)
      const { bytesRead } = await handle.read(tail, 0, tail.length, base.offset)
      tail = tail.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
    // The byte before the checkpoint's offset ends its entry's line.
    if (base.offset > 0) {
      const before = Buffer.alloc(1)
      const check = await open(this.path, 'r')
      try {
        await check.read(before, 0, 1, base.offset - 1)
      } finally {
        await check.close()
      }
      if (before[0] !== 0x0a) return null
    }
    const state = parseLog(tail.toString('utf8'), this.codec)
    const first = state.records[0]
    const follows =
      first === undefined ||
      (first.kind === 'entry' &&
        first.entry.seq === base.seq + 1 &&
        first.entry.prev === base.hash) ||
      (first.kind === 'closed' && first.seq === base.seq + 1)
    if (!follows) return null
    return { state, base, end: base.offset + tail.lastIndexOf(0x0a) + 1 }
  }

  /** Once what was read holds together, the next opening starts from its end. */
  private async moveCheckpoint(): Promise<void> {
    if (!this.checkpoint || this.readEnd === 0) return
    if (this.base && this.readEnd === this.base.offset) return
    if (!this.verify().intact) return
    // Only whole lines up to the last line break; a torn last line stays to be read again.
    let seq = this.base?.seq ?? 0
    let hash = this.base?.hash ?? GENESIS_HASH
    let keyed = this.base?.keyed ?? false
    const complete = this.unterminated ? this.records.slice(0, -1) : this.records
    for (const record of complete) {
      if (record.kind === 'unreadable') return
      seq = record.kind === 'entry' ? record.entry.seq : record.seq
      hash = record.kind === 'entry' ? record.entry.hash : record.hash
      if (record.kind === 'entry' && record.keyed) keyed = true
    }
    if (seq === 0) return
    await this.checkpoint.write({ seq, hash, offset: this.readEnd, keyed }).catch(() => undefined)
  }
}

function parsePending(text: string): LogHeadPosition[] {
  const positions: LogHeadPosition[] = []
  for (const line of text.split('\n')) {
    const match = /^(\d{1,12}) ([0-9a-f]{64})$/.exec(line.trim())
    if (match) positions.push({ seq: Number(match[1]), hash: match[2]! })
  }
  return positions
}

function parseLog(text: string, codec: LineCodec): LoadedState {
  const lines = text.split('\n')
  // A file that ends with a line break splits into a last, empty piece: not a line.
  const unterminated = lines.at(-1) !== ''
  if (!unterminated) lines.pop()
  // Once the log is sealed, a line in clear after it was put there by hand.
  let sealedSeen = false
  const records: LineRecord[] = lines.map((line, index) => {
    const final = unterminated && index === lines.length - 1
    const unreadable: LineRecord = { kind: 'unreadable', lineNumber: index + 1, torn: final }
    let decoded: DecodedLine
    try {
      decoded = codec.decode(line.replace(/\r$/, ''))
    } catch {
      return unreadable
    }
    if (decoded.kind === 'closed') {
      sealedSeen = true
      return decoded
    }
    if (decoded.sealed) sealedSeen = true
    else if (sealedSeen) return unreadable
    const entry = readEntry(decoded.canonical)
    if (!entry) return unreadable
    return {
      kind: 'entry',
      entry,
      hashOk: entryHash(entry) === entry.hash,
      keyed: decoded.keyed === true
    }
  })
  return { records, unterminated }
}

function readEntry(canonical: string): AccessEntry | null {
  try {
    const parsed = AccessEntry.safeParse(JSON.parse(canonical))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Walks the lines in file order expecting seq 1, 2, 3… each naming the one
 * before it, and stops at the first line where that does not hold.
 */
function checkChain(
  records: LineRecord[],
  reading: LogHeadReading,
  anchors: LogHeadPosition[] = [],
  /** The checkpoint the records carry on from, when the lines before it were not read. */
  base: LogCheckpointPosition | null = null
): AccessLogVerdict {
  const head = reading.state === 'found' ? reading.position : null
  let expectedSeq = (base?.seq ?? 0) + 1
  let expectedPrev = base?.hash ?? GENESIS_HASH
  for (const [index, record] of records.entries()) {
    const after = expectedSeq > 1 ? ` It comes after entry ${expectedSeq - 1}.` : ''
    if (record.kind === 'unreadable') {
      return {
        intact: false,
        firstBadSeq: expectedSeq,
        reason: record.torn
          ? `The last line is incomplete: the app stopped while entry ${expectedSeq} was being written, so that entry was never saved. The entries before it are unaffected.`
          : `Line ${record.lineNumber} cannot be read as an entry — it was cut off or altered.${after}`
      }
    }
    // A closed line can be placed in the chain but not checked against the one before it.
    const entry =
      record.kind === 'closed'
        ? { seq: record.seq, hash: record.hash, prev: expectedPrev }
        : record.entry
    if (record.kind === 'entry' && !record.hashOk) {
      return {
        intact: false,
        firstBadSeq: expectedSeq,
        reason: `Entry ${expectedSeq} was changed after it was written: its contents no longer match its hash.`
      }
    }
    if (entry.seq !== expectedSeq) {
      const comesLater = records
        .slice(index + 1)
        .some(
          (r) =>
            (r.kind === 'entry' ? r.entry.seq : r.kind === 'closed' ? r.seq : 0) === expectedSeq
        )
      let reason: string
      if (entry.seq < expectedSeq) {
        reason = `Entry ${entry.seq} appears again after entry ${expectedSeq - 1}: entries are repeated or out of order.`
      } else if (comesLater) {
        reason = `Entries are out of order: entry ${entry.seq} comes before entry ${expectedSeq}.`
      } else if (entry.seq === expectedSeq + 1) {
        reason = `Entry ${expectedSeq} is missing.`
      } else {
        reason = `Entries ${expectedSeq} to ${entry.seq - 1} are missing.`
      }
      return { intact: false, firstBadSeq: expectedSeq, reason }
    }
    if (entry.prev !== expectedPrev) {
      return {
        intact: false,
        firstBadSeq: expectedSeq,
        reason: `Entry ${expectedSeq} does not follow on from the entry before it: the chain is broken here.`
      }
    }
    if (head && entry.seq === head.seq && entry.hash !== head.hash) {
      return {
        intact: false,
        firstBadSeq: entry.seq,
        reason: `Entry ${entry.seq} is not the entry the app wrote with that number: the end of the log was replaced.`
      }
    }
    expectedSeq = entry.seq + 1
    expectedPrev = entry.hash
  }
  // Every entry written with the key updates the head record: such entries and no record means
  // the record was removed (or damaged), and with it the check of the log's end.
  const keyed = base?.keyed === true || records.some((r) => r.kind === 'entry' && r.keyed)
  if (reading.state === 'missing' && keyed) {
    return {
      intact: false,
      firstBadSeq: expectedSeq,
      reason:
        'The app’s record of the last entry it wrote is missing or damaged, so entries removed from the end of the log cannot be ruled out.'
    }
  }
  if (head && base && head.seq === base.seq && head.hash !== base.hash) {
    return {
      intact: false,
      firstBadSeq: head.seq,
      reason: `Entry ${head.seq} is not the entry the app wrote with that number: the end of the log was replaced.`
    }
  }
  if (head && head.seq >= expectedSeq) {
    const missing =
      head.seq === expectedSeq
        ? `Entry ${expectedSeq} is missing`
        : `Entries ${expectedSeq} to ${head.seq} are missing`
    return {
      intact: false,
      firstBadSeq: expectedSeq,
      reason: `${missing} from the end of the log: the app had written up to entry ${head.seq}.`
    }
  }
  return checkAnchors(records, expectedSeq, anchors, base)
}

/** Each place the log's end was recorded apart from it must find its entry in the log. */
function checkAnchors(
  records: LineRecord[],
  nextSeq: number,
  anchors: LogHeadPosition[],
  base: LogCheckpointPosition | null
): AccessLogVerdict {
  const furthest = anchors.reduce<LogHeadPosition | null>(
    (far, a) => (!far || a.seq > far.seq ? a : far),
    null
  )
  if (furthest && furthest.seq >= nextSeq) {
    const missing =
      nextSeq === 1
        ? `The log is empty, but the app had written ${furthest.seq} ${furthest.seq === 1 ? 'entry' : 'entries'}: it was deleted or replaced`
        : `Entries ${nextSeq} to ${furthest.seq} are missing from the end of the log: it was cut short or replaced by an older copy`
    return { intact: false, firstBadSeq: nextSeq, reason: `${missing}.` }
  }
  for (const anchor of anchors) {
    // Before the checkpoint only its own entry is at hand; the rest waits for the whole check.
    if (base && anchor.seq < base.seq) continue
    if (base && anchor.seq === base.seq) {
      if (anchor.hash === base.hash) continue
      return {
        intact: false,
        firstBadSeq: anchor.seq,
        reason: `Entry ${anchor.seq} is not the entry the app wrote with that number: the log was replaced.`
      }
    }
    const record = records.find(
      (r) => (r.kind === 'entry' ? r.entry.seq : r.kind === 'closed' ? r.seq : 0) === anchor.seq
    )
    const hash =
      record?.kind === 'entry' ? record.entry.hash : record?.kind === 'closed' ? record.hash : null
    if (hash !== anchor.hash) {
      return {
        intact: false,
        firstBadSeq: anchor.seq,
        reason: `Entry ${anchor.seq} is not the entry the app wrote with that number: the log was replaced.`
      }
    }
  }
  return { intact: true }
}

/** Creates an empty, private log file if there is none; true when it did. */
async function ensureFile(path: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a', 0o600)
  try {
    await handle.appendFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code ? `the disk answered ${code}` : 'the disk refused the write'
}
