import { readdir, readFile, rm } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { writeFileAtomic } from '../store/atomic-write'
import { open, seal } from './crypto'
import { openWithAny } from './sealed-codec'

/**
 * Changing the clinic's data key: every sealed file is sealed again under the new key, one
 * atomic write at a time, so a kill at any point leaves each file under the old key or the
 * new one, and the clinic file (written first) holds both. Files set aside (`damaged/`,
 * `replaced/`) are sealed again too where they open; the daily copies of the clinic file are
 * removed, since they carry the keyring of before (with the copies of the key that were
 * revoked and the old recovery key): a fresh one is made at once.
 */

const PREVIOUS_KIND = 'previous-data-key'

/** An older key, sealed under the current one, as the clinic file keeps it. */
export function sealPrevious(previous: Buffer, current: Buffer, clinicId: string): string {
  return seal(previous, current, { clinicId, kind: PREVIOUS_KIND }).toString('base64')
}

/** The older keys the clinic file keeps, opened with the current key; a damaged one is skipped. */
export function openPrevious(sealed: string[] | undefined, current: Buffer, clinicId: string) {
  const keys: Buffer[] = []
  for (const text of sealed ?? []) {
    const opened = open(Buffer.from(text, 'base64'), current, { clinicId, kind: PREVIOUS_KIND })
    if (opened.ok) keys.push(opened.value)
  }
  return keys
}

/** Where a sealed file sits, and the kind bound into its seal; null for files that are not. */
export function sealedKindOf(path: string): string | null {
  const parts = path.split(sep).join('/').split('/')
  const name = parts.at(-1) ?? ''
  if (name === 'access-log.head') return 'access-log-head'
  if (!name.endsWith('.json')) return null
  const base = name.slice(0, -'.json'.length)
  // A daily copy: <kind>-YYYY-MM-DD.json, or a copy kept before a format upgrade.
  const daily =
    /^(.*)-\d{4}-\d{2}-\d{2}$/.exec(base) ?? /^(.*)-v\d+-before-migration-.*$/.exec(base)
  if (parts.includes('backups') && daily) return daily[1]!
  if (base === 'curriculum' || base === 'measures') return base
  if (/^session-[A-Za-z0-9_-]+$/.test(base)) return base
  return null
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
    .map((e) => join(e.parentPath, e.name))
}

export interface RotationProgress {
  done: number
  total: number
}

/**
 * Seals every sealed file of the folder again under `to` (those already under it are left),
 * reporting progress; the clinic file's daily copies are removed. Returns how many files
 * were sealed again.
 */
export async function sealAgain(
  dataDir: string,
  clinicId: string,
  to: Buffer,
  from: Buffer[],
  progress: (p: RotationProgress) => void
): Promise<number> {
  const files = (await listFiles(dataDir)).filter((path) => {
    const rel = relative(dataDir, path).split(sep).join('/')
    return rel !== 'registry.json' && !rel.startsWith('backups/registry/')
  })
  const work = files
    .map((path) => ({ path, kind: sealedKindOf(relative(dataDir, path)) }))
    .filter((f): f is { path: string; kind: string } => f.kind !== null)
  let resealed = 0
  for (const [index, file] of work.entries()) {
    const bytes = await readFile(file.path).catch(() => null)
    if (bytes && !open(bytes, to, { clinicId, kind: file.kind }).ok) {
      const opened = openWithAny(bytes, from, { clinicId, kind: file.kind })
      if (opened.ok) {
        await writeFileAtomic(file.path, seal(opened.value, to, { clinicId, kind: file.kind }))
        resealed++
      }
    }
    progress({ done: index + 1, total: work.length })
  }
  for (const copy of await listFiles(join(dataDir, 'backups', 'registry'))) {
    await rm(copy, { force: true })
  }
  return resealed
}
