/**
 * The timers against the clock a person in the room would read: whatever the
 * computer's clock does (set forward or back, by hand or by a sync, the
 * laptop put to sleep and woken), the elapsed time and the segment countdown
 * on the facilitator's screen always equal the time that really passed.
 *
 * fast-check plays random days. The model keeps real time only; the app
 * under test sees a wall clock (which jumps) and a monotonic one (which stops
 * while the computer sleeps), logs jumps once a second as the main process
 * does, and reads "now" as the running screen does.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SessionEvent } from '../../../src/shared/domain/session'
import { sessionState, type SessionLog } from '../../../src/shared/session'
import { ClockJumpDetector, SessionNow } from '../../../src/shared/session/clock'
import { defaultAgenda, IDS, min, sec, START } from './session-log'

type Step =
  | { kind: 'pass'; ms: number }
  | { kind: 'jump'; byMs: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'next' }
  | { kind: 'pause' }
  | { kind: 'resume' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('pass' as const), ms: fc.integer({ min: 1, max: min(20) }) }),
  fc.record({
    kind: fc.constant('jump' as const),
    byMs: fc
      .tuple(fc.boolean(), fc.integer({ min: sec(3), max: min(180) }))
      .map(([back, ms]) => (back ? -ms : ms))
  }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: sec(3), max: min(90) }) }),
  fc.constant({ kind: 'next' as const }),
  fc.constant({ kind: 'pause' as const }),
  fc.constant({ kind: 'resume' as const })
)

/** A day: the computer's two clocks, the log the main process writes and the screen's reading. */
function day() {
  let real = 0
  let wallMs = START
  let mono = 1_000_000
  const events: SessionEvent[] = [{ type: 'started', at: new Date(wallMs).toISOString() }]
  const log: SessionLog = { segments: defaultAgenda(), events }
  const watch = new ClockJumpDetector()
  watch.observe(wallMs, mono)
  const screen = new SessionNow(
    () => wallMs,
    () => mono
  )
  const jumpsLogged = () => events.filter((e) => e.type === 'clock_jumped').length
  /** The screen reads the time four times a second. */
  const look = () => screen.read(jumpsLogged())
  look()
  const model = { segment: 0, paused: false, segmentStart: 0, pausedInSegment: 0, pausedAt: 0 }

  const stamp = () => new Date(wallMs).toISOString()
  /** The main process's once-a-second clock check. */
  const tick = () => {
    const byMs = watch.observe(wallMs, mono)
    if (byMs !== 0) events.push({ type: 'clock_jumped', at: stamp(), byMs })
  }
  const pass = (ms: number) => {
    for (let left = ms; left > 0; left -= 1_000) {
      const d = Math.min(1_000, left)
      real += d
      wallMs += d
      mono += d
      look()
      tick()
    }
  }
  const modelUsed = () =>
    real - model.segmentStart - model.pausedInSegment - (model.paused ? real - model.pausedAt : 0)

  return {
    apply(s: Step) {
      switch (s.kind) {
        case 'pass':
          return pass(s.ms)
        case 'jump':
          wallMs += s.byMs
          return
        case 'sleep':
          // The lid closes: real time and the wall clock go on, the monotonic clock stops.
          real += s.ms
          wallMs += s.ms
          watch.resumed()
          screen.resumed()
          return
        case 'next':
          if (model.segment >= IDS.length - 1) return
          if (model.paused) return
          model.segment += 1
          model.segmentStart = real
          model.pausedInSegment = 0
          events.push({ type: 'segment_changed', at: stamp(), segmentId: IDS[model.segment]! })
          return
        case 'pause':
          if (model.paused) return
          model.paused = true
          model.pausedAt = real
          events.push({ type: 'paused', at: stamp() })
          return
        case 'resume':
          if (!model.paused) return
          model.paused = false
          model.pausedInSegment += real - model.pausedAt
          events.push({ type: 'resumed', at: stamp() })
          return
      }
    },
    /** Anything the main process still has to log is logged within the second. */
    settle: tick,
    check() {
      const now = look()
      const state = sessionState(log, now, { wrapUpMinutes: 5 })
      const planned = defaultAgenda()[model.segment]!.plannedMinutes
      expect(state.elapsedMs).toBe(real)
      expect(state.current?.segmentId).toBe(IDS[model.segment])
      expect(state.current?.remainingMs).toBe(min(planned) - modelUsed())
      expect(state.status).toBe(model.paused ? 'paused' : 'running')
    }
  }
}

describe('the running screen when the computer’s clock jumps', () => {
  it('elapsed time and the countdown always equal the time that really passed', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const d = day()
        for (const s of steps) {
          d.apply(s)
          // Read on the screen before the main process has checked the clock…
          d.check()
          // …and after.
          d.settle()
          d.check()
        }
      }),
      { numRuns: 200 }
    )
  })

  it('an hour forward then back, read before and after each jump is logged', () => {
    const d = day()
    d.apply({ kind: 'pass', ms: min(5) })
    d.apply({ kind: 'next' })
    d.apply({ kind: 'pass', ms: min(10) })
    d.apply({ kind: 'jump', byMs: min(60) })
    d.check()
    d.settle()
    d.apply({ kind: 'pass', ms: min(5) })
    d.apply({ kind: 'jump', byMs: -min(60) })
    d.check()
    d.settle()
    d.apply({ kind: 'pass', ms: min(1) })
    d.check()
  })
})
