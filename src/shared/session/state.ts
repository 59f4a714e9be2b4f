import type { ProjectorMode } from '../domain/session'
import { loggedJumpsMs, parseTime, type ClockJump } from './clock'
import type {
  Phase,
  SegmentState,
  SegmentStatus,
  SessionLog,
  SessionState,
  TimingOptions
} from './types'

/**
 * The live session as a pure function of its log and the time (after Ontime):
 * nothing is counted in ticks, so a restart, a slow frame or a sleeping laptop
 * cannot make a timer drift. Recomputing is one pass over the log.
 */

export const MINUTE_MS = 60_000

interface Tally {
  adjustMs: number
  actualMs: number
  skipped: boolean
  visited: boolean
}

/** A point in time both as read on the wall clock and with clock jumps removed. */
interface Instant {
  wall: number
  eff: number
}

/** The log replayed up to `now`; shared by the state, the countable minutes and the summary. */
export interface Replay {
  /** Plan indexes (into `log.segments`) in the agenda's current order. */
  order: number[]
  /** By plan index. */
  tallies: Tally[]
  started: Instant | null
  ended: Instant | null
  /** Plan index of the segment that is (or, once ended, was last) current. */
  current: number | null
  paused: boolean
  pausedMs: number
  /** Effective `now`. */
  nowEff: number
  /**
   * Wall minus effective time on the clock the figures are read on (now's, or
   * the end's), so absolute times shown beside `now` agree with it.
   */
  frameOffset: number
  currentSlide: Map<string, number>
  slidesShown: Map<string, number[]>
  projectorMode: ProjectorMode
  clockJumps: ClockJump[]
  reopenings: Array<{ at: number; closedMs: number }>
  declinedOverrunMs: number | null
}

/** Called for each stretch of running (not paused) time, in order, with effective times. */
export type RunListener = (planIndex: number, from: number, to: number) => void

export function replaySession(log: SessionLog, now: number, onRun?: RunListener): Replay {
  const index = new Map<string, number>()
  log.segments.forEach((segment, i) => index.set(segment.id, i))
  const tallies: Tally[] = log.segments.map(() => ({
    adjustMs: 0,
    actualMs: 0,
    skipped: false,
    visited: false
  }))
  const r: Replay = {
    order: log.segments.map((_, i) => i),
    tallies,
    started: null,
    ended: null,
    current: null,
    paused: false,
    pausedMs: 0,
    nowEff: now,
    frameOffset: 0,
    currentSlide: new Map(),
    slidesShown: new Map(),
    projectorMode: 'follow',
    clockJumps: [],
    reopenings: [],
    declinedOverrunMs: null
  }
  // Events are corrected by the jumps before them in the log, not by comparing
  // readings: after a backward jump the same reading can occur twice.
  let offset = 0
  // Effective time up to which running and paused time has been counted. It
  // never moves back, so an event stamped earlier than the one before it adds nothing.
  let cursor = 0
  const advance = (t: number) => {
    if (r.started === null || t <= cursor) return
    if (r.paused) r.pausedMs += t - cursor
    else if (r.current !== null) {
      tallies[r.current]!.actualMs += t - cursor
      onRun?.(r.current, cursor, t)
    }
    cursor = t
  }
  const visit = (i: number) => {
    r.current = i
    tallies[i]!.visited = true
    tallies[i]!.skipped = false
  }

  for (const event of log.events) {
    const wall = parseTime(event.at)
    // The log is validated when written; a time that still cannot be read is
    // left out rather than allowed to turn every figure into NaN.
    if (Number.isNaN(wall)) continue
    if (event.type === 'clock_jumped') {
      offset += event.byMs
      r.clockJumps.push({ at: wall, byMs: event.byMs })
      continue
    }
    const t = wall - offset
    advance(t)
    switch (event.type) {
      case 'started':
        if (r.started === null) {
          r.started = { wall, eff: t }
          cursor = t
          const first = r.order.find((i) => !tallies[i]!.skipped)
          if (first !== undefined) visit(first)
        }
        break
      case 'paused':
        if (r.started !== null) r.paused = true
        break
      case 'resumed':
        r.paused = false
        break
      case 'time_adjusted':
        adjust(event.segmentId, event.deltaMs)
        break
      case 'rebalanced':
        for (const change of event.changes) adjust(change.segmentId, change.deltaMs)
        break
      case 'segment_changed': {
        const i = index.get(event.segmentId)
        if (r.started !== null && i !== undefined) visit(i)
        break
      }
      case 'segment_skipped': {
        const i = index.get(event.segmentId)
        const tally = i === undefined ? undefined : tallies[i]
        // Only a segment still to come can be skipped; one that has run stays on the record.
        if (tally && !(event.skipped && (tally.visited || i === r.current))) {
          tally.skipped = event.skipped
        }
        break
      }
      case 'agenda_reordered': {
        const order = event.order.map((id) => index.get(id) ?? -1)
        if (order.length === r.order.length && new Set(order).size === order.length) {
          if (!order.includes(-1)) r.order = order
        }
        break
      }
      case 'rebalance_declined':
        r.declinedOverrunMs = event.overrunMs
        break
      case 'slide_shown': {
        if (!index.has(event.segmentId)) break
        r.currentSlide.set(event.segmentId, event.slideIndex)
        const shown = r.slidesShown.get(event.segmentId)
        if (!shown) r.slidesShown.set(event.segmentId, [event.slideIndex])
        else if (!shown.includes(event.slideIndex)) shown.push(event.slideIndex)
        break
      }
      case 'projector_mode':
        r.projectorMode = event.mode
        break
      case 'reopened':
        r.reopenings.push({ at: wall, closedMs: event.closedMs })
        break
      case 'ended':
        r.ended = { wall, eff: t }
        break
    }
    if (r.ended !== null) break
  }

  if (r.ended === null) {
    // `now` is read after every jump the log records (they are logged as they
    // are found), so all of them come off it. Comparing readings instead went
    // wrong once the clock went forward and then back: the forward jump's
    // reading then lay "after" now and was left out.
    const nowOffset = loggedJumpsMs(r.clockJumps)
    r.nowEff = now - nowOffset
    r.frameOffset = nowOffset
    advance(r.nowEff)
  } else {
    r.nowEff = r.ended.eff
    r.frameOffset = r.ended.wall - r.ended.eff
  }
  return r

  function adjust(segmentId: string, deltaMs: number) {
    const i = index.get(segmentId)
    if (i !== undefined) tallies[i]!.adjustMs += deltaMs
  }
}

