import { Anchor, Badge, Box, Button, Group, Loader, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import {
  CANCEL_REASON_LABELS,
  type SessionIndexEntry,
  type SessionStatus
} from '../../../../shared/domain/session'
import { clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { useGroupSessions, useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'

const STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'Planned',
  running: 'Running',
  ended: 'Ended',
  cancelled: 'Cancelled'
}

const STATUS_COLORS: Record<SessionStatus, string> = {
  planned: 'blue',
  running: 'teal',
  ended: 'gray',
  cancelled: 'orange'
}

function sessionLink(session: SessionIndexEntry): string {
  return session.status === 'ended' ? `/sessions/${session.id}/summary` : `/sessions/${session.id}`
}

/** The newest first; on the same day, the one started last first. */
function newestFirst(a: SessionIndexEntry, b: SessionIndexEntry): number {
  return b.date.localeCompare(a.date) || (b.startedAt ?? '').localeCompare(a.startedAt ?? '')
}

/** The group's sessions, planned and past, on the group's page. */
export function GroupSessions({ groupId }: { groupId: string }) {
  const timeFormat = useTimeFormat()
  const sessions = useGroupSessions(groupId)
  const zone = useStatus().data?.clinic?.timeZone ?? 'UTC'
  const time = (at: string | null) =>
    at === null ? '—' : clinicTimeOfDay(Date.parse(at), zone, timeFormat)

  return (
    <Box component="section" aria-labelledby="group-sessions" mt="xl">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="group-sessions">
          Sessions
        </Title>
        <Button component={Link} to={`/groups/${groupId}/sessions/new`}>
          Plan a session
        </Button>
      </Group>
      <ErrorNotice error={sessions.error} />
      {sessions.isPending && <Loader size="sm" aria-label="Loading the sessions" />}
      {sessions.data?.length === 0 && (
        <Text c="dimmed">No sessions yet. Plan the first one to run it from here.</Text>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <Table striped aria-label="Sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Ended</Table.Th>
              <Table.Th>Plan</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...sessions.data].sort(newestFirst).map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>
                  <Anchor component={Link} to={sessionLink(session)}>
                    {session.date}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[session.status]}>
                    {STATUS_LABELS[session.status]}
                  </Badge>
                  {session.cancelReason && (
                    <Text span size="sm" ml="xs">
                      {CANCEL_REASON_LABELS[session.cancelReason]}
                    </Text>
                  )}
                  {session.makeUpFor && (
                    <Text span size="sm" ml="xs">
                      Make-up for{' '}
                      {sessions.data.find((s) => s.id === session.makeUpFor)?.date ??
                        'a cancelled session'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{time(session.startedAt)}</Table.Td>
                <Table.Td>{time(session.endedAt)}</Table.Td>
                <Table.Td>
                  {session.status === 'cancelled' &&
                    !sessions.data.some((s) => s.makeUpFor === session.id) && (
                      <Anchor
                        component={Link}
                        to={`/groups/${groupId}/sessions/new?makeUpFor=${encodeURIComponent(session.id)}`}
                        aria-label={`Plan a make-up for ${session.date}`}
                        size="sm"
                      >
                        Plan a make-up
                      </Anchor>
                    )}
                  {session.status === 'planned' && (
                    <Anchor
                      component={Link}
                      to={`/sessions/${session.id}/plan`}
                      aria-label={`Change the plan for ${session.date}`}
                      size="sm"
                    >
                      Change the plan
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Box>
  )
}
