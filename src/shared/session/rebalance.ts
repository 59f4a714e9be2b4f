import { MINUTE_MS } from './state'
import type { RebalanceProposal, SessionState } from './types'

/**
 * When the group runs late, offer to take the lost time back from the
 * segments still to come, in proportion to their length, in whole minutes,
 * never shortening one below the clinic's minimum.
 */
export function proposeRebalance(
  state: SessionState,
  minimumSegmentMinutes: number
): RebalanceProposal | null {
  if (state.status !== 'running' && state.status !== 'paused') return null
  if (state.currentIndex === null) return null
  const { overrunMs, declinedOverrunMs } = state
  if (overrunMs < MINUTE_MS) return null
  // A declined proposal stays declined until the group loses another minute.
  if (declinedOverrunMs !== null && overrunMs < declinedOverrunMs + MINUTE_MS) return null

  const floorMs = minimumSegmentMinutes * MINUTE_MS
  const candidates = state.segments
    .slice(state.currentIndex + 1)
    .filter((s) => s.status === 'upcoming')
    .map((s) => ({
      segmentId: s.segmentId,
      budgetMs: s.budgetMs,
      capMinutes: Math.floor((s.budgetMs - Math.min(s.budgetMs, floorMs)) / MINUTE_MS),
      takeMinutes: 0
    }))

  let need = Math.ceil(overrunMs / MINUTE_MS)
  let open = candidates.filter((c) => c.capMinutes > 0)
  // Water-filling: a segment whose share would take it below its floor gives
  // all it can, and the rest is shared again among the others. Shares are
  // need × budget / total, compared in integers so equal shares tie exactly.
  while (need > 0 && open.length > 0) {
    const total = open.reduce((sum, c) => sum + c.budgetMs, 0)
    const capped = open.filter((c) => need * c.budgetMs >= c.capMinutes * total)
    if (capped.length > 0) {
      for (const c of capped) {
        c.takeMinutes = c.capMinutes
        need -= c.capMinutes
      }
      open = open.filter((c) => !capped.includes(c))
      continue
    }
    for (const c of open) c.takeMinutes = Math.floor((need * c.budgetMs) / total)
    let left = need - open.reduce((sum, c) => sum + c.takeMinutes, 0)
    // Largest remainder; on a tie the earlier segment gives first (the sort is
    // stable). Every share is below its cap, so one more minute still fits.
    const byRemainder = [...open].sort(
      (a, b) => ((need * b.budgetMs) % total) - ((need * a.budgetMs) % total)
    )
    for (const c of byRemainder) {
      if (left <= 0) break
      c.takeMinutes += 1
      left -= 1
    }
    need = 0
  }

  const changes = candidates
    .filter((c) => c.takeMinutes > 0)
    .map((c) => ({ segmentId: c.segmentId, deltaMs: -c.takeMinutes * MINUTE_MS }))
  const takenMs = changes.reduce((sum, c) => sum - c.deltaMs, 0)
  const recoveredMs = Math.min(takenMs, overrunMs)
  return { overrunMs, changes, recoveredMs, shortfallMs: overrunMs - recoveredMs }
}

/**
 * Whether `order` is an allowed new order of the agenda: the same segments,
 * with every one that is current or has run staying in its place. Only
 * segments still to come (or skipped) may move.
 */
export function canReorder(state: SessionState, order: readonly string[]): boolean {
  if (state.status === 'ended') return false
  if (order.length !== state.segments.length) return false
  const ids = new Set(order)
  if (ids.size !== order.length) return false
  if (!state.segments.every((s) => ids.has(s.segmentId))) return false
  return state.segments.every(
    (s, i) => s.status === 'upcoming' || s.status === 'skipped' || order[i] === s.segmentId
  )
}
