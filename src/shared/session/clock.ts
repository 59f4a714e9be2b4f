import type { SessionEvent } from '../domain/session'

/**
 * Clock-jump correction. A session's times are wall-clock readings; when the
 * computer's clock is moved (by hand, by a bad sync) the readings after the
 * move are off by the jump. Subtracting every earlier jump turns a reading into
 * "effective" time, on which differences are real elapsed time. All timing
 * arithmetic is done on effective times.
 */

export interface ClockJump {
  /** The wall-clock reading just after the jump. */
  at: number
  /** How far the clock moved; positive is forward. */
  byMs: number
}

/**
 * Epoch ms of an ISO timestamp. The log's timestamps are validated when
 * written. The screen replays the whole log every frame and `Date.parse` was
 * most of that cost, so the form `toISOString` writes
 * (2026-11-23T14:00:00.000Z) is read digit by digit; any other form falls back.
 */
export function parseTime(iso: string): number {
  if (iso.length !== 24 || !canonicalShape(iso)) return Date.parse(iso)
  const year = digits(iso, 0, 4)
  const month = digits(iso, 5, 2)
  const day = digits(iso, 8, 2)
  const hour = digits(iso, 11, 2)
  const minute = digits(iso, 14, 2)
  const second = digits(iso, 17, 2)
  const ms = digits(iso, 20, 3)
  const valid =
    year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
  if (!valid || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return Date.parse(iso)
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms
  )
}

/** Whether the separators sit where `toISOString` puts them: 2026-11-23T14:00:00.000Z. */
function canonicalShape(iso: string): boolean {
  return (
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58 &&
    iso.charCodeAt(19) === 46 &&
    iso.charCodeAt(23) === 90
  )
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), cheaper than `Date.UTC`. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** The number written in `length` ASCII digits from `from`, or −1 if one is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0
  for (let i = from; i < from + length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

export function clockJumps(events: ReadonlyArray<SessionEvent>): ClockJump[] {
  const jumps: ClockJump[] = []
  for (const event of events) {
    if (event.type === 'clock_jumped') jumps.push({ at: parseTime(event.at), byMs: event.byMs })
  }
  return jumps
}

/** The sum of the jumps a wall-clock reading `t` lies after. */
export function clockOffset(jumps: ReadonlyArray<ClockJump>, t: number): number {
  let offset = 0
  for (const jump of jumps) if (jump.at <= t) offset += jump.byMs
  return offset
}

/**
 * `t` with the jumps before it removed. For a reading taken after the last
 * jump (such as `now`) this is exact. A reading taken shortly before a
 * backward jump can repeat a later one; it is read as after the jump, which is
 * why the log's own events are corrected by their order in the log instead.
 */
export function effectiveTime(events: ReadonlyArray<SessionEvent>, t: number): number {
  return t - clockOffset(clockJumps(events), t)
}

/** A converter for many readings against the same log, scanning the log once. */
export function effectiveClock(events: ReadonlyArray<SessionEvent>): (t: number) => number {
  const jumps = clockJumps(events)
  return (t) => t - clockOffset(jumps, t)
}

/** The sum of every jump in a log: a reading taken now lies after all of them. */
export function loggedJumpsMs(jumps: ReadonlyArray<ClockJump>): number {
  let total = 0
  for (const jump of jumps) total += jump.byMs
  return total
}

/** A wall clock that moves this much more (or less) than real time between two readings has jumped. */
export const JUMP_THRESHOLD_MS = 2_000

/**
 * Finds wall-clock jumps by comparing the wall clock with a monotonic one
 * (which no one can set) between successive readings. After the computer
 * sleeps, the monotonic clock stood still while real time passed: `resumed()`
 * says so, and that gap is not a jump.
 */
export class ClockJumpDetector {
  private last: { wall: number; mono: number } | null = null

  constructor(private readonly thresholdMs = JUMP_THRESHOLD_MS) {}

  resumed(): void {
    this.last = null
  }

  /** How far the wall clock jumped since the previous reading, or 0. */
  observe(wall: number, mono: number): number {
    const previous = this.last
    this.last = { wall, mono }
    if (!previous) return 0
    const driftMs = wall - previous.wall - (mono - previous.mono)
    return Math.abs(driftMs) > this.thresholdMs ? driftMs : 0
  }
}

/**
 * "Now" for a screen that shows a session's timers, read on the clock the
 * session's log is written against. The log removes every jump it records;
 * a jump the main process has not logged yet (it checks once a second) must
 * not show meanwhile, so while the wall clock disagrees with the monotonic
 * one this keeps to the monotonic clock, and takes up the wall clock again
 * once the log has recorded the jump (its count of jumps changes), once the
 * computer says it woke from sleep, or after `graceMs` with nothing logged (a
 * jump no session was running for).
 */
export class SessionNow {
  private anchor: { wall: number; mono: number } | null = null
  private jumpsLogged = 0

  constructor(
    private readonly wall: () => number,
    private readonly mono: () => number,
    private readonly thresholdMs = JUMP_THRESHOLD_MS,
    private readonly graceMs = 5_000
  ) {}

  resumed(): void {
    this.anchor = null
  }

  /** `jumpsLogged`: how many clock jumps the session's log holds. */
  read(jumpsLogged: number): number {
    const wall = this.wall()
    const mono = this.mono()
    const anchor = this.anchor
    if (!anchor || jumpsLogged !== this.jumpsLogged) return this.reanchor(wall, mono, jumpsLogged)
    const expected = anchor.wall + (mono - anchor.mono)
    if (Math.abs(wall - expected) <= this.thresholdMs || mono - anchor.mono > this.graceMs) {
      return this.reanchor(wall, mono, jumpsLogged)
    }
    return expected
  }

  private reanchor(wall: number, mono: number, jumpsLogged: number): number {
    this.anchor = { wall, mono }
    this.jumpsLogged = jumpsLogged
    return wall
  }
}
