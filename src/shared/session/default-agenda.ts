import type { SegmentInput, SegmentKind } from '../domain/session'

/**
 * The usual day (see DOMAIN.md) with three full countable hours: 195 minutes,
 * of which the break's 15 do not count toward billable time. Three such days
 * make the 9 countable hours a week of adult IOP, and each one reaches the
 * default daily minimum of 180 minutes, so a participant who attends the whole
 * default plan is never short (tests/unit/reports/track-defaults.test.ts).
 * Programs save their own agenda per group.
 */
const DEFAULTS: Array<[SegmentKind, string, number, boolean]> = [
  ['arrival', 'Arrival, sign-in and brief measures', 10, true],
  ['check_in', 'Check-in round', 30, true],
  ['educational', 'Educational segment', 50, true],
  ['break', 'Break', 15, false],
  ['skills', 'Skills training', 50, true],
  ['discussion', 'Open group discussion', 30, true],
  ['check_out', 'Check-out', 10, true]
]

/** Countable minutes of an agenda as planned (breaks and anything else not countable left out). */
export function agendaCountableMinutes(
  segments: ReadonlyArray<{ plannedMinutes: number; countable: boolean }>
): number {
  return segments.reduce((sum, s) => sum + (s.countable ? s.plannedMinutes : 0), 0)
}

export function defaultAgenda(): SegmentInput[] {
  return DEFAULTS.map(([kind, title, plannedMinutes, countable]) => ({
    id: kind.replace('_', '-'),
    kind,
    title,
    plannedMinutes,
    countable,
    moduleId: null
  }))
}

export function agendaMinutes(segments: ReadonlyArray<{ plannedMinutes: number }>): number {
  return segments.reduce((sum, s) => sum + s.plannedMinutes, 0)
}
