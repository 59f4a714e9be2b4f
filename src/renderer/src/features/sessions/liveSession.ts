import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { SessionNow } from '../../../../shared/session/clock'
import { sessionState } from '../../../../shared/session/state'
import type { SessionLog, SessionState, TimingOptions } from '../../../../shared/session/types'
import { api } from '../../api'

/**
 * A running session's figures, recomputed a few times a second for the few
 * small components that show a time, and for nothing else. A component reads
 * it through `useLive` with a selector: it repaints only when what it selects
 * changes, so a tick repaints the clock's digits, not the page (issue 18).
 *
 * "Now" comes from `SessionNow`: the monotonic clock while the wall clock has
 * jumped and the jump is not logged yet, so a clock set forward and back never
 * shows (see src/shared/session/clock.ts).
 */
export interface LiveSession {
  subscribe(listener: () => void): () => void
  /** The session's state at the last tick (one replay of the log per tick, however many read it). */
  state(): SessionState | null
  /** The time the figures are read at, on the log's clock. */
  now(): number
  /** The log the figures are computed from. */
  log(): SessionLog | null
}

class LiveSessionStore implements LiveSession {
  private listeners = new Set<() => void>()
  private timer: ReturnType<typeof setInterval> | null = null
  private version = 0
  private cached: { version: number; state: SessionState | null; now: number } | null = null
  private readonly clock = new SessionNow(
    () => Date.now(),
    () => performance.now()
  )
  private currentLog: SessionLog | null = null
  private options: TimingOptions | null = null

  constructor(private readonly intervalMs: number) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    if (!this.timer) this.timer = setInterval(this.tick, this.intervalMs)
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer)
        this.timer = null
      }
    }
  }

  state = (): SessionState | null => this.read().state
  now = (): number => this.read().now
  log = (): SessionLog | null => this.currentLog

  /**
   * The log or the settings changed: readers rendered from now on recompute
   * (`notify` then tells the others, outside the render).
   */
  changed(log: SessionLog | null, options: TimingOptions | null): void {
    if (log === this.currentLog && options === this.options) return
    this.currentLog = log
    this.options = options
    this.version += 1
  }

  notify = (): void => this.tick()

  resumed(): void {
    this.clock.resumed()
    this.tick()
  }

  private tick = (): void => {
    this.version += 1
    for (const listener of this.listeners) listener()
  }

  private read() {
    if (this.cached?.version !== this.version) {
      const log = this.currentLog
      const jumps = log ? log.events.filter((e) => e.type === 'clock_jumped').length : 0
      const now = this.clock.read(jumps)
      const state = log && this.options ? sessionState(log, now, this.options) : null
      this.cached = { version: this.version, state, now }
    }
    return this.cached
  }
}

/** The live figures of `log`; one store for the page's life, fed each new log. */
export function useLiveSession(
  log: SessionLog | undefined,
  options: TimingOptions | undefined,
  intervalMs = 250
): LiveSession {
  const store = useMemo(() => new LiveSessionStore(intervalMs), [intervalMs])
  // Fed during render so the first paint after a new log already reads it.
  store.changed(log ?? null, options ?? null)
  useEffect(() => store.notify(), [store, log, options])
  useEffect(() => api().subscribe('clock.resumed', () => store.resumed()), [store])
  return store
}

/**
 * What `select` picks from the live state, re-rendering only when it changes.
 * `select` must answer a primitive (a figure, a label) or the same object.
 */
export function useLive<T>(live: LiveSession, select: (state: SessionState | null) => T): T {
  return useSyncExternalStore(live.subscribe, () => select(live.state()))
}

/** The time, to within `stepMs`: for figures that change by the minute. */
export function useLiveNow(live: LiveSession, stepMs: number): number {
  return useSyncExternalStore(live.subscribe, () => Math.floor(live.now() / stepMs) * stepMs)
}
