/**
 * Errors are values at every boundary: a channel answers either a value or an
 * error with a code the program can branch on and a message a person can read.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_signed_in',
  'forbidden',
  'not_found',
  'conflict',
  'note_locked',
  'stale_draft',
  'wrong_passphrase',
  'too_many_attempts',
  'locked',
  'unreadable_file',
  /** An export needs a password under the clinic's rule: ask for one and try again. */
  'password_required',
  'staff_disabled',
  'setup_required',
  'already_set_up',
  'storage_failed',
  'internal'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

/** Thrown inside services; turned into a `Result` at the channel boundary. */
export class RuleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'RuleError'
  }
}
