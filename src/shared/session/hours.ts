import type { SessionFigures, SessionRecord } from '../domain/session'
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
): SessionFigures {
  const figures = attendanceFigures(record, record.attendance, now, settings)
  const minutes: SessionFigures['minutes'] = {}
  const late: string[] = []
  const leftEarly: string[] = []
  for (const [i, a] of record.attendance.entries()) {
    const f = figures[i]!
    const present = a.status === 'present'
    minutes[a.participantId] = present ? f.countableMinutes : null
    if (present && f.late) late.push(a.participantId)
    if (present && f.leftEarly) leftEarly.push(a.participantId)
  }
  return {
    rules: hoursRules(settings),
    minutes,
    ...(late.length ? { late } : {}),
    ...(leftEarly.length ? { leftEarly } : {})
  }
}
