import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { INSTRUMENTS, MEASURE_INFO } from '../../../../shared/measures/instruments'
import type { MeasuresOwed } from '../../../../shared/ipc/contract'
import { api, messageOf, unwrap } from '../../api'
import { TEXT_LIMITS, textLimit } from '../../../../shared/rules/limits'

export function useMeasuresOwed() {
  return useQuery({
    queryKey: ['measures', 'owed'],
    queryFn: () => unwrap(api().measures.owed())
  })
}

/** A safety follow-up still open, with a short line to record it done. */
function FollowUp({ item }: { item: MeasuresOwed['followUps'][number] }) {
  const client = useQueryClient()
  const [note, setNote] = useState('')
  const noteLimit = textLimit(note, TEXT_LIMITS.followUpNote)
  const done = useMutation({
    mutationFn: () => unwrap(api().measures.followUpDone({ entryId: item.entryId, note })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['measures'] })
      void client.invalidateQueries({ queryKey: ['progress'] })
      notifications.show({ color: 'teal', message: 'Follow-up recorded' })
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not recorded', message: messageOf(e) })
  })
  return (
    <Alert
      color="red"
      title={`Safety follow-up: ${item.displayName} (${item.clientId})`}
      role="alert"
    >
      <Text size="sm">
        Item 9 of the {MEASURE_INFO[item.measureId].name} of {item.takenOn} was above zero.{' '}
        <Anchor component={Link} to={`/participants/${item.participantId}/progress`}>
          Open their progress
        </Anchor>
      </Text>
      <Group align="flex-end" mt="xs">
        <TextInput
          label="What was done"
          placeholder="e.g. Assessed privately; safety plan written; supervisor consulted"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          description={noteLimit.description}
          error={noteLimit.error}
          style={{ flex: 1 }}
        />
        <Button
          disabled={!note.trim() || noteLimit.over}
          loading={done.isPending}
          onClick={() => done.mutate()}
        >
          Mark the follow-up done
        </Button>
      </Group>
    </Alert>
  )
}

/** On the home screen: open safety follow-ups first, then the measures due. */
export function MeasuresDue() {
  const owed = useMeasuresOwed()
  if (!owed.data) return null
  const { due, followUps } = owed.data
  return (
    <Stack gap="sm" mb="lg">
      {followUps.map((f) => (
        <FollowUp key={f.entryId} item={f} />
      ))}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Measures due
        </Title>
        {due.length === 0 ? (
          <Text c="dimmed">No measures are due.</Text>
        ) : (
          <Table aria-label="Measures due">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Participant</Table.Th>
                <Table.Th>Measure</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.slice(0, 50).map((d) => (
                <Table.Tr key={`${d.participantId}-${d.measureId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/participants/${d.participantId}/progress`}>
                      <bdi>{d.displayName}</bdi> ({d.clientId})
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{INSTRUMENTS[d.measureId].name}</Table.Td>
                  <Table.Td>
                    {d.dueOn}
                    {d.overdueDays > 0 ? ` · ${d.overdueDays} days overdue` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {due.length > 50 && (
          <Text size="sm" mt="xs">
            And {due.length - 50} more.
          </Text>
        )}
      </Card>
    </Stack>
  )
}
