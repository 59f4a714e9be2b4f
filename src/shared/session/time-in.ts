import { clinicDate } from '../rules/dates'

/**
 * A time in belongs to the session's own day on the clinic's calendar. An
 * arrival on another day (a walk-in registered at a session still open from
 * an earlier day, a correction with the wrong date) would count minutes the
 * person could not have spent in that group. One rule for every time in: a
 * participant marked present or corrected, a walk-in added or registered.
 */
export function timeInProblem(
  timeInMs: number,
  session: { date: string },
  timeZone: string
): string | null {
  const day = clinicDate(timeInMs, timeZone)
  if (day === session.date) return null
  return day > session.date
    ? `The arrival time is on ${day}, after the day of this session (${session.date}). Record the arrival at a session held on ${day}.`
    : `The arrival time is on ${day}, before the day of this session (${session.date}).`
}
