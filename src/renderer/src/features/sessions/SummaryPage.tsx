import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { OBSERVATION_TAG_LABELS } from '../../../../shared/domain/session'
import { clinicTimeOfDay, minutesText } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { SAFETY_PROTOCOLS } from '../../../../shared/session/safety'
import { attendanceSummary, segmentSummary } from '../../../../shared/session/summary'
import { useSessionSettings, useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { useNow } from './useNow'
import { useSession } from './useSession'

/**
 * The end of a session: planned against actual minutes, the slides shown,
 * attendance with countable minutes, and what was observed. The notes are
 * drafted from exactly this.
 */
export function SummaryPage() {
  const timeFormat = useTimeFormat()
  const { sessionId = '' } = useParams()
  const session = useSession(sessionId)
  const settings = useSessionSettings()
  const status = useStatus()
  const now = useNow(5_000)
  if (session.isError || settings.isError) {
    return (
      <ErrorNotice
        title="The session could not be opened"
        error={session.error ?? settings.error}
      />
    )
  }
  const data = session.data
  if (!data || !settings.data) return null
  const timeZone = status.data?.clinic?.timeZone ?? 'UTC'
  const summary = segmentSummary(data, now, settings.data)
  const minimum = data.dailyMinimumMinutes
  const rows = attendanceSummary(data, data.attendance, now, {
    ...settings.data,
    dailyMinimumMinutes: minimum
  })
  const name = (id: string) =>
    data.people.find((p) => p.participantId === id)?.displayName ?? 'Unknown'
  const time = (iso: string | null) =>
    iso ? clinicTimeOfDay(Date.parse(iso), timeZone, timeFormat) : '—'
  const at = (ms: number | null) => (ms === null ? '—' : clinicTimeOfDay(ms, timeZone, timeFormat))
  const ended = summary.totals.endedAt !== null

  return (
    <Stack gap="lg">
      <PageHeader
        title={`Session summary · ${data.groupName} · ${data.date}`}
        description={
          ended
            ? `Started ${at(summary.totals.startedAt)}, ended ${at(summary.totals.endedAt)}.`
            : 'This session has not ended yet.'
        }
      />
      <Group>
        <Anchor component={Link} to={`/groups/${data.groupId}`}>
          Back to {data.groupName}
        </Anchor>
        {ended && (
          <Button component={Link} to={`/sessions/${sessionId}/notes`}>
            Write the notes
          </Button>
        )}
        {!ended && (
          <Button component={Link} to={`/sessions/${sessionId}`} variant="default">
            Open the running session
          </Button>
        )}
      </Group>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Segments: planned and actual
        </Title>
        <Table striped aria-label="Segments: planned and actual">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Segment</Table.Th>
              <Table.Th>Planned</Table.Th>
              <Table.Th>Actual</Table.Th>
              <Table.Th>Slides shown</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.segments.map((s) => {
              const slides =
                data.segments.find((seg) => seg.id === s.segmentId)?.module?.slides ?? []
              return (
                <Table.Tr key={s.segmentId}>
                  <Table.Td>
                    {s.title}{' '}
                    {s.skipped && (
                      <Badge size="xs" color="gray">
                        Skipped
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{s.plannedMinutes} min</Table.Td>
                  <Table.Td data-testid={`actual-${s.segmentId}`}>
                    {minutesText(s.actualMs)}
                  </Table.Td>
                  <Table.Td>
                    {s.slidesShown.length === 0
                      ? '—'
                      : s.slidesShown.map((i) => `${i + 1}. ${slides[i]?.title ?? ''}`).join('; ')}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total</Table.Th>
              <Table.Th>{minutesText(summary.totals.plannedMs)}</Table.Th>
              <Table.Th>{minutesText(summary.totals.actualMs)}</Table.Th>
              <Table.Th>
                {minutesText(summary.totals.countableMs)} countable · paused{' '}
                {minutesText(summary.totals.pausedMs)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Attendance
        </Title>
        <Table striped aria-label="Attendance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Participant</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>In</Table.Th>
              <Table.Th>Out</Table.Th>
              <Table.Th>Countable minutes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.participantId}>
                <Table.Td>
                  <bdi>{name(r.participantId)}</bdi>{' '}
                  {r.walkIn && (
                    <Badge size="xs" variant="outline">
                      Walk-in
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.statusText}</Table.Td>
                <Table.Td>{time(r.timeIn)}</Table.Td>
                <Table.Td>{time(r.timeOut)}</Table.Td>
                <Table.Td>
                  {r.countableMinutes === null ? '—' : `${r.countableMinutes} min`}
                  {r.belowMinimum && (
                    <Text span c="red.8" size="sm">
                      {' '}
                      ⚠ below the {minimum}-minute minimum
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Observations
        </Title>
        {data.observations.length === 0 ? (
          <Text c="dimmed">No observations were recorded.</Text>
        ) : (
          <Stack gap={4}>
            {data.observations.map((o) => (
              <Text key={o.id} size="sm">
                <Text span ff="monospace" c="dimmed">
                  {time(o.at)}
                </Text>{' '}
                <strong>
                  <bdi>{name(o.participantId)}</bdi>
                </strong>
                : {o.tag ? OBSERVATION_TAG_LABELS[o.tag] : ''}
                {o.tag && o.text ? ' — ' : ''}
                {o.text}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>

      {data.safety.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Safety follow-up
          </Title>
          <Stack gap="xs">
            {data.safety.map((c) => {
              const protocol = SAFETY_PROTOCOLS[c.protocol]
              const done = protocol.steps.filter((s) => c.done[s.id])
              return (
                <Text key={c.id} size="sm">
                  <strong>
                    <bdi>{name(c.participantId)}</bdi>
                  </strong>
                  : {protocol.title} (opened {time(c.openedAt)}
                  ). {done.length} of {protocol.steps.length} steps ticked.
                  {c.needsFollowUp ? ' Marked for follow-up.' : ''}
                </Text>
              )
            })}
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
