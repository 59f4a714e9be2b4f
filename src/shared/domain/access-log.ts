import { z } from 'zod'
import { Id, IsoDate, Timestamp } from './common'

/**
 * The access log: who did what to which record, and when. It is an audit
 * trail, not a copy of the records: an entry names its subject ("participant
 * C-101", "report attendance 2026-11-01..2026-11-30") and never holds note
 * text, answers to measures or any other clinical content — the log is kept
 * longer and shown more widely than the records it points at. Callers build
 * `subject` and `detail` from identifiers, dates and counts only.
 */

export const ACCESS_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'lock',
  'unlock',
  'open_participant',
  'open_progress',
  'create',
  'update',
  'sign_note',
  'cosign_note',
  'addendum',
  'export',
  'print',
  'backup',
  'restore',
  'settings_change',
  'passphrase_reset',
  'staff_change',
  'log_break',
  'disclose',
  'transfer_out',
  'transfer_in',
  'sync_change'
] as const

export const AccessAction = z.enum(ACCESS_ACTIONS, { error: 'Choose an action from the list' })
export type AccessAction = z.infer<typeof AccessAction>

export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  sign_out: 'Signed out',
  lock: 'Locked the screen',
  unlock: 'Unlocked the screen',
  open_participant: 'Opened a participant',
  open_progress: 'Opened progress',
  create: 'Created',
  update: 'Changed',
  sign_note: 'Signed a note',
  cosign_note: 'Co-signed a note',
  addendum: 'Added an addendum',
  export: 'Exported',
  print: 'Printed',
  backup: 'Made a backup',
  restore: 'Restored a backup',
  settings_change: 'Changed settings',
  passphrase_reset: 'Reset a passphrase',
  staff_change: 'Changed staff',
  log_break: 'Found the access log broken',
  disclose: 'Disclosed with consent',
  transfer_out: 'Made a transfer file',
  transfer_in: 'Imported a transfer file',
  sync_change: 'Changed sync'
}

export const ACCESS_SUBJECT_MAX = 200
export const ACCESS_DETAIL_MAX = 300
export const ACCESS_STAFF_NAME_MAX = 200

/** Lower-case hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a SHA-256 in hex')

/** The `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** What a caller supplies; the log adds seq, at, prev and hash. */
export const AccessEntryInput = z.strictObject({
  /** Null when nobody is signed in (a refused sign-in with an unknown name, a restore at start-up). */
  staffId: Id.nullable(),
  /** Who, as shown at the time; kept so the entry still reads right after a rename. */
  staffName: z
    .string({ error: 'Staff name must be text' })
    .max(
      ACCESS_STAFF_NAME_MAX,
      `Staff name is too long (${ACCESS_STAFF_NAME_MAX} characters at most)`
    ),
  action: AccessAction,
  /** What was touched, by identifier — never note text or clinical content. */
  subject: z
    .string({ error: 'Subject must be text' })
    .max(ACCESS_SUBJECT_MAX, `Subject is too long (${ACCESS_SUBJECT_MAX} characters at most)`),
  /** A short remark (which fields, how many rows); the same rule as `subject` applies. */
  detail: z
    .string({ error: 'Detail must be text' })
    .max(ACCESS_DETAIL_MAX, `Detail is too long (${ACCESS_DETAIL_MAX} characters at most)`)
})
export type AccessEntryInput = z.infer<typeof AccessEntryInput>

/**
 * One line of the log. Strict: a line with any other field (a `text`, a
 * `body`) is not an entry, so content cannot ride along unnoticed.
 *
 * `hash` is the SHA-256 of the entry's canonical line without `hash`; `prev`
 * is the previous entry's `hash` (so, the SHA-256 of the previous entry's
 * canonical line), or 64 zeros for the first entry.
 */
export const AccessEntry = z.strictObject({
  seq: z.number().int().min(1),
  at: Timestamp,
  staffId: AccessEntryInput.shape.staffId,
  staffName: AccessEntryInput.shape.staffName,
  action: AccessAction,
  subject: AccessEntryInput.shape.subject,
  detail: AccessEntryInput.shape.detail,
  prev: Sha256Hex,
  hash: Sha256Hex
})
export type AccessEntry = z.infer<typeof AccessEntry>

/**
 * What the access-log screen may ask for. `from` and `to` are calendar dates,
 * both inclusive, read in the clinic's time zone; `text` matches the subject,
 * the detail or the staff name, ignoring case.
 */
export const AccessLogFilter = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    staffId: Id.optional(),
    action: AccessAction.optional(),
    text: z
      .string({ error: 'Search text must be text' })
      .max(ACCESS_SUBJECT_MAX, 'Search text is too long')
      .optional()
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The start date is after the end date',
    path: ['to']
  })
export type AccessLogFilter = z.infer<typeof AccessLogFilter>

/**
 * The access logs of every computer of the clinic, merged by time: each entry says on which
 * computer it was written; each computer's chain is checked on its own.
 */
export const MergedAccessLogQuery = z.strictObject({
  filter: AccessLogFilter,
  /** One computer's entries only (its id); every computer's when absent. */
  computerId: z.string().max(100).optional()
})
export type MergedAccessLogQuery = z.infer<typeof MergedAccessLogQuery>

export const MergedAccessEntry = AccessEntry.extend({
  computerId: z.string(),
  computer: z.string()
})
export type MergedAccessEntry = z.infer<typeof MergedAccessEntry>

/** One computer's log as this computer holds it, and whether its chain holds. */
export const ComputerLog = z.object({
  computerId: z.string(),
  computer: z.string(),
  /** This computer's own log (the others' arrived by transfer file or the clinic server). */
  here: z.boolean(),
  entries: z.number().int(),
  intact: z.boolean(),
  problem: z.string().nullable()
})
export type ComputerLog = z.infer<typeof ComputerLog>

export type AccessLogVerdict =
  { intact: true } | { intact: false; firstBadSeq: number; reason: string }
