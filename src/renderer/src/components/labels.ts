import { TRACK_LABELS, type Track } from '../../../shared/domain/common'
import { WEEKDAY_LABELS, type Weekday } from '../../../shared/domain/group'
import { wallClockTime, type TimeFormat } from '../../../shared/rules/dates'

export function trackLabel(track: Track): string {
  return TRACK_LABELS[track]
}

/** "Mon, Wed at 17:30" (or "at 5:30 PM"): the days and start time, as the clinic writes times. */
export function meetingLabel(
  days: readonly Weekday[],
  startTime: string,
  timeFormat: TimeFormat
): string {
  const names = days.map((d) => WEEKDAY_LABELS[d].slice(0, 3)).join(', ')
  return `${names} at ${wallClockTime(startTime, timeFormat)}`
}

export function options<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}
