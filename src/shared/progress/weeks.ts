import { clinicDate } from '../rules/dates'

/**
 * Countable hours per week, as payers count IOP weeks: Monday to Sunday on the
 * clinic's calendar, each session counted on the date it was held (its date of
 * service), with the whole minutes the attendance report shows for that day.
 */

const DAY_MS = 86_400_000

export interface WeekHours {
  /** The Monday (YYYY-MM-DD) the week starts on. */
  weekStart: string
  /** Countable minutes in the week, rounded down once, after adding everything up. */
  minutes: number
  /** Null when no weekly requirement applies. */
  meetsRequirement: boolean | null
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
export function mondayOf(date: string): string {
  const day = dayNumber(date)
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  const weekday = (((day + 3) % 7) + 7) % 7
  return dateOfDayNumber(day - weekday)
}

/** The Monday (YYYY-MM-DD) of the clinic-local week holding an instant. */
export function weekStartOf(instantMs: number, timeZone: string): string {
  return mondayOf(clinicDate(instantMs, timeZone))
}

function weekStarts(first: string, last: string): string[] {
  const starts: string[] = []
  for (let week = first; week <= last; week = addDays(week, 7)) starts.push(week)
  return starts
}

/** One session's countable minutes, on the calendar date it was held. */
export interface DayMinutes {
  /** The session's date (YYYY-MM-DD), on the clinic's calendar. */
  date: string
  /** Whole countable minutes, exactly as the attendance report shows them. */
  minutes: number
}

/**
 * Every week from the week holding `from` to the week holding `to` (calendar
 * dates, both included), oldest first, with its countable minutes — weeks with
 * no session included, at 0, unless `emptyWeeks` is false. A week's minutes are the sum of its sessions'
 * whole minutes, each counted on the session's date, so the weekly figure is
 * exactly what a reviewer gets adding up the attendance report's rows.
 * Sessions outside those weeks are ignored. A week meets the requirement when
 * its minutes reach the required hours (exactly the requirement counts); with
 * no requirement (null: a group billed per session) every week shows null.
 */
export function weeklyHours(input: {
  days: ReadonlyArray<DayMinutes>
  from: string
  to: string
  requiredHours: number | null
  /**
   * False: only the weeks with at least one session attended are built (a
   * report's rows). True, the default: every week, empty ones at 0 (a chart).
   */
  emptyWeeks?: boolean
}): WeekHours[] {
  const { days, from, to, requiredHours } = input
  const emptyWeeks = input.emptyWeeks ?? true
  const byWeek = new Map<string, number>()
  for (const day of days) {
    const week = mondayOf(day.date)
    byWeek.set(week, (byWeek.get(week) ?? 0) + day.minutes)
  }
  // Rounded up so a fractional requirement (7.25 h) is never met a minute short.
  const requiredMinutes = requiredHours === null ? null : Math.ceil(requiredHours * 60 - 1e-9)
  const weeks: WeekHours[] = []
  const first = mondayOf(from)
  const last = mondayOf(to)
  const starts = emptyWeeks
    ? weekStarts(first, last)
    : [...byWeek.keys()].filter((week) => week >= first && week <= last).sort()
  for (const week of starts) {
    const minutes = byWeek.get(week) ?? 0
    weeks.push({
      weekStart: week,
      minutes,
      meetsRequirement: requiredMinutes === null ? null : minutes >= requiredMinutes
    })
  }
  return weeks
}
