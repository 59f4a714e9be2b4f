import { clockOffset, parseTime } from './clock'
import { MINUTE_MS, replaySession, stateFromReplay, type Replay } from './state'
import type { AttendanceFigures, AttendanceRecord, SessionLog, SessionState } from './types'

/**
 * Countable (billable) minutes: the time a countable segment was running,
 * never a break, never a pause, and for each participant only while they were
 * in the room. Walk-ins count like anyone else.
 *
 * `attendanceFigures` is the one source of each participant's time in, time
 * out, late arrival, leaving early and countable minutes: the session summary,
 * the note editor, the printed note, the progress page, every report and its
 * CSV read them from here and compute none of their own.
 */

export interface Interval {
  /** Effective time (clock jumps removed), epoch ms. */
  from: number
  to: number
}

export interface AttendanceSettings {
  dailyMinimumMinutes: number
  lateAfterMinutes: number
  wrapUpMinutes: number
}

/** One replay of the log giving both the timing and the countable stretches. */
export function replayCountable(
  log: SessionLog,
  now: number
): { replay: Replay; intervals: Interval[] } {
  const intervals: Interval[] = []
  const replay = replaySession(log, now, (i, from, to) => {
    if (!log.segments[i]!.countable) return
    const last = intervals[intervals.length - 1]
    // Two countable segments back to back make one stretch.
    if (last && last.to === from) last.to = to
    else intervals.push({ from, to })
  })
  return { replay, intervals }
}

/** When a countable segment was current and the group was not paused; the open stretch ends at now. */
export function countableIntervals(log: SessionLog, now: number): Interval[] {
  return replayCountable(log, now).intervals
}

export function totalMs(intervals: ReadonlyArray<Interval>): number {
  return intervals.reduce((sum, i) => sum + (i.to - i.from), 0)
}

/** The plan's own countable time: if it is below the daily minimum, nobody can reach it. */
export function plannedCountableMs(log: SessionLog): number {
  return log.segments.reduce((sum, s) => sum + (s.countable ? s.plannedMinutes * MINUTE_MS : 0), 0)
}

function overlapMs(intervals: ReadonlyArray<Interval>, from: number, to: number): number {
  let sum = 0
  for (const i of intervals) {
    if (i.from >= to) break
    sum += Math.max(0, Math.min(i.to, to) - Math.max(i.from, from))
  }
  return sum
}

/** Countable time still to come for someone who stays to the end. */
function countableToComeMs(state: SessionState): number {
  if (state.status === 'ended') return 0
  const from = state.status === 'planned' ? 0 : (state.currentIndex ?? 0)
  let sum = 0
  for (const s of state.segments.slice(from)) {
    if (s.countable && s.status !== 'skipped') sum += Math.max(0, s.remainingMs)
  }
  return sum
}

/**
 * One entry per attendance record, in the same order, so the UI can index by
 * participant. Anyone not marked present (absent, or not marked yet) gets
 * zeros and no flags. A present record without a time in counts from the start.
 */
export function attendanceFigures(
  log: SessionLog,
  attendance: ReadonlyArray<AttendanceRecord>,
  now: number,
  settings: AttendanceSettings
): AttendanceFigures[] {
  const { replay, intervals } = replayCountable(log, now)
  const state = stateFromReplay(log, replay, { wrapUpMinutes: settings.wrapUpMinutes })
  const effective = (iso: string) => {
    const t = parseTime(iso)
    return t - clockOffset(replay.clockJumps, t)
  }
  const startEff = replay.started?.eff ?? null
  // The end someone leaving is measured against: the real one, or else the projected one.
  const endEff = replay.ended
    ? replay.ended.eff
    : startEff === null
      ? null
      : replay.nowEff + state.remainingMs
  const startIso = replay.started ? new Date(replay.started.wall).toISOString() : null
  const endIso = replay.ended ? new Date(replay.ended.wall).toISOString() : null
  const toComeMs = countableToComeMs(state)
  const minimumMs = settings.dailyMinimumMinutes * MINUTE_MS
  const lateMs = settings.lateAfterMinutes * MINUTE_MS

  return attendance.map((record): AttendanceFigures => {
    if (record.status !== 'present') {
      return {
        participantId: record.participantId,
        timeIn: null,
        timeOut: null,
        countableMs: 0,
        countableMinutes: 0,
        projectedCountableMs: 0,
        late: false,
        leftEarly: false,
        fallsShort: false
      }
    }
    const timeIn = record.timeIn === null ? null : effective(record.timeIn)
    const timeOut = record.timeOut === null ? null : effective(record.timeOut)
    const countableMs = overlapMs(intervals, timeIn ?? -Infinity, timeOut ?? Infinity)
    const projectedCountableMs = countableMs + (timeOut === null ? toComeMs : 0)
    return {
      participantId: record.participantId,
      timeIn: record.timeIn ?? startIso,
      // Anyone still in the room at the close leaves when the session ends.
      timeOut: record.timeOut ?? endIso,
      countableMs,
      countableMinutes: Math.floor(countableMs / MINUTE_MS),
      projectedCountableMs,
      late: startEff !== null && timeIn !== null && timeIn > startEff + lateMs,
      leftEarly: timeOut !== null && (endEff === null || timeOut < endEff - MINUTE_MS),
      fallsShort: projectedCountableMs < minimumMs
    }
  })
}
