/**
 * Absences in a row, as a counselor checks before calling someone who has
 * stopped coming: excused or not, a missed group is a missed group; a roll
 * call nobody took says nothing either way; and a single missed day is not a
 * pattern worth listing.
 */
import { describe, expect, it } from 'vitest'
import { absenceRuns } from '../../../src/shared/progress/absences'

type Status = 'present' | 'absent_excused' | 'absent_unexcused' | 'unmarked'

/** Sessions on consecutive group days from the given statuses, first date 2026-02-02. */
function attended(...statuses: Status[]) {
  return statuses.map((status, i) => ({
    date: `2026-02-${String(2 + i).padStart(2, '0')}`,
    status
  }))
}

describe('absences in a row', () => {
  it('counts nothing for someone who came every time', () => {
    expect(absenceRuns(attended('present', 'present', 'present'))).toEqual({
      current: 0,
      longest: 0,
      runs: []
    })
  })

  it('counts nothing for someone with no sessions yet', () => {
    expect(absenceRuns([])).toEqual({ current: 0, longest: 0, runs: [] })
  })

  it('counts excused and unexcused absences together as one run', () => {
    const result = absenceRuns(
      attended('present', 'absent_excused', 'absent_unexcused', 'absent_excused', 'present')
    )
    expect(result.runs).toEqual([{ from: '2026-02-03', to: '2026-02-05', length: 3 }])
    expect(result.longest).toBe(3)
  })

  it('skips a session nobody marked: it neither breaks a run nor adds to it', () => {
    const result = absenceRuns(
      attended('absent_unexcused', 'unmarked', 'absent_excused', 'present')
    )
    expect(result.runs).toEqual([{ from: '2026-02-02', to: '2026-02-04', length: 2 }])
    expect(result.longest).toBe(2)
  })

  it('does not turn a single absence into a run because the next session was unmarked', () => {
    const result = absenceRuns(attended('present', 'absent_unexcused', 'unmarked', 'present'))
    expect(result).toEqual({ current: 0, longest: 1, runs: [] })
  })

  it('puts sessions in date order before counting, whatever order they came in', () => {
    const sessions = attended('present', 'absent_unexcused', 'absent_unexcused', 'present')
    const shuffled = [sessions[2]!, sessions[0]!, sessions[3]!, sessions[1]!]
    expect(absenceRuns(shuffled)).toEqual(absenceRuns(sessions))
    expect(absenceRuns(shuffled).runs).toEqual([
      { from: '2026-02-03', to: '2026-02-04', length: 2 }
    ])
  })

  it('shows the run still going as current, and the worst one as longest', () => {
    const result = absenceRuns(
      attended(
        'absent_unexcused',
        'absent_unexcused',
        'absent_excused',
        'present',
        'absent_unexcused',
        'absent_excused'
      )
    )
    expect(result.current).toBe(2)
    expect(result.longest).toBe(3)
    expect(result.runs).toEqual([
      { from: '2026-02-02', to: '2026-02-04', length: 3 },
      { from: '2026-02-06', to: '2026-02-07', length: 2 }
    ])
  })

  it('has no current run once the person comes back', () => {
    const result = absenceRuns(
      attended('absent_unexcused', 'absent_unexcused', 'absent_unexcused', 'present')
    )
    expect(result.current).toBe(0)
    expect(result.longest).toBe(3)
  })

  it('judges the current run by the latest marked session when the latest is unmarked', () => {
    const result = absenceRuns(attended('present', 'absent_excused', 'absent_excused', 'unmarked'))
    expect(result.current).toBe(2)
  })

  it('counts a single latest absence as current but does not list it', () => {
    const result = absenceRuns(attended('present', 'present', 'absent_unexcused'))
    expect(result).toEqual({ current: 1, longest: 1, runs: [] })
  })

  it('lists runs of two or more only, oldest first', () => {
    const result = absenceRuns(
      attended(
        'absent_unexcused',
        'present',
        'absent_excused',
        'absent_excused',
        'present',
        'absent_unexcused',
        'present'
      )
    )
    expect(result.runs).toEqual([{ from: '2026-02-04', to: '2026-02-05', length: 2 }])
    expect(result.current).toBe(0)
  })
})
