import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { z } from 'zod'
import { RuleError } from '../../shared/result'
import { writeFileAtomic } from '../store/atomic-write'
import {
  bytesSource,
  checkEntries,
  isFileError,
  listZip,
  unpackEntries,
  withFileSource,
  ZipRefused,
  type ZipLimits,
  type ZipProblem,
  type ZipSource
} from '../store/bounded-zip'
import type { ServiceContext } from './context'
import { canonicalJson, isClinicFile } from '../security/clinic-file'
import { isSealed } from '../security/crypto'

/**
 * A whole-clinic backup as one `.zip`: every store file as it is on disk
 * (sealed files stay sealed) and a manifest with counts and SHA-256s. Made on
 * request ("Back up now", to a USB drive), checked after it is written, and
 * restored only after its contents have been shown and every checksum holds;
 * the records it replaces are kept aside in `replaced/<time>/`.
 */

/** Only these paths are ever read from, or written by, a backup. */
const STORE_FILE =
  /^(registry\.json|curriculum\.json|measures\.json|access-log\.jsonl|access-log\.head|access-log\.pending|sessions\/session-[A-Za-z0-9_-]{1,80}\.json)$/
const MANIFEST = 'manifest.json'
const ACCESS_LOG = 'access-log.jsonl'
/** The log's head record goes with the log: kept with it, or restored with it. */
const LOG_FILES = new Set([ACCESS_LOG, 'access-log.head', 'access-log.pending'])
const MiB = 1024 * 1024
/**
 * What a backup may be: a five-year clinic's is about 150 MB unpacked, in
 * some 2,400 files; its files are sealed, so they hardly pack smaller at all
 * (a clinic from before encryption packs perhaps ten times smaller).
 */
export const BACKUP_LIMITS: ZipLimits = {
  maxFileBytes: 512 * MiB,
  maxEntries: 100_001,
  maxEntryBytes: 200 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRatio: 50
}
const MAX_MANIFEST_BYTES = 32 * MiB
/** 2: the manifest names the clinic and is signed (HMAC) under a key from the data key. */
export const BACKUP_FORMAT = 2
const MANIFEST_PURPOSE = 'backup manifest'

const Counts = z.object({
  participants: z.number().int().min(0),
  groups: z.number().int().min(0),
  sessions: z.number().int().min(0),
  notes: z.number().int().min(0),
  measures: z.number().int().min(0)
})

