import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Clinic } from '../../shared/domain/clinic'
import { writeFileAtomic } from '../store/atomic-write'
import { RecoveryWrappedKeySchema, WrappedKeySchema } from './crypto'
import { LogKeySchema } from './sealed-log'

/**
 * The one file kept in clear: the clinic's name and time zone and who may
 * sign in (names and credentials, for the sign-in list — no clinical data),
 * each staff member's copy of the data key wrapped with their passphrase, and
 * a copy wrapped with the recovery key, and the access log's public key (its
 * private half sealed under the data key). Adding or removing staff only adds or
 * removes a wrapped copy; the records are never re-encrypted for it.
 */
export const KEYRING_FILE = 'keyring.json'

export const KeyringStaff = z.object({
  staffId: z.string(),
  fullName: z.string(),
  credentials: z.string(),
  active: z.boolean(),
  wrapped: WrappedKeySchema
})

export const Keyring = z.object({
  format: z.literal(1),
  clinicId: z.string(),
  clinic: Clinic,
  staff: z.array(KeyringStaff),
  recovery: RecoveryWrappedKeySchema,
  /** The access log's key pair (made at the first sign-in of a clinic set up before it existed). */
  log: LogKeySchema.optional()
})
export type Keyring = z.infer<typeof Keyring>

/** The clinic's keyring, null when the clinic keeps its records unencrypted (or is not set up). */
export async function readKeyring(dataDir: string): Promise<Keyring | null> {
  let text: string
  try {
    text = await readFile(join(dataDir, KEYRING_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const parsed = Keyring.safeParse(JSON.parse(text))
  if (!parsed.success) {
    throw new Error('The keyring file is damaged: restore it from a backup of the data folder.')
  }
  return parsed.data
}

export async function writeKeyring(dataDir: string, keyring: Keyring): Promise<void> {
  await writeFileAtomic(join(dataDir, KEYRING_FILE), JSON.stringify(keyring, null, 2))
}
