import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { z } from 'zod'
import { RuleError } from '../../shared/result'
import { writeFileAtomic } from '../store/atomic-write'
import type { ServiceContext } from './context'

/**
 * A whole-clinic backup as one `.zip`: every store file as it is on disk
 * (sealed files stay sealed) and a manifest with counts and SHA-256s. Made on
 * request ("Back up now", to a USB drive), checked after it is written, and
 * restored only after its contents have been shown and every checksum holds;
 * the records it replaces are kept aside in `replaced/<time>/`.
 */

/** Only these paths are ever read from, or written by, a backup. */
const STORE_FILE =
  /^(registry\.json|curriculum\.json|measures\.json|access-log\.jsonl|access-log\.head|sessions\/session-[A-Za-z0-9_-]{1,80}\.json)$/
const MANIFEST = 'manifest.json'
const ACCESS_LOG = 'access-log.jsonl'
/** The log's head record goes with the log: kept with it, or restored with it. */
const LOG_FILES = new Set([ACCESS_LOG, 'access-log.head'])
const MAX_FILE_BYTES = 200 * 1024 * 1024
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024
export const BACKUP_FORMAT = 1

const Counts = z.object({
  participants: z.number().int().min(0),
  groups: z.number().int().min(0),
  sessions: z.number().int().min(0),
  notes: z.number().int().min(0),
  measures: z.number().int().min(0)
})

export const BackupManifest = z.strictObject({
  app: z.literal('IOP Facilitator'),
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  clinicName: z.string(),
  counts: Counts,
  files: z
    .array(
      z.strictObject({
        path: z.string().regex(STORE_FILE),
        bytes: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/)
      })
    )
    .max(100_000)
})
export type BackupManifest = z.infer<typeof BackupManifest>

export interface BackupSummary {
  createdAt: string
  clinicName: string
  counts: z.infer<typeof Counts>
  files: number
  bytes: number
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The store files in the data folder, by their path inside a backup. */
async function storeFiles(dataDir: string): Promise<string[]> {
  const top = [
    'registry.json',
    'curriculum.json',
    'measures.json',
    'access-log.jsonl',
    'access-log.head'
  ]
  const present: string[] = []
  for (const name of top) {
    if (
      await stat(join(dataDir, name)).then(
        (s) => s.isFile(),
        () => false
      )
    )
      present.push(name)
  }
  const sessionNames = await readdir(join(dataDir, 'sessions')).catch(() => [] as string[])
  for (const name of sessionNames.sort()) {
    const path = `sessions/${name}`
    if (STORE_FILE.test(path)) present.push(path)
  }
  return present
}

function countsOf(ctx: ServiceContext): z.infer<typeof Counts> {
  const registry = ctx.registry.data
  return {
    participants: registry.participants.length,
    groups: registry.groups.length,
    sessions: registry.sessions.length,
    notes: registry.sessions.reduce((t, s) => t + Object.keys(s.noteStates).length, 0),
    measures: ctx.measures.data.entries.length
  }
}

function summaryOf(manifest: BackupManifest): BackupSummary {
  return {
    createdAt: manifest.createdAt,
    clinicName: manifest.clinicName,
    counts: manifest.counts,
    files: manifest.files.length,
    bytes: manifest.files.reduce((t, f) => t + f.bytes, 0)
  }
}

/** Every store file and a manifest in one zip, verified by reading it back before it is given out. */
export async function createBackup(ctx: ServiceContext, dataDir: string) {
  const createdAt = new Date(ctx.now()).toISOString()
  const zippable: Zippable = {}
  const files: BackupManifest['files'] = []
  for (const path of await storeFiles(dataDir)) {
    const bytes = new Uint8Array(await readFile(join(dataDir, path)))
    zippable[path] = bytes
    files.push({ path, bytes: bytes.length, sha256: sha256(bytes) })
  }
  const manifest: BackupManifest = {
    app: 'IOP Facilitator',
    format: BACKUP_FORMAT,
    createdAt,
    clinicName: ctx.registry.data.clinic?.name ?? '',
    counts: countsOf(ctx),
    files
  }
  zippable[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2))
  const zipped = zipSync(zippable, { level: 6 })
  // Verified after writing: the zip is read back exactly as a restore would read it.
  const check = readBackup(zipped)
  if (check.manifest.files.length !== files.length) {
    throw new RuleError('storage_failed', 'The backup did not read back whole. Try again.')
  }
  const day = createdAt.slice(0, 10)
  return {
    fileName: `iop-facilitator-backup-${day}.zip`,
    base64: Buffer.from(zipped).toString('base64'),
    summary: summaryOf(manifest)
  }
}

