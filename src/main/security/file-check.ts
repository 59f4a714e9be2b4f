import { ClinicFileCodec } from './clinic-file'
import { open } from './crypto'

const HEAD_KIND = 'access-log-head'

/**
 * Whether a file's bytes open under the data key as the file at `path` (its
 * place in the data folder): the clinic file with its keyring and MAC, every
 * other sealed file with the clinic's id and its own kind authenticated. Used
 * to check a backup file by file before anything of it is written.
 */
export function fileOpens(dataKey: Buffer, clinicId: string, path: string, bytes: Uint8Array) {
  const buffer = Buffer.from(bytes)
  if (path === 'registry.json') {
    const codec = new ClinicFileCodec(dataKey, clinicId, () => null)
    try {
      codec.decode(buffer, 'registry')
      return codec.header === null || codec.header.keyring.clinicId === clinicId
    } catch {
      return false
    }
  }
  // The access log checks itself, line by line, with its chain.
  if (path === 'access-log.jsonl' || path === 'access-log.pending') return true
  const kind =
    path === 'access-log.head'
      ? HEAD_KIND
      : path.startsWith('sessions/')
        ? path.slice('sessions/'.length).replace(/\.json$/, '')
        : path.replace(/\.json$/, '')
  return open(buffer, dataKey, { clinicId, kind }).ok
}
