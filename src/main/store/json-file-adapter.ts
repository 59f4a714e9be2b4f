import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { SerialQueue, writeFileAtomic } from './atomic-write'

/**
 * A lowdb adapter whose writes are atomic and durable (see `writeFileAtomic`)
 * and serialised, so two writes to one file never interleave. Reading returns
 * the raw text's parsed JSON; checking its shape is the document's job.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly queue = new SerialQueue()

  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return JSON.parse(text) as T
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2)
    return this.queue.run(() => writeFileAtomic(this.path, text))
  }
}
