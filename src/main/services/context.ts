import type { StoredStaff, Staff } from '../../shared/domain/staff'
import type { VersionedDocument } from '../store/versioned-document'
import type { Registry } from '../store/registry'
import type { SessionFiles } from '../store/session-files'
import type { CurriculumLibrary } from './curriculum'
import type { MeasuresFile } from '../store/measures'
import type { AccessLog } from '../store/access-log'
import type { WrappedKey } from '../security/crypto'
import type { ClinicKeys } from '../security/clinic-file'

/** The clinic's data key at work, without handing it out: for an encrypted clinic only. */
export interface StaffKeys {
  /** The data key wrapped with a staff member's new passphrase (scrypt: about a tenth of a second). */
  wrap(passphrase: string): Promise<WrappedKey>
  /** The keys made at setup, for the first write of the clinic file; null after it. */
  setup(): ClinicKeys | null
  /** The clinic's id, bound into everything sealed or signed. */
  clinicId(): string
  /** An HMAC for `purpose` under a key derived from the data key (a backup's manifest). */
  sign(purpose: string, text: string): string
  /** Whether `mac` is the HMAC `sign` gives for `text`. */
  verify(purpose: string, text: string, mac: string): boolean
  /** Whether bytes from the data folder open under the data key as the file `path` holds. */
  opens(path: string, bytes: Uint8Array): boolean
}

/** What every service call gets: the records, the clock, an id maker, and who is asking. */
export interface ServiceContext {
  registry: VersionedDocument<Registry>
  now: () => number
  newId: () => string
  actor: StoredStaff | null
  /** Each session's own file. */
  sessions: SessionFiles
  curriculum: CurriculumLibrary
  /** Every measure recorded (PHQ-9, GAD-7, craving ratings). */
  measures: VersionedDocument<MeasuresFile>
  /** Who did what and when; read by administrators. */
  accessLog: AccessLog
  /** Null for a clinic kept in clear (from before encryption), and in tests of the services. */
  keys?: StaffKeys | null
  /**
   * The staff member whose passphrase this very request has already proven (it unwrapped
   * their copy of the data key to open the records), so signing in does not run scrypt again.
   */
  passphraseProvenFor?: string | null
}

export function isoNow(ctx: Pick<ServiceContext, 'now'>): string {
  return new Date(ctx.now()).toISOString()
}

export function toStaff(stored: StoredStaff): Staff {
  const {
    passphrase: _hidden,
    wrapped: _wrapped,
    ...staff
  } = stored as StoredStaff & { wrapped?: unknown }
  void _hidden
  void _wrapped
  return staff
}
