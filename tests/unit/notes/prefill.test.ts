/**
 * A note starts from what happened: the check-in and check-out answers, what
 * was observed, the measures given and any safety event are written into the
 * section a reviewer expects them in, for every format; the risk level is
 * never filled in, and a day with nothing recorded leaves the sections empty.
 */
import { describe, expect, it } from 'vitest'
import { NOTE_FORMATS } from '../../../src/shared/domain/note'
import { prefilledBody, type NoteFacts } from '../../../src/shared/notes/prefill'

const DAY: NoteFacts = {
  attendance: { late: true, leftEarly: false, walkIn: false },
  rounds: [
    { round: 'check_out', text: 'Check-out: take-away: “urge surfing”.' },
    { round: 'check_in', text: 'Check-in: mood 6 of 10; cravings 3 of 10.' }
  ],
  observations: [
    { time: '09:05', tag: 'shared_in_check_in', text: '' },
    { time: '10:10', tag: 'practised_skill', text: 'used paced breathing' }
  ],
  measures: [{ measureId: 'phq9', total: 12, band: 'moderate' }],
  safety: [{ at: '2026-11-23T15:40:00.000Z', time: '09:40', text: 'Safety concern observed.' }]
}

const GOALS = [
  { id: 'g1', text: 'Attend every group this month', status: 'in_progress' },
  { id: 'g2', text: 'Start a sleep routine', status: 'met' }
]

describe('prefilledBody', () => {
  it('a DAP note holds the whole day in Data, in the order it happened', () => {
    const body = prefilledBody('DAP', GOALS, DAY)
    expect(body.sections.data?.split('\n')).toEqual([
      'Check-in: mood 6 of 10; cravings 3 of 10.',
      'Check-out: take-away: “urge surfing”.',
      'Attendance: arrived late.',
      'Observed in session: Shared in check-in (09:05); Practised the skill: used paced breathing (10:10).',
      'Measures given today: PHQ-9 12 (moderate).',
      'Safety: Safety concern observed (09:40).'
    ])
    expect(body.sections.assessment).toBe('')
    expect(body.sections.plan).toBe('')
  })

  it('a SOAP note puts what was said under Subjective and what was seen under Objective', () => {
    const body = prefilledBody('SOAP', GOALS, DAY)
    expect(body.sections.subjective).toMatch(/^Check-in: mood 6 of 10/)
    expect(body.sections.subjective).not.toContain('PHQ-9')
    expect(body.sections.objective).toMatch(/^Attendance: arrived late\./)
    expect(body.sections.objective).toContain('PHQ-9 12 (moderate)')
  })

  it('a GIRP note names the open goals under Goal and the day under Response', () => {
    const body = prefilledBody('GIRP', GOALS, DAY)
    expect(body.sections.goal).toBe('Treatment-plan goals: Attend every group this month.')
    expect(body.sections.response).toContain('Observed in session:')
  })

  it.each(NOTE_FORMATS)(
    'a %s note never has its risk filled in, and lists only open goals',
    (format) => {
      const body = prefilledBody(format, GOALS, DAY)
      expect(body.risk).toBeNull()
      expect(body.riskText).toBe('')
      expect(body.goals).toEqual([{ goalId: 'g1', addressed: false, progress: '' }])
    }
  )

  it('a day with nothing recorded leaves every section empty', () => {
    const quiet: NoteFacts = {
      attendance: { late: false, leftEarly: false, walkIn: false },
      rounds: [],
      observations: [],
      measures: [],
      safety: []
    }
    const body = prefilledBody('BIRP', [], quiet)
    expect(Object.values(body.sections).every((text) => text === '')).toBe(true)
  })
})
