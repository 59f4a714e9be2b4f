import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import type { ParticipantProgress } from '../../../../shared/domain/progress'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { CoverageCard } from '../curriculum/CoverageCard'
import { useProtectedPrint } from '../exports/useProtectedExport'
import { DiscloseButton } from '../consent/DiscloseButton'
import { INSTRUMENTS } from '../../../../shared/measures/instruments'
import { AttendanceCalendar } from './AttendanceCalendar'
import { MeasureCharts } from './MeasureCharts'
import { RecordMeasureButton } from './RecordMeasure'
import { PrivateFollowUp } from './PrivateFollowUp'
import { WeeklyHoursChart } from './WeeklyHoursChart'
import { isolate } from '../../../../shared/rules/bidi'

export const progressKey = (participantId: string) => ['progress', participantId] as const

const NOTE_LABELS = {
  not_started: 'Not started',
  draft: 'Draft',
  awaiting_cosignature: 'Awaiting co-signature',
  signed: 'Signed'
} as const

/** How a participant is doing, on one page: attendance, hours, coverage, goals, measures, notes. */
export function ProgressPage() {
  const { participantId = '' } = useParams()
  const printing = useProtectedPrint('the progress summary', (to, password) =>
    unwrap(api().progress.print({ participantId, to, password }))
  )
  const progress = useQuery({
    queryKey: progressKey(participantId),
    queryFn: () => unwrap(api().progress.participant({ participantId }))
  })
  if (progress.isError) return <ErrorNotice error={progress.error} />
  if (!progress.data) return <Loader aria-label="Gathering the progress figures" />
  const p = progress.data

  return (
    <Stack gap="lg">
      {printing.modal}
      <PageHeader
        title={`Progress · ${isolate(p.participant.displayName)}`}
        description={`Client ID ${p.participant.clientId} · admitted ${p.participant.admissionDate}${
          p.participant.dischargeDate ? ` · discharged ${p.participant.dischargeDate}` : ''
        }`}
        actions={
          <Group gap="xs">
            <RecordMeasureButton participantId={participantId} today={p.today} />
            <Button variant="default" onClick={printing.print}>
              Print progress summary
            </Button>
            {printing.canSavePdf && (
              <Button variant="default" onClick={printing.savePdf}>
                Save as PDF
              </Button>
            )}
            <DiscloseButton
              participantId={participantId}
              record="progress_summary"
              what="the progress summary"
              print={(to, password, consentId) =>
                unwrap(api().progress.print({ participantId, to, password, consentId }))
              }
            />
            <Button variant="subtle" component={Link} to={`/participants/${participantId}`}>
              Participant details
            </Button>
          </Group>
        }
      />
      <Figures progress={p} />
      <FollowUps progress={p} />
      <AttendanceCalendar progress={p} />
      <WeeklyHoursChart progress={p} />
      <MeasureCharts progress={p} />
      <CoverageCard participantId={participantId} />
      <Goals progress={p} />
      <NotesTimeline progress={p} />
    </Stack>
  )
}

function Figure({ label, value, alert }: { label: string; value: string; alert?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
      {alert && (
        // A long list wraps as text instead of being cut off inside a badge.
        <Text size="sm" c="red.9" fw={600}>
          <span aria-hidden>! </span>
          {alert}
        </Text>
      )}
    </Paper>
  )
}

function Figures({ progress: p }: { progress: ParticipantProgress }) {
  const due = p.measuresDue.length
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} role="region" aria-label="At a glance">
      <Figure label="Days in program" value={String(p.daysInProgram)} />
      <Figure label="Sessions attended" value={`${p.attended} of ${p.scheduled}`} />
      <Figure
        label="Absences in a row"
        value={String(p.absences.current)}
        {...(p.absences.current >= 2 ? { alert: 'Follow up: two or more in a row' } : {})}
      />
      <Figure
        label="Measures due"
        value={String(due)}
        {...(due > 0
          ? {
              alert: p.measuresDue.map((d) => INSTRUMENTS[d.measureId].name).join(', ')
            }
          : {})}
      />
    </SimpleGrid>
  )
}

function FollowUps({ progress: p }: { progress: ParticipantProgress }) {
  const open = p.measures.filter((m) => m.selfHarmFlag && m.followUp === null)
  const runs = p.absences.runs
  if (open.length === 0 && runs.length === 0) return null
  return (
    <Stack gap="xs">
      {open.map((m) => (
        <PrivateFollowUp
          key={m.id}
          entryId={m.id}
          title={`Private follow-up: item 9 of the PHQ-9 of ${m.takenOn} was above zero`}
        />
      ))}
      {runs.length > 0 && (
        <Alert color="orange" title="Absences in a row">
          {runs.map((r) => `${r.length} sessions from ${r.from} to ${r.to}`).join('; ')}.
        </Alert>
      )}
    </Stack>
  )
}

function Goals({ progress: p }: { progress: ParticipantProgress }) {
  return (
    <Paper withBorder p="md" role="region" aria-label="Treatment-plan goals">
      <Title order={2} size="h4" mb="xs">
        Treatment-plan goals
      </Title>
      {p.goals.length === 0 ? (
        <Text c="dimmed">No goals in the treatment plan yet.</Text>
      ) : (
        <Stack gap="sm">
          {p.goals.map((g) => {
            const addressed = g.history.filter((h) => h.addressed).length
            return (
              <Stack key={g.goalId} gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{g.text}</Text>
                  <Badge variant="light">{g.status.replace(/_/g, ' ')}</Badge>
                </Group>
                <Text size="sm">
                  Addressed in {addressed} of {g.history.length} signed{' '}
                  {g.history.length === 1 ? 'note' : 'notes'}.
                </Text>
                {g.history
                  .filter((h) => h.progress.trim())
                  .slice(-5)
                  .map((h) => (
                    <Text size="sm" key={h.sessionId}>
                      <strong>{h.date}:</strong> {h.progress}
                    </Text>
                  ))}
              </Stack>
            )
          })}
        </Stack>
      )}
    </Paper>
  )
}

function NotesTimeline({ progress: p }: { progress: ParticipantProgress }) {
  const [all, setAll] = useState(false)
  const withNotes = [...p.sessions].reverse().filter((s) => s.noteState !== null)
  const shown = all ? withNotes : withNotes.slice(0, 10)
  return (
    <Paper withBorder p="md" role="region" aria-label="Notes">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Notes
        </Title>
        {withNotes.length > 10 && (
          <Switch
            label={`Show all ${withNotes.length}`}
            checked={all}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
        )}
      </Group>
      {withNotes.length === 0 ? (
        <Text c="dimmed">No notes yet.</Text>
      ) : (
        <Table aria-label="Notes, newest first">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Session</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Signed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Td>
                  <Link to={`/sessions/${s.sessionId}/notes?participant=${p.participant.id}`}>
                    {s.date} · {s.groupName}
                  </Link>
                </Table.Td>
                <Table.Td>
                  {NOTE_LABELS[s.noteState!]}
                  {s.lateEntry ? ' · late entry' : ''}
                  {s.addenda ? ` · ${s.addenda} addend${s.addenda === 1 ? 'um' : 'a'}` : ''}
                </Table.Td>
                <Table.Td>{s.noteSignedAt ? s.noteSignedAt.slice(0, 10) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}
