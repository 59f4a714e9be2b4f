import { Box, Text, Title, type TitleOrder } from '@mantine/core'
import { useId, type ReactNode } from 'react'
import Markdown, { type Components, type UrlTransform } from 'react-markdown'

/**
 * Slides are Markdown written by the clinic, shown on a projector. Whatever a
 * file holds, a slide never runs HTML, never loads anything from outside the
 * app and never navigates: raw HTML is dropped, links are plain text, and a
 * picture that did not ship with the app shows its description instead.
 */

export type SlideSize = 'projector' | 'preview'

export const IMAGE_REFUSED_NOTE = '(image not shown: only images shipped with the app are allowed)'

/**
 * A picture that ships with the app: a plain relative path to an image file,
 * with no scheme (`https:`, `data:`, `file:`), no `//`, no leading `/` and no
 * `..`. Anything else could reach outside the app, so it is not loaded.
 */
export function isShippedImage(src: string): boolean {
  return /^(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9_][A-Za-z0-9_./-]*\.(png|jpe?g|gif|webp)$/i.test(src)
}

const urlTransform: UrlTransform = (url, key) => (key === 'src' && isShippedImage(url) ? url : '')

interface Scale {
  title: string
  body: string
  heading: string
  gap: string
}

export const SCALES: Record<SlideSize | 'notes', Scale> = {
  // Read from the back of a group room: sized by the screen, so the body is 41 px on a
  // 1080-pixel projector and keeps its proportion on any other.
  projector: {
    title: 'min(6.4vh, 3.8vw)',
    body: 'min(3.8vh, 2.2vw)',
    heading: 'min(4.6vh, 2.7vw)',
    gap: '0.6em'
  },
  preview: { title: '1.3rem', body: '0.9rem', heading: '1rem', gap: '0.4em' },
  notes: { title: '1.1rem', body: '1rem', heading: '1.05rem', gap: '0.5em' }
}

/** The slide's own title is an h2, so headings inside the body start at h3. */
const HEADING_ORDER: Record<'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', TitleOrder> = {
  h1: 3,
  h2: 3,
  h3: 4,
  h4: 5,
  h5: 6,
  h6: 6
}

function markdownComponents(scale: Scale): Components {
  const heading =
    (level: keyof typeof HEADING_ORDER) =>
    ({ children }: { children?: ReactNode }) => (
      <Title order={HEADING_ORDER[level]} fz={scale.heading} lh={1.2} mt={0} mb={scale.gap}>
        {children}
      </Title>
    )
  const listStyle = { margin: `0 0 ${scale.gap}`, paddingInlineStart: '1.2em' }
  return {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    h4: heading('h4'),
    h5: heading('h5'),
    h6: heading('h6'),
    p: ({ children }) => (
      <Text component="p" fz="inherit" lh="inherit" mt={0} mb={scale.gap}>
        {children}
      </Text>
    ),
    ul: ({ children }) => <ul style={listStyle}>{children}</ul>,
    ol: ({ children, start }) => (
      <ol start={start} style={listStyle}>
        {children}
      </ol>
    ),
    li: ({ children }) => <li style={{ marginBottom: '0.25em' }}>{children}</li>,
    // Nothing on a slide navigates: a link is its text.
    a: ({ children }) => <span>{children}</span>,
    img: ({ src, alt }) =>
      typeof src === 'string' && isShippedImage(src) ? (
        <img src={src} alt={alt ?? ''} style={{ maxWidth: '100%', maxHeight: '50vh' }} />
      ) : (
        <Text span fz="inherit" fs="italic">
          {alt ? `${alt} ` : ''}
          <Text span fz="0.7em" c="dimmed">
            {IMAGE_REFUSED_NOTE}
          </Text>
        </Text>
      )
  }
}

const COMPONENTS: Record<SlideSize | 'notes', Components> = {
  projector: markdownComponents(SCALES.projector),
  preview: markdownComponents(SCALES.preview),
  notes: markdownComponents(SCALES.notes)
}

function SafeMarkdown({ text, variant }: { text: string; variant: SlideSize | 'notes' }) {
  return (
    <Markdown skipHtml urlTransform={urlTransform} components={COMPONENTS[variant]}>
      {text}
    </Markdown>
  )
}

/** One slide as the room sees it: the title and the body, never the notes. */
export function SlideView({
  slide,
  size
}: {
  slide: { title: string; body: string }
  size: SlideSize
}) {
  const scale = SCALES[size]
  const titleId = useId()
  return (
    <Box
      component="section"
      aria-labelledby={titleId}
      fz={scale.body}
      lh={1.35}
      c="var(--mantine-color-text)"
      bg="var(--mantine-color-body)"
    >
      <Title id={titleId} order={2} fz={scale.title} lh={1.15} mt={0} mb={scale.gap}>
        {slide.title}
      </Title>
      <SafeMarkdown text={slide.body} variant={size} />
    </Box>
  )
}

/** The facilitator's notes for a slide: for the facilitator's screen only, never the projector. */
export function SlideNotes({ notes }: { notes: string }) {
  return (
    <Box component="section" aria-label="Facilitator notes" fz={SCALES.notes.body} lh={1.45}>
      {notes.trim() ? (
        <SafeMarkdown text={notes} variant="notes" />
      ) : (
        <Text c="dimmed" fz="inherit">
          No notes for this slide.
        </Text>
      )}
    </Box>
  )
}
