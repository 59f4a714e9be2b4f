import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { INSTRUMENTS, MEASURE_INFO } from '../../../../shared/measures/instruments'
import type { MeasuresOwed } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { PrivateFollowUp } from './PrivateFollowUp'
import { isolate } from '../../../../shared/rules/bidi'

export function useMeasuresOwed() {
  return useQuery({
    queryKey: ['measures', 'owed'],
    queryFn: () => unwrap(api().measures.owed())
  })
}

/** A safety follow-up still open: the private checklist, and a line to record it done. */
function FollowUp({ item }: { item: MeasuresOwed['followUps'][number] }) {
  return (
    <Stack gap={4}>
      <PrivateFollowUp
        entryId={item.entryId}
        title={`Private follow-up today: ${isolate(item.displayName)} (${item.clientId})`}
      />
      <Text size="sm">
        Item 9 of the {MEASURE_INFO[item.measureId].name} of {item.takenOn} was above zero.{' '}
        <Anchor component={Link} to={`/participants/${item.participantId}/progress`}>
          Open their progress
        </Anchor>
      </Text>
    </Stack>
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
