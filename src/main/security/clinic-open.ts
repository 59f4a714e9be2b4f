import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Clinic } from '../../shared/domain/clinic'
import { CLINIC_FILE_KIND, isClinicFile, readClinicHeader, type Keyring } from './clinic-file'
import { isSealed, RecoveryWrappedKeySchema, WrappedKeySchema } from './crypto'
import { LogKeySchema } from './sealed-log'

/**
 * What the data folder holds before anyone has signed in, read without any key.
 *
 * - `fresh`: nothing at all, the only state in which setup may run.
 * - `sealed`: an encrypted clinic; its keyring, from the clinic file or, when
 *   that is missing or unreadable, from the newest daily copy that is readable
 *   (the records then open from that copy, and the user is told).
 * - `clear`: a folder from before encryption, kept in clear, with no encrypted
 *   file anywhere in it.
 * - `locked_out`: encrypted records without any keyring that can be read. Only
 *   a backup (or, for a folder from the version before, the recovery key with
 *   the old keyring file) can open them; setup never runs over them.
 */
export type ClinicFound =
  | { state: 'fresh' }
  | { state: 'clear' }
  | {
      state: 'sealed'
      keyring: Keyring
      /** Registry sealed by the version before, with the keyring in `keyring.json`. */
      legacy: boolean
      /** The daily copy the keyring was read from, when the clinic file could not be. */
      fromCopy: string | null
    }
  | { state: 'locked_out'; reason: string }

export const REGISTRY_FILE = 'registry.json'
export const LEGACY_KEYRING_FILE = 'keyring.json'
const COPIES = join('backups', 'registry')
const COPY_NAME = /^registry-\d{4}-\d{2}-\d{2}\.json$/

/** The keyring file of the version before (format 1), read only to upgrade from it. */
const LegacyKeyring = z.object({
  format: z.literal(1),
  clinicId: z.string().min(1),
  clinic: Clinic,
  staff: z.array(
    z.object({
      staffId: z.string(),
      fullName: z.string(),
      credentials: z.string(),
      active: z.boolean(),
      wrapped: WrappedKeySchema
    })
  ),
  recovery: RecoveryWrappedKeySchema,
  log: LogKeySchema.optional()
})

async function readBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch {
    return null
  }
}

export async function readLegacyKeyring(dataDir: string): Promise<Keyring | null> {
  const bytes = await readBytes(join(dataDir, LEGACY_KEYRING_FILE))
  if (!bytes) return null
  try {
    const parsed = LegacyKeyring.safeParse(JSON.parse(bytes.toString('utf8')))
    if (!parsed.success) return null
    const k = parsed.data
    return {
      clinicId: k.clinicId,
      clinic: k.clinic,
      staff: k.staff
        .filter((s) => s.active)
        .map(({ staffId, fullName, credentials, wrapped }) => ({
          staffId,
          fullName,
          credentials,
          wrapped
        })),
      recovery: k.recovery,
      ...(k.log ? { log: k.log } : {})
    }
  } catch {
    return null
  }
}

/** The daily copies of the clinic file, newest first. */
export async function clinicCopies(dataDir: string): Promise<string[]> {
  const names = await readdir(join(dataDir, COPIES)).catch(() => [] as string[])
  return names
    .filter((n) => COPY_NAME.test(n))
    .sort()
    .reverse()
    .map((n) => join(dataDir, COPIES, n))
}

function looksLikeClinicFile(bytes: Buffer): boolean {
  return bytes.subarray(0, 200).toString('utf8').includes(CLINIC_FILE_KIND)
}

function isPlainRegistry(bytes: Buffer): boolean {
  try {
    const raw = JSON.parse(bytes.toString('utf8')) as { kind?: unknown }
    return raw?.kind === 'registry'
  } catch {
    return false
  }
}

/** Whether any encrypted file (or any keyring) exists in the folder: then nothing is written in clear. */
async function anySealedFile(dataDir: string): Promise<boolean> {
  if (await exists(join(dataDir, LEGACY_KEYRING_FILE))) return true
  for (const name of ['curriculum.json', 'measures.json']) {
    const bytes = await readBytes(join(dataDir, name))
    if (bytes && isSealed(bytes)) return true
  }
  for (const copy of (await clinicCopies(dataDir)).slice(0, 3)) {
    const bytes = await readBytes(copy)
    if (bytes && (isSealed(bytes) || isClinicFile(bytes))) return true
  }
  const sessions = await readdir(join(dataDir, 'sessions')).catch(() => [] as string[])
  for (const name of sessions.filter((n) => n.endsWith('.json')).slice(0, 3)) {
    const bytes = await readBytes(join(dataDir, 'sessions', name))
    if (bytes && isSealed(bytes)) return true
  }
  return false
}

/** Whether the folder holds anything of a clinic at all. */
async function anyRecords(dataDir: string): Promise<boolean> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  const records = new Set([
    REGISTRY_FILE,
    LEGACY_KEYRING_FILE,
    'curriculum.json',
    'measures.json',
    'access-log.jsonl',
    'access-log.head'
  ])
  if (names.some((n) => records.has(n))) return true
  for (const folder of ['sessions', 'backups', 'damaged']) {
    if (!names.includes(folder)) continue
    const inside = await readdir(join(dataDir, folder)).catch(() => [] as string[])
    if (inside.length > 0) return true
  }
  return false
}

export async function findClinic(dataDir: string): Promise<ClinicFound> {
  const main = await readBytes(join(dataDir, REGISTRY_FILE))
  if (main) {
    const header = readClinicHeader(main)
    if (header) return { state: 'sealed', keyring: header.keyring, legacy: false, fromCopy: null }
    if (isSealed(main)) {
      const keyring = await readLegacyKeyring(dataDir)
      if (keyring) return { state: 'sealed', keyring, legacy: true, fromCopy: null }
    } else if (isPlainRegistry(main)) {
      if (!(await anySealedFile(dataDir))) return { state: 'clear' }
      return {
        state: 'locked_out',
        reason:
          'The records file is not encrypted, but the other records in this folder are: it was replaced by hand. The app will not write records in clear beside encrypted ones.'
      }
    }
  }
  // The clinic file is missing or cannot be read: the newest daily copy whose keyring reads.
  for (const copy of await clinicCopies(dataDir)) {
    const bytes = await readBytes(copy)
    if (!bytes) continue
    const header = readClinicHeader(bytes)
    if (header) return { state: 'sealed', keyring: header.keyring, legacy: false, fromCopy: copy }
    if (isSealed(bytes)) {
      const keyring = await readLegacyKeyring(dataDir)
      if (keyring) return { state: 'sealed', keyring, legacy: true, fromCopy: copy }
    } else if (isPlainRegistry(bytes) && !(await anySealedFile(dataDir))) {
      return { state: 'clear' }
    }
  }
  if (!(await anyRecords(dataDir))) return { state: 'fresh' }
  // A damaged records file of a clinic kept in clear: it opens as before (set aside, the
  // newest good copy or empty records, with a notice). Never when anything here is sealed.
  if (main && !looksLikeClinicFile(main) && !isSealed(main) && !(await anySealedFile(dataDir))) {
    return { state: 'clear' }
  }
  return {
    state: 'locked_out',
    reason:
      'The clinic’s keyring is missing or damaged and no readable copy of it is left in this folder.'
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
