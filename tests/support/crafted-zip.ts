/**
 * Zips made by hand, as an attacker or a damaged disk would make them: the
 * sizes a zip declares can be told apart from what it really holds, and the
 * content is produced piece by piece, so a zip that unpacks to a gigabyte is
 * written without a gigabyte in memory. Each piece is deflated on its own and
 * flushed, which joins into one valid deflate stream.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { constants, crc32, deflateRawSync } from 'node:zlib'

export interface CraftedEntry {
  name: string
  /** The content, whole or as pieces (a generator for a large one). */
  content: Uint8Array | string | Iterable<Uint8Array>
  /** The size to declare instead of the real one: a lie. */
  declaredSize?: number
  /** 0 stored, 8 deflated (the default), or any number to forge. */
  method?: number
}

interface Written {
  name: Uint8Array
  method: number
  crc: number
  packed: number
  size: number
  offset: number
}

/** Writes the zip to `path`, one piece of content at a time. */
export function writeCraftedZip(path: string, entries: readonly CraftedEntry[]): void {
  const fd = openSync(path, 'w')
  let position = 0
  const write = (bytes: Uint8Array) => {
    writeSync(fd, bytes, 0, bytes.length, position)
    position += bytes.length
  }
  try {
    const written: Written[] = []
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8')
      const method = entry.method ?? 8
      const offset = position
      // The header is written with placeholder numbers, then again once they are known.
      write(localHeader(name, method, 0, 0, 0))
      let crc = 0
      let size = 0
      let packed = 0
      const pieces = piecesOf(entry.content)
      let next = pieces.next()
      while (!next.done) {
        const piece = next.value
        next = pieces.next()
        crc = crc32(piece, crc)
        size += piece.length
        const out =
          method === 0
            ? piece
            : deflateRawSync(piece, {
                level: 6,
                finishFlush: next.done ? constants.Z_FINISH : constants.Z_SYNC_FLUSH
              })
        write(out)
        packed += out.length
      }
      if (size === 0 && method !== 0) {
        const empty = deflateRawSync(new Uint8Array(0))
        write(empty)
        packed += empty.length
      }
      const declared = entry.declaredSize ?? size
      writeSync(fd, localHeader(name, method, crc, packed, declared), 0, 30 + name.length, offset)
      written.push({ name, method, crc, packed, size: declared, offset })
    }
    const directoryOffset = position
    for (const entry of written) write(directoryEntry(entry))
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(written.length, 8)
    end.writeUInt16LE(written.length, 10)
    end.writeUInt32LE(position - directoryOffset, 12)
    end.writeUInt32LE(directoryOffset, 16)
    write(end)
  } finally {
    closeSync(fd)
  }
}

function* piecesOf(content: CraftedEntry['content']): Iterator<Uint8Array> {
  if (typeof content === 'string') yield Buffer.from(content, 'utf8')
  else if (content instanceof Uint8Array) yield content
  else yield* content
}

function localHeader(
  name: Uint8Array,
  method: number,
  crc: number,
  packed: number,
  size: number
): Buffer {
  const header = Buffer.alloc(30 + name.length)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4)
  header.writeUInt16LE(0x800, 6)
  header.writeUInt16LE(method, 8)
  header.writeUInt16LE(0x21, 12)
  header.writeUInt32LE(crc >>> 0, 14)
  header.writeUInt32LE(packed, 18)
  header.writeUInt32LE(size, 22)
  header.writeUInt16LE(name.length, 26)
  header.writeUInt16LE(0, 28)
  header.set(name, 30)
  return header
}

function directoryEntry(entry: Written): Buffer {
  const record = Buffer.alloc(46 + entry.name.length)
  record.writeUInt32LE(0x02014b50, 0)
  record.writeUInt16LE(20, 4)
  record.writeUInt16LE(20, 6)
  record.writeUInt16LE(0x800, 8)
  record.writeUInt16LE(entry.method, 10)
  record.writeUInt16LE(0x21, 14)
  record.writeUInt32LE(entry.crc >>> 0, 16)
  record.writeUInt32LE(entry.packed, 20)
  record.writeUInt32LE(entry.size, 24)
  record.writeUInt16LE(entry.name.length, 28)
  record.writeUInt32LE(entry.offset, 42)
  record.set(entry.name, 46)
  return record
}
