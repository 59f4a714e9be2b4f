import { Box, Group, Text } from '@mantine/core'
import { SlideView } from '../slides/SlideView'
import { PROJECTOR_COLOURS, useProjectorTheme } from './projectorTheme'

/**
 * A slide as the room sees it: the module's title and where we are in it
 * (slide n of m, in words and as a bar) around the slide, in large type
 * that scales with the screen. Nothing here ever names a person.
 */
export function SlideFrame(props: {
  moduleTitle: string
  slide: { title: string; body: string }
  index: number
  count: number
}) {
  const theme = useProjectorTheme()
  const colours = PROJECTOR_COLOURS[theme]
  const progress = `Slide ${props.index + 1} of ${props.count}`
  return (
    <Box
      h="100vh"
      data-testid="audience-slide"
      data-slide-index={props.index}
      data-projector-theme={theme}
      style={{
        display: 'flex',
        flexDirection: 'column',
        overflow: 'hidden',
        background: colours.background,
        color: colours.text,
        // The slide's own text takes these colours.
        ['--mantine-color-text' as string]: colours.text,
        ['--mantine-color-body' as string]: colours.background,
        ['--mantine-color-dimmed' as string]: colours.muted
      }}
    >
      <Group
        justify="space-between"
        wrap="nowrap"
        px="4vw"
        pt="2.4vh"
        pb="1.2vh"
        style={{ borderBottom: `0.3vh solid ${colours.accent}` }}
      >
        <Text
          fz="min(3vh, 1.8vw)"
          fw={700}
          c={colours.accent}
          truncate
          data-testid="audience-module-title"
        >
          {props.moduleTitle}
        </Text>
        <Text fz="min(3vh, 1.8vw)" fw={600} c={colours.muted} data-testid="audience-progress-text">
          {progress}
        </Text>
      </Group>
      <Box px="4vw" py="3vh" style={{ flex: 1, overflow: 'hidden' }}>
        <SlideView slide={props.slide} size="projector" />
      </Box>
      <Box
        role="progressbar"
        aria-label={progress}
        aria-valuemin={1}
        aria-valuemax={props.count}
        aria-valuenow={props.index + 1}
        h="1.2vh"
        style={{ background: colours.track }}
      >
        <Box
          h="100%"
          style={{
            width: `${((props.index + 1) / props.count) * 100}%`,
            background: colours.accent
          }}
        />
      </Box>
    </Box>
  )
}
