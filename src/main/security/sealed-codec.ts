import type { FileCodec } from '../store/codec'
import { UnreadableFile } from '../store/codec'
import { open, seal } from './crypto'

/**
 * Every store file sealed with AES-256-GCM under the clinic's data key, the
 * clinic's id and the file's kind authenticated with it: a file from another
 * clinic, or one kind of file put in another's place, cannot be read.
 */
export function sealedCodec(dataKey: Buffer, clinicId: string): FileCodec {
  return {
    encode: (text, kind) => seal(text, dataKey, { clinicId, kind }),
    decode: (bytes, kind) => {
      const opened = open(Buffer.from(bytes), dataKey, { clinicId, kind })
      if (!opened.ok) throw new UnreadableFile(opened.error.message)
      return opened.value.toString('utf8')
    }
  }
}
