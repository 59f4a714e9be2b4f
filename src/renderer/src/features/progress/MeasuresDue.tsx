import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { INSTRUMENTS, MEASURE_INFO } from '../../../../shared/measures/instruments'
import type { MeasuresOwed } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { useGroups, useParticipants } from '../../app/queries'
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

type Due = MeasuresOwed['due'][number]

interface PersonDue {
  participantId: string
  displayName: string
  clientId: string
  measures: Due[]
}

/**
 * The measures due, by group and then by person: a facilitator sees their
 * group's list, each person once with everything they owe. Someone in two
 * groups shows under both; someone in none, under "Not in a group".
 */
export function groupMeasuresDue(
  due: Due[],
  groupsOf: (participantId: string) => string[],
  groupName: (groupId: string) => string
): Array<{ groupId: string; groupName: string; people: PersonDue[] }> {
  const byGroup = new Map<string, Map<string, PersonDue>>()
  for (const d of due) {
    const groups = groupsOf(d.participantId)
    for (const groupId of groups.length ? groups : ['']) {
      const people = byGroup.get(groupId) ?? new Map<string, PersonDue>()
      byGroup.set(groupId, people)
      const person = people.get(d.participantId) ?? {
        participantId: d.participantId,
        displayName: d.displayName,
        clientId: d.clientId,
        measures: []
      }
      people.set(d.participantId, person)
      person.measures.push(d)
    }
  }
  return [...byGroup.entries()]
    .map(([groupId, people]) => ({
      groupId,
      groupName: groupId ? groupName(groupId) : 'Not in a group',
      people: [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName))
    }))
    .sort((a, b) =>
      a.groupId === '' ? 1 : b.groupId === '' ? -1 : a.groupName.localeCompare(b.groupName)
    )
}

function dueText(d: Due): string {
  return `${INSTRUMENTS[d.measureId].name}, due ${d.dueOn}${d.overdueDays > 0 ? ` (${d.overdueDays} days overdue)` : ''}`
}

/** On the home screen: open safety follow-ups first, then the measures due, by group. */
export function MeasuresDue() {
  const owed = useMeasuresOwed()
  const participants = useParticipants()
  const groups = useGroups()
  if (!owed.data) return null
  const { due, followUps } = owed.data
  const groupIds = new Map((participants.data ?? []).map((p) => [p.id, p.groupIds]))
  const names = new Map((groups.data ?? []).map((g) => [g.id, g.name]))
  const sections = groupMeasuresDue(
    due,
    (id) => groupIds.get(id) ?? [],
    (id) => names.get(id) ?? 'A group'
  )
  return (
    <Stack gap="sm">
      {followUps.map((f) => (
        <FollowUp key={f.entryId} item={f} />
      ))}
      <Card withBorder component="section" aria-labelledby="measures-due-title">
        <Group gap="xs" mb="xs">
          <Title order={2} size="h4" id="measures-due-title">
            Measures due
          </Title>
          <Badge variant="light" color={due.length > 0 ? 'orange' : 'gray'}>
            {due.length} due
          </Badge>
        </Group>
        {due.length === 0 && <Text c="dimmed">No measures are due.</Text>}
        <Stack gap="md">
          {sections.map((section) => (
            <div key={section.groupId}>
              <Title order={3} size="h5" mb={4}>
                {section.groupName}
              </Title>
              <Table aria-label={`Measures due: ${section.groupName}`} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="35%">Participant</Table.Th>
                    <Table.Th>Measures</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {section.people.map((person) => (
                    <Table.Tr key={person.participantId}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/participants/${person.participantId}/progress`}
                        >
                          <bdi>{person.displayName}</bdi> ({person.clientId})
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {person.measures.map((d) => (
                          <Text
                            key={d.measureId}
                            size="sm"
                            c={d.overdueDays > 0 ? 'red.9' : undefined}
                          >
                            {dueText(d)}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          ))}
        </Stack>
      </Card>
    </Stack>
  )
}
