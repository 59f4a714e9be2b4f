/**
 * Countable (billable) minutes per participant: only while a countable
 * segment runs, never the break, never a pause, only while the person is in
 * the room; with the late, left-early and falls-short flags the note needs.
 */
import { describe, expect, it } from 'vitest'
import type { AttendanceRecord, SessionEvent } from '../../../src/shared/domain/session'
import {
  attendanceFigures,
  countableIntervals,
  plannedCountableMs,
  type AttendanceFigures
} from '../../../src/shared/session'
import { e, iso, logOf, min, onTimeSession, sec, wall } from './session-log'

const settings = { dailyMinimumMinutes: 150, lateAfterMinutes: 10, wrapUpMinutes: 5 }

function present(
  participantId: string,
  timeIn: number | null,
  timeOut: number | null = null,
  walkIn = false
): AttendanceRecord {
  return {
    participantId,
    status: 'present',
    timeIn: timeIn === null ? null : iso(timeIn),
    timeOut: timeOut === null ? null : iso(timeOut),
    walkIn,
    updatedAt: iso(0)
  }
}

function figures(
  events: SessionEvent[],
  records: AttendanceRecord[],
  nowOffset: number,
  rules = settings
): Record<string, AttendanceFigures> {
  const list = attendanceFigures(logOf(...events), records, wall(nowOffset), rules)
  expect(list.map((f) => f.participantId)).toEqual(records.map((r) => r.participantId))
  return Object.fromEntries(list.map((f) => [f.participantId, f]))
}

describe('countable time over a group run to plan', () => {
  const day = onTimeSession()

  it('counts the 165 minutes outside the break', () => {
    expect(countableIntervals(logOf(...day), wall(min(200)))).toEqual([
      { from: wall(0), to: wall(min(85)) },
      { from: wall(min(100)), to: wall(min(180)) }
    ])
    expect(plannedCountableMs(logOf())).toBe(min(165))
  })

  const records: AttendanceRecord[] = [
    present('on-time', -min(5)),
    present('late', min(25)),
    present('just-in-time', min(10)),
    present('left-early', 0, min(120)),
    present('left-at-the-end', 0, min(179) + sec(30)),
    present('came-in-the-break', min(90)),
    present('walk-in', 0, null, true),
    present('no-time-in', null),
    { ...present('excused', null), status: 'absent_excused' },
    { ...present('unmarked', null), status: 'unmarked' }
  ]
  const f = figures(day, records, min(200))

  it('gives someone there from the start every countable minute', () => {
    expect(f['on-time']).toEqual({
      participantId: 'on-time',
      timeIn: iso(-min(5)),
      // Still in the room at the close: out when the session ended.
      timeOut: iso(min(180)),
      countableMs: min(165),
      countableMinutes: 165,
      projectedCountableMs: min(165),
      late: false,
      leftEarly: false,
      fallsShort: false
    })
    expect(f['no-time-in']).toMatchObject({
      countableMs: min(165),
      timeIn: iso(0),
      timeOut: iso(min(180))
    })
  })

  it('counts a late arrival from when they came in, and flags it after 10 minutes', () => {
    expect(f['late']?.countableMs).toBe(min(140))
    expect(f['late']?.late).toBe(true)
    expect(f['late']?.fallsShort).toBe(true)
    expect(f['just-in-time']?.late).toBe(false)
    expect(f['just-in-time']?.countableMs).toBe(min(155))
  })

  it('counts someone who left early up to when they left', () => {
    expect(f['left-early']).toMatchObject({
      countableMs: min(105),
      projectedCountableMs: min(105),
      leftEarly: true,
      fallsShort: true
    })
    // Leaving in the last minute is not leaving early.
    expect(f['left-at-the-end']?.leftEarly).toBe(false)
    expect(f['left-at-the-end']?.countableMs).toBe(min(164) + sec(30))
    // Whole minutes are rounded down once, here, for every screen and report.
    expect(f['left-at-the-end']?.countableMinutes).toBe(164)
    expect(f['left-early']?.timeOut).toBe(iso(min(120)))
  })

  it('does not count the break for someone who arrived during it', () => {
    expect(f['came-in-the-break']?.countableMs).toBe(min(80))
    expect(f['came-in-the-break']?.late).toBe(true)
  })

  it('counts a walk-in exactly like anyone else', () => {
    expect(f['walk-in']).toEqual({ ...f['on-time'], participantId: 'walk-in', timeIn: iso(0) })
  })

  it('gives absent and unmarked people zeros and no flags', () => {
    const none = {
      timeIn: null,
      timeOut: null,
      countableMs: 0,
      countableMinutes: 0,
      projectedCountableMs: 0,
      late: false,
      leftEarly: false
    }
    expect(f['excused']).toEqual({ participantId: 'excused', ...none, fallsShort: false })
    expect(f['unmarked']).toEqual({ participantId: 'unmarked', ...none, fallsShort: false })
  })
})

