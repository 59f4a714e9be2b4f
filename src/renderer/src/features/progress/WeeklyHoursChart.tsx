import { BarChart } from '@mantine/charts'
import { Group, Paper, Switch, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ParticipantProgress } from '../../../../shared/domain/progress'

export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10
}

/** The week still under way: the last one, while the participant is in the program. */
export function isCurrentWeek(p: ParticipantProgress, weekStart: string): boolean {
  const last = p.weeks[p.weeks.length - 1]
  return p.participant.dischargeDate === null && last?.weekStart === weekStart
}

/** One sentence that says what the chart shows, for anyone who cannot see it. */
export function weeklyHoursSummary(p: ParticipantProgress, shown = p.weeks): string {
  // The week under way is not yet below anything.
  const weeks = shown.filter((w) => !isCurrentWeek(p, w.weekStart) || w.meetsRequirement)
  if (weeks.length === 0) return 'No complete week in the program yet.'
  const below = weeks.filter((w) => !w.meetsRequirement)
  const average = hoursOf(weeks.reduce((t, w) => t + w.minutes, 0) / weeks.length)
  return (
    `Over ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}, an average of ${average} countable hours a week ` +
    `against ${p.requiredWeeklyHours} required; ${below.length} ${below.length === 1 ? 'week' : 'weeks'} below` +
    (below.length ? ` (${below.map((w) => w.weekStart).join(', ')}).` : '.')
  )
}

/** Countable hours per week as bars, against the weekly requirement; weeks under it marked. */
export function WeeklyHoursChart({ progress: p }: { progress: ParticipantProgress }) {
  const [asTable, setAsTable] = useState(false)
  const weeks = p.weeks.slice(-16)
  const data = weeks.map((w) => ({
    week: w.weekStart.slice(5),
    Hours: hoursOf(w.minutes)
  }))
  return (
    <Paper withBorder p="md" role="region" aria-label="Weekly countable hours">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Weekly countable hours
        </Title>
        <Switch
          label="Show as table"
          checked={asTable}
          onChange={(e) => setAsTable(e.currentTarget.checked)}
        />
      </Group>
      <Text size="sm" mb="sm" data-testid="weekly-hours-summary">
        {weeklyHoursSummary(p, weeks)}
      </Text>
      {asTable ? (
        <Table aria-label="Countable hours by week">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Week starting</Table.Th>
              <Table.Th>Countable hours</Table.Th>
              <Table.Th>Meets {p.requiredWeeklyHours} hours</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((w) => (
              <Table.Tr key={w.weekStart}>
                <Table.Td>{w.weekStart}</Table.Td>
                <Table.Td>{hoursOf(w.minutes)}</Table.Td>
                <Table.Td>
                  {w.meetsRequirement
                    ? 'Yes'
                    : isCurrentWeek(p, w.weekStart)
                      ? 'This week, so far'
                      : 'No — below'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <div role="img" aria-label={`Bar chart. ${weeklyHoursSummary(p, weeks)}`}>
          <BarChart
            h={220}
            data={data}
            dataKey="week"
            series={[{ name: 'Hours', color: 'teal.9' }]}
            getBarColor={(value) => (value >= p.requiredWeeklyHours ? 'teal.9' : 'orange.4')}
            accessibilityLayer={false}
            referenceLines={[
              {
                y: p.requiredWeeklyHours,
                color: 'red.9',
                label: `${p.requiredWeeklyHours} h required`,
                labelPosition: 'insideTopRight'
              }
            ]}
            yAxisProps={{
              domain: [0, Math.max(p.requiredWeeklyHours + 2, ...data.map((d) => d.Hours))]
            }}
            withTooltip={false}
          />
          <Text size="xs" c="dimmed">
            Dark bars meet the weekly requirement; light bars are below it.
          </Text>
        </div>
      )}
    </Paper>
  )
}
