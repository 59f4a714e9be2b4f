/**
 * How a store file's text becomes bytes on disk and back. Plain by default;
 * an encrypting codec (see `security/sealed-codec.ts`) seals each file with
 * the clinic's data key. `decode` throws when the bytes cannot be read as
 * this file (damaged, changed, another clinic's): the store then treats the
 * file as damaged and sets it aside, never overwriting it.
 */
export interface FileCodec {
  /** `data` is the object `text` was made from, for a codec that keeps part of it in clear. */
  encode(text: string, kind: string, data?: unknown): Uint8Array
  decode(bytes: Uint8Array, kind: string): string
  /**
   * How one journal line is kept (see `journal.ts`): sealed on its own under the same key. A
   * codec that seals files and has no `entry` gets no journal: each change rewrites its file.
   */
  entry?: EntryCodec
  /**
   * True when every file it reads back was written by a holder of the key (sealed and
   * authenticated), so records written under the same shape need not be checked again.
   */
  readonly authenticates?: boolean
  /** The text `decode` last returned, already parsed by it: handed over once, never parsed twice. */
  takeParsed?(text: string): unknown
}

export interface EntryCodec {
  encode(text: string, kind: string): Uint8Array
  decode(bytes: Uint8Array, kind: string): string
}

export const PLAIN: FileCodec = {
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => Buffer.from(bytes).toString('utf8')
}

export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnreadableFile'
  }
}

/**
 * A file's text: indented where people may read it (a plain file), compact where nobody can
 * (a sealed one), which is about half the size to seal, write and read back.
 */
export function fileText(codec: FileCodec, data: unknown): string {
  return codec.authenticates ? JSON.stringify(data) : JSON.stringify(data, null, 2)
}
