/** The order Home lists follow-ups in, when one is overdue, and what a note lists. */
import { describe, expect, test } from 'vitest'
import {
  byUrgency,
  defaultDueOn,
  isOverdue,
  openFollowUps,
  openFollowUpsFor
} from '../../../src/shared/followups/order'
import type { RiskLevel } from '../../../src/shared/domain/protocol'

function followUp(
  id: string,
  riskLevel: RiskLevel,
  createdAt: string,
  overrides: Partial<{ status: 'open' | 'closed'; dueOn: string; participantId: string }> = {}
) {
  return {
    id,
    riskLevel,
    createdAt,
    status: 'open' as const,
    dueOn: '2026-11-30',
    participantId: 'p-1',
    ...overrides
  }
}

describe('follow-ups', () => {
  test('the most severe come first, and the oldest first within a level; closed ones leave the list', () => {
    const list = [
      followUp('a', 'low', '2026-11-01T10:00:00Z'),
      followUp('b', 'high', '2026-11-20T10:00:00Z'),
      followUp('c', 'imminent', '2026-11-22T10:00:00Z'),
      followUp('d', 'high', '2026-11-10T10:00:00Z'),
      followUp('e', 'imminent', '2026-11-02T10:00:00Z', { status: 'closed' }),
      followUp('f', 'moderate', '2026-11-05T10:00:00Z')
    ]
    expect(openFollowUps(list).map((f) => f.id)).toEqual(['c', 'd', 'b', 'f', 'a'])
    expect([...list].sort(byUrgency)[0]!.id).toBe('e')
  })

  test('a follow-up is overdue from the day after it was due, and never once closed', () => {
    const f = followUp('a', 'moderate', '2026-11-20T10:00:00Z', { dueOn: '2026-11-23' })
    expect(isOverdue(f, '2026-11-23')).toBe(false)
    expect(isOverdue(f, '2026-11-24')).toBe(true)
    expect(isOverdue({ ...f, status: 'closed' }, '2026-12-24')).toBe(false)
  })

  test('a participant’s note lists only their own open follow-ups', () => {
    const list = [
      followUp('a', 'low', '2026-11-01T10:00:00Z'),
      followUp('b', 'high', '2026-11-02T10:00:00Z', { participantId: 'p-2' }),
      followUp('c', 'high', '2026-11-03T10:00:00Z', { status: 'closed' }),
      followUp('d', 'moderate', '2026-11-04T10:00:00Z')
    ]
    expect(openFollowUpsFor(list, 'p-1').map((f) => f.id)).toEqual(['d', 'a'])
    expect(openFollowUpsFor(list, 'p-3')).toEqual([])
  })

  test('high and imminent risk are due the same day; lower levels later, across a month’s end', () => {
    expect(defaultDueOn('imminent', '2026-11-30')).toBe('2026-11-30')
    expect(defaultDueOn('high', '2026-11-30')).toBe('2026-11-30')
    expect(defaultDueOn('moderate', '2026-11-30')).toBe('2026-12-01')
    expect(defaultDueOn('low', '2026-12-28')).toBe('2027-01-04')
  })
})
