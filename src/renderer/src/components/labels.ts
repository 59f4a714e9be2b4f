import { TRACK_LABELS, type Track } from '../../../shared/domain/common'
import { WEEKDAY_LABELS, type Weekday } from '../../../shared/domain/group'

export function trackLabel(track: Track): string {
  return TRACK_LABELS[track]
}

export function meetingLabel(days: readonly Weekday[], startTime: string): string {
  const names = days.map((d) => WEEKDAY_LABELS[d].slice(0, 3)).join(', ')
  return `${names} at ${startTime}`
}

export function options<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}
