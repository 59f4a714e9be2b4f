import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ClinicFileCodec, REGISTRY_FILE_KIND } from './clinic-file'
import { clinicCopies, REGISTRY_FILE, type ClinicFound } from './clinic-open'

/**
 * Whether a data key opens this clinic's own records: the clinic file, or failing that one of
 * its daily copies. Asked before anything is opened with a key, so a keyring changed by hand
 * (a key of someone's own making wrapped under a known passphrase) opens nothing and moves
 * nothing aside: the records stay exactly as they are.
 */
export async function keyOpensClinic(
  dataDir: string,
  key: Buffer,
  clinicId: string,
  found: ClinicFound
): Promise<boolean> {
  const legacyId = found.state === 'sealed' && found.legacy ? clinicId : null
  const codec = new ClinicFileCodec(key, legacyId, () => null)
  for (const path of [join(dataDir, REGISTRY_FILE), ...(await clinicCopies(dataDir))]) {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch {
      continue
    }
    try {
      codec.decode(bytes, REGISTRY_FILE_KIND)
      return true
    } catch {
      // Damaged, or not opened by this key: try the next copy.
    }
  }
  return false
}