/** Budget of a planned segment given its tally: never below zero. */
function budgetOf(plannedMinutes: number, tally: Tally): number {
  return Math.max(0, plannedMinutes * MINUTE_MS + tally.adjustMs)
}

export function sessionState(log: SessionLog, now: number, options: TimingOptions): SessionState {
  return stateFromReplay(log, replaySession(log, now), options)
}

export function stateFromReplay(log: SessionLog, r: Replay, options: TimingOptions): SessionState {
  const live = r.started !== null && r.ended === null
  const currentIndex = live && r.current !== null ? r.order.indexOf(r.current) : null
  const segments = r.order.map((i, position): SegmentState => {
    const planned = log.segments[i]!
    const tally = r.tallies[i]!
    const budgetMs = budgetOf(planned.plannedMinutes, tally)
    const status: SegmentStatus =
      position === currentIndex
        ? 'current'
        : tally.skipped
          ? 'skipped'
          : tally.visited
            ? 'done'
            : 'upcoming'
    return {
      segmentId: planned.id,
      kind: planned.kind,
      title: planned.title,
      countable: planned.countable,
      plannedMs: planned.plannedMinutes * MINUTE_MS,
      budgetMs,
      actualMs: tally.actualMs,
      remainingMs: budgetMs - tally.actualMs,
      status,
      visited: tally.visited
    }
  })
  const current = currentIndex === null ? null : segments[currentIndex]!
  const planMs = segments.reduce((sum, s) => sum + s.plannedMs, 0)

  let remainingMs = 0
  if (live) {
    for (let p = currentIndex ?? 0; p < segments.length; p++) {
      const s = segments[p]!
      if (s.status !== 'skipped') remainingMs += Math.max(0, s.remainingMs)
    }
  }
  const segmentPhase = phaseOf(r, current, options.wrapUpMinutes * MINUTE_MS)

  const startEff = r.started?.eff ?? null
  const plannedEndEff = startEff === null ? null : startEff + planMs
  const projectedEff = r.ended ? r.ended.eff : live ? r.nowEff + remainingMs : null
  return {
    status: r.ended ? 'ended' : !r.started ? 'planned' : r.paused ? 'paused' : 'running',
    startedAt: r.started?.wall ?? null,
    endedAt: r.ended?.wall ?? null,
    segments,
    currentIndex,
    current,
    phase: live && r.paused ? 'paused' : segmentPhase,
    segmentPhase,
    overtimeMs: current ? Math.max(0, -current.remainingMs) : 0,
    elapsedMs: startEff === null ? 0 : Math.max(0, r.nowEff - startEff),
    pausedMs: r.pausedMs,
    remainingMs,
    plannedEndAt: plannedEndEff === null ? null : plannedEndEff + r.frameOffset,
    projectedEndAt: projectedEff === null ? null : projectedEff + r.frameOffset,
    overrunMs: plannedEndEff === null || projectedEff === null ? 0 : projectedEff - plannedEndEff,
    currentSlide: Object.fromEntries(r.currentSlide),
    slidesShown: Object.fromEntries(r.slidesShown),
    projectorMode: r.projectorMode,
    clockJumps: r.clockJumps,
    reopenings: r.reopenings,
    declinedOverrunMs: r.declinedOverrunMs
  }
}

function phaseOf(r: Replay, current: SegmentState | null, wrapUpMs: number): Phase {
  if (r.ended) return 'ended'
  if (!r.started) return 'not_started'
  // Exactly no time left already counts as overtime: the countdown has reached 0:00.
  if (current === null || current.remainingMs > wrapUpMs) return 'on_time'
  return current.remainingMs > 0 ? 'wrap_up' : 'overtime'
}
