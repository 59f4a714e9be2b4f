import { Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core'
import type { Segment } from '../../../../shared/domain/session'
import { clockFigure } from '../../../../shared/rules/dates'
import { slidePacing } from '../../../../shared/session/pacing'
import { SlideNotes, SlideView } from '../slides/SlideView'
import { useLive, type LiveSession } from './liveSession'
import { setProjectorTheme, useProjectorTheme } from '../audience/projectorTheme'

interface Props {
  segment: Segment
  /** The pace follows the current segment's running time. */
  live: LiveSession
  slideIndex: number
  busy: boolean
  onShow(index: number): void
}

const PACING_LOOK = {
  ahead: { color: 'blue', label: 'Ahead' },
  on_track: { color: 'teal', label: 'On track' },
  behind: { color: 'red', label: 'Behind' }
} as const

/** Speaker view: the slide the room sees, the next one, the notes, and the pace. */
export function SlidesPanel({ segment, live, slideIndex, busy, onShow }: Props) {
  const theme = useProjectorTheme()
  const module = segment.module
  if (!module || module.slides.length === 0) return null
  const slides = module.slides
  const index = Math.min(slideIndex, slides.length - 1)
  const slide = slides[index]!
  const next = slides[index + 1]
  return (
    <Paper withBorder p="md" role="region" aria-label="Slides">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4">
            {module.title} · slide {index + 1} of {slides.length}
          </Title>
          <Switch
            label="Dark slides"
            description="For a dim room"
            checked={theme === 'dark'}
            onChange={(e) => setProjectorTheme(e.currentTarget.checked ? 'dark' : 'light')}
          />
        </Group>
        {/* The slide buttons sit above the previews and notes, so a laptop's screen always shows them. */}
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => onShow(index - 1)}
              disabled={busy || index === 0}
            >
              ← Previous slide
            </Button>
            <Button
              variant="default"
              onClick={() => onShow(index + 1)}
              disabled={busy || index >= slides.length - 1}
            >
              Next slide →
            </Button>
          </Group>
          <Pacing live={live} slideIndex={index} slideMinutes={slides.map((s) => s.minutes)} />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Now showing
            </Text>
            <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
              <SlideView slide={slide} size="preview" />
            </Paper>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Next
            </Text>
            {next ? (
              <Paper withBorder p="sm" opacity={0.8}>
                <SlideView slide={next} size="preview" />
              </Paper>
            ) : (
              <Text size="sm" c="dimmed">
                This is the last slide.
              </Text>
            )}
          </Stack>
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Facilitator notes (not shown to the room)
          </Text>
          <SlideNotes notes={slide.notes} />
        </Stack>
      </Stack>
    </Paper>
  )
}

/** Time left for this slide against the segment's budget: follows the tick. */
function Pacing(props: {
  live: LiveSession
  slideIndex: number
  slideMinutes: Array<number | null>
}) {
  const { live, slideIndex, slideMinutes } = props
  const shown = useLive(live, (state) => {
    const segment = state?.current
    if (!segment) return ''
    const pacing = slidePacing({
      budgetMs: segment.budgetMs,
      elapsedMs: segment.actualMs,
      slideIndex,
      slideMinutes
    })
    const left = pacing.timeLeftMs
    const text = `This slide: ${left < 0 ? `−${clockFigure(left)}` : clockFigure(left)} ${
      left < 0 ? 'behind' : 'left'
    }`
    return `${pacing.status}\n${text}`
  })
  const [status, text] = shown.split('\n')
  const look = PACING_LOOK[(status || 'on_track') as keyof typeof PACING_LOOK]
  return (
    <Group gap="xs">
      <Text size="sm" data-testid="pacing">
        {text}
      </Text>
      <Badge color={look.color} variant="light">
        {look.label}
      </Badge>
    </Group>
  )
}
