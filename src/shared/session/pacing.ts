import { MINUTE_MS } from './state'
import type { PacingStatus, SlidePacing } from './types'

export interface SlidePacingInput {
  /** The segment's budget (planned plus adjustments). */
  budgetMs: number
  /** Running time spent in the segment so far. */
  elapsedMs: number
  slideIndex: number
  /** Each slide's minutes hint from the module, or null for none. */
  slideMinutes: ReadonlyArray<number | null>
}

/**
 * Each slide's share of the segment, in ms before scaling to the budget.
 * Hinted slides keep their hint and unhinted ones share what the hints leave.
 * When the hints already fill the budget, an unhinted slide counts as an
 * average hinted one and everything is scaled down together.
 */
function slideWeights(budgetMs: number, minutes: ReadonlyArray<number | null>): number[] {
  const hints = minutes.filter((m): m is number => m !== null).map((m) => Math.max(0, m))
  const hintedMs = hints.reduce((sum, m) => sum + m, 0) * MINUTE_MS
  const unhinted = minutes.length - hints.length
  if (hints.length === 0 || (unhinted === 0 && hintedMs === 0)) return minutes.map(() => 1)
  const leftMs = budgetMs - hintedMs
  const fill =
    unhinted > 0 && leftMs > 0 ? leftMs / unhinted : hintedMs > 0 ? hintedMs / hints.length : 1
  return minutes.map((m) => (m === null ? fill : Math.max(0, m) * MINUTE_MS))
}

/** How the facilitator is doing on the current slide against the segment's time. */
export function slidePacing(input: SlidePacingInput): SlidePacing {
  const { budgetMs, elapsedMs } = input
  const count = Math.max(1, input.slideMinutes.length)
  const slideIndex = Math.min(Math.max(0, Math.floor(input.slideIndex)), count - 1)
  const weights = input.slideMinutes.length === 0 ? [1] : slideWeights(budgetMs, input.slideMinutes)
  const total = weights.reduce((sum, w) => sum + w, 0)
  const scale = total > 0 ? budgetMs / total : 0
  let startMs = 0
  for (let i = 0; i < slideIndex; i++) startMs += weights[i]! * scale
  const slideBudgetMs = weights[slideIndex]! * scale
  const timeLeftMs = startMs + slideBudgetMs - elapsedMs
  const status: PacingStatus =
    timeLeftMs < 0 ? 'behind' : elapsedMs < startMs ? 'ahead' : 'on_track'
  return { slideBudgetMs, timeLeftMs, status }
}
