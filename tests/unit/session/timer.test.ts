/**
 * The live session's timers, read from the log and the time: the segment
 * countdown, its wrap-up and overtime, pauses, added time, moving between
 * segments and the end. Restarts, clock changes and a whole day are in
 * timeline.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  canReorder,
  nextSegmentId,
  previousSegmentId,
  sessionState,
  type SessionLog,
  type SessionState
} from '../../../src/shared/session'
import { e, IDS, logOf, min, sec, START, wall } from './session-log'

const options = { wrapUpMinutes: 5 }
const at = (log: SessionLog, offsetMs: number) => sessionState(log, wall(offsetMs), options)
const actual = (state: SessionState, id: string) =>
  state.segments.find((s) => s.segmentId === id)!.actualMs
const statuses = (state: SessionState) => state.segments.map((s) => s.status)

describe('before the group starts', () => {
  it('shows the agenda as planned, with nothing running', () => {
    const state = at(logOf(), 0)
    expect(state.status).toBe('planned')
    expect(state.phase).toBe('not_started')
    expect(state.segments.map((s) => s.segmentId)).toEqual([...IDS])
    expect(statuses(state).every((s) => s === 'upcoming')).toBe(true)
    expect(state.currentIndex).toBeNull()
    expect(state.current).toBeNull()
    expect([state.elapsedMs, state.remainingMs, state.overrunMs, state.pausedMs]).toEqual([
      0, 0, 0, 0
    ])
    expect([state.startedAt, state.plannedEndAt, state.projectedEndAt]).toEqual([null, null, null])
    expect(state.projectorMode).toBe('follow')
  })

  it('keeps changes to the plan made before the start', () => {
    const log = logOf(
      e.adjust(-min(5), 'check-in', min(5)),
      e.skip(-min(4), 'arrival'),
      e.reorder(-min(3), [
        'arrival',
        'check-in',
        'skills',
        'break',
        'educational',
        'discussion',
        'check-out'
      ]),
      e.slide(-min(2), 'educational', 0)
    )
    const before = at(log, -min(1))
    expect(before.segments[1]!.budgetMs).toBe(min(35))
    expect(before.segments[2]!.segmentId).toBe('skills')
    expect(before.segments[0]!.status).toBe('skipped')
    expect(before.currentSlide).toEqual({ educational: 0 })
    expect(nextSegmentId(before)).toBe('check-in')

    // The skipped arrival is passed over: the group begins with check-in.
    const started = at({ ...log, events: [...log.events, e.started(0)] }, min(1))
    expect(started.current?.segmentId).toBe('check-in')
    expect(started.currentIndex).toBe(1)
    expect(started.remainingMs).toBe(min(34 + 45 + 15 + 45 + 25 + 10))
  })
})

describe('the segment countdown', () => {
  const log = logOf(e.started(0))

  it('runs the arrival segment from the start', () => {
    const state = at(log, min(4))
    expect(state.status).toBe('running')
    expect(state.current?.segmentId).toBe('arrival')
    expect(state.current?.actualMs).toBe(min(4))
    expect(state.current?.remainingMs).toBe(min(6))
    expect(state.phase).toBe('on_time')
    expect(state.startedAt).toBe(START)
    expect(state.plannedEndAt).toBe(wall(min(180)))
  })

  it('enters wrap-up with 5 minutes left and stays there to the last second', () => {
    expect(at(log, min(5) - 1).phase).toBe('on_time')
    expect(at(log, min(5)).phase).toBe('wrap_up')
    expect(at(log, min(10) - 1).phase).toBe('wrap_up')
  })

  it('counts up once the time is spent: 3:12 over is 192 000 ms of overtime', () => {
    expect(at(log, min(10)).phase).toBe('overtime')
    expect(at(log, min(10)).overtimeMs).toBe(0)
    const late = at(log, min(13) + sec(12))
    expect(late.phase).toBe('overtime')
    expect(late.overtimeMs).toBe(192_000)
    expect(late.current?.remainingMs).toBe(-192_000)
    // The rest of the plan is still ahead, so the day now ends 3:12 late.
    expect(late.remainingMs).toBe(min(170))
    expect(late.projectedEndAt).toBe(wall(min(183) + sec(12)))
    expect(late.overrunMs).toBe(192_000)
  })
})

describe('pausing', () => {
  const log = logOf(
    e.started(0),
    e.go(min(10), 'check-in'),
    e.go(min(40), 'educational'),
    e.paused(min(50)),
    e.resumed(min(57))
  )

  it('a paused group does not use up the educational segment’s time', () => {
    const paused = at(logOf(...log.events.slice(0, 4)), min(55))
    expect(paused.status).toBe('paused')
    expect(paused.phase).toBe('paused')
    expect(paused.segmentPhase).toBe('on_time')
    expect(actual(paused, 'educational')).toBe(min(10))
    expect(paused.elapsedMs).toBe(min(55))
    expect(paused.pausedMs).toBe(min(5))

    const resumed = at(log, min(60))
    expect(resumed.status).toBe('running')
    expect(actual(resumed, 'educational')).toBe(min(13))
    expect(resumed.pausedMs).toBe(min(7))
    expect(resumed.elapsedMs).toBe(min(60))
    // The seven paused minutes push the end back by seven minutes.
    expect(resumed.overrunMs).toBe(min(7))
  })

  it('keeps the wrap-up phase underneath a pause', () => {
    const state = at(logOf(e.started(0), e.paused(min(6))), min(30))
    expect(state.phase).toBe('paused')
    expect(state.segmentPhase).toBe('wrap_up')
    expect(state.current?.remainingMs).toBe(min(4))
  })
})

describe('adding and taking away time', () => {
  it('adds minutes to the running segment and takes them from a later one', () => {
    const log = logOf(
      e.started(0),
      e.go(min(10), 'check-in'),
      e.adjust(min(20), 'check-in', min(5)),
      e.adjust(min(21), 'skills', -min(3)),
      e.adjust(min(22), 'skills', -sec(30))
    )
    const state = at(log, min(30))
    expect(state.current?.budgetMs).toBe(min(35))
    expect(state.current?.remainingMs).toBe(min(15))
    expect(state.segments[4]!.budgetMs).toBe(min(41) + sec(30))
    expect(state.remainingMs).toBe(min(15 + 45 + 15 + 25 + 10) + min(41) + sec(30))
    expect(state.overrunMs).toBe(min(1) + sec(30))
  })

  it('never takes a segment below zero', () => {
    const state = at(logOf(e.started(0), e.adjust(min(1), 'break', -min(60))), min(2))
    expect(state.segments[3]!.budgetMs).toBe(0)
  })

  it('moves an overtime segment back into wrap-up when minutes are added', () => {
    const log = logOf(e.started(0), e.adjust(min(12), 'arrival', min(4)))
    expect(at(log, min(12)).phase).toBe('wrap_up')
    expect(at(log, min(12)).current?.remainingMs).toBe(min(2))
  })
})

describe('moving between segments', () => {
  it('steps over skipped segments with next and previous', () => {
    const log = logOf(e.started(0), e.go(min(10), 'check-in'), e.skip(min(12), 'educational'))
    const state = at(log, min(15))
    expect(nextSegmentId(state)).toBe('break')
    expect(previousSegmentId(state)).toBe('arrival')
    expect(state.remainingMs).toBe(min(25 + 15 + 45 + 25 + 10))
    expect(statuses(state)).toEqual([
      'done',
      'current',
      'skipped',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming'
    ])
  })

  it('has no next segment at check-out and no previous one at arrival', () => {
    expect(previousSegmentId(at(logOf(e.started(0)), min(1)))).toBeNull()
    const last = at(logOf(e.started(0), e.go(min(1), 'check-out')), min(2))
    expect(nextSegmentId(last)).toBeNull()
    expect(previousSegmentId(last)).toBe('discussion')
  })

  it('going back to check-in continues its time from where it stopped', () => {
    const log = logOf(
      e.started(0),
      e.go(min(10), 'check-in'),
      e.go(min(40), 'educational'),
      e.go(min(45), 'check-in'),
      e.go(min(48), 'educational')
    )
    const state = at(log, min(50))
    expect(actual(state, 'check-in')).toBe(min(33))
    expect(actual(state, 'educational')).toBe(min(7))
    expect(state.segments[1]!.status).toBe('done')
  })

  it('brings a skipped segment back when the facilitator goes to it', () => {
    const log = logOf(e.started(0), e.skip(min(1), 'break'), e.go(min(10), 'break'))
    const state = at(log, min(12))
    expect(state.current?.segmentId).toBe('break')
    expect(state.segments[3]!.status).toBe('current')
  })

  it('moves skills before the educational segment and keeps the finished ones in place', () => {
    const order = [
      'arrival',
      'check-in',
      'skills',
      'educational',
      'break',
      'discussion',
      'check-out'
    ]
    const base = logOf(e.started(0), e.go(min(10), 'check-in'))
    const before = at(base, min(20))
    expect(canReorder(before, order)).toBe(true)
    // Arrival has run and check-in is running: neither may move.
    expect(canReorder(before, ['check-in', 'arrival', ...order.slice(2)])).toBe(false)
    expect(canReorder(before, order.slice(1))).toBe(false)
    expect(canReorder(before, [...order.slice(0, 6), 'arrival'])).toBe(false)

    const after = at({ ...base, events: [...base.events, e.reorder(min(20), order)] }, min(40))
    expect(after.segments.map((s) => s.segmentId)).toEqual(order)
    expect(nextSegmentId(after)).toBe('skills')
    expect(after.currentIndex).toBe(1)
  })

  it('ignores a reorder that is not the whole agenda', () => {
    const log = logOf(e.started(0), e.reorder(min(1), ['check-out', 'arrival']))
    expect(at(log, min(2)).segments.map((s) => s.segmentId)).toEqual([...IDS])
  })
})

describe('the end of the group', () => {
  it('stops every timer at the end and reports how late it finished', () => {
    const log = logOf(e.started(0), e.go(min(12), 'check-in'), e.ended(min(185)))
    const state = at(log, min(300))
    expect(state.status).toBe('ended')
    expect(state.phase).toBe('ended')
    expect(state.currentIndex).toBeNull()
    expect(state.current).toBeNull()
    expect(state.elapsedMs).toBe(min(185))
    expect(actual(state, 'check-in')).toBe(min(173))
    expect(state.segments[1]!.status).toBe('done')
    expect(state.projectedEndAt).toBe(wall(min(185)))
    expect(state.endedAt).toBe(wall(min(185)))
    expect(state.overrunMs).toBe(min(5))
    expect(state.remainingMs).toBe(0)
    expect(nextSegmentId(state)).toBeNull()
  })

  it('ignores anything logged after the end', () => {
    const log = logOf(
      e.started(0),
      e.ended(min(60)),
      e.paused(min(70)),
      e.go(min(80), 'skills'),
      e.slide(min(81), 'educational', 2),
      e.started(min(90))
    )
    const state = at(log, min(100))
    expect(state.status).toBe('ended')
    expect(state.pausedMs).toBe(0)
    expect(actual(state, 'arrival')).toBe(min(60))
    expect(state.slidesShown).toEqual({})
  })

  it('does not crash on events logged out of time order', () => {
    const log = logOf(
      e.started(0),
      e.go(min(20), 'check-in'),
      e.go(min(15), 'educational'),
      e.resumed(min(16)),
      e.paused(min(10)),
      e.resumed(min(25))
    )
    const state = at(
      { ...log, events: [...log.events, { type: 'paused', at: 'not a time' }] },
      min(30)
    )
    expect(actual(state, 'arrival')).toBe(min(20))
    expect(actual(state, 'check-in')).toBe(0)
    // The pause is logged at 0:10 but only counts from 0:20, the latest time seen.
    expect(state.pausedMs).toBe(min(5))
    expect(actual(state, 'educational')).toBe(min(5))
  })
})
