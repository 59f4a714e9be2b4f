import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileCodec } from '../../src/main/store/codec'
import { applyEntries, Journal } from '../../src/main/store/journal'

/**
 * A document as the disk holds it, before the store repairs anything: its file's envelope with
 * the journal beside it replayed (the changes not yet folded into the file). Throws when the
 * file does not decode or parse, or a whole journal line is damaged.
 */
export async function onDisk<T = unknown>(
  folder: string,
  name: string,
  codec?: FileCodec,
  /** The kind the file is sealed as, where it differs from its name (a session's file). */
  kind = name
): Promise<{ kind: string; schemaVersion: number; data: T; journalLines: number }> {
  const bytes = await readFile(join(folder, `${name}.json`))
  const text = codec ? codec.decode(bytes, kind) : bytes.toString('utf8')
  const envelope = JSON.parse(text) as { kind: string; schemaVersion: number; data: T }
  const journal = new Journal(join(folder, `${name}.journal`), kind, codec)
  const read = await journal.read()
  if (read.damaged) throw new Error(`${name}.journal has a damaged line after ${read.lines} lines`)
  applyEntries(envelope.data as Record<string, unknown>, read.entries)
  return { ...envelope, journalLines: read.lines }
}
