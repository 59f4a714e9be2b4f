import { Button, Checkbox, Group, NumberInput, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { MEASURE_IDS, type MeasureSchedule } from '../../../../shared/domain/measure'
import { INSTRUMENTS } from '../../../../shared/measures/instruments'
import { api, messageOf, unwrap } from '../../api'

/** Which measures are due when: at admission, and every so many weeks. */
export function MeasureSchedules({ canEdit }: { canEdit: boolean }) {
  const saved = useQuery({
    queryKey: ['measures', 'schedules'],
    queryFn: () => unwrap(api().measures.schedules())
  })
  if (!saved.data) return null
  return <ScheduleForm key={JSON.stringify(saved.data)} saved={saved.data} canEdit={canEdit} />
}

function ScheduleForm({ saved, canEdit }: { saved: MeasureSchedule[]; canEdit: boolean }) {
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
          schedules: rows.filter((r) => r.atAdmission || r.everyWeeks !== null)
        })
      ),
    onSuccess: (next) => {
      client.setQueryData(['measures', 'schedules'], next)
      void client.invalidateQueries({ queryKey: ['measures', 'owed'] })
      notifications.show({ color: 'teal', message: 'Measure schedule saved' })
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) })
  })
  const change = (i: number, patch: Partial<MeasureSchedule>) =>
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <section aria-labelledby="measure-schedules">
      <Title order={2} size="h3" id="measure-schedules" mb="sm">
        Measures due
      </Title>
      <Text size="sm" mb="xs">
        The home screen lists each active participant&apos;s measures when they fall due.
      </Text>
      <Table aria-label="When each measure is due" maw={720}>
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
            Save the measure schedule
          </Button>
        </Group>
      )}
    </section>
  )
}
