/**
 * What the risk section is shown: the day's safety events for this
 * participant only (steps opened in session, a safety concern or impairment
 * observed, a PHQ-9 item 9 above zero that day, a safety answer in a round),
 * in time order; and what it still needs before signing.
 */
import { describe, expect, it } from 'vitest'
import { emptyBody } from '../../../src/shared/domain/note'
import type { MeasureEntry } from '../../../src/shared/domain/measure'
import { riskProblem, safetyFacts } from '../../../src/shared/notes/risk'

const ME = 'p-jordan'
const PEER = 'p-casey'

function phq9(participantId: string, takenOn: string, item9: number): MeasureEntry {
  return {
    id: `m-${participantId}-${takenOn}`,
    participantId,
    measureId: 'phq9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, item9],
    takenOn,
    difficulty: null,
    total: 8 + item9,
    band: 'mild',
    recordedBy: 'staff-1',
    recordedAt: `${takenOn}T14:50:00.000Z`,
    selfHarmFlag: item9 > 0,
    followUp: null
  }
}

const record = {
  date: '2026-11-23',
  safety: [
    {
      id: 'c1',
      participantId: ME,
      protocol: 'impaired' as const,
      openedAt: '2026-11-23T15:20:00.000Z',
      done: {},
      needsFollowUp: true,
      riskLevel: null,
      record: '',
      finishedAt: null,
      followUpId: null
    }
  ],
  observations: [
    {
      id: 'o1',
      participantId: ME,
      at: '2026-11-23T15:10:00.000Z',
      tag: 'arrived_impaired' as const,
      text: 'Smelled of alcohol',
      byStaffId: 'staff-1'
    },
    {
      id: 'o2',
      participantId: PEER,
      at: '2026-11-23T15:11:00.000Z',
      tag: 'safety_concern' as const,
      text: '',
      byStaffId: 'staff-1'
    },
    {
      id: 'o3',
      participantId: ME,
      at: '2026-11-23T15:12:00.000Z',
      tag: 'practised_skill' as const,
      text: '',
      byStaffId: 'staff-1'
    }
  ]
}

describe('safetyFacts', () => {
  it("lists this participant's safety events of the day, in time order, and no one else's", () => {
    const measures = [
      phq9(ME, '2026-11-23', 2),
      phq9(ME, '2026-11-16', 3),
      phq9(PEER, '2026-11-23', 1)
    ]
    const rounds = [{ at: '2026-11-23T15:05:00.000Z', text: 'Check-in: raised a safety concern.' }]
    expect(safetyFacts(record, measures, ME, rounds)).toEqual([
      {
        at: '2026-11-23T14:50:00.000Z',
        text: 'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered 2 of 3.'
      },
      { at: '2026-11-23T15:05:00.000Z', text: 'Check-in: raised a safety concern.' },
      { at: '2026-11-23T15:10:00.000Z', text: 'Arrived impaired: Smelled of alcohol' },
      {
        at: '2026-11-23T15:20:00.000Z',
        text: 'Safety steps opened in session: Someone seems to be under the influence.'
      }
    ])
  })

  it('a PHQ-9 with item 9 at zero is not a safety event', () => {
    expect(
      safetyFacts({ ...record, safety: [], observations: [] }, [phq9(ME, '2026-11-23', 0)], ME)
    ).toEqual([])
  })
})

describe('riskProblem', () => {
  const event = [{ at: null, text: 'Safety concern observed.' }]
  it('a level never chosen is the first thing missing', () => {
    expect(riskProblem(emptyBody('DAP'), [])).toBe('not_assessed')
  })
  it('"None identified" needs a reason only when the day recorded a safety event', () => {
    const none = { ...emptyBody('DAP'), risk: 'none' as const }
    expect(riskProblem(none, [])).toBeNull()
    expect(riskProblem(none, event)).toBe('reason_needed')
    expect(riskProblem({ ...none, riskText: 'Assessed privately; no intent.' }, event)).toBeNull()
  })
  it('a rated risk needs its assessment written', () => {
    const low = { ...emptyBody('DAP'), risk: 'low' as const }
    expect(riskProblem(low, [])).toBe('assessment_empty')
    expect(riskProblem({ ...low, riskText: 'Passive thoughts, no plan.' }, [])).toBeNull()
  })
})