/**
 * Opens a backup, refusing anything that is not exactly one: only the
 * manifest and store files, no entry larger than it may be (checked before it
 * is inflated), every file listed with its checksum, nothing listed missing.
 */
export function readBackup(zipped: Uint8Array): {
  manifest: BackupManifest
  files: Map<string, Uint8Array>
} {
  const refuse = (why: string): never => {
    throw new RuleError('unreadable_file', `That is not a backup this app can restore: ${why}`)
  }
  let total = 0
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(zipped, {
      filter: (file) => {
        if (file.name !== MANIFEST && !STORE_FILE.test(file.name)) {
          refuse(`it holds a file it should not (${file.name.slice(0, 80)}).`)
        }
        total += file.originalSize
        if (file.originalSize > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES) {
          refuse('it is larger than any clinic’s records.')
        }
        return true
      }
    })
  } catch (error) {
    if (error instanceof RuleError) throw error
    return refuse('the file is not a readable zip.')
  }
  const manifestBytes = entries[MANIFEST]
  if (!manifestBytes) return refuse('it has no manifest.')
  let manifest: BackupManifest
  try {
    manifest = BackupManifest.parse(JSON.parse(Buffer.from(manifestBytes).toString('utf8')))
  } catch {
    return refuse('its manifest cannot be read.')
  }
  const files = new Map<string, Uint8Array>()
  for (const listed of manifest.files) {
    const bytes = entries[listed.path]
    if (!bytes) return refuse(`${listed.path} is missing.`)
    if (bytes.length !== listed.bytes || sha256(bytes) !== listed.sha256) {
      return refuse(`${listed.path} was changed or damaged after the backup was made.`)
    }
    files.set(listed.path, bytes)
  }
  if (Object.keys(entries).length !== manifest.files.length + 1) {
    return refuse('it holds files its manifest does not list.')
  }
  if (!files.has('registry.json')) return refuse('it has no records file.')
  return { manifest, files }
}

export function previewBackup(base64: string): BackupSummary {
  return summaryOf(readBackup(Buffer.from(base64, 'base64')).manifest)
}

/**
 * Replaces the records with a backup's: the current store files are moved,
 * untouched, into `replaced/<time>/` first, then the backup's are written.
 */
export async function restoreBackup(
  ctx: ServiceContext,
  dataDir: string,
  base64: string
): Promise<BackupSummary & { keptAside: string }> {
  const { manifest, files } = readBackup(Buffer.from(base64, 'base64'))
  const stamp = new Date(ctx.now()).toISOString().replace(/[:.]/g, '-')
  const aside = join(dataDir, 'replaced', stamp)
  // The access log is never rolled back: it keeps what happened, the restore included.
  // Only when it is gone (a new disk) does the backup's copy take its place.
  const current = await storeFiles(dataDir)
  const keepLog = current.includes(ACCESS_LOG)
  for (const path of current.filter((p) => !(keepLog && LOG_FILES.has(p)))) {
    const target = join(aside, path)
    await mkdir(dirname(target), { recursive: true })
    await rename(join(dataDir, path), target)
  }
  for (const [path, bytes] of files) {
    if (keepLog && LOG_FILES.has(path)) continue
    const target = join(dataDir, path)
    await mkdir(dirname(target), { recursive: true })
    await writeFileAtomic(target, bytes)
  }
  return { ...summaryOf(manifest), keptAside: aside }
}
