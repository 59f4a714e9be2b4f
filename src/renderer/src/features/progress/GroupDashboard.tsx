import { BarChart } from '@mantine/charts'
import {
  Anchor,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import {
  SERVICE_CODES,
  SERVICE_CODE_LABELS,
  type ServiceCode
} from '../../../../shared/domain/billing'
import type { GroupDashboard as Dashboard } from '../../../../shared/domain/progress'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'

type Week = Dashboard['weeks'][number]

function percentOf(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 100)
}

function oneDecimal(hours: number | null): number | null {
  return hours === null ? null : Math.round(hours * 10) / 10
}

function weeksWord(n: number): string {
  return `${n} ${n === 1 ? 'week' : 'weeks'}`
}

/** What a week with nothing to count says, in the table and the summaries. */
function emptyWeek(w: Week): string {
  return w.sessions === 0 ? 'No session' : 'No attendance marked'
}

function noSessionNote(weeks: Week[]): string {
  const none = weeks.filter((w) => w.sessions === 0).length
  return none === 0 ? '' : ` ${weeksWord(none)} had no session.`
}

/** One sentence for the attendance chart, for anyone who cannot see it. */
export function attendanceSummary(weeks: Week[]): string {
  const counted = weeks.filter((w) => w.attendanceRate !== null)
  if (counted.length === 0) return `No attendance recorded in the last ${weeksWord(weeks.length)}.`
  const average = Math.round(
    (counted.reduce((t, w) => t + (w.attendanceRate ?? 0), 0) / counted.length) * 100
  )
  const lowest = counted.reduce((low, w) =>
    (w.attendanceRate ?? 0) < (low.attendanceRate ?? 0) ? w : low
  )
  return (
    `Attendance averaged ${average}% over the last ${weeksWord(weeks.length)}; ` +
    `lowest ${percentOf(lowest.attendanceRate)}% in the week of ${lowest.weekStart}.` +
    noSessionNote(weeks)
  )
}

/** One sentence for the hours chart, for anyone who cannot see it. */
export function hoursSummary(weeks: Week[], required: number): string {
  const counted = weeks.filter((w) => w.averageHours !== null)
  if (counted.length === 0) return `No hours recorded in the last ${weeksWord(weeks.length)}.`
  const average = oneDecimal(
    counted.reduce((t, w) => t + (w.averageHours ?? 0), 0) / counted.length
  )
  if (required <= 0) {
    // Billed per session (90853): there is no weekly requirement to fall short of.
    return (
      `Participants averaged ${average} countable hours a week; this group has no weekly ` +
      `requirement.` +
      noSessionNote(weeks)
    )
  }
  const below = counted.filter((w) => (w.averageHours ?? 0) < required).length
  return (
    `Participants averaged ${average} countable hours a week against ${required} required; ` +
    `the average was below the requirement in ${weeksWord(below)} of ${counted.length}.` +
    noSessionNote(weeks)
  )
}

/** A chart with its sentence under it and a switch to see the same numbers as a table. */
function WeeklyChart({
  title,
  summary,
  chart,
  table
}: {
  title: string
  summary: string
  chart: ReactNode
  table: ReactNode
}) {
  const [asTable, setAsTable] = useState(false)
  return (
    <Paper withBorder p="md" role="region" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Switch
          label="Show as table"
          checked={asTable}
          onChange={(e) => setAsTable(e.currentTarget.checked)}
        />
      </Group>
      {asTable ? (
        table
      ) : (
        <div role="img" aria-label={`Bar chart. ${summary}`}>
          {chart}
        </div>
      )}
      <Text size="sm" mt="xs">
        {summary}
      </Text>
    </Paper>
  )
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {children}
      </Text>
    </div>
  )
}

function ServiceCodeSelect({ groupId }: { groupId: string }) {
  const client = useQueryClient()
  const key = ['groups', groupId, 'serviceCode']
  const code = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api().groups.serviceCode({ groupId }))
  })
  const choose = useMutation({
    mutationFn: (next: ServiceCode) => unwrap(api().groups.setServiceCode({ groupId, code: next })),
    onSuccess: (saved) => client.setQueryData(key, saved),
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not changed', message: messageOf(e) })
  })
  return (
    <Select
      label="Service code billed for this group's days"
      data={SERVICE_CODES.map((c) => ({ value: c, label: SERVICE_CODE_LABELS[c] }))}
      value={code.data ?? null}
      onChange={(v) => v && v !== code.data && choose.mutate(v as ServiceCode)}
      allowDeselect={false}
      disabled={code.isPending || choose.isPending}
      error={code.isError ? messageOf(code.error) : undefined}
      w={480}
    />
  )
}

