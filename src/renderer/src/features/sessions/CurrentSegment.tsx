import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { countdownFigure } from '../../../../shared/rules/dates'
import { SEGMENT_KIND_LABELS } from '../../../../shared/domain/session'
import type { SessionState } from '../../../../shared/session/types'
import { useLive, type LiveSession } from './liveSession'
import { PHASE_LOOK } from './phase'

interface Props {
  /** The state as of the last change of segment or phase; the figures follow `live`. */
  state: SessionState
  live: LiveSession
  busy: boolean
  onAdjust(minutes: number): void
  onPrevious(): void
  onNext(): void
}

/** The current segment with a countdown big enough to read at arm's length. */
export function CurrentSegment({ state, live, busy, onAdjust, onPrevious, onNext }: Props) {
  const segment = state.current
  if (!segment) return null
  const look = PHASE_LOOK[state.phase]
  const underlying = PHASE_LOOK[state.segmentPhase]
  const over = state.segmentPhase === 'overtime'
  return (
    <Paper
      withBorder
      p="sm"
      aria-label="Current segment"
      role="region"
      style={{ borderWidth: 3, borderColor: `var(--mantine-color-${underlying.color}-6)` }}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {SEGMENT_KIND_LABELS[segment.kind]}
            </Text>
            <Title order={2}>{segment.title}</Title>
          </Stack>
          <Badge
            size="xl"
            color={look.color}
            variant={state.phase === 'paused' ? 'outline' : 'filled'}
            leftSection={<span aria-hidden>{look.shape}</span>}
            data-testid="phase"
          >
            {look.label}
          </Badge>
        </Group>
        <Countdown live={live} over={over} />
        <Group gap="xs">
          <Button variant="default" onClick={() => onAdjust(-1)} disabled={busy}>
            −1 minute
          </Button>
          <Button variant="default" onClick={() => onAdjust(1)} disabled={busy}>
            +1 minute
          </Button>
          <Button variant="default" onClick={onPrevious} disabled={busy}>
            Previous segment
          </Button>
          <Button onClick={onNext} disabled={busy}>
            Next segment (N)
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

/** The countdown and what is used of the budget: the part of the segment that follows the tick. */
function Countdown({ live, over }: { live: LiveSession; over: boolean }) {
  const figures = useLive(live, (state) => {
    const segment = state?.current
    if (!segment) return ''
    const figure = over
      ? `+${countdownFigure(segment.remainingMs)} over`
      : countdownFigure(segment.remainingMs)
    const budget = `Budget ${Math.round(segment.budgetMs / 60_000)} min (planned ${Math.round(
      segment.plannedMs / 60_000
    )}) · used ${countdownFigure(segment.actualMs)}`
    return `${figure}\n${budget}`
  })
  const [figure, budget] = figures.split('\n')
  return (
    <>
      <Text
        // Large enough to read at arm's length, and small enough on a 768-pixel-high laptop
        // screen to leave the slide buttons in view.
        fz={over ? 'clamp(40px, 7vh, 72px)' : 'clamp(48px, 9vh, 96px)'}
        fw={800}
        ff="monospace"
        lh={1}
        c={over ? 'red.8' : undefined}
        data-testid="countdown"
        aria-live="off"
      >
        {figure}
      </Text>
      <Text size="sm" c="dimmed">
        {budget}
      </Text>
    </>
  )
}
