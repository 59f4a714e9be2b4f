import { Anchor, Button, Group, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useGroups } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'

/** Every group, with the way to its settings and to enrolling a list of people in it. */
export function GroupsSettings() {
  const groups = useGroups()
  return (
    <section aria-labelledby="groups-settings">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="groups-settings">
          Groups
        </Title>
        <Button component={Link} to="/groups/new" size="sm">
          New group
        </Button>
      </Group>
      <ErrorNotice error={groups.error} />
      {groups.data?.length === 0 && <Text c="dimmed">No groups yet.</Text>}
      {groups.data && groups.data.length > 0 && (
        <Table aria-label="Groups and their settings" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Enrolled</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.data.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/groups/${g.id}`}>
                    {g.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {g.enrolledCount} of {g.capacity}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      component={Link}
                      to={`/groups/${g.id}/edit`}
                      size="compact-sm"
                      variant="default"
                      aria-label={`Edit ${g.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      component={Link}
                      to={`/groups/${g.id}/enrol`}
                      size="compact-sm"
                      variant="default"
                      aria-label={`Enrol a list of people in ${g.name}`}
                    >
                      Enrol a list
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  )
}
