import type { AttendanceRecord, ProjectorMode, SegmentKind, SessionEvent } from '../domain/session'

/**
 * What the pure session functions read: the agenda and the log. A
 * `SessionRecord` satisfies it; so does the audience view, which carries no
 * attendance or observations.
 */
export interface SessionLog {
  segments: ReadonlyArray<{
    id: string
    kind: SegmentKind
    title: string
    plannedMinutes: number
    countable: boolean
    module: { slides: ReadonlyArray<{ minutes: number | null }> } | null
  }>
  events: ReadonlyArray<SessionEvent>
}

export interface TimingOptions {
  /** Minutes left at which a segment enters its wrap-up phase. */
  wrapUpMinutes: number
}

export type SegmentStatus = 'upcoming' | 'current' | 'done' | 'skipped'

export interface SegmentState {
  segmentId: string
  kind: SegmentKind
  title: string
  countable: boolean
  /** As planned, before any change made while running. */
  plannedMs: number
  /** Planned plus every +/− adjustment and accepted rebalance; never below 0. */
  budgetMs: number
  /** Running time spent while this was the current segment (pauses excluded). */
  actualMs: number
  /** budgetMs − actualMs; negative when the segment is over its budget. */
  remainingMs: number
  status: SegmentStatus
  /** Whether the segment has ever been the current one. */
  visited: boolean
}

/** on_time → wrap_up (default 5 minutes left) → overtime (counting up). */
export type Phase = 'not_started' | 'on_time' | 'wrap_up' | 'overtime' | 'paused' | 'ended'

export interface SessionState {
  status: 'planned' | 'running' | 'paused' | 'ended'
  /** Wall-clock ms of the first `started` event, or null before it. */
  startedAt: number | null
  endedAt: number | null
  /** The agenda in its current order (after any reorder). */
  segments: SegmentState[]
  /** Index into `segments` of the current segment; null before start and after the end. */
  currentIndex: number | null
  current: SegmentState | null
  /** The phase of the current segment; `paused` while paused (the underlying phase is in `segmentPhase`). */
  phase: Phase
  segmentPhase: Phase
  /** How far the current segment is over its budget (0 when not over). */
  overtimeMs: number
  /** Real time since the start, pauses included, clock jumps removed. */
  elapsedMs: number
  pausedMs: number
  /** What is left of the current segment and every later one that is not skipped. */
  remainingMs: number
  /** Start plus the whole original plan. */
  plannedEndAt: number | null
  /** Now plus what is left (the end itself once ended). */
  projectedEndAt: number | null
  /** projectedEndAt − plannedEndAt; positive when running late. */
  overrunMs: number
  /** The slide each segment last showed (segment id → slide index). */
  currentSlide: Record<string, number>
  /** Distinct slide indexes each segment showed, in the order first shown. */
  slidesShown: Record<string, number[]>
  projectorMode: ProjectorMode
  clockJumps: Array<{ at: number; byMs: number }>
  reopenings: Array<{ at: number; closedMs: number }>
  /** The overrun the facilitator last declined to rebalance, if any. */
  declinedOverrunMs: number | null
}

export interface RebalanceProposal {
  /** The overrun the proposal answers. */
  overrunMs: number
  /** Negative deltas (whole minutes) for segments still to come. */
  changes: Array<{ segmentId: string; deltaMs: number }>
  /** How much of the overrun the proposal recovers. */
  recoveredMs: number
  /** What cannot be recovered without going below the minimum. */
  shortfallMs: number
}

export type PacingStatus = 'ahead' | 'on_track' | 'behind'

export interface SlidePacing {
  /** This slide's share of the segment's budget. */
  slideBudgetMs: number
  /** Time left for this slide against the segment's budget; negative when behind. */
  timeLeftMs: number
  status: PacingStatus
}

export interface AttendanceFigures {
  participantId: string
  /**
   * When they came in: the time recorded, or the session's start for someone
   * marked present without one. Null for anyone not present, or before the start.
   */
  timeIn: string | null
  /**
   * When they left: the time recorded, or the session's end for anyone still
   * present at the close. Null for anyone not present, or while they are still in the room.
   */
  timeOut: string | null
  countableMs: number
  /**
   * Whole countable minutes (rounded down once, here): the one figure the
   * summary, the note, the printout, the reports and the CSV all show.
   */
  countableMinutes: number
  /** Countable time if they stay until the end of what is planned. */
  projectedCountableMs: number
  late: boolean
  leftEarly: boolean
  /** Would fall short of the daily minimum even staying to the end (or has left short). */
  fallsShort: boolean
}

export type { AttendanceRecord }
