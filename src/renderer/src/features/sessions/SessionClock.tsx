import { Group, Paper, Stack, Text } from '@mantine/core'
import { clinicTimeOfDay, clockFigure } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import type { SessionState } from '../../../../shared/session/types'

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} ff="monospace" lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  )
}

/** The whole session's clock: elapsed, remaining, and when it will end against the plan. */
export function SessionClock({ state, timeZone }: { state: SessionState; timeZone: string }) {
  const timeFormat = useTimeFormat()
  const planned = state.plannedEndAt
  const projected = state.projectedEndAt
  const late = state.overrunMs >= 60_000
  const early = state.overrunMs <= -60_000
  const drift = late
    ? `${clockFigure(state.overrunMs)} later than planned`
    : early
      ? `${clockFigure(state.overrunMs)} earlier than planned`
      : 'as planned'
  return (
    <Paper withBorder p="sm" aria-label="Session clock" role="group">
      <Group gap="xl" wrap="wrap">
        <Figure label="Elapsed" value={clockFigure(state.elapsedMs)} />
        <Figure label="Remaining" value={clockFigure(state.remainingMs)} />
        <Figure
          label="Projected end"
          value={projected === null ? '—' : clinicTimeOfDay(projected, timeZone, timeFormat)}
          hint={projected === null ? undefined : drift}
        />
        <Figure
          label="Planned end"
          value={planned === null ? '—' : clinicTimeOfDay(planned, timeZone, timeFormat)}
        />
      </Group>
    </Paper>
  )
}