export const BackupManifest = z.strictObject({
  app: z.literal('IOP Facilitator'),
  /** 1: made by the version before, not signed. */
  format: z.union([z.literal(1), z.literal(BACKUP_FORMAT)]),
  createdAt: z.string(),
  clinicName: z.string(),
  /** The clinic the backup belongs to; null for a clinic kept in clear. */
  clinicId: z.string().max(200).nullable().optional(),
  /** HMAC-SHA256 of the manifest without this field, under a key from the data key. */
  mac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
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

/** Changes not yet folded into their files: never in a backup, set aside by a restore. */
async function journalFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  return names.filter((name) => /^(registry|measures)\.journal$/.test(name))
}

/** The store files in the data folder, by their path inside a backup. */
async function storeFiles(dataDir: string): Promise<string[]> {
  const top = [
    'registry.json',
    'curriculum.json',
    'measures.json',
    'access-log.jsonl',
    'access-log.head',
    'access-log.pending'
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

export function summaryOf(manifest: BackupManifest): BackupSummary {
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
  // The files must hold every change: the journals are folded in first.
  await ctx.registry.compact()
  await ctx.measures.compact()
  const zippable: Zippable = {}
  const files: BackupManifest['files'] = []
  for (const path of await storeFiles(dataDir)) {
    const bytes = new Uint8Array(await readFile(join(dataDir, path)))
    zippable[path] = bytes
    files.push({ path, bytes: bytes.length, sha256: sha256(bytes) })
  }
  const unsigned: BackupManifest = {
    app: 'IOP Facilitator',
    format: BACKUP_FORMAT,
    createdAt,
    clinicName: ctx.registry.data.clinic?.name ?? '',
    clinicId: ctx.keys?.clinicId() ?? null,
    counts: countsOf(ctx),
    files
  }
  // Signed: a checksum recomputed by hand, or another clinic's name put in, is refused.
  const manifest: BackupManifest = ctx.keys
    ? { ...unsigned, mac: ctx.keys.sign(MANIFEST_PURPOSE, canonicalJson(unsigned)) }
    : unsigned
  zippable[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2))
  const zipped = zipSync(zippable, { level: 6 })
  // Verified after writing: the zip is read back exactly as a restore would read it.
  const check = await unpackBackup(bytesSource(zipped))
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

const notABackup = (why: string): never => {
  throw new RuleError('unreadable_file', `That is not a backup this app can restore: ${why}`)
}

/** A refusal of the zip reader, in words: a zip bomb is named for what it would do. */
function refusalOf(problem: ZipProblem): RuleError {
  const bomb = (why: string) =>
    new RuleError('unreadable_file', `This file is not a backup made by this app: ${why}`)
  const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`
  switch (problem.kind) {
    case 'file_too_large':
      return bomb(`it is larger than ${mb(problem.limit)}, more than any clinic’s records.`)
    case 'too_large':
      return bomb(`it would unpack to more than ${mb(problem.limit)}.`)
    case 'entry_too_large':
      return bomb(`one file in it would unpack to more than ${mb(problem.limit)}.`)
    case 'ratio':
      return bomb(`a file in it would unpack to more than ${problem.limit} times its size.`)
    case 'too_many_entries':
      return bomb(`it holds more than ${problem.limit.toLocaleString('en-US')} files.`)
    case 'unsafe_name':
    case 'duplicate_name':
      return new RuleError(
        'unreadable_file',
        `That is not a backup this app can restore: it holds a file it should not (${problem.name.slice(0, 80)}).`
      )
    case 'larger_than_declared':
      return new RuleError(
        'unreadable_file',
        `That is not a backup this app can restore: ${problem.name.slice(0, 80)} was changed or damaged after the backup was made.`
      )
    default:
      return new RuleError(
        'unreadable_file',
        'That is not a backup this app can restore: the file is not a readable zip.'
      )
  }
}

/**
 * Unpacks a backup within its limits: only the manifest and store files, the
 * caps checked on the table of contents before anything is inflated, the
 * manifest first, then each listed file no larger than the manifest says.
 * A file the manifest does not list is not inflated: it is passed on empty,
 * for `readBackup` to refuse.
 */
export async function unpackBackup(source: ZipSource): Promise<ReturnType<typeof readBackup>> {
  let entries: Record<string, Uint8Array>
  try {
    const listed = await listZip(source, BACKUP_LIMITS)
    for (const entry of listed) {
      if (entry.name !== MANIFEST && !STORE_FILE.test(entry.name)) {
        notABackup(`it holds a file it should not (${entry.name.slice(0, 80)}).`)
      }
    }
    checkEntries(listed, BACKUP_LIMITS)
    const manifestEntry = listed.filter((entry) => entry.name === MANIFEST)
    entries = Object.fromEntries(
      await unpackEntries(source, manifestEntry, { bound: () => MAX_MANIFEST_BYTES })
    )
    const manifest = entries[MANIFEST] && manifestSizes(entries[MANIFEST])
    if (manifest) {
      const files = await unpackEntries(source, listed, {
        choose: (entry) => manifest.has(entry.name),
        bound: (entry) => manifest.get(entry.name) ?? 0
      })
      for (const entry of listed) {
        if (entry.name !== MANIFEST) entries[entry.name] = files.get(entry.name) ?? new Uint8Array()
      }
    }
  } catch (error) {
    if (error instanceof ZipRefused) throw refusalOf(error.problem)
    throw error
  }
  return readBackup(entries)
}

/** The size the manifest gives each file, or null when it cannot be read (`readBackup` says so). */
function manifestSizes(bytes: Uint8Array): Map<string, number> | null {
  try {
    const manifest = BackupManifest.parse(JSON.parse(Buffer.from(bytes).toString('utf8')))
    return new Map(manifest.files.map((file) => [file.path, file.bytes]))
  } catch {
    return null
  }
}

/** Reads a backup from a file, in pieces, within the backup's limits. */
export function loadBackup(path: string): Promise<ReturnType<typeof readBackup>> {
  return withFileSource(path, unpackBackup).catch((error: unknown) => {
    // The chosen file is gone or cannot be opened: said plainly, never the system's message.
    if (!isFileError(error)) throw error
    throw new RuleError('unreadable_file', 'That backup file could not be opened. Choose it again.')
  })
}

/**
 * Checks an unpacked backup, refusing anything that is not exactly one: the
 * manifest, every file listed with its checksum, nothing listed missing,
 * nothing unlisted.
 */
export function readBackup(entries: Record<string, Uint8Array>): {
  manifest: BackupManifest
  files: Map<string, Uint8Array>
} {
  const refuse = notABackup
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

export async function previewBackup(path: string): Promise<BackupSummary> {
  return summaryOf((await loadBackup(path)).manifest)
}

/**
 * Replaces the records with a backup's: the current store files are moved,
 * untouched, into `replaced/<time>/` first, then the backup's are written.
 */
export async function restoreBackup(
  ctx: ServiceContext,
  dataDir: string,
  path: string
): Promise<BackupSummary & { keptAside: string }> {
  const { manifest, files } = await loadBackup(path)
  checkBackupBelongs(ctx, manifest, files)
  // The records now are folded into their files, which go aside whole.
  await ctx.registry.compact()
  await ctx.measures.compact()
  const aside = await installBackup(dataDir, files, ctx.now())
  return { ...summaryOf(manifest), keptAside: aside }
}

/**
 * Writes a backup's files into the data folder: the store files there now are moved,
 * untouched, into `replaced/<time>/` first. The access log is never rolled back: it keeps
 * what happened, the restore included; only when it is gone (a new disk) does the backup's
 * copy take its place. Returns the folder the replaced files went to.
 */
export async function installBackup(
  dataDir: string,
  files: Map<string, Uint8Array>,
  now: number
): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  const aside = join(dataDir, 'replaced', stamp)
  const current = [...(await storeFiles(dataDir)), ...(await journalFiles(dataDir))]
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
  return aside
}

/** Why a backup cannot be restored into this clinic, in words that say which case it is. */
export function checkBackupBelongs(
  ctx: Pick<ServiceContext, 'keys' | 'registry'>,
  manifest: BackupManifest,
  files: Map<string, Uint8Array>
): void {
  const keys = ctx.keys
  if (!keys) return // A clinic kept in clear (from before encryption) has nothing to check with.
  const refuse = (why: string): never => {
    throw new RuleError('unreadable_file', why)
  }
  const registry = files.get('registry.json')
  if (registry && !isSealedOrClinicFile(registry)) {
    refuse(
      'This backup’s records are not encrypted, so it was not made by this clinic’s app (or was changed by hand). It cannot be restored.'
    )
  }
  if (manifest.format === BACKUP_FORMAT) {
    if (manifest.clinicId && manifest.clinicId !== keys.clinicId()) {
      refuse(
        `This backup belongs to another clinic (“${manifest.clinicName.slice(0, 80)}”), not to this one. Nothing was changed.`
      )
    }
    const { mac, ...unsigned } = manifest
    if (!mac || !keys.verify(MANIFEST_PURPOSE, canonicalJson(unsigned), mac)) {
      refuse(
        'This backup was changed after it was made (its signed list of contents does not match), or it was made under a key this clinic no longer uses. Nothing was changed.'
      )
    }
  }
  for (const [path, bytes] of files) {
    if (!keys.opens(path, bytes)) {
      refuse(
        manifest.format === BACKUP_FORMAT
          ? `This backup was changed after it was made: ${path} does not open with this clinic’s key. Nothing was changed.`
          : `This backup is from another clinic, or was changed after it was made: ${path} does not open with this clinic’s key. Nothing was changed.`
      )
    }
  }
}

function isSealedOrClinicFile(bytes: Uint8Array): boolean {
  return isSealed(Buffer.from(bytes)) || isClinicFile(bytes)
}
