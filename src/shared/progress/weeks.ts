import { clinicDate, zonedTimeToInstant } from '../rules/dates'

/**
 * Countable hours per week, as payers count IOP weeks: a week is the clinic's
 * local Monday 00:00 up to the next Monday 00:00. Boundaries are found on the
 * clinic's wall clock, never by adding 7 × 24 hours, so the week a
 * daylight-saving change falls in is 167 or 169 hours long and the next week
 * still starts at local midnight.
 */

const DAY_MS = 86_400_000

export interface TimeInterval {
  /** Epoch ms. */
  from: number
  to: number
}

export interface WeekHours {
  /** The Monday (YYYY-MM-DD) the week starts on. */
  weekStart: string
  /** Countable minutes in the week, rounded down once, after adding everything up. */
  minutes: number
  meetsRequirement: boolean
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days)
}

/** The Monday on or before a calendar date (YYYY-MM-DD). */
function mondayOf(date: string): string {
  const day = dayNumber(date)
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  const weekday = (((day + 3) % 7) + 7) % 7
  return dateOfDayNumber(day - weekday)
}

/** The Monday (YYYY-MM-DD) of the clinic-local week holding an instant. */
export function weekStartOf(instantMs: number, timeZone: string): string {
  return mondayOf(clinicDate(instantMs, timeZone))
}

/** The instant of local midnight starting a day on the clinic's clock. */
function localMidnight(date: string, timeZone: string): number {
  return zonedTimeToInstant(date, '00:00', timeZone)
}

/**
 * Countable ms per clinic-local week, keyed by the week's Monday. An interval
 * that runs past Sunday midnight (a late group, a session left running) is
 * split at the boundary. Empty or reversed intervals, and ones with a
 * non-finite end, count nothing. Only weeks with some time appear.
 */
export function splitByWeek(
  intervals: ReadonlyArray<TimeInterval>,
  timeZone: string
): Map<string, number> {
  const byWeek = new Map<string, number>()
  for (const { from, to } of intervals) {
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) continue
    let week = weekStartOf(from, timeZone)
    let cursor = from
    while (cursor < to) {
      const next = addDays(week, 7)
      const boundary = localMidnight(next, timeZone)
      const end = Math.min(to, boundary)
      if (end > cursor) byWeek.set(week, (byWeek.get(week) ?? 0) + (end - cursor))
      cursor = Math.max(cursor, boundary)
      week = next
    }
  }
  return byWeek
}

/**
 * Every week from the week holding `from` to the week holding `to` (calendar
 * dates, both included), oldest first, with its countable minutes — weeks with
 * no session included, at 0. Time outside those weeks is ignored. A week meets
 * the requirement when its whole minutes reach the required hours, so the
 * figure shown and the flag never disagree; exactly the requirement counts.
 * (A requirement of 0 hours is met by every week, empty ones included.)
 */
export function weeklyHours(input: {
  intervals: ReadonlyArray<TimeInterval>
  timeZone: string
  from: string
  to: string
  requiredHours: number
}): WeekHours[] {
  const { intervals, timeZone, from, to, requiredHours } = input
  const byWeek = splitByWeek(intervals, timeZone)
  // Rounded up so a fractional requirement (7.25 h) is never met a few seconds short.
  const requiredMinutes = Math.ceil(requiredHours * 60 - 1e-9)
  const weeks: WeekHours[] = []
  const last = mondayOf(to)
  for (let week = mondayOf(from); week <= last; week = addDays(week, 7)) {
    const minutes = Math.floor((byWeek.get(week) ?? 0) / 60_000)
    weeks.push({ weekStart: week, minutes, meetsRequirement: minutes >= requiredMinutes })
  }
  return weeks
}
