import type { SegmentInput, SegmentKind } from '../domain/session'

/**
 * The usual three-hour day (see DOMAIN.md): 180 minutes, of which the break's
 * 15 do not count toward billable time. Programs save their own per group.
 */
const DEFAULTS: Array<[SegmentKind, string, number, boolean]> = [
  ['arrival', 'Arrival, sign-in and brief measures', 10, true],
  ['check_in', 'Check-in round', 30, true],
  ['educational', 'Educational segment', 45, true],
  ['break', 'Break', 15, false],
  ['skills', 'Skills training', 45, true],
  ['discussion', 'Open group discussion', 25, true],
  ['check_out', 'Check-out', 10, true]
]

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
