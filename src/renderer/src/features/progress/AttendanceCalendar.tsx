import { Box, Group, Paper, Switch, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ParticipantProgress, ProgressSession } from '../../../../shared/domain/progress'

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const DAY_MS = 86_400_000

/** What a day's mark says, its symbol and colour: never colour alone. */
function mark(session: ProgressSession): { label: string; symbol: string; color: string } {
  if (session.status === 'present') {
    if (session.late && session.leftEarly)
      return { label: 'Late, left early', symbol: '◑', color: 'orange.9' }
    if (session.late) return { label: 'Late', symbol: '◐', color: 'orange.9' }
    if (session.leftEarly) return { label: 'Left early', symbol: '◒', color: 'orange.9' }
    return { label: 'Present', symbol: '●', color: 'teal.9' }
  }
  if (session.status === 'absent_excused')
    return { label: 'Absent (excused)', symbol: '○', color: 'gray.8' }
  if (session.status === 'absent_unexcused')
    return { label: 'Absent (unexcused)', symbol: '✕', color: 'red.9' }
  return { label: 'Not marked', symbol: '?', color: 'gray.8' }
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The participant's sessions as a calendar of weeks, Monday first; the latest 12 weeks unless asked. */
export function AttendanceCalendar({ progress: p }: { progress: ParticipantProgress }) {
  const [all, setAll] = useState(false)
  const byDate = new Map<string, ProgressSession[]>()
  for (const s of p.sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s])
  const weeks = p.weeks.map((w) => w.weekStart)
  const shown = all ? weeks : weeks.slice(-12)
  return (
    <Paper withBorder p="md" role="region" aria-label="Attendance calendar">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Attendance
        </Title>
        {weeks.length > 12 && (
          <Switch
            label={`Show all ${weeks.length} weeks`}
            checked={all}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
        )}
      </Group>
      <Text size="sm" mb="xs">
        ● present · ◐ late · ◒ left early · ○ absent (excused) · ✕ absent (unexcused)
      </Text>
      <Table withColumnBorders aria-label="Attendance by week, Monday to Sunday" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Week of</Table.Th>
            {DAYS.map((d) => (
              <Table.Th key={d}>{d}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((weekStart) => {
            const first = dayNumber(weekStart)
            return (
              <Table.Tr key={weekStart}>
                <Table.Th scope="row">{weekStart}</Table.Th>
                {DAYS.map((_, i) => {
                  const date = dateOf(first + i)
                  const sessions = byDate.get(date) ?? []
                  return (
                    <Table.Td key={date} data-date={date}>
                      {sessions.map((s) => {
                        const m = mark(s)
                        return (
                          <Box key={s.sessionId}>
                            <Text span c={m.color} fw={700} aria-hidden>
                              {m.symbol}{' '}
                            </Text>
                            <Text span size="xs">
                              {date.slice(8)} {m.label}
                            </Text>
                          </Box>
                        )
                      })}
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
