import type { SessionHours } from '../domain/session'
import type { SessionRecord } from '../domain/session'
import { attendanceFigures, type AttendanceSettings } from './countable'

/**
 * The name of a set of attendance rules: figures kept under one name are
 * worked out again when the clinic's rules (late after, wrap-up, daily
 * minimum) have changed since.
 */
export function hoursRules(settings: AttendanceSettings): string {
  return `min${settings.dailyMinimumMinutes}-late${settings.lateAfterMinutes}-wrap${settings.wrapUpMinutes}`
}

/**
 * What each person on an ended session's list counted for: the same figures
 * as the attendance report's row for them (whole countable minutes, late
 * arrival, left early). Kept in the registry's line for the session, so the
 * weekly-hours report adds up weeks without opening session files.
 */
export function sessionHours(
  record: SessionRecord,
  now: number,
  settings: AttendanceSettings
): SessionHours {
  const figures = attendanceFigures(record, record.attendance, now, settings)
  const people: SessionHours['people'] = {}
  for (const [i, a] of record.attendance.entries()) {
    const f = figures[i]!
    people[a.participantId] =
      a.status === 'present'
        ? {
            minutes: f.countableMinutes,
            ...(f.late ? { late: true as const } : {}),
            ...(f.leftEarly ? { leftEarly: true as const } : {})
          }
        : { minutes: null }
  }
  return { rules: hoursRules(settings), people }
}
