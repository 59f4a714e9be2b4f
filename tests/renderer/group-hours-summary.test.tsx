import { describe, expect, it } from 'vitest'
import { hoursSummary } from '../../src/renderer/src/features/progress/GroupDashboard'

type Week = Parameters<typeof hoursSummary>[0][number]
const week = (averageHours: number | null): Week =>
  ({ weekStart: '2026-11-02', sessions: 3, attendanceRate: 1, averageHours }) as unknown as Week

describe('the group dashboard’s hours sentence', () => {
  it('measures an IOP group against its weekly requirement', () => {
    expect(hoursSummary([week(9), week(6)], 9)).toMatch(
      /against 9 required; the average was below the requirement in 1 week of 2/
    )
  })

  it('says a group billed per session has no weekly requirement, never "0 required"', () => {
    const text = hoursSummary([week(2.5), week(2.5)], 0)
    expect(text).toMatch(/no weekly requirement/)
    expect(text).not.toMatch(/0 required|below the requirement/)
  })
})
