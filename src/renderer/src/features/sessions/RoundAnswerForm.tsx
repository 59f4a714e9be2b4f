import { Button, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import {
  EMPTY_ROUND_ANSWERS,
  HomeworkStatus,
  type RoundAnswers,
  type RoundKind
} from '../../../../shared/domain/rounds'
import { ANSWER_LABELS, HOMEWORK_LABELS } from '../../../../shared/session/round-prompts'

interface Props {
  kind: RoundKind
  name: string
  initial: RoundAnswers | null
  /** The person has the floor: Enter saves and calls the next person (or ends the last turn). */
  speaking: boolean
  /** Who Enter calls next, when the person speaking has finished. */
  nextName: string | null
  busy: boolean
  onSave(answers: RoundAnswers, thenNext: boolean): void
}

const YES_NO = [
  { value: '', label: '—' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' }
]

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no')
const fromYesNo = (value: string) => (value === '' ? null : value === 'yes')
const rating = (value: number | string) =>
  typeof value === 'number' ? Math.min(10, Math.max(0, Math.round(value))) : null

/**
 * One person's answers, typed in a few keystrokes: a digit for each rating,
 * arrow keys for the choices, Tab between them, Enter to save (and, for the
 * person speaking, to call the next one).
 */
export function RoundAnswerForm({ kind, name, initial, speaking, nextName, busy, onSave }: Props) {
  const [answers, setAnswers] = useState<RoundAnswers>(initial ?? EMPTY_ROUND_ANSWERS)
  const set = (change: Partial<RoundAnswers>) => setAnswers((a) => ({ ...a, ...change }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave(answers, speaking)
  }
  const safety = (
    <Stack gap={2}>
      <Text size="sm" fw={500} id="round-safety">
        {ANSWER_LABELS.safetyConcern}
      </Text>
      <SegmentedControl
        aria-labelledby="round-safety"
        data={YES_NO}
        value={yesNo(answers.safetyConcern)}
        onChange={(v) => set({ safetyConcern: fromYesNo(v) })}
        color={answers.safetyConcern ? 'red' : undefined}
      />
    </Stack>
  )

  return (
    <form onSubmit={submit} aria-label={`Answers of ${name}`}>
      <Stack gap="xs">
        {kind === 'check_in' ? (
          <>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <NumberInput
                label={ANSWER_LABELS.mood}
                w={120}
                min={0}
                max={10}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                data-autofocus
                autoFocus
                value={answers.mood ?? ''}
                onChange={(v) => set({ mood: rating(v) })}
              />
              <NumberInput
                label={ANSWER_LABELS.craving}
                w={130}
                min={0}
                max={10}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                value={answers.craving ?? ''}
                onChange={(v) => set({ craving: rating(v) })}
              />
              <Stack gap={2}>
                <Text size="sm" fw={500} id="round-use">
                  {ANSWER_LABELS.usedSinceLastGroup}
                </Text>
                <SegmentedControl
                  aria-labelledby="round-use"
                  data={YES_NO}
                  value={yesNo(answers.usedSinceLastGroup)}
                  onChange={(v) => set({ usedSinceLastGroup: fromYesNo(v) })}
                />
              </Stack>
              {safety}
            </Group>
            <Stack gap={2}>
              <Text size="sm" fw={500} id="round-homework">
                {ANSWER_LABELS.homework}
              </Text>
              <SegmentedControl
                aria-labelledby="round-homework"
                data={[
                  { value: '', label: '—' },
                  ...HomeworkStatus.options.map((value) => ({
                    value,
                    label: HOMEWORK_LABELS[value]
                  }))
                ]}
                value={answers.homework ?? ''}
                onChange={(v) => set({ homework: v === '' ? null : HomeworkStatus.parse(v) })}
              />
            </Stack>
          </>
        ) : (
          <>
            <TextInput
              label={ANSWER_LABELS.takeAway}
              maxLength={200}
              autoFocus
              value={answers.takeAway}
              onChange={(e) => set({ takeAway: e.currentTarget.value })}
            />
            <TextInput
              label={ANSWER_LABELS.commitment}
              maxLength={200}
              value={answers.commitment}
              onChange={(e) => set({ commitment: e.currentTarget.value })}
            />
            {safety}
          </>
        )}
        <Group gap="xs">
          <Button type="submit" disabled={busy}>
            {!speaking
              ? 'Save answers (Enter)'
              : nextName
                ? `Save and call ${nextName} (Enter)`
                : 'Save and end the last turn (Enter)'}
          </Button>
          {speaking && (
            <Button variant="default" disabled={busy} onClick={() => onSave(answers, false)}>
              Save only
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  )
}
