import type { FileCodec } from '../store/codec'
import { UnreadableFile } from '../store/codec'
import { open, seal, type SealContext } from './crypto'

/**
 * Every store file sealed with AES-256-GCM under the clinic's data key, the
 * clinic's id and the file's kind authenticated with it: a file from another
 * clinic, or one kind of file put in another's place, cannot be read.
 */
export function sealedCodec(
  dataKey: Buffer,
  clinicId: string,
  /** Keys the clinic used before its key was changed: a file not yet sealed again opens with one. */
  previous: Buffer[] = []
): FileCodec {
  const decode = (bytes: Uint8Array, kind: string): string => {
    const opened = openWithAny(Buffer.from(bytes), [dataKey, ...previous], { clinicId, kind })
    if (!opened.ok) throw new UnreadableFile(opened.error.message)
    return opened.value.toString('utf8')
  }
  const encode = (text: string, kind: string): Uint8Array => seal(text, dataKey, { clinicId, kind })
  return { encode, decode, entry: { encode, decode }, authenticates: true }
}

/** Opens with the first key that fits; the first key's refusal when none does. */
export function openWithAny(bytes: Buffer, keys: Buffer[], context: SealContext) {
  const first = open(bytes, keys[0]!, context)
  if (first.ok) return first
  for (const key of keys.slice(1)) {
    const opened = open(bytes, key, context)
    if (opened.ok) return opened
  }
  return first
}
