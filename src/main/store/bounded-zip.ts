import { open } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import { Inflate } from 'fflate'

/**
 * Reads a zip that came from outside the app (a backup, a curriculum pack) as
 * if it were hostile: its table of contents is read from the end of the file
 * and checked against caps on the number of files, the size each would unpack
 * to, the total, and how far each may expand, before a single byte is
 * inflated. Inflating then goes a small step at a time and stops the moment a
 * file holds more than it declared, so a zip bomb is refused having cost at
 * most one step's work, never its expansion. The file is read in pieces, never
 * whole; only the files asked for are kept, each no larger than it declared.
 */

export interface ZipLimits {
  /** The zip file itself, in bytes. */
  maxFileBytes: number
  /** Entries in the table of contents, folders included. */
  maxEntries: number
  /** What one entry may unpack to. */
  maxEntryBytes: number
  /** What all entries together may unpack to. */
  maxTotalBytes: number
  /** How many times its packed size an entry may unpack to (beyond a small allowance). */
  maxRatio: number
}

/** An entry as the zip's table of contents declares it. */
export interface ZipEntry {
  name: string
  /** Bytes it unpacks to, as declared. */
  size: number
  /** Bytes it takes in the zip. */
  packedSize: number
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number
  crc32: number
  encrypted: boolean
  /** Where its local header starts. */
  offset: number
}

export type ZipProblem =
  | { kind: 'not_zip' }
  | { kind: 'file_too_large'; limit: number; size: number }
  | { kind: 'too_many_entries'; limit: number }
  | { kind: 'too_large'; limit: number }
  | { kind: 'entry_too_large'; name: string; limit: number }
  | { kind: 'ratio'; name: string; limit: number }
  | { kind: 'unsafe_name'; name: string }
  | { kind: 'duplicate_name'; name: string }
  | { kind: 'unsupported'; name: string; method: number; encrypted: boolean }
  /** The entry holds more than its declared size: damaged, or made to cause harm. */
  | { kind: 'larger_than_declared'; name: string }
  | { kind: 'damaged'; name: string | null }

