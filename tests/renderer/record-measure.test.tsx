/**
 * Recording a PHQ-9 as a counselor meets it on screen: the difficulty
 * question appears once a problem is marked and is saved with the answers
 * (never scored); a positive item 9 opens the private follow-up checklist —
 * steps for a one-to-one talk today, not the group room's — whose ticked steps
 * are recorded with the follow-up.
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RecordMeasureButton } from '../../src/renderer/src/features/progress/RecordMeasure'
import type { MeasureEntry } from '../../src/shared/domain/measure'
import { ITEM9_FOLLOW_UP } from '../../src/shared/measures/follow-up'
import { SAFETY_PROTOCOLS } from '../../src/shared/session/safety'
import { fakeApi, renderScreen } from './render'

function entry(input: { answers: number[]; difficulty: number | null }): MeasureEntry {
  const total = input.answers.reduce((a, b) => a + b, 0)
  return {
    id: 'entry-1',
    participantId: 'participant-1',
    measureId: 'phq9',
    answers: input.answers,
    takenOn: '2026-11-23',
    difficulty: input.difficulty,
    total,
    band: 'minimal',
    recordedBy: 'staff-1',
    recordedAt: '2026-11-23T15:00:00.000Z',
    selfHarmFlag: (input.answers[8] ?? 0) > 0,
    followUp: null
  }
}

async function answerPhq9(user: ReturnType<typeof userEvent.setup>, answers: number[]) {
  // The dialog opens with a short transition.
  const form = await screen.findByRole('form', { name: 'Record PHQ-9' })
  const groups = within(form).getAllByRole('radiogroup')
  for (const [i, value] of answers.entries()) {
    const label = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'][
      value
    ]!
    await user.click(within(groups[i]!).getByRole('radio', { name: `${label} (${value})` }))
  }
  return form
}

describe('recording a PHQ-9', () => {
  it('asks the difficulty question once a problem is marked, and saves it unscored', async () => {
    const invoke = fakeApi((channel, input) => {
      if (channel === 'measures.record') {
        const i = input as { answers: number[]; difficulty: number | null }
        return { ok: true, value: entry(i) }
      }
      return { ok: true, value: null }
    })
    const user = userEvent.setup()
    renderScreen(<RecordMeasureButton participantId="participant-1" today="2026-11-23" />)
    await user.click(screen.getByRole('button', { name: 'Record a measure' }))
    expect(screen.queryByRole('radiogroup', { name: /how hard have they made it/ })).toBeNull()
    const form = await answerPhq9(user, [1, 1, 0, 0, 0, 0, 0, 0, 0])
    const difficulty = within(form).getByRole('radiogroup', { name: /how hard have they made it/ })
    await user.click(within(difficulty).getByRole('radio', { name: 'Very hard' }))
    // The score counts the nine items only.
    expect(screen.getByTestId('measure-score')).toHaveTextContent('Score 2 · Minimal')
    await user.click(screen.getByRole('button', { name: 'Save the measure' }))
    // The mutation runs a moment after the click.
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('measures.record', {
        participantId: 'participant-1',
        measureId: 'phq9',
        takenOn: '2026-11-23',
        answers: [1, 1, 0, 0, 0, 0, 0, 0, 0],
        difficulty: 2
      })
    )
  })

  it('a positive item 9 opens the private follow-up checklist and records the steps ticked', async () => {
    const invoke = fakeApi((channel, input) => {
      if (channel === 'measures.record') {
        return { ok: true, value: entry(input as { answers: number[]; difficulty: number | null }) }
      }
      return { ok: true, value: null }
    })
    const user = userEvent.setup()
    renderScreen(<RecordMeasureButton participantId="participant-1" today="2026-11-23" />)
    await user.click(screen.getByRole('button', { name: 'Record a measure' }))
    await answerPhq9(user, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    await user.click(screen.getByRole('button', { name: 'Save the measure' }))

    const checklist = await screen.findByRole('alert', { name: ITEM9_FOLLOW_UP.title })
    for (const step of ITEM9_FOLLOW_UP.steps) {
      expect(within(checklist).getByRole('checkbox', { name: step.text })).not.toBeChecked()
    }
    // Not the steps for a disclosure in the group room.
    for (const step of SAFETY_PROTOCOLS.suicidal_thoughts.steps) {
      if (step.id === 'continue' || step.id === 'acknowledge') {
        expect(within(checklist).queryByText(step.text)).toBeNull()
      }
    }
    expect(within(checklist).queryByText(/Keep the group going/)).toBeNull()

    await user.click(within(checklist).getByRole('checkbox', { name: /Find a private room/ }))
    await user.click(within(checklist).getByRole('checkbox', { name: /Ask directly and calmly/ }))
    await user.type(
      within(checklist).getByLabelText('What was done'),
      'Met privately; risk low; safety plan reviewed.'
    )
    await user.click(within(checklist).getByRole('button', { name: 'Mark the follow-up done' }))
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('measures.followUpDone', {
        entryId: 'entry-1',
        note: 'Met privately; risk low; safety plan reviewed.',
        steps: ['private', 'ask']
      })
    )
  })
})
