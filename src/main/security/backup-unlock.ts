import { fail, ok, RuleError, type Result } from '../../shared/result'
import { readClinicHeader, type Keyring } from './clinic-file'
import { parseRecoveryKey, unwrapKey, unwrapWithRecoveryKey } from './crypto'

/** What opens a backup on a new computer: a passphrase valid when it was made, or the recovery key. */
export type BackupSecret =
  { staffId: string; passphrase: string } | { staffId: string; recoveryKey: string }

/** The keyring a backup carries at the head of its clinic file, read without any key. */
export function backupKeyring(files: Map<string, Uint8Array>): Keyring {
  const registry = files.get('registry.json')
  const header = registry ? readClinicHeader(registry) : null
  if (!header) {
    throw new RuleError(
      'unreadable_file',
      'This backup has no keyring the app can read: it was made by an earlier version (before keys were kept in backups), its records are not encrypted, or it was changed by hand. Restore it on the computer it was made on, or use a newer backup.'
    )
  }
  return header.keyring
}

/** The data key of a backup, from a staff passphrase or the recovery key. */
export async function unlockBackup(
  keyring: Keyring,
  secret: BackupSecret
): Promise<Result<Buffer>> {
  if ('recoveryKey' in secret) {
    const bytes = parseRecoveryKey(secret.recoveryKey)
    if (!bytes.ok) return fail('wrong_passphrase', bytes.error.message)
    const key = unwrapWithRecoveryKey(keyring.recovery, bytes.value)
    return key.ok
      ? key
      : fail(
          'wrong_passphrase',
          'That recovery key is not the one for this backup. A backup made before the clinic’s key was changed needs the recovery key of that time.'
        )
  }
  const entry = keyring.staff.find((s) => s.staffId === secret.staffId)
  const key = entry ? await unwrapKey(entry.wrapped, secret.passphrase) : null
  if (!key?.ok) {
    return fail(
      'wrong_passphrase',
      'That passphrase does not open this backup. Use the passphrase you had when the backup was made, or the recovery key.'
    )
  }
  return ok(key.value)
}
