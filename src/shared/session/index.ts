export type * from './types'
export { clockJumps, clockOffset, effectiveClock, effectiveTime, parseTime } from './clock'
export type { ClockJump } from './clock'
export { MINUTE_MS, sessionState } from './state'
export { nextSegmentId, previousSegmentId } from './navigation'
export { canReorder, proposeRebalance } from './rebalance'
export { slidePacing } from './pacing'
export type { SlidePacingInput } from './pacing'
export {
  attendanceFigures,
  countableIntervals,
  participantIntervals,
  plannedCountableMs
} from './countable'
export type { AttendanceSettings, Interval } from './countable'
export { segmentSummary } from './summary'
export type { SegmentSummaryRow, SessionSummary } from './summary'
