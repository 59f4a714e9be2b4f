/**
 * Builds session logs for the timer tests: the default three-hour agenda and
 * events stamped in minutes from a fixed start (14:00 UTC, 23 November 2026).
 */
import type { SessionEvent } from '../../../src/shared/domain/session'
import type { SessionLog } from '../../../src/shared/session'

export const START = Date.UTC(2026, 10, 23, 14, 0)
export const sec = (n: number) => n * 1_000
export const min = (n: number) => n * 60_000
/** Wall-clock ms `offsetMs` after the start. */
export const wall = (offsetMs: number) => START + offsetMs
export const iso = (offsetMs: number) => new Date(START + offsetMs).toISOString()

type Segments = SessionLog['segments']

/** arrival 10, check-in 30, educational 45, break 15 (not countable), skills 45, discussion 25, check-out 10. */
export function defaultAgenda(): Segments {
  const plan: Array<[Segments[number]['kind'], number, boolean]> = [
    ['arrival', 10, true],
    ['check_in', 30, true],
    ['educational', 45, true],
    ['break', 15, false],
    ['skills', 45, true],
    ['discussion', 25, true],
    ['check_out', 10, true]
  ]
  return plan.map(([kind, plannedMinutes, countable]) => ({
    id: kind.replace('_', '-'),
    kind,
    title: kind,
    plannedMinutes,
    countable,
    module:
      kind === 'educational'
        ? { slides: [{ minutes: 5 }, { minutes: null }, { minutes: 10 }] }
        : null
  }))
}

export const IDS = [
  'arrival',
  'check-in',
  'educational',
  'break',
  'skills',
  'discussion',
  'check-out'
] as const

/** Events at offsets (ms) from the start. */
export const e = {
  started: (t: number): SessionEvent => ({ type: 'started', at: iso(t) }),
  paused: (t: number): SessionEvent => ({ type: 'paused', at: iso(t) }),
  resumed: (t: number): SessionEvent => ({ type: 'resumed', at: iso(t) }),
  ended: (t: number): SessionEvent => ({ type: 'ended', at: iso(t) }),
  go: (t: number, segmentId: string): SessionEvent => ({
    type: 'segment_changed',
    at: iso(t),
    segmentId
  }),
  adjust: (t: number, segmentId: string, deltaMs: number): SessionEvent => ({
    type: 'time_adjusted',
    at: iso(t),
    segmentId,
    deltaMs
  }),
  skip: (t: number, segmentId: string, skipped = true): SessionEvent => ({
    type: 'segment_skipped',
    at: iso(t),
    segmentId,
    skipped
  }),
  reorder: (t: number, order: string[]): SessionEvent => ({
    type: 'agenda_reordered',
    at: iso(t),
    order
  }),
  rebalanced: (
    t: number,
    changes: Array<{ segmentId: string; deltaMs: number }>
  ): SessionEvent => ({
    type: 'rebalanced',
    at: iso(t),
    changes
  }),
  declined: (t: number, overrunMs: number): SessionEvent => ({
    type: 'rebalance_declined',
    at: iso(t),
    overrunMs
  }),
  slide: (t: number, segmentId: string, slideIndex: number): SessionEvent => ({
    type: 'slide_shown',
    at: iso(t),
    segmentId,
    slideIndex
  }),
  projector: (t: number, mode: 'follow' | 'timer' | 'blank'): SessionEvent => ({
    type: 'projector_mode',
    at: iso(t),
    mode
  }),
  /** `reading` is what the clock shows just after the jump, as an offset from the start. */
  jumped: (reading: number, byMs: number): SessionEvent => ({
    type: 'clock_jumped',
    at: iso(reading),
    byMs
  }),
  reopened: (t: number, closedMs: number): SessionEvent => ({
    type: 'reopened',
    at: iso(t),
    closedMs
  })
}

export function logOf(...events: SessionEvent[]): SessionLog {
  return { segments: defaultAgenda(), events }
}

/** The default agenda run exactly to plan: each segment changes over on the minute. */
export function onTimeSession(): SessionEvent[] {
  const events = [e.started(0)]
  let t = 0
  defaultAgenda().forEach((segment, i) => {
    t += min(segment.plannedMinutes)
    const next = IDS[i + 1]
    events.push(next ? e.go(t, next) : e.ended(t))
  })
  return events
}
