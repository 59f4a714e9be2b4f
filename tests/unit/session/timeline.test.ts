/**
 * The session over time: the app closed and reopened, the computer's clock
 * moved, a whole three-hour day with many pauses, and the summary at the end.
 */
import { describe, expect, it } from 'vitest'
import type { SessionEvent } from '../../../src/shared/domain/session'
import {
  effectiveTime,
  parseTime,
  segmentSummary,
  sessionState,
  type SessionLog,
  type SessionState
} from '../../../src/shared/session'
import { e, IDS, logOf, min, onTimeSession, sec, START, wall } from './session-log'

const options = { wrapUpMinutes: 5 }
const at = (log: SessionLog, offsetMs: number) => sessionState(log, wall(offsetMs), options)
const actual = (state: SessionState, id: string) =>
  state.segments.find((s) => s.segmentId === id)!.actualMs

describe('closing and reopening the app', () => {
  const events: SessionEvent[] = [
    e.started(0),
    e.go(min(10), 'check-in'),
    e.go(min(40), 'educational'),
    e.slide(min(41), 'educational', 1)
  ]

  it('after a restart mid-segment the timers read as if the app never closed', () => {
    // The laptop was closed at 0:50 and opened again at 1:05; the group went on.
    const reopened = logOf(...events, e.reopened(min(65), min(15)))
    const never = logOf(...events)
    const a = at(reopened, min(70))
    const b = at(never, min(70))
    expect(actual(a, 'educational')).toBe(min(30))
    expect(a.reopenings).toEqual([{ at: wall(min(65)), closedMs: min(15) }])
    expect({ ...a, reopenings: [] }).toEqual(b)
    expect(a.phase).toBe('on_time')
    expect(a.currentSlide).toEqual({ educational: 1 })
  })
})

describe('clock changes', () => {
  it('a clock moved forward an hour does not eat the arrival segment', () => {
    // At 0:20 the clock jumps from 14:20 to 15:20.
    const log = logOf(e.started(0), e.jumped(min(80), min(60)), e.go(min(85), 'check-in'))
    const state = at(log, min(90))
    expect(actual(state, 'arrival')).toBe(min(25))
    expect(actual(state, 'check-in')).toBe(min(5))
    expect(state.elapsedMs).toBe(min(30))
    expect(state.clockJumps).toEqual([{ at: wall(min(80)), byMs: min(60) }])
    expect(state.overrunMs).toBe(min(15))
    // Absolute times read on the clock as it now is.
    expect(state.plannedEndAt).toBe(wall(min(240)))
    expect(state.projectedEndAt).toBe(wall(min(90 + 165)))
    expect(effectiveTime(log.events, wall(min(90)))).toBe(wall(min(30)))
  })

  it('a clock moved back half an hour does not give time back', () => {
    // Check-in began at 14:15. At 14:20 the clock goes back to 13:50, so 14:15
    // comes round again; the log's order says which 14:15 was which.
    const log = logOf(
      e.started(0),
      e.go(min(15), 'check-in'),
      e.jumped(-min(10), -min(30)),
      e.go(-min(5), 'educational')
    )
    const state = at(log, 0)
    expect(actual(state, 'arrival')).toBe(min(15))
    expect(actual(state, 'check-in')).toBe(min(10))
    expect(actual(state, 'educational')).toBe(min(5))
    expect(state.elapsedMs).toBe(min(30))
    expect(state.clockJumps).toEqual([{ at: wall(-min(10)), byMs: -min(30) }])
    expect(state.phase).toBe('on_time')
  })

  it('a clock moved forward an hour and back again leaves the timers as they were', () => {
    // Check-in began at 0:05. At 0:15 the clock jumps from 14:15 to 15:15; at
    // 0:20 (reading 15:20) it is set back to 14:20. At 0:21 the truth is 21
    // minutes gone and 14 of check-in's 30 left.
    const log = logOf(
      e.started(0),
      e.go(min(5), 'check-in'),
      e.jumped(min(75), min(60)),
      e.jumped(min(20), -min(60))
    )
    const state = at(log, min(21))
    expect(state.elapsedMs).toBe(min(21))
    expect(state.current?.segmentId).toBe('check-in')
    expect(state.current?.remainingMs).toBe(min(14))
    expect(state.phase).toBe('on_time')
  })
})

