import { join } from 'node:path'
import { z } from 'zod'
import { Clinic } from '../../shared/domain/clinic'
import { writeFileAtomic } from '../store/atomic-write'
import { RecoveryWrappedKeySchema, WrappedKeySchema } from './crypto'
import { LogKeySchema } from './sealed-log'
import { findClinic } from './clinic-open'
import type { Keyring as ClinicKeyring } from './clinic-file'

/**
 * The version before kept the keyring in a file of its own, `keyring.json`; it
 * now lives in the clinic file (see `clinic-file.ts`) and an old one is moved
 * there at the first sign-in. What follows describes that older file:
 * the one file kept in clear: the clinic's name and time zone and who may
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

/**
 * The clinic's keyring as the app reads it before sign-in: from the clinic file
 * (`registry.json`) or, for a folder of the version before, from `keyring.json`.
 * Null when the clinic keeps its records in clear, is not set up, or cannot be read.
 */
export async function readKeyring(dataDir: string): Promise<ClinicKeyring | null> {
  const found = await findClinic(dataDir)
  return found.state === 'sealed' ? found.keyring : null
}

/** Writes a keyring file of the version before: for tests and benches of the upgrade only. */
export async function writeKeyring(dataDir: string, keyring: Keyring): Promise<void> {
  await writeFileAtomic(join(dataDir, KEYRING_FILE), JSON.stringify(keyring, null, 2))
}
