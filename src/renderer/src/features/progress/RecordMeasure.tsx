import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { MEASURE_IDS, type MeasureEntry, type MeasureId } from '../../../../shared/domain/measure'
import { INSTRUMENTS } from '../../../../shared/measures/instruments'
import { scoreMeasure } from '../../../../shared/measures/score'
import { api, messageOf, unwrap } from '../../api'
import { DateField } from '../../components/DateField'
import { PrivateFollowUp } from './PrivateFollowUp'

/**
 * Records a measure item by item, in the instrument's own words; the score
 * and severity are worked out as the answers are ticked, never typed.
 */
export function RecordMeasureButton({
  participantId,
  today
}: {
  participantId: string
  today: string
}) {
  const [opened, setOpened] = useState(false)
  return (
    <>
      <Button onClick={() => setOpened(true)}>Record a measure</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Record a measure" size="xl">
        {opened && (
          <MeasureForm
            participantId={participantId}
            today={today}
            onDone={() => setOpened(false)}
          />
        )}
      </Modal>
    </>
  )
}

function MeasureForm({
  participantId,
  today,
  onDone
}: {
  participantId: string
  today: string
  onDone: () => void
}) {
  const client = useQueryClient()
  const [measureId, setMeasureId] = useState<MeasureId>('phq9')
  const [takenOn, setTakenOn] = useState(today)
  const [answers, setAnswers] = useState<Array<number | null>>(() =>
    INSTRUMENTS.phq9.items.map(() => null)
  )
  const [difficulty, setDifficulty] = useState<number | null>(null)
  const [flagged, setFlagged] = useState<MeasureEntry | null>(null)
  const instrument = INSTRUMENTS[measureId]
  const complete = answers.every((a) => a !== null)
  // The difficulty question follows the items once any problem is marked.
  const asksDifficulty = instrument.difficulty !== undefined && answers.some((a) => (a ?? 0) > 0)
  const scored = complete ? scoreMeasure(measureId, answers as number[]) : null
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api().measures.record({
          participantId,
          measureId,
          takenOn,
          answers: answers as number[],
          difficulty: asksDifficulty ? difficulty : null
        })
      ),
    onSuccess: (entry) => {
      void client.invalidateQueries({ queryKey: ['progress'] })
      void client.invalidateQueries({ queryKey: ['measures'] })
      notifications.show({
        color: 'teal',
        message: `${instrument.name} recorded: ${entry.total}`
      })
      if (entry.selfHarmFlag) setFlagged(entry)
      else onDone()
    }
  })

  if (flagged) {
    return (
      <Stack>
        <PrivateFollowUp entryId={flagged.id} onDone={onDone} />
        <Text size="sm">
          Until the follow-up is recorded done, the participant stays on the home screen&apos;s
          safety follow-up list, with this checklist.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Record it later
          </Button>
        </Group>
      </Stack>
    )
  }

  return (
    <form
      aria-label={`Record ${instrument.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        if (complete) save.mutate()
      }}
    >
      <Stack>
        <Group grow align="flex-end">
          <Select
            label="Measure"
            data={MEASURE_IDS.map((id) => ({ value: id, label: INSTRUMENTS[id].name }))}
            value={measureId}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return
              const id = v as MeasureId
              setMeasureId(id)
              setAnswers(INSTRUMENTS[id].items.map(() => null))
              setDifficulty(null)
            }}
          />
          <DateField label="Taken on" value={takenOn} max={today} onChange={setTakenOn} />
        </Group>
        {instrument.stem && <Text fw={500}>{instrument.stem}</Text>}
        {instrument.items.map((item, i) => (
          <Radio.Group
            key={`${measureId}-${i}`}
            label={`${i + 1}. ${item.text}`}
            value={answers[i] === null ? null : String(answers[i])}
            onChange={(v) => setAnswers((list) => list.map((a, j) => (j === i ? Number(v) : a)))}
          >
            <Group gap="md" mt={4}>
              {item.options.map((o) => (
                <Radio key={o.value} value={String(o.value)} label={`${o.label} (${o.value})`} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        {asksDifficulty && instrument.difficulty && (
          <Radio.Group
            label={instrument.difficulty.text}
            description="Recorded with the measure; not part of the score."
            value={difficulty === null ? null : String(difficulty)}
            onChange={(v) => setDifficulty(Number(v))}
          >
            <Group gap="md" mt={4}>
              {instrument.difficulty.options.map((o) => (
                <Radio key={o.value} value={String(o.value)} label={o.label} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <Text aria-live="polite" data-testid="measure-score" fw={600}>
          {scored && scored.ok
            ? `Score ${scored.value.total}${scored.value.band ? ` · ${scored.value.band.label}` : ''}`
            : `${answers.filter((a) => a !== null).length} of ${answers.length} answered`}
        </Text>
        {instrument.release && (
          <Text size="xs" c="dimmed">
            {instrument.release}
          </Text>
        )}
        {save.error && (
          <Alert color="red" title="Not recorded" role="alert">
            {messageOf(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!complete} loading={save.isPending}>
            Save the measure
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
