import type { SessionEvent } from '../../shared/domain/session'
import { ClockJumpDetector, JUMP_THRESHOLD_MS } from '../../shared/session/clock'
import { isoNow, type ServiceContext } from './context'
import { isLive } from './session-activity'
import { openSession } from './sessions'

/** How often a running session notes that the app is still there. */
export const HEARTBEAT_MS = 10_000
/** Shorter absences (a reload) are not worth telling the facilitator about. */
export const REOPEN_NOTICE_MS = 15_000

/**
 * Watches the computer's clock while sessions run. Timers follow the wall
 * clock (so a sleeping laptop or a closed app loses nothing: the group went
 * on), but a wall clock that is changed by hand or by a bad sync would make
 * them wrong; comparing it with a monotonic clock finds such jumps, which are
 * logged so every figure can take them out, and reported.
 */
export class SessionClockWatch {
  private readonly jumps = new ClockJumpDetector()
  private lastHeartbeat = 0

  constructor(
    private readonly ctx: () => ServiceContext,
    private readonly monotonic: () => number
  ) {}

  /** After the system sleeps the monotonic clock stood still while real time passed: not a jump. */
  systemResumed(): void {
    this.jumps.resumed()
  }

  /** Called about once a second. Answers the sessions whose log changed. */
  async tick(): Promise<string[]> {
    const ctx = this.ctx()
    const wall = ctx.now()
    const driftMs = this.jumps.observe(wall, this.monotonic())
    const running = ctx.registry.data.sessions.filter((s) => s.status === 'running')
    if (running.length === 0) return []

    const jumped = driftMs !== 0
    const heartbeatDue = wall - this.lastHeartbeat >= HEARTBEAT_MS || wall < this.lastHeartbeat
    if (!jumped && !heartbeatDue) return []
    this.lastHeartbeat = wall

    const changed: string[] = []
    for (const entry of running) {
      const document = await openSession(ctx, entry.id).catch(() => null)
      if (!document || !isLive(document.data, wall)) continue
      const event: SessionEvent | null = jumped
        ? { type: 'clock_jumped', at: isoNow(ctx), byMs: Math.round(driftMs) }
        : null
      await document.update((draft) => {
        if (event) draft.events.push(event)
        draft.lastSeenAt = isoNow(ctx)
      })
      if (event) changed.push(entry.id)
    }
    return changed
  }

  /**
   * When the app opens while a session is running: note how long it was
   * away, and a clock that went backwards in the meantime.
   *
   * `openedAt`: when the app itself opened, if the records were opened later
   * (an encrypted clinic opens them at the first sign-in): the app was not
   * closed while it waited for a passphrase.
   */
  async reopen(openedAt?: number): Promise<string[]> {
    const ctx = this.ctx()
    const now = openedAt ?? ctx.now()
    const changed: string[] = []
    for (const entry of ctx.registry.data.sessions.filter((s) => s.status === 'running')) {
      const document = await openSession(ctx, entry.id).catch(() => null)
      if (!document || !isLive(document.data, now)) continue
      const events = document.data.events
      const lastSeen = Math.max(
        document.data.lastSeenAt ? Date.parse(document.data.lastSeenAt) : 0,
        events.length ? Date.parse(events[events.length - 1]!.at) : 0
      )
      const away = now - lastSeen
      const added: SessionEvent[] = []
      if (away < -JUMP_THRESHOLD_MS) {
        // The clock is behind the last thing written: it was set back while the app was closed.
        added.push({ type: 'clock_jumped', at: isoNow(ctx), byMs: Math.round(away) })
      } else if (away >= REOPEN_NOTICE_MS) {
        added.push({ type: 'reopened', at: isoNow(ctx), closedMs: Math.round(away) })
      }
      await document.update((draft) => {
        draft.events.push(...added)
        draft.lastSeenAt = isoNow(ctx)
      })
      if (added.length) changed.push(entry.id)
    }
    return changed
  }
}
