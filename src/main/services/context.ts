import type { StoredStaff, Staff } from '../../shared/domain/staff'
import type { VersionedDocument } from '../store/versioned-document'
import type { Registry } from '../store/registry'
import type { SessionFiles } from '../store/session-files'
import type { CurriculumLibrary } from './curriculum'
import type { MeasuresFile } from '../store/measures'
import type { AccessLog } from '../store/access-log'

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
}

export function isoNow(ctx: Pick<ServiceContext, 'now'>): string {
  return new Date(ctx.now()).toISOString()
}

export function toStaff(stored: StoredStaff): Staff {
  const { passphrase: _hidden, ...staff } = stored
  void _hidden
  return staff
}
