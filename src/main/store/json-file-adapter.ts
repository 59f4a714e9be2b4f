import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { SerialQueue, writeFileAtomic } from './atomic-write'
import { fileText, PLAIN, type FileCodec } from './codec'

/**
 * A lowdb adapter whose writes are atomic and durable (see `writeFileAtomic`)
 * and serialised, so two writes to one file never interleave. Reading returns
 * the raw text's parsed JSON; checking its shape is the document's job.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly queue = new SerialQueue()

  constructor(
    readonly path: string,
    private readonly codec: FileCodec = PLAIN,
    private readonly kind = ''
  ) {}

  async read(): Promise<T | null> {
    let bytes: Uint8Array
    try {
      bytes = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return JSON.parse(this.codec.decode(bytes, this.kind)) as T
  }

  write(data: T): Promise<void> {
    const bytes = this.codec.encode(fileText(this.codec, data), this.kind, data)
    return this.queue.run(() => writeFileAtomic(this.path, bytes))
  }
}
