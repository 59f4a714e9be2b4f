import { ATTENDANCE_STATUS_LABELS, type SegmentKind } from '../domain/session'
import { attendanceText } from '../rules/requirements'
import { attendanceFigures, replayCountable, totalMs, type AttendanceSettings } from './countable'
import { stateFromReplay } from './state'
import type { AttendanceRecord, SessionLog, TimingOptions } from './types'

export interface SegmentSummaryRow {
  segmentId: string
  title: string
  kind: SegmentKind
  plannedMinutes: number
  budgetMs: number
  actualMs: number
  skipped: boolean
  /** Distinct slide indexes shown, in the order first shown. */
  slidesShown: number[]
}

export interface SessionSummary {
  /** In the agenda's final order. */
  segments: SegmentSummaryRow[]
  totals: {
    plannedMs: number
    actualMs: number
    /** Running time in countable segments (the group's, before any one person's attendance). */
    countableMs: number
    pausedMs: number
    /** Real time from start to end (or to now), pauses included. */
    elapsedMs: number
    startedAt: number | null
    endedAt: number | null
  }
}

/** What the end-of-session screen shows: plan against what happened, segment by segment. */
export function segmentSummary(
  log: SessionLog,
  now: number,
  options: TimingOptions
): SessionSummary {
  const { replay, intervals } = replayCountable(log, now)
  const state = stateFromReplay(log, replay, options)
  const planned = new Map(log.segments.map((s) => [s.id, s.plannedMinutes]))
  const segments = state.segments.map((s): SegmentSummaryRow => ({
    segmentId: s.segmentId,
    title: s.title,
    kind: s.kind,
    plannedMinutes: planned.get(s.segmentId) ?? 0,
    budgetMs: s.budgetMs,
    actualMs: s.actualMs,
    skipped: s.status === 'skipped',
    slidesShown: [...(state.slidesShown[s.segmentId] ?? [])]
  }))
  return {
    segments,
    totals: {
      plannedMs: state.segments.reduce((sum, s) => sum + s.plannedMs, 0),
      actualMs: state.segments.reduce((sum, s) => sum + s.actualMs, 0),
      countableMs: totalMs(intervals),
      pausedMs: state.pausedMs,
      elapsedMs: state.elapsedMs,
      startedAt: state.startedAt,
      endedAt: state.endedAt
    }
  }
}

export interface AttendanceSummaryRow {
  participantId: string
  walkIn: boolean
  present: boolean
  /** "Present", "Present, late arrival", "Absent (excused)"… */
  statusText: string
  timeIn: string | null
  timeOut: string | null
  /** Null for anyone not present. */
  countableMinutes: number | null
  /** Present, and short of the group's daily minimum (never with no minimum). */
  belowMinimum: boolean
}

/**
 * The summary's attendance table, one row per person on the list: every
 * figure from `attendanceFigures`, as the note, the printout and the reports
 * show it. `dailyMinimumMinutes` is the group's (null when billed per session).
 */
export function attendanceSummary(
  log: SessionLog,
  attendance: ReadonlyArray<AttendanceRecord>,
  now: number,
  settings: Omit<AttendanceSettings, 'dailyMinimumMinutes'> & {
    dailyMinimumMinutes: number | null
  }
): AttendanceSummaryRow[] {
  const minimum = settings.dailyMinimumMinutes
  const figures = attendanceFigures(log, attendance, now, {
    ...settings,
    dailyMinimumMinutes: minimum ?? 0
  })
  return attendance.map((a, i) => {
    const f = figures[i]!
    const present = a.status === 'present'
    return {
      participantId: a.participantId,
      walkIn: a.walkIn,
      present,
      statusText: attendanceText(ATTENDANCE_STATUS_LABELS[a.status], f),
      timeIn: f.timeIn,
      timeOut: f.timeOut,
      countableMinutes: present ? f.countableMinutes : null,
      belowMinimum: present && minimum !== null && f.countableMinutes < minimum
    }
  })
}
