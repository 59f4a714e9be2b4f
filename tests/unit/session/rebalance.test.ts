/**
 * Offering to win back an overrun from the segments still to come: in
 * proportion to their length, in whole minutes, never below the clinic's
 * shortest segment, and not nagging after the facilitator says no.
 */
import { describe, expect, it } from 'vitest'
import type { SessionEvent } from '../../../src/shared/domain/session'
import { proposeRebalance, sessionState } from '../../../src/shared/session'
import { e, logOf, min, sec, wall } from './session-log'

const options = { wrapUpMinutes: 5 }
const stateAt = (events: SessionEvent[], offsetMs: number) =>
  sessionState(logOf(...events), wall(offsetMs), options)
/** Arrival ran `arrivalMs` instead of 10 minutes; check-in has just begun. */
const lateArrival = (arrivalMs: number) => [e.started(0), e.go(arrivalMs, 'check-in')]

describe('a rebalancing proposal', () => {
  it('is not offered for less than a minute late', () => {
    const events = lateArrival(min(10) + sec(59))
    expect(stateAt(events, min(11)).overrunMs).toBe(sec(59))
    expect(proposeRebalance(stateAt(events, min(11)), 5)).toBeNull()
  })

  it('is not offered before the start or after the end', () => {
    expect(proposeRebalance(stateAt([], 0), 5)).toBeNull()
    const ended = stateAt([e.started(0), e.ended(min(200))], min(210))
    expect(ended.overrunMs).toBe(min(20))
    expect(proposeRebalance(ended, 5)).toBeNull()
  })

  it('takes 12 minutes from the rest of the day in proportion to each segment', () => {
    const state = stateAt(lateArrival(min(22)), min(22))
    expect(state.overrunMs).toBe(min(12))
    expect(proposeRebalance(state, 5)).toEqual({
      overrunMs: min(12),
      changes: [
        { segmentId: 'educational', deltaMs: -min(4) },
        { segmentId: 'break', deltaMs: -min(1) },
        { segmentId: 'skills', deltaMs: -min(4) },
        { segmentId: 'discussion', deltaMs: -min(2) },
        { segmentId: 'check-out', deltaMs: -min(1) }
      ],
      recoveredMs: min(12),
      shortfallMs: 0
    })
  })

  it('rounds 3:12 late up to 4 whole minutes, the largest remainders giving the odd ones', () => {
    const proposal = proposeRebalance(stateAt(lateArrival(min(13) + sec(12)), min(14)), 5)
    expect(proposal?.overrunMs).toBe(192_000)
    expect(proposal?.changes).toEqual([
      { segmentId: 'educational', deltaMs: -min(1) },
      { segmentId: 'break', deltaMs: -min(1) },
      { segmentId: 'skills', deltaMs: -min(1) },
      { segmentId: 'discussion', deltaMs: -min(1) }
    ])
    expect(proposal?.recoveredMs).toBe(192_000)
    expect(proposal?.shortfallMs).toBe(0)
  })

  it('never shortens a segment below the 10-minute minimum and shares the rest among the others', () => {
    // An hour late. Check-out is already at 10 minutes; the break can give only 5.
    const proposal = proposeRebalance(stateAt(lateArrival(min(70)), min(70)), 10)
    expect(proposal?.changes).toEqual([
      { segmentId: 'educational', deltaMs: -min(22) },
      { segmentId: 'break', deltaMs: -min(5) },
      { segmentId: 'skills', deltaMs: -min(21) },
      { segmentId: 'discussion', deltaMs: -min(12) }
    ])
    expect(proposal?.recoveredMs).toBe(min(60))
    expect(proposal?.shortfallMs).toBe(0)
  })

  it('says how much cannot be won back when every segment is at its minimum', () => {
    const proposal = proposeRebalance(stateAt(lateArrival(min(140)), min(140)), 5)
    expect(proposal?.overrunMs).toBe(min(130))
    expect(proposal?.changes).toEqual([
      { segmentId: 'educational', deltaMs: -min(40) },
      { segmentId: 'break', deltaMs: -min(10) },
      { segmentId: 'skills', deltaMs: -min(40) },
      { segmentId: 'discussion', deltaMs: -min(20) },
      { segmentId: 'check-out', deltaMs: -min(5) }
    ])
    expect(proposal?.recoveredMs).toBe(min(115))
    expect(proposal?.shortfallMs).toBe(min(15))
  })

  it('takes nothing from the segment running now, skipped ones or ones already done', () => {
    const events = [
      e.started(0),
      e.go(min(10), 'check-in'),
      e.skip(min(11), 'break'),
      e.go(min(120), 'skills'),
      e.reorder(min(121), [
        'arrival',
        'check-in',
        'educational',
        'break',
        'skills',
        'check-out',
        'discussion'
      ])
    ]
    // Educational is still to come but sits before the current segment: it is not "later".
    const state = stateAt(events, min(130))
    expect(state.overrunMs).toBe(min(20))
    expect(proposeRebalance(state, 5)?.changes).toEqual([
      { segmentId: 'check-out', deltaMs: -min(5) },
      { segmentId: 'discussion', deltaMs: -min(15) }
    ])
  })

  it('an accepted proposal brings the day back to time', () => {
    const events = lateArrival(min(22))
    const proposal = proposeRebalance(stateAt(events, min(22)), 5)!
    const after = stateAt([...events, e.rebalanced(min(22), proposal.changes)], min(23))
    expect(after.overrunMs).toBe(0)
    expect(after.segments[2]!.budgetMs).toBe(min(41))
    expect(proposeRebalance(after, 5)).toBeNull()
  })

  it('once declined, comes back only when the group has lost another whole minute', () => {
    // Arrival is still running 3:12 over; every further second adds to the overrun.
    const events = [e.started(0), e.declined(min(13) + sec(12), 192_000)]
    expect(stateAt(events, min(13) + sec(12)).declinedOverrunMs).toBe(192_000)
    expect(proposeRebalance(stateAt(events, min(14)), 5)).toBeNull()
    expect(proposeRebalance(stateAt(events, min(14) + sec(11)), 5)).toBeNull()
    const again = proposeRebalance(stateAt(events, min(14) + sec(12)), 5)
    expect(again?.overrunMs).toBe(min(4) + sec(12))
    expect(again?.changes.reduce((sum, c) => sum + c.deltaMs, 0)).toBe(-min(5))
  })

  it('is offered while the group is paused, since the pause makes the day later', () => {
    const state = stateAt([e.started(0), e.go(min(10), 'check-in'), e.paused(min(15))], min(20))
    expect(state.status).toBe('paused')
    expect(proposeRebalance(state, 5)?.overrunMs).toBe(min(5))
  })
})
