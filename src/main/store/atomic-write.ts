import { constants } from 'node:fs'
import { copyFile, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

let sequence = 0

/** How `writeFileAtomic` names its temporary file, `<file>.<pid>.<n>.tmp`: what a start sweeps away. */
export const TEMPORARY_FILE = /.\.\d+\.\d+\.tmp$/

/**
 * Replaces a file so that a crash or power cut at any instant leaves either
 * the old or the new content, never a mixture: write a temporary file beside
 * it, flush it to disk, rename it over the old one, then flush the folder so
 * the rename itself is durable.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${++sequence}.tmp`
  const file = await open(temporary, 'w', 0o600)
  try {
    await file.writeFile(content)
    await file.sync()
  } catch (error) {
    await file.close()
    await rm(temporary, { force: true })
    throw error
  }
  await file.close()
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(dirname(path))
}

/**
 * Copies a file as `writeFileAtomic` writes one: beside the target first, then renamed over it,
 * so a copy cut short never stands as the copy. The bytes are copied by the operating system
 * (a clone where the disk can make one), not read into this process.
 */
export async function copyFileAtomic(from: string, path: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${++sequence}.tmp`
  try {
    await copyFile(from, temporary, constants.COPYFILE_FICLONE)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Flushes a folder's entries; Windows cannot open a folder for this and needs no such step. */
export async function syncFolder(folder: string): Promise<void> {
  let handle
  try {
    handle = await open(folder, 'r')
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error
  } finally {
    await handle?.close()
  }
}

/** Runs tasks one after another, in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task)
    this.tail = result.catch(() => undefined)
    return result
  }
}