describe('countable time and pauses', () => {
  const paused = [
    e.started(0),
    e.go(min(10), 'check-in'),
    e.go(min(40), 'educational'),
    e.paused(min(50)),
    e.resumed(min(60)),
    e.go(min(95), 'break'),
    e.go(min(110), 'skills'),
    e.go(min(155), 'discussion'),
    e.go(min(180), 'check-out'),
    e.ended(min(190))
  ]

  it('does not count the ten minutes the group was paused', () => {
    expect(countableIntervals(logOf(...paused), wall(min(200)))).toEqual([
      { from: wall(0), to: wall(min(50)) },
      { from: wall(min(60)), to: wall(min(95)) },
      { from: wall(min(110)), to: wall(min(190)) }
    ])
    const f = figures(paused, [present('a', 0), present('b', min(55))], min(200))
    expect(f['a']?.countableMs).toBe(min(165))
    expect(f['b']?.countableMs).toBe(min(115))
  })

  it('stops counting at the moment of the pause while it lasts', () => {
    const f = figures(paused.slice(0, 4), [present('a', 0)], min(58))
    expect(f['a']?.countableMs).toBe(min(50))
    // Educational still has 35 of its 45 minutes to run.
    expect(f['a']?.projectedCountableMs).toBe(min(50 + 35 + 45 + 25 + 10))
  })
})

describe('projected countable time while the group runs', () => {
  const sofar = onTimeSession().slice(0, 3) // educational began at 0:40

  it('adds what is still to come, less skipped segments, plus added time', () => {
    const records = [present('a', 0), present('gone', 0, min(30))]
    const f = figures(sofar, records, min(50))
    expect(f['a']?.countableMs).toBe(min(50))
    expect(f['a']?.projectedCountableMs).toBe(min(165))
    expect(f['a']?.fallsShort).toBe(false)
    expect(f['gone']).toMatchObject({
      countableMs: min(30),
      projectedCountableMs: min(30),
      leftEarly: true,
      fallsShort: true
    })

    const changed = [...sofar, e.skip(min(45), 'discussion'), e.adjust(min(46), 'skills', min(5))]
    expect(figures(changed, records, min(50))['a']?.projectedCountableMs).toBe(min(145))
  })

  it('before the start, projects the whole countable plan and flags no one late', () => {
    const f = figures([], [present('early', -min(20))], -min(10))
    expect(f['early']).toMatchObject({
      countableMs: 0,
      projectedCountableMs: min(165),
      late: false,
      leftEarly: false
    })
  })

  it('warns for everyone when the plan itself is below a 180-minute daily minimum', () => {
    const rules = { ...settings, dailyMinimumMinutes: 180 }
    expect(plannedCountableMs(logOf())).toBeLessThan(min(180))
    const before = figures([], [present('a', 0)], 0, rules)
    expect(before['a']?.fallsShort).toBe(true)
    const after = figures(onTimeSession(), [present('a', 0)], min(200), rules)
    expect(after['a']).toMatchObject({ countableMs: min(165), fallsShort: true })
  })

  it('reads arrival times through a clock change', () => {
    // The clock jumps an hour forward at 0:20; someone arrives at 0:30 (15:30 on the clock).
    const events = [e.started(0), e.jumped(min(80), min(60)), e.go(min(85), 'check-in')]
    const f = figures(events, [present('a', min(90))], min(100))
    expect(f['a']?.countableMs).toBe(min(10))
    expect(f['a']?.late).toBe(true)
  })
})
