/**
 * The five-year synthetic clinic as an encrypted clinic keeps it: every store
 * file sealed with a new data key (the codec the app opens a clinic with after
 * sign-in), and a keyring.json holding that key wrapped with each staff
 * member's passphrase and with a recovery key, as setup writes it. createCore
 * then opens it like any clinic with a keyring: only the sign-in list until
 * someone signs in, which unwraps the key and opens the records. All data is
 * synthetic.
 */
import { randomUUID } from 'node:crypto'
import {
  newDataKey,
  newRecoveryKey,
  parseRecoveryKey,
  wrapKey,
  wrapWithRecoveryKey
} from '../../src/main/security/crypto'
import { Keyring, writeKeyring } from '../../src/main/security/keyring'
import { sealedCodec } from '../../src/main/security/sealed-codec'
import { PASSPHRASE, writeClinic, type Clinic } from './five-year-clinic'

/** Writes the clinic sealed, then its keyring; returns the session files' size as text. */
export async function writeSealedClinic(folder: string, clinic: Clinic): Promise<number> {
  const clinicInfo = clinic.registry.clinic
  if (!clinicInfo) throw new Error('the synthetic clinic has no clinic details')
  const dataKey = newDataKey()
  const clinicId = randomUUID()
  const bytes = await writeClinic(folder, clinic, sealedCodec(dataKey, clinicId))
  const recoveryKey = parseRecoveryKey(newRecoveryKey())
  if (!recoveryKey.ok) throw new Error('the new recovery key did not read back')
  // Every synthetic staff member has the same passphrase.
  const staff = await Promise.all(
    clinic.registry.staff.map(async (s) => ({
      staffId: s.id,
      fullName: s.fullName,
      credentials: s.credentials,
      active: s.active,
      wrapped: await wrapKey(dataKey, PASSPHRASE)
    }))
  )
  const keyring = Keyring.parse({
    format: 1,
    clinicId,
    clinic: clinicInfo,
    staff,
    recovery: wrapWithRecoveryKey(dataKey, recoveryKey.value)
  })
  await writeKeyring(folder, keyring)
  return bytes
}
