import { Anchor, Badge, Button, Loader, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { useParticipants } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { trackLabel } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'

export function ParticipantsPage() {
  const participants = useParticipants()
  const [search, setSearch] = useState('')
  const needle = search.trim().toLowerCase()
  const shown = (participants.data ?? []).filter(
    (p) =>
      !needle ||
      p.fullName.toLowerCase().includes(needle) ||
      p.displayName.toLowerCase().includes(needle) ||
      p.clientId.toLowerCase().includes(needle)
  )
  return (
    <>
      <PageHeader
        title="Participants"
        description="Everyone admitted to the program, active and discharged."
        actions={
          <Button component={Link} to="/participants/new">
            Add participant
          </Button>
        }
      />
      <TextInput
        label="Find a participant"
        placeholder="Name or client ID"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
        mb="md"
      />
      {participants.isPending && <Loader aria-label="Loading participants" />}
      <ErrorNotice error={participants.error} />
      {participants.data && shown.length === 0 && (
        <Text c="dimmed">{needle ? 'Nobody matches that search.' : 'No participants yet.'}</Text>
      )}
      {shown.length > 0 && (
        <Table striped highlightOnHover aria-label="Participants">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shown in group as</Table.Th>
              <Table.Th>Full name</Table.Th>
              <Table.Th>Client ID</Table.Th>
              <Table.Th>Track</Table.Th>
              <Table.Th>Admitted</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/participants/${p.id}`}>
                    <bdi>{p.displayName}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.fullName}</Table.Td>
                <Table.Td>{p.clientId}</Table.Td>
                <Table.Td>{trackLabel(p.track)}</Table.Td>
                <Table.Td>{p.admissionDate}</Table.Td>
                <Table.Td>
                  <Badge color={p.status === 'active' ? 'teal' : 'gray'} variant="light">
                    {p.status === 'active' ? 'Active' : `Discharged ${p.discharge?.date ?? ''}`}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}