/** Why a zip was refused; the caller says it in its own words. */
export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip refused: ${problem.kind}`)
    this.name = 'ZipRefused'
  }
}

/** Where a zip's bytes come from: a file read in pieces, or bytes already at hand. */
export interface ZipSource {
  readonly size: number
  read(position: number, length: number): Promise<Uint8Array>
  close(): Promise<void>
}

export async function fileSource(path: string): Promise<ZipSource> {
  const handle = await open(path, 'r')
  const { size } = await handle.stat()
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(length)
      let filled = 0
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      return buffer.subarray(0, filled)
    },
    close: () => handle.close()
  }
}

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, position + length),
    close: async () => undefined
  }
}

/** Whether an error is the system's about a file (missing, not allowed, a folder), not the zip's. */
export function isFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

/** Runs `read` with the file open, and closes it whatever happens. */
export async function withFileSource<T>(
  path: string,
  read: (source: ZipSource) => Promise<T>
): Promise<T> {
  const source = await fileSource(path)
  try {
    return await read(source)
  } finally {
    await source.close()
  }
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const END_RECORD_BYTES = 22
const MAX_COMMENT_BYTES = 0xffff
const MAX_NAME_BYTES = 512
/** A small entry may expand further than the ratio allows: a few kB of JSON can pack very small. */
const RATIO_ALLOWANCE = 64 * 1024
/** Deflate never expands more than this; it bounds what one step of inflating can produce. */
const DEFLATE_MAX_RATIO = 1032
const MIN_STEP = 512
const MAX_STEP = 64 * 1024

const refuse = (problem: ZipProblem): never => {
  throw new ZipRefused(problem)
}

/** Why a name could reach outside the folder it is unpacked into, or null when it cannot. */
export function unsafeName(name: string): boolean {
  if (name === '' || name.length > MAX_NAME_BYTES) return true
  if (name.startsWith('/') || /^[a-z]:/i.test(name) || name.includes('\\')) return true
  if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return true
  }
  return name.split('/').some((part) => part === '..' || part === '.')
}

/**
 * The zip's table of contents, as it declares itself, structure checked:
 * nothing is inflated. Caps and names are checked by `checkEntries`, so a
 * caller may first check the listing in its own words.
 */
export async function listZip(source: ZipSource, limits: ZipLimits): Promise<ZipEntry[]> {
  if (source.size > limits.maxFileBytes) {
    refuse({ kind: 'file_too_large', limit: limits.maxFileBytes, size: source.size })
  }
  if (source.size < END_RECORD_BYTES) refuse({ kind: 'not_zip' })
  const tailLength = Math.min(source.size, END_RECORD_BYTES + MAX_COMMENT_BYTES)
  const tail = await source.read(source.size - tailLength, tailLength)
  const tailView = view(tail)
  let end = -1
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (
      tailView.getUint32(at, true) === END_OF_DIRECTORY &&
      at + END_RECORD_BYTES + tailView.getUint16(at + 20, true) === tail.length
    ) {
      end = at
      break
    }
  }
  if (end < 0) refuse({ kind: 'not_zip' })
  const endOffset = source.size - tailLength + end
  const disk = tailView.getUint16(end + 4, true)
  const directoryDisk = tailView.getUint16(end + 6, true)
  const onDisk = tailView.getUint16(end + 8, true)
  const count = tailView.getUint16(end + 10, true)
  const directoryBytes = tailView.getUint32(end + 12, true)
  const directoryOffset = tailView.getUint32(end + 16, true)
  // A zip split over disks, or in the 64-bit format, is never one this app made.
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) refuse({ kind: 'not_zip' })
  if (count === 0xffff || directoryOffset === 0xffffffff) refuse({ kind: 'not_zip' })
  if (count > limits.maxEntries) refuse({ kind: 'too_many_entries', limit: limits.maxEntries })
  if (directoryOffset + directoryBytes > endOffset) refuse({ kind: 'damaged', name: null })
  // Each entry takes at least 46 bytes; a directory far larger than its entries need is forged.
  if (directoryBytes > count * (46 + MAX_NAME_BYTES + 2 * 0xffff)) {
    refuse({ kind: 'damaged', name: null })
  }

  const directory = await source.read(directoryOffset, directoryBytes)
  const directoryView = view(directory)
  const entries: ZipEntry[] = []
  const names = new TextDecoder('utf-8', { fatal: false })
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || directoryView.getUint32(at, true) !== DIRECTORY_ENTRY) {
      refuse({ kind: 'damaged', name: null })
    }
    const flags = directoryView.getUint16(at + 8, true)
    const nameLength = directoryView.getUint16(at + 28, true)
    const extraLength = directoryView.getUint16(at + 30, true)
    const commentLength = directoryView.getUint16(at + 32, true)
    if (at + 46 + nameLength > directory.length) refuse({ kind: 'damaged', name: null })
    const entry: ZipEntry = {
      name: names.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      method: directoryView.getUint16(at + 10, true),
      crc32: directoryView.getUint32(at + 16, true),
      packedSize: directoryView.getUint32(at + 20, true),
      size: directoryView.getUint32(at + 24, true),
      encrypted: (flags & 1) !== 0,
      offset: directoryView.getUint32(at + 42, true)
    }
    if (
      entry.packedSize === 0xffffffff ||
      entry.size === 0xffffffff ||
      entry.offset === 0xffffffff
    ) {
      refuse({ kind: 'not_zip' })
    }
    if (entry.offset + entry.packedSize > directoryOffset) {
      refuse({ kind: 'damaged', name: entry.name })
    }
    entries.push(entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The caps and the rules every entry must meet, on the declared sizes: nothing is inflated. */
export function checkEntries(entries: readonly ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.maxEntries) {
    refuse({ kind: 'too_many_entries', limit: limits.maxEntries })
  }
  const seen = new Set<string>()
  let total = 0
  for (const entry of entries) {
    if (unsafeName(entry.name)) refuse({ kind: 'unsafe_name', name: entry.name })
    if (seen.has(entry.name)) refuse({ kind: 'duplicate_name', name: entry.name })
    seen.add(entry.name)
    if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) {
      refuse({
        kind: 'unsupported',
        name: entry.name,
        method: entry.method,
        encrypted: entry.encrypted
      })
    }
    if (entry.method === 0 && entry.packedSize !== entry.size) {
      refuse({ kind: 'damaged', name: entry.name })
    }
    total += entry.size
  }
  // What it would unpack to in all is the first thing a person can understand about a bomb.
  if (total > limits.maxTotalBytes) refuse({ kind: 'too_large', limit: limits.maxTotalBytes })
  for (const entry of entries) {
    if (entry.size > limits.maxEntryBytes) {
      refuse({ kind: 'entry_too_large', name: entry.name, limit: limits.maxEntryBytes })
    }
    if (entry.size > entry.packedSize * limits.maxRatio + RATIO_ALLOWANCE) {
      refuse({ kind: 'ratio', name: entry.name, limit: limits.maxRatio })
    }
  }
}

/**
 * Unpacks the chosen entries (all but folders, by default), in the order they
 * lie in the file, each bounded by its declared size (or `bound`, when the
 * caller knows it should be smaller). Entries not chosen are not inflated.
 */
export async function unpackEntries(
  source: ZipSource,
  entries: readonly ZipEntry[],
  options: {
    choose?: (entry: ZipEntry) => boolean
    bound?: (entry: ZipEntry) => number
  } = {}
): Promise<Map<string, Uint8Array>> {
  const choose = options.choose ?? ((entry: ZipEntry) => !entry.name.endsWith('/'))
  const files = new Map<string, Uint8Array>()
  // In file order, every entry after the one before: entries that share bytes are a known bomb.
  const ordered = [...entries].sort((a, b) => a.offset - b.offset)
  let previousEnd = 0
  for (const entry of ordered) {
    if (entry.offset < previousEnd) refuse({ kind: 'damaged', name: entry.name })
    const dataStart = await localDataStart(source, entry)
    previousEnd = dataStart + entry.packedSize
    if (previousEnd > source.size) refuse({ kind: 'damaged', name: entry.name })
    if (!choose(entry)) continue
    const bound = Math.min(entry.size, options.bound?.(entry) ?? entry.size)
    files.set(entry.name, await unpackEntry(source, entry, dataStart, bound))
  }
  return files
}

/** Where an entry's data starts, after its local header, which must agree with the directory. */
async function localDataStart(source: ZipSource, entry: ZipEntry): Promise<number> {
  const header = await source.read(entry.offset, 30 + MAX_NAME_BYTES)
  if (header.length < 30) refuse({ kind: 'damaged', name: entry.name })
  const headerView = view(header)
  if (headerView.getUint32(0, true) !== LOCAL_HEADER) refuse({ kind: 'damaged', name: entry.name })
  const nameLength = headerView.getUint16(26, true)
  const extraLength = headerView.getUint16(28, true)
  if (headerView.getUint16(8, true) !== entry.method || 30 + nameLength > header.length) {
    refuse({ kind: 'damaged', name: entry.name })
  }
  const name = new TextDecoder().decode(header.subarray(30, 30 + nameLength))
  if (name !== entry.name) refuse({ kind: 'damaged', name: entry.name })
  return entry.offset + 30 + nameLength + extraLength
}

/**
 * One entry's bytes, inflated a step at a time. A step is small enough that,
 * even at deflate's greatest expansion, it cannot produce much more than the
 * entry still may hold, so an entry that lies about its size is stopped
 * within one step of the lie, and what it already produced is dropped.
 */
async function unpackEntry(
  source: ZipSource,
  entry: ZipEntry,
  dataStart: number,
  bound: number
): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let produced = 0
  let checksum = 0
  const take = (data: Uint8Array) => {
    produced += data.length
    if (produced > bound) refuse({ kind: 'larger_than_declared', name: entry.name })
    checksum = crc32(data, checksum)
    parts.push(data)
  }
  let ended = entry.method === 0
  const inflater =
    entry.method === 8
      ? new Inflate((data, final) => {
          take(data)
          if (final) ended = true
        })
      : null
  let read = 0
  while (read < entry.packedSize) {
    const step = Math.max(
      MIN_STEP,
      Math.min(MAX_STEP, Math.floor((bound - produced) / DEFLATE_MAX_RATIO))
    )
    const piece = await source.read(dataStart + read, Math.min(step, entry.packedSize - read))
    if (piece.length === 0) refuse({ kind: 'damaged', name: entry.name })
    read += piece.length
    if (!inflater) {
      take(piece.slice())
      continue
    }
    try {
      inflater.push(piece, read === entry.packedSize)
    } catch (error) {
      if (error instanceof ZipRefused) throw error
      refuse({ kind: 'damaged', name: entry.name })
    }
  }
  if (inflater && entry.packedSize === 0) {
    try {
      inflater.push(new Uint8Array(0), true)
    } catch {
      refuse({ kind: 'damaged', name: entry.name })
    }
  }
  if (!ended || produced !== entry.size || checksum !== entry.crc32) {
    refuse({ kind: 'damaged', name: entry.name })
  }
  if (parts.length === 1) return parts[0]!
  const bytes = new Uint8Array(produced)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return bytes
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
