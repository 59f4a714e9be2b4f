import type { SessionState } from './types'

/**
 * Where "next" and "previous" go. Skipped segments are stepped over; going
 * back to one that already ran is allowed (its time continues from where it
 * stopped).
 */

/** The next segment that is not skipped; before the start, the first one. Null at the end. */
export function nextSegmentId(state: SessionState): string | null {
  if (state.status === 'ended') return null
  const from = state.currentIndex === null ? 0 : state.currentIndex + 1
  for (let i = from; i < state.segments.length; i++) {
    const segment = state.segments[i]!
    if (segment.status !== 'skipped') return segment.segmentId
  }
  return null
}

/** The segment before the current one that is not skipped, or null if there is none. */
export function previousSegmentId(state: SessionState): string | null {
  if (state.currentIndex === null) return null
  for (let i = state.currentIndex - 1; i >= 0; i--) {
    const segment = state.segments[i]!
    if (segment.status !== 'skipped') return segment.segmentId
  }
  return null
}
