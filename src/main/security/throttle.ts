/**
 * Wrong passphrases slow down further tries for the same staff member: the
 * first few are free (typing mistakes happen), then each one doubles the
 * wait, up to five minutes. A right passphrase clears the count. Kept in
 * memory: the point is to make guessing slow, and every failure is also in
 * the access log.
 */
export const FREE_ATTEMPTS = 3
export const FIRST_WAIT_MS = 5_000
export const LONGEST_WAIT_MS = 5 * 60_000

export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; lastAt: number }>()

  constructor(private readonly now: () => number) {}

  /** How long the next try for this staff member must wait, in ms; 0 when it may go ahead. */
  waitMs(staffId: string): number {
    const record = this.failures.get(staffId)
    if (!record || record.count < FREE_ATTEMPTS) return 0
    const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (record.count - FREE_ATTEMPTS))
    return Math.max(0, record.lastAt + wait - this.now())
  }

  failed(staffId: string): number {
    const record = this.failures.get(staffId) ?? { count: 0, lastAt: 0 }
    const next = { count: record.count + 1, lastAt: this.now() }
    this.failures.set(staffId, next)
    return next.count
  }

  succeeded(staffId: string): void {
    this.failures.delete(staffId)
  }
}

/** "Try again in 40 seconds" / "in 2 minutes": whole units, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
}

/** The recovery key's own count (it belongs to nobody): its own throttle, so no staff id can touch it. */
export const RECOVERY_KEY = 'recovery key'

export function tooManyRecoveryKeys(waitMs: number): string {
  return `Too many wrong recovery keys. Try again in ${waitText(waitMs)}.`
}
