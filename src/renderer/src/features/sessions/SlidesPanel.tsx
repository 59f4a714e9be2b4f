import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { Segment } from '../../../../shared/domain/session'
import { clockFigure } from '../../../../shared/rules/dates'
import { slidePacing } from '../../../../shared/session/pacing'
import type { SegmentState } from '../../../../shared/session/types'
import { SlideNotes, SlideView } from '../slides/SlideView'

interface Props {
  segment: Segment
  state: SegmentState
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
export function SlidesPanel({ segment, state, slideIndex, busy, onShow }: Props) {
  const module = segment.module
  if (!module || module.slides.length === 0) return null
  const slides = module.slides
  const index = Math.min(slideIndex, slides.length - 1)
  const slide = slides[index]!
  const next = slides[index + 1]
  const pacing = slidePacing({
    budgetMs: state.budgetMs,
    elapsedMs: state.actualMs,
    slideIndex: index,
    slideMinutes: slides.map((s) => s.minutes)
  })
  const look = PACING_LOOK[pacing.status]
  const left = pacing.timeLeftMs
  return (
    <Paper withBorder p="md" role="region" aria-label="Slides">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {module.title} · slide {index + 1} of {slides.length}
          </Title>
          <Group gap="xs">
            <Text size="sm" data-testid="pacing">
              This slide: {left < 0 ? `−${clockFigure(left)}` : clockFigure(left)}{' '}
              {left < 0 ? 'behind' : 'left'}
            </Text>
            <Badge color={look.color} variant="light">
              {look.label}
            </Badge>
          </Group>
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
      </Stack>
    </Paper>
  )
}
