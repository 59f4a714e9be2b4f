import { readdir, rm } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { TEMPORARY_FILE } from './atomic-write'

/** What was set aside for IT support (a damaged file, the files a restore replaced) stays untouched. */
const KEPT_AS_THEY_ARE = new Set(['damaged', 'replaced'])

/**
 * Temporary files left by writes that never finished (the app was killed or
 * the power went between writing a file's new copy and renaming it into
 * place) are half-written copies: never read, never evidence. Removed once,
 * when the app starts, anywhere in the data folder: the records, sessions/,
 * the daily copies under backups/. Returns how many there were.
 */
export async function removeLeftoverTemporaryFiles(dataDir: string): Promise<number> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true }).catch(() => [])
  let removed = 0
  for (const entry of entries) {
    if (!entry.isFile() || !TEMPORARY_FILE.test(entry.name)) continue
    const folders = relative(dataDir, entry.parentPath).split(sep)
    if (folders.some((folder) => KEPT_AS_THEY_ARE.has(folder))) continue
    await rm(join(entry.parentPath, entry.name), { force: true })
    removed += 1
  }
  return removed
}