describe('a full three-hour group with 40 pauses', () => {
  // Built independently of the timer: each segment's running time and each
  // pause's length are chosen, and the log is written to match them.
  const running = [
    min(11) + 417,
    min(33) + sec(5),
    min(44) + 999,
    min(16) + 1,
    min(41) + sec(59),
    min(27) + 123,
    min(9) + 7
  ]
  const pausesPer = [3, 8, 9, 2, 9, 6, 3]
  const events: SessionEvent[] = [e.started(0)]
  let t = 0
  let pausedTotal = 0
  let pauseCount = 0
  running.forEach((runMs, i) => {
    const chunks = pausesPer[i]! + 1
    for (let c = 0; c < chunks; c++) {
      const part =
        c < chunks - 1 ? Math.floor(runMs / chunks) : runMs - Math.floor(runMs / chunks) * c
      t += part
      if (c === chunks - 1) break
      const pauseMs = sec(7) + ((pauseCount * 37_501) % min(6)) + pauseCount
      pauseCount += 1
      pausedTotal += pauseMs
      events.push(e.paused(t))
      // Every fourth pause spans a slide change: the paused time belongs to no segment.
      if (pauseCount % 4 === 0) events.push(e.slide(t + 1, 'educational', pauseCount % 3))
      t += pauseMs
      events.push(e.resumed(t))
    }
    events.push(i < IDS.length - 1 ? e.go(t, IDS[i + 1]!) : e.ended(t))
  })
  const runTotal = running.reduce((a, b) => a + b, 0)

  it('ends with every segment’s minutes within a millisecond of what happened', () => {
    expect(pauseCount).toBe(40)
    const log = logOf(...events)
    const state = at(log, t + min(30))
    state.segments.forEach((s, i) =>
      expect(Math.abs(s.actualMs - running[i]!)).toBeLessThanOrEqual(1)
    )
    expect(Math.abs(state.pausedMs - pausedTotal)).toBeLessThanOrEqual(1)
    expect(Math.abs(state.elapsedMs - (runTotal + pausedTotal))).toBeLessThanOrEqual(1)
    expect(Math.abs(state.overrunMs - (runTotal + pausedTotal - min(180)))).toBeLessThanOrEqual(1)

    const summary = segmentSummary(log, wall(t + min(30)), options)
    const countableRun = runTotal - running[3]!
    expect(Math.abs(summary.totals.countableMs - countableRun)).toBeLessThanOrEqual(1)
    expect(summary.totals.plannedMs).toBe(min(180))
    expect(summary.totals.endedAt).toBe(wall(t))
    expect(summary.segments.map((s) => s.plannedMinutes)).toEqual([10, 30, 45, 15, 45, 25, 10])
  })
})

describe('slides, projector and the end-of-session summary', () => {
  it('remembers the slides each segment showed, in the order first shown', () => {
    const log = logOf(
      e.slide(-min(1), 'educational', 0),
      e.started(0),
      e.projector(min(1), 'blank'),
      e.slide(min(41), 'educational', 2),
      e.slide(min(42), 'educational', 0),
      e.slide(min(43), 'educational', 1)
    )
    const state = at(log, min(50))
    expect(state.currentSlide).toEqual({ educational: 1 })
    expect(state.slidesShown).toEqual({ educational: [0, 2, 1] })
    expect(state.projectorMode).toBe('blank')
  })

  it('sums the day in the summary', () => {
    const events = onTimeSession()
    events.splice(3, 0, e.slide(min(50), 'educational', 0))
    const summary = segmentSummary(logOf(...events), wall(min(200)), options)
    expect(summary.segments[2]!.slidesShown).toEqual([0])
    expect(summary.segments.map((s) => s.actualMs)).toEqual([10, 30, 45, 15, 45, 25, 10].map(min))
    expect(summary.totals).toEqual({
      plannedMs: min(180),
      actualMs: min(180),
      countableMs: min(165),
      pausedMs: 0,
      elapsedMs: min(180),
      startedAt: START,
      endedAt: wall(min(180))
    })
  })
})

describe('reading the log’s timestamps', () => {
  it('reads every form of ISO time the same way the platform does', () => {
    const samples = [
      '2026-11-23T14:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '2026-11-23T14:00:00Z',
      '2026-11-23T14:00:00.123456Z',
      '2026-11-23T14:00:00.000+01:00',
      '2026-11-23Tab:00:00.000Z'
    ]
    for (const iso of samples) expect(parseTime(iso)).toStrictEqual(Date.parse(iso))
    expect(parseTime('2026-11-23T14:00:00.000Z')).toBe(START)
  })
})
