import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ClinicFileCodec, REGISTRY_FILE_KIND } from './clinic-file'
import { clinicCopies, REGISTRY_FILE, type ClinicFound } from './clinic-open'
import { isSealed } from './crypto'
import { openPrevious } from './rotation'
import { openWithAny } from './sealed-codec'

/**
 * Whether a data key opens this clinic's own records, asked before anything is opened with a
 * key, so a keyring changed by hand (a key of someone's own making wrapped under a known
 * passphrase) or another clinic's clinic file put in this one's place opens nothing and moves
 * nothing aside: the records stay exactly as they are.
 *
 * - `fits`: the clinic file (or one of its daily copies) opens, and so do the other records.
 * - `does_not_fit`: neither the clinic file nor any copy opens with it.
 * - `other_clinic`: the clinic file opens, but the curriculum or measures beside it do not:
 *   it belongs to another clinic.
 */
export async function keyOpensClinic(
  dataDir: string,
  key: Buffer,
  clinicId: string,
  found: ClinicFound,
  /** Keeps the clinic file read here, so opening the records next does not decrypt it again. */
  codec = new ClinicFileCodec(
    key,
    found.state === 'sealed' && found.legacy ? clinicId : null,
    () => null
  )
): Promise<'fits' | 'does_not_fit' | 'other_clinic'> {
  let opened: string | null = null
  for (const path of [join(dataDir, REGISTRY_FILE), ...(await clinicCopies(dataDir))]) {
    codec.rememberNextRead()
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch {
      continue
    }
    try {
      opened = codec.decode(bytes, REGISTRY_FILE_KIND)
      break
    } catch {
      // Damaged, or not opened by this key: try the next copy.
    }
  }
  if (opened === null) return 'does_not_fit'
  // The records beside it must be the same clinic's: they open with its key, or with one of
  // the older keys the clinic file keeps (a change of key cut short).
  const id = codec.header?.keyring.clinicId ?? clinicId
  let previous: Buffer[] = []
  try {
    // The records were parsed as the file was read; a file of the earlier format was not.
    const records =
      (codec.lastRecords as { keys?: { previous?: string[] } | null } | null) ??
      (JSON.parse(opened) as { data?: { keys?: { previous?: string[] } | null } }).data
    previous = openPrevious(records?.keys?.previous, key, id)
  } catch {
    previous = []
  }
  // One damaged file is repaired as the records open; only when none of them opens is the
  // clinic file another clinic's.
  let candidates = 0
  for (const name of ['curriculum', 'measures']) {
    const copies = (await readdir(join(dataDir, 'backups', name)).catch(() => [] as string[]))
      .sort()
      .reverse()
      .slice(0, 2)
      .map((n) => join(dataDir, 'backups', name, n))
    for (const path of [join(dataDir, `${name}.json`), ...copies]) {
      const bytes = await readFile(path).catch(() => null)
      if (!bytes || !isSealed(bytes)) continue
      candidates++
      if (openWithAny(bytes, [key, ...previous], { clinicId: id, kind: name }).ok) return 'fits'
    }
  }
  if (candidates > 0) return 'other_clinic'
  return 'fits'
}
