import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title
} from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import {
  REPORT_KINDS,
  REPORT_LABELS,
  type Report,
  type ReportKind,
  type ReportRequest
} from '../../../../shared/domain/progress'
import { api, unwrap } from '../../api'
import { useGroups } from '../../app/queries'
import { useToday } from '../../app/useToday'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { useProtectedExport } from '../exports/useProtectedExport'

/** A screen this long is already hard to read; the export has every row. */
const ROWS_SHOWN = 500
const ALL_GROUPS = 'all'

export function cellText(cell: Report['rows'][number][number]): string {
  if (cell === null) return '—'
  if (typeof cell === 'boolean') return cell ? 'Yes' : 'No'
  return String(cell)
}

function ReportTable({ report }: { report: Report }) {
  const shown = report.rows.slice(0, ROWS_SHOWN)
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4">
            {report.title}
          </Title>
          <Text fw={600} data-testid="report-row-count">
            {report.rows.length} {report.rows.length === 1 ? 'row' : 'rows'}
          </Text>
        </Group>
        {report.part2 && (
          <Alert color="yellow" variant="light" title="Confidential — 42 CFR Part 2">
            These are substance use disorder records protected by 42 CFR Part 2. Every export
            carries the federal notice.
          </Alert>
        )}
        {report.cancelledSessions > 0 && (
          <Text size="sm" data-testid="report-cancelled">
            {report.cancelledSessions} cancelled{' '}
            {report.cancelledSessions === 1 ? 'session' : 'sessions'} in this range, not counted
            above.
          </Text>
        )}
        {report.rows.length > ROWS_SHOWN && (
          <Text size="sm">
            Showing the first {ROWS_SHOWN} of {report.rows.length} rows. Export CSV to get them all.
          </Text>
        )}
        {report.rows.length === 0 ? (
          <Text c="dimmed">Nothing in this date range.</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped aria-label={report.title}>
              <Table.Thead>
                <Table.Tr>
                  {report.header.map((h, i) => (
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, c) => (
                      <Table.Td key={c}>{cellText(cell)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  )
}

/** Attendance, hours, notes and discharges for a date range: on screen, or as a CSV file. */
export function ReportsPage() {
  const today = useToday()
  const groups = useGroups()
  const [kind, setKind] = useState<ReportKind>('attendance')
  const [from, setFrom] = useState(() => `${today.slice(0, 8)}01`)
  const [to, setTo] = useState(today)
  const [groupId, setGroupId] = useState(ALL_GROUPS)
  const [emptyWeeks, setEmptyWeeks] = useState(false)
  const request = (): ReportRequest => ({
    kind,
    from,
    to,
    groupId: groupId === ALL_GROUPS ? null : groupId,
    ...(kind === 'weekly_hours' ? { emptyWeeks } : {})
  })

  const run = useMutation({ mutationFn: (r: ReportRequest) => unwrap(api().reports.run(r)) })
  const exporting = useProtectedExport(
    `the ${REPORT_LABELS[kind].toLowerCase()} report`,
    async (password) => {
      const file = await unwrap(api().reports.export({ ...request(), password }))
      return { ...file, note: `${file.rowCount} ${file.rowCount === 1 ? 'row' : 'rows'}.` }
    }
  )

  const groupOptions = [
    { value: ALL_GROUPS, label: 'All groups' },
    ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))
  ]

  return (
    <>
      <PageHeader
        title="Reports"
        description="Attendance, weekly hours, notes and discharges for a date range, for one group or all."
      />
      {exporting.modal}
      <Paper withBorder p="md" mb="lg">
        <form
          aria-label="Report options"
          onSubmit={(e) => {
            e.preventDefault()
            run.mutate(request())
          }}
        >
          <Group align="flex-end" gap="md">
            <Select
              label="Report"
              data={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_LABELS[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as ReportKind)}
              allowDeselect={false}
              w={260}
            />
            <DateField label="From" value={from} onChange={setFrom} w={150} />
            <DateField label="To" value={to} onChange={setTo} w={150} />
            <Select
              label="Group"
              data={groupOptions}
              value={groupId}
              onChange={(v) => setGroupId(v ?? ALL_GROUPS)}
              allowDeselect={false}
              w={240}
            />
            {kind === 'weekly_hours' && (
              <Checkbox
                label="Include weeks with nothing attended"
                checked={emptyWeeks}
                onChange={(e) => setEmptyWeeks(e.currentTarget.checked)}
                mb={8}
              />
            )}
            <Button type="submit" loading={run.isPending}>
              Show report
            </Button>
            <Button variant="default" onClick={exporting.start}>
              Export CSV
            </Button>
          </Group>
        </form>
      </Paper>
      <Stack gap="md">
        <ErrorNotice error={groups.error} title="Groups could not be loaded" />
        <ErrorNotice error={run.error} title="The report could not be run" />
        {run.data && !run.isError && <ReportTable report={run.data} />}
      </Stack>
    </>
  )
}
