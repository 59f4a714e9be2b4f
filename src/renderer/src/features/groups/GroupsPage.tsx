import { Anchor, Button, Loader, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useGroups } from '../../app/queries'
import { useTimeFormat } from '../../app/clinicTime'
import { ErrorNotice } from '../../components/ErrorNotice'
import { meetingLabel, trackLabel } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'

export function GroupsPage() {
  const timeFormat = useTimeFormat()
  const groups = useGroups()
  return (
    <>
      <PageHeader
        title="Groups"
        description="Each group's schedule, facilitators and roster."
        actions={
          <Button component={Link} to="/groups/new">
            New group
          </Button>
        }
      />
      {groups.isPending && <Loader aria-label="Loading groups" />}
      <ErrorNotice error={groups.error} />
      {groups.data && groups.data.length === 0 && (
        <Text c="dimmed">No groups yet. Create the first one with “New group”.</Text>
      )}
      {groups.data && groups.data.length > 0 && (
        <Table striped highlightOnHover aria-label="Groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Track</Table.Th>
              <Table.Th>Meets</Table.Th>
              <Table.Th>Enrolled</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.data.map((group) => (
              <Table.Tr key={group.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/groups/${group.id}`}>
                    {group.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{trackLabel(group.track)}</Table.Td>
                <Table.Td>{meetingLabel(group.meetingDays, group.startTime, timeFormat)}</Table.Td>
                <Table.Td>
                  {group.enrolledCount} of {group.capacity}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}
