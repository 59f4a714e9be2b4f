/**
 * How long the live session's figures take to recompute from the log. The
 * screen recomputes them every frame it redraws, so they must stay far below
 * a frame (16 ms) even late in a busy session. Builds a synthetic 500-event
 * log (slides, pauses, added time, segment changes) 2½ hours into a
 * three-hour group with 12 participants, then times `sessionState` and
 * `attendanceFigures`. Numbers are printed, never asserted. Run with
 * `npx tsx tests/bench/session.bench.ts`.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import type { AttendanceRecord, SegmentKind, SessionEvent } from '../../src/shared/domain/session'
import { attendanceFigures, sessionState, type SessionLog } from '../../src/shared/session'

const EVENTS = 500
const PARTICIPANTS = 12
const WARM_UP = 500
const RUNS = 2_000
const START = Date.UTC(2026, 10, 23, 14, 0)
const MINUTE = 60_000
const NOW = START + 150 * MINUTE
const SETTINGS = { dailyMinimumMinutes: 180, lateAfterMinutes: 10, wrapUpMinutes: 5 }

/** mulberry32, seeded: the same log every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
const random = prng(20261123)
const iso = (ms: number) => new Date(ms).toISOString()

function syntheticLog(): SessionLog {
  const plan: Array<[SegmentKind, number, boolean]> = [
    ['arrival', 10, true],
    ['check_in', 30, true],
    ['educational', 45, true],
    ['break', 15, false],
    ['skills', 45, true],
    ['discussion', 25, true],
    ['check_out', 10, true]
  ]
  const segments = plan.map(([kind, plannedMinutes, countable]) => ({
    id: kind.replace('_', '-'),
    kind,
    title: kind,
    plannedMinutes,
    countable,
    module:
      kind === 'educational' || kind === 'skills'
        ? { slides: Array.from({ length: 24 }, (_, i) => ({ minutes: i % 3 === 0 ? 2 : null })) }
        : null
  }))
  const events: SessionEvent[] = [{ type: 'started', at: iso(START) }]
  // 499 more events spread over the first 150 minutes, in time order.
  const span = NOW - START - MINUTE
  const step = span / (EVENTS - 1)
  let segment = 0
  let paused = false
  for (let n = 1; n < EVENTS; n++) {
    const at = iso(START + Math.round(n * step))
    const id = segments[segment]!.id
    const roll = random()
    const due = Math.floor((n / EVENTS) * 6)
    if (segment < due && !paused) {
      segment += 1
      events.push({ type: 'segment_changed', at, segmentId: segments[segment]!.id })
    } else if (paused && roll < 0.6) {
      // Pauses are short: most end within a minute or two.
      events.push({ type: 'resumed', at })
      paused = false
    } else if (!paused && roll < 0.08) {
      events.push({ type: 'paused', at })
      paused = true
    } else if (roll < 0.14) {
      const deltaMs = random() < 0.5 ? MINUTE : -MINUTE
      events.push({ type: 'time_adjusted', at, segmentId: id, deltaMs })
    } else if (roll < 0.16) {
      events.push({ type: 'projector_mode', at, mode: random() < 0.5 ? 'blank' : 'follow' })
    } else {
      const slideIndex = Math.floor(random() * 24)
      events.push({ type: 'slide_shown', at, segmentId: id, slideIndex })
    }
  }
  if (paused) events[events.length - 1] = { type: 'resumed', at: events.at(-1)!.at }
  return { segments, events }
}

function syntheticAttendance(): AttendanceRecord[] {
  return Array.from({ length: PARTICIPANTS }, (_, i) => {
    const late = i % 4 === 1
    const left = i % 5 === 2
    return {
      participantId: `participant-${i + 1}`,
      status: i === 11 ? 'absent_excused' : 'present',
      timeIn: iso(START + (late ? 25 : -5) * MINUTE),
      timeOut: left ? iso(START + 120 * MINUTE) : null,
      walkIn: i === 10,
      updatedAt: iso(START)
    }
  })
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const us = (v: number) => `${(v * 1000).toFixed(1)} µs`
  return `median ${us(at(0.5))}, p95 ${us(at(0.95))}, max ${us(sorted[sorted.length - 1]!)} (n=${samples.length})`
}

function measure(run: () => unknown): number[] {
  for (let i = 0; i < WARM_UP; i++) run()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  return samples
}

const cpu = os.cpus()[0]
console.log('IOP Facilitator live-session benchmark (synthetic data)')
console.log(
  `machine: ${cpu?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`
)
const log = syntheticLog()
const attendance = syntheticAttendance()
const counts = new Map<string, number>()
for (const event of log.events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1)
console.log(
  `log: ${log.events.length} events (${[...counts].map(([type, n]) => `${n} ${type}`).join(', ')}); ` +
    `${attendance.length} attendance records; now = 2:30 into the group`
)
const state = sessionState(log, NOW, SETTINGS)
console.log(
  `state: ${state.status}, current ${state.current?.segmentId ?? 'none'}, ` +
    `paused ${(state.pausedMs / MINUTE).toFixed(1)} min, overrun ${(state.overrunMs / MINUTE).toFixed(1)} min`
)
console.log(`sessionState: ${summary(measure(() => sessionState(log, NOW, SETTINGS)))}`)
console.log(
  `attendanceFigures (${PARTICIPANTS}): ${summary(measure(() => attendanceFigures(log, attendance, NOW, SETTINGS)))}`
)
console.log(
  `both, as one screen refresh: ${summary(
    measure(() => {
      sessionState(log, NOW, SETTINGS)
      attendanceFigures(log, attendance, NOW, SETTINGS)
    })
  )}`
)
