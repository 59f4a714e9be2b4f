import { ActionIcon, Badge, Group, Stack, Switch, Text } from '@mantine/core'
import type { SessionAction } from '../../../../shared/domain/session'
import { countdownFigure } from '../../../../shared/rules/dates'
import type { SegmentState, SessionState } from '../../../../shared/session/types'
import { useLive, type LiveSession } from './liveSession'

const STATUS_LABEL: Record<SegmentState['status'], string> = {
  upcoming: 'To come',
  current: 'Now',
  done: 'Done',
  skipped: 'Skipped'
}

interface Props {
  /** The agenda as of the last change; the current segment's minutes used follow `live`. */
  state: SessionState
  live: LiveSession
  busy: boolean
  act(action: SessionAction): void
}

/** The agenda with what each segment planned and used; what is still to come can move or be skipped. */
export function AgendaPanel({ state, live, busy, act }: Props) {
  const order = state.segments.map((s) => s.segmentId)
  const movable = (s: SegmentState) => s.status === 'upcoming' || s.status === 'skipped'
  const move = (index: number, by: -1 | 1) => {
    const next = [...order]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item!)
    act({ type: 'reorder', order: next })
  }
  return (
    <Stack gap="xs" role="list" aria-label="Agenda">
      {state.segments.map((segment, index) => {
        const canUp = movable(segment) && index > 0 && movable(state.segments[index - 1]!)
        const canDown =
          movable(segment) &&
          index < state.segments.length - 1 &&
          movable(state.segments[index + 1]!)
        return (
          <Stack
            key={segment.segmentId}
            role="listitem"
            gap={2}
            p={6}
            style={{
              borderRadius: 6,
              background: segment.status === 'current' ? 'var(--mantine-color-teal-0)' : undefined,
              opacity: segment.status === 'skipped' ? 0.6 : 1
            }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={segment.status === 'current' ? 700 : 500} truncate>
                {segment.title}
              </Text>
              <Badge
                size="sm"
                style={{ flexShrink: 0 }}
                variant={segment.status === 'current' ? 'filled' : 'light'}
                color={segment.status === 'skipped' ? 'gray' : 'teal'}
              >
                {STATUS_LABEL[segment.status]}
              </Badge>
            </Group>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" c="dimmed">
                {Math.round(segment.budgetMs / 60_000)} min
                {segment.status === 'current' ? (
                  <CurrentUsed live={live} />
                ) : segment.visited ? (
                  ` · used ${countdownFigure(segment.actualMs)}`
                ) : (
                  ''
                )}
                {segment.countable ? '' : ' · not counted'}
              </Text>
              {movable(segment) && (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={`Move ${segment.title} earlier`}
                    disabled={busy || !canUp}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={`Move ${segment.title} later`}
                    disabled={busy || !canDown}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </ActionIcon>
                  <Switch
                    size="xs"
                    label="Skip"
                    aria-label={`Skip ${segment.title}`}
                    checked={segment.status === 'skipped'}
                    disabled={busy}
                    onChange={(event) =>
                      act({
                        type: 'skip',
                        segmentId: segment.segmentId,
                        skipped: event.currentTarget.checked
                      })
                    }
                  />
                </Group>
              )}
            </Group>
          </Stack>
        )
      })}
    </Stack>
  )
}

function CurrentUsed({ live }: { live: LiveSession }) {
  const used = useLive(live, (state) =>
    state?.current ? ` · used ${countdownFigure(state.current.actualMs)}` : ''
  )
  return <>{used}</>
}
