import { Group, Paper, Stack, Text } from '@mantine/core'
import { clinicTimeOfDay, clockFigure } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import type { SessionState } from '../../../../shared/session/types'
import { useLive, type LiveSession } from './liveSession'

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

/** The four figures as shown; the clock repaints only when one of them changes. */
function clockFigures(
  state: SessionState | null,
  timeZone: string,
  timeFormat: ReturnType<typeof useTimeFormat>
): string {
  if (!state) return ''
  const planned = state.plannedEndAt
  const projected = state.projectedEndAt
  const late = state.overrunMs >= 60_000
  const early = state.overrunMs <= -60_000
  const drift = late
    ? `${clockFigure(state.overrunMs)} later than planned`
    : early
      ? `${clockFigure(state.overrunMs)} earlier than planned`
      : 'as planned'
  return [
    clockFigure(state.elapsedMs),
    clockFigure(state.remainingMs),
    projected === null ? '—' : clinicTimeOfDay(projected, timeZone, timeFormat),
    projected === null ? '' : drift,
    planned === null ? '—' : clinicTimeOfDay(planned, timeZone, timeFormat)
  ].join('\n')
}

/**
 * The whole session's clock: elapsed, remaining, and when it will end against
 * the plan. The one part of the running screen that follows the tick.
 */
export function SessionClock({ live, timeZone }: { live: LiveSession; timeZone: string }) {
  const timeFormat = useTimeFormat()
  const figures = useLive(live, (state) => clockFigures(state, timeZone, timeFormat))
  const [elapsed, remaining, projected, drift, planned] = figures.split('\n')
  return (
    <Paper withBorder p="sm" aria-label="Session clock" role="group">
      <Group gap="xl" wrap="wrap">
        <Figure label="Elapsed" value={elapsed ?? ''} />
        <Figure label="Remaining" value={remaining ?? ''} />
        <Figure label="Projected end" value={projected ?? ''} hint={drift || undefined} />
        <Figure label="Planned end" value={planned ?? ''} />
      </Group>
    </Paper>
  )
}
