/**
 * The planner proposes, for the next session, the modules most of the people
 * in the room still need; coverage counts exactly what attendance shows.
 * Property-based: fast-check builds cycles, rosters and histories at random.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coverageOf, nthMeetingDate } from '../../../src/shared/curriculum/coverage'
import { cycleModules, type CycleSlot } from '../../../src/shared/curriculum/cycle'
import { proposeModules } from '../../../src/shared/curriculum/planner'

const moduleIds = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)

/** A cycle of n sessions pairing edu-i with skl-i. */
function pairedCycle(n: number): { slots: CycleSlot[] } {
  return {
    slots: moduleIds('x', n).map((_, i) => ({
      educationalModuleId: `edu-${i + 1}`,
      skillsModuleId: `skl-${i + 1}`
    }))
  }
}

const scenario = fc.integer({ min: 1, max: 36 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    startSlot: fc.integer({ min: 0, max: n - 1 }),
    members: fc.array(fc.subarray([...moduleIds('edu', n), ...moduleIds('skl', n)]), {
      minLength: 0,
      maxLength: 12
    })
  })
)

describe('the session planner', () => {
  it('never puts first a module nobody present needs while one exists that somebody needs', () => {
    fc.assert(
      fc.property(scenario, ({ n, startSlot, members }) => {
        for (const kind of ['educational', 'skills'] as const) {
          const proposal = proposeModules({
            cycle: pairedCycle(n),
            kind,
            startSlot,
            members: members.map((covered) => ({ covered }))
          })
          const someoneNeedsOne = proposal.some((c) => c.needCount > 0)
          if (someoneNeedsOne) expect(proposal[0]!.needCount).toBeGreaterThan(0)
          // And the ranking is by need, then by closeness in the cycle.
          for (let i = 1; i < proposal.length; i++) {
            const [a, b] = [proposal[i - 1]!, proposal[i]!]
            expect(
              a.needCount > b.needCount ||
                (a.needCount === b.needCount && a.cycleDistance < b.cycleDistance)
            ).toBe(true)
          }
        }
      })
    )
  })

  it('counts, for each module, exactly the members who have not covered it', () => {
    fc.assert(
      fc.property(scenario, ({ n, startSlot, members }) => {
        const proposal = proposeModules({
          cycle: pairedCycle(n),
          kind: 'skills',
          startSlot,
          members: members.map((covered) => ({ covered }))
        })
        expect(proposal).toHaveLength(n)
        for (const candidate of proposal) {
          const expected = members.filter((covered) => !covered.includes(candidate.moduleId)).length
          expect(candidate.needCount).toBe(expected)
        }
      })
    )
  })

  it('with nobody needing anything, follows the cycle from where the group is', () => {
    const proposal = proposeModules({
      cycle: pairedCycle(5),
      kind: 'educational',
      startSlot: 3,
      members: []
    })
    expect(proposal.map((c) => c.moduleId)).toEqual(['edu-4', 'edu-5', 'edu-1', 'edu-2', 'edu-3'])
  })

  it('a newcomer who has covered nothing pulls the group toward what the others also missed', () => {
    const proposal = proposeModules({
      cycle: pairedCycle(4),
      kind: 'educational',
      startSlot: 0,
      members: [
        { covered: ['edu-1', 'edu-2', 'edu-3'] },
        { covered: ['edu-1', 'edu-2'] },
        { covered: [] }
      ]
    })
    expect(proposal.map((c) => [c.moduleId, c.needCount])).toEqual([
      ['edu-4', 3],
      ['edu-3', 2],
      ['edu-1', 1],
      ['edu-2', 1]
    ])
  })
})

describe('coverage', () => {
  it('counts exactly the cycle modules attended, whatever else was attended', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 }),
        ({ n, startSlot, members }, extra) => {
          const attended = [...(members[0] ?? []), ...extra.map((e) => `other-${e}`)]
          const cycle = pairedCycle(n)
          const coverage = coverageOf({
            cycle,
            attendedModuleIds: attended,
            startSlot,
            meetingDays: ['mon', 'wed', 'thu'],
            from: '2026-11-23'
          })
          const all = cycleModules(cycle)
          expect(coverage.total).toBe(2 * n)
          expect(coverage.covered.length + coverage.missing.length).toBe(2 * n)
          expect(new Set(coverage.covered)).toEqual(
            new Set(all.filter((id) => attended.includes(id)))
          )
          expect(coverage.percent).toBe(Math.floor((coverage.covered.length * 100) / (2 * n)))
          expect(coverage.sessionsToGo === 0).toBe(coverage.missing.length === 0)
        }
      )
    )
  })

  it('estimates completion from when the missing modules next come round, on meeting days', () => {
    // 6 sessions; the group is due to hold session 5 next; session 2 was missed.
    const coverage = coverageOf({
      cycle: pairedCycle(6),
      attendedModuleIds: [
        'edu-1',
        'skl-1',
        'edu-3',
        'skl-3',
        'edu-4',
        'skl-4',
        'edu-5',
        'skl-5',
        'edu-6',
        'skl-6'
      ],
      startSlot: 4,
      meetingDays: ['mon', 'wed', 'thu'],
      from: '2026-11-23'
    })
    expect(coverage.missing).toEqual(['edu-2', 'skl-2'])
    expect(coverage.percent).toBe(83)
    // Sessions 5, 6, 1, 2: the fourth meeting from Monday 23 November is Monday 30 November.
    expect(coverage.sessionsToGo).toBe(4)
    expect(coverage.estimatedCompletion).toBe('2026-11-30')
  })

  it('counts meeting days only', () => {
    expect(nthMeetingDate('2026-11-23', ['mon', 'wed', 'thu'], 1)).toBe('2026-11-23')
    expect(nthMeetingDate('2026-11-24', ['mon', 'wed', 'thu'], 1)).toBe('2026-11-25')
    expect(nthMeetingDate('2026-11-23', ['fri'], 2)).toBe('2026-12-04')
    expect(nthMeetingDate('2026-11-23', [], 2)).toBeNull()
  })
})
