import { Alert, Anchor, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import type { CosignRow, HomeDay, NotesOwedRow } from '../../../../shared/ipc/contract'
import { clinicTimeOfDay, wallClockTime } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'

const STATUS_LABELS: Record<HomeDay['todays'][number]['status'], string> = {
  planned: 'Planned',
  running: 'Running now',
  ended: 'Ended',
  cancelled: 'Cancelled'
}

/** At the very top of Home: a group that is running now, one click from its screen. */
export function RunningSessions({ day, timeZone }: { day: HomeDay; timeZone: string }) {
  const timeFormat = useTimeFormat()
  if (day.running.length === 0) return null
  return (
    <>
      {day.running.map((s) => (
        <Alert
          key={s.sessionId}
          color="teal"
          variant="filled"
          title={`Running now: ${s.groupName}`}
          aria-label={`Running now: ${s.groupName}`}
        >
          <Group justify="space-between" align="center">
            <Text size="sm">
              {s.date === day.today ? 'Today' : s.date}, started{' '}
              {s.startedAt ? clinicTimeOfDay(Date.parse(s.startedAt), timeZone, timeFormat) : ''}.
              The group is waiting on its screen.
            </Text>
            <Button component={Link} to={`/sessions/${s.sessionId}`} color="dark" variant="white">
              Return to session
            </Button>
          </Group>
        </Alert>
      ))}
    </>
  )
}

/** Today's sessions, in the order they meet. */
export function TodaysSessions({ day }: { day: HomeDay }) {
  const timeFormat = useTimeFormat()
  return (
    <Card withBorder component="section" aria-labelledby="today-title">
      <Title order={2} size="h4" id="today-title" mb="xs">
        Today’s sessions
      </Title>
      {day.todays.length === 0 ? (
        <Text c="dimmed">No session is planned for today.</Text>
      ) : (
        <Table aria-label="Today’s sessions" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Starts</Table.Th>
              <Table.Th>Group</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Open</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {day.todays.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Td>{wallClockTime(s.startTime, timeFormat)}</Table.Td>
                <Table.Td>{s.groupName}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={s.status === 'running' ? 'teal' : 'gray'}>
                    {STATUS_LABELS[s.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <SessionLink session={s} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function SessionLink({ session }: { session: HomeDay['todays'][number] }) {
  const to =
    session.status === 'ended'
      ? `/sessions/${session.sessionId}/notes`
      : session.status === 'cancelled'
        ? `/groups/${session.groupId}`
        : `/sessions/${session.sessionId}`
  const label =
    session.status === 'ended'
      ? 'Notes'
      : session.status === 'cancelled'
        ? 'Group'
        : 'Running screen'
  return (
    <Anchor component={Link} to={to} aria-label={`${label}: ${session.groupName}`}>
      {label}
    </Anchor>
  )
}

/** Notes not yet signed, session by session. */
export function UnsignedNotes({ rows, pending }: { rows: NotesOwedRow[]; pending: boolean }) {
  const owed = rows.filter((r) => r.counts.not_started + r.counts.draft > 0)
  const total = owed.reduce((t, r) => t + r.counts.not_started + r.counts.draft, 0)
  return (
    <Card withBorder component="section" aria-labelledby="unsigned-title">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="unsigned-title">
            Notes to write and sign
          </Title>
          <Badge variant="light" color={total > 0 ? 'orange' : 'gray'}>
            {pending ? '…' : `${total} unsigned`}
          </Badge>
        </Group>
        <Button component={Link} to="/notes" variant="light" size="xs">
          Write notes
        </Button>
      </Group>
      {!pending && owed.length === 0 && <Text c="dimmed">Every note is signed.</Text>}
      {owed.slice(0, 8).map((r) => (
        <Group key={r.sessionId} justify="space-between" py={2}>
          <Anchor component={Link} to={`/sessions/${r.sessionId}/notes`}>
            {r.groupName} · {r.date}
          </Anchor>
          <Text size="sm">
            {r.counts.not_started} not started, {r.counts.draft} draft
          </Text>
        </Group>
      ))}
    </Card>
  )
}

/** A supervisor's trainees' notes waiting for their co-signature. */
export function CosignsWaiting({ rows, pending }: { rows: CosignRow[]; pending: boolean }) {
  return (
    <Card withBorder component="section" aria-labelledby="cosign-title">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="cosign-title">
            Awaiting your co-signature
          </Title>
          <Badge variant="light" color={rows.length > 0 ? 'orange' : 'gray'}>
            {pending ? '…' : rows.length}
          </Badge>
        </Group>
        <Button component={Link} to="/notes/cosign" variant="light" size="xs">
          Co-sign notes
        </Button>
      </Group>
      {!pending && rows.length === 0 && <Text c="dimmed">Nothing is waiting.</Text>}
      {rows.slice(0, 8).map((r) => (
        <Group key={`${r.sessionId}-${r.participantId}`} justify="space-between" py={2}>
          <Anchor component={Link} to={`/sessions/${r.sessionId}/notes`}>
            {r.groupName} · {r.date}
          </Anchor>
          <Text size="sm">{r.author}</Text>
        </Group>
      ))}
    </Card>
  )
}
