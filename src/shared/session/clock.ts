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
