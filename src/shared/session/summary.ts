import type { SegmentKind } from '../domain/session'
import { replayCountable, totalMs } from './countable'
import { stateFromReplay } from './state'
import type { SessionLog, TimingOptions } from './types'

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