/** On the group's page: who is in it this month and how the last 12 weeks went. */
export function GroupDashboard({ groupId }: { groupId: string }) {
  const dashboard = useQuery({
    queryKey: ['progress', 'group', groupId],
    queryFn: () => unwrap(api().progress.group({ groupId }))
  })
  if (dashboard.isError) return <ErrorNotice error={dashboard.error} />
  if (dashboard.isPending) return <Loader aria-label="Loading the group's figures" />
  const d = dashboard.data
  const required = d.requiredWeeklyHours
  const data = d.weeks.map((w) => ({
    week: w.weekStart.slice(5),
    'Attendance %': percentOf(w.attendanceRate),
    'Average hours': oneDecimal(w.averageHours)
  }))
  const maxHours = Math.max(required + 2, ...data.map((x) => x['Average hours'] ?? 0))
  const attendance = attendanceSummary(d.weeks)
  const hours = hoursSummary(d.weeks, required)

  return (
    <section aria-labelledby="group-dashboard">
      <Paper withBorder p="md" mb="lg">
        <Stack gap="md">
          <Title order={2} size="h3" id="group-dashboard">
            Census and attendance
          </Title>
          <SimpleGrid cols={4}>
            <Figure label="Active">{d.census.active}</Figure>
            <Figure label="Admitted this month">{d.census.admittedThisMonth}</Figure>
            <Figure label="Discharged this month">{d.census.dischargedThisMonth}</Figure>
            <Figure label="Notes owed">
              {d.notesOwed}{' '}
              <Anchor component={Link} to="/notes" size="sm" fw={400}>
                Go to notes
              </Anchor>
            </Figure>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <WeeklyChart
              title="Attendance rate by week"
              summary={attendance}
              chart={
                <BarChart
                  h={200}
                  data={data}
                  dataKey="week"
                  series={[{ name: 'Attendance %', color: 'teal.9' }]}
                  yAxisProps={{ domain: [0, 100] }}
                  unit="%"
                  accessibilityLayer={false}
                  withTooltip={false}
                />
              }
              table={
                <Table aria-label="Attendance rate by week">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Week starting</Table.Th>
                      <Table.Th>Sessions</Table.Th>
                      <Table.Th>Attendance</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.weeks.map((w) => (
                      <Table.Tr key={w.weekStart}>
                        <Table.Td>{w.weekStart}</Table.Td>
                        <Table.Td>{w.sessions}</Table.Td>
                        <Table.Td>
                          {w.attendanceRate === null
                            ? emptyWeek(w)
                            : `${percentOf(w.attendanceRate)}%`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              }
            />
            <WeeklyChart
              title="Average countable hours per participant"
              summary={hours}
              chart={
                <BarChart
                  h={200}
                  data={data}
                  dataKey="week"
                  series={[{ name: 'Average hours', color: 'blue.9' }]}
                  yAxisProps={{ domain: [0, Math.ceil(maxHours)] }}
                  referenceLines={
                    required > 0
                      ? [
                          {
                            y: required,
                            color: 'red.9',
                            label: `${required} h required`,
                            labelPosition: 'insideTopRight'
                          }
                        ]
                      : []
                  }
                  accessibilityLayer={false}
                  withTooltip={false}
                />
              }
              table={
                <Table aria-label="Average countable hours per participant by week">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Week starting</Table.Th>
                      <Table.Th>Average hours</Table.Th>
                      <Table.Th>
                        {required > 0 ? `Meets ${required} hours` : 'Weekly requirement'}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.weeks.map((w) => (
                      <Table.Tr key={w.weekStart}>
                        <Table.Td>{w.weekStart}</Table.Td>
                        <Table.Td>
                          {w.averageHours === null ? emptyWeek(w) : oneDecimal(w.averageHours)}
                        </Table.Td>
                        <Table.Td>
                          {w.averageHours === null
                            ? '—'
                            : required <= 0
                              ? 'None (billed per session)'
                              : w.averageHours >= required
                                ? 'Yes'
                                : 'No — below'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              }
            />
          </SimpleGrid>
          <ServiceCodeSelect groupId={groupId} />
        </Stack>
      </Paper>
    </section>
  )
}
