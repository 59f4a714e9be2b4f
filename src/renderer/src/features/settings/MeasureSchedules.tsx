import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Table,
  Text,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { TRACK_LABELS, Track } from '../../../../shared/domain/common'
import {
  MEASURE_IDS,
  type MeasureSchedule,
  type TrackMeasureSchedules
} from '../../../../shared/domain/measure'
import { INSTRUMENTS } from '../../../../shared/measures/instruments'
import { api, messageOf, unwrap } from '../../api'

/** Which measures are due when, for each track: at admission, and every so many weeks. */
export function MeasureSchedules({ canEdit }: { canEdit: boolean }) {
  const [track, setTrack] = useState<Track>('substance_use')
  const saved = useQuery({
    queryKey: ['measures', 'schedules'],
    queryFn: () => unwrap(api().measures.schedules())
  })
  if (!saved.data) return null
  const own = saved.data.find((s) => s.track === track)?.schedules ?? []
  return (
    <section aria-labelledby="measure-schedules">
      <Title order={2} size="h3" id="measure-schedules" mb="sm">
        Measures due
      </Title>
      <Text size="sm" mb="xs">
        The home screen lists each active participant&apos;s measures when they fall due, by the
        schedule of their own track.
      </Text>
      <SegmentedControl
        aria-label="Track"
        mb="sm"
        value={track}
        onChange={(v) => setTrack(v as Track)}
        data={Track.options.map((t) => ({ value: t, label: TRACK_LABELS[t] }))}
      />
      <ScheduleForm
        key={`${track}-${JSON.stringify(own)}`}
        track={track}
        saved={own}
        canEdit={canEdit}
      />
    </section>
  )
}

function ScheduleForm({
  track,
  saved,
  canEdit
}: {
  track: Track
  saved: MeasureSchedule[]
  canEdit: boolean
}) {
  const client = useQueryClient()
  const [rows, setRows] = useState<MeasureSchedule[]>(() =>
    MEASURE_IDS.map(
      (id) =>
        saved.find((s) => s.measureId === id) ?? {
          measureId: id,
          atAdmission: false,
          everyWeeks: null
        }
    )
  )
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api().measures.setSchedules({
          track,
          schedules: rows.filter((r) => r.atAdmission || r.everyWeeks !== null)
        })
      ),
    onSuccess: (next: TrackMeasureSchedules[]) => {
      client.setQueryData(['measures', 'schedules'], next)
      void client.invalidateQueries({ queryKey: ['measures', 'owed'] })
      notifications.show({
        color: 'teal',
        message: `Measure schedule saved for the ${TRACK_LABELS[track].toLowerCase()} track`
      })
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) })
  })
  const change = (i: number, patch: Partial<MeasureSchedule>) =>
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <>
      <Table aria-label={`When each measure is due: ${TRACK_LABELS[track]} track`} maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th>At admission</Table.Th>
            <Table.Th>Every (weeks)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.measureId}>
              <Table.Td>{INSTRUMENTS[r.measureId].name}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${INSTRUMENTS[r.measureId].name} at admission`}
                  checked={r.atAdmission}
                  disabled={!canEdit}
                  onChange={(e) => change(i, { atAdmission: e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`${INSTRUMENTS[r.measureId].name} every so many weeks`}
                  placeholder="Not repeated"
                  min={1}
                  max={52}
                  allowDecimal={false}
                  allowNegative={false}
                  disabled={!canEdit}
                  value={r.everyWeeks ?? ''}
                  onChange={(v) => change(i, { everyWeeks: typeof v === 'number' ? v : null })}
                  w={140}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group mt="sm">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save the {TRACK_LABELS[track].toLowerCase()} schedule
          </Button>
        </Group>
      )}
    </>
  )
}
