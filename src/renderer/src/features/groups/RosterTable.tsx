import { Anchor, Badge, Table, Text, VisuallyHidden } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { RosterEntry } from '../../../../shared/rules/roster'

export function RosterTable({
  label,
  entries,
  action,
  empty
}: {
  label: string
  entries: RosterEntry[]
  action?: (entry: RosterEntry) => ReactNode
  empty: string
}) {
  if (entries.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {empty}
      </Text>
    )
  return (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Shown in group as</Table.Th>
          <Table.Th>Full name</Table.Th>
          <Table.Th>Client ID</Table.Th>
          <Table.Th>Joined</Table.Th>
          {entries.some((e) => e.exitDate) && <Table.Th>Left</Table.Th>}
          {action && (
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.enrollmentId}>
            <Table.Td>
              <Anchor component={Link} to={`/participants/${entry.participantId}`}>
                <bdi>{entry.displayName}</bdi>
              </Anchor>{' '}
              {entry.participantStatus === 'discharged' && (
                <Badge size="xs" color="gray">
                  Discharged
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{entry.fullName}</Table.Td>
            <Table.Td>{entry.clientId}</Table.Td>
            <Table.Td>{entry.joinDate}</Table.Td>
            {entry.exitDate && <Table.Td>{entry.exitDate}</Table.Td>}
            {action && <Table.Td>{action(entry)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
