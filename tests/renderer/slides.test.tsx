import { MantineProvider } from '@mantine/core'
import { render, screen, within } from '@testing-library/react'
import type { ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import {
  SCALES,
  IMAGE_REFUSED_NOTE,
  isShippedImage,
  SlideNotes,
  SlideView
} from '../../src/renderer/src/features/slides/SlideView'

function show(ui: ReactElement) {
  return render(<MantineProvider>{ui}</MantineProvider>)
}

function slide(body: string, size: 'projector' | 'preview' = 'projector') {
  return show(<SlideView slide={{ title: 'Why plan your day', body }} size={size} />)
}

const HOSTILE = [
  '<script>window.__ran = true</script>',
  '',
  'Text <img src=x onerror="window.__ran = true"> in a line',
  '',
  '<iframe src="https://example.org"></iframe>',
  '',
  '<object data="x"></object><embed src="x"><style>body{display:none}</style>',
  '',
  '<a href="https://example.org">an HTML link</a>'
].join('\n')

describe('a slide on the projector', () => {
  it('shows the title as a heading the room can read', () => {
    slide('- One point')
    const title = screen.getByRole('heading', { level: 2, name: 'Why plan your day' })
    expect(title.tagName).toBe('H2')
    expect(screen.getByRole('region', { name: 'Why plan your day' })).toBeInTheDocument()
  })

  it('shows bullets, bold text and headings', () => {
    slide(
      '## Three ways\n\n- **Avoid** the place\n- Change the route\n- Plan ahead\n\nA closing line.'
    )
    expect(screen.getByRole('heading', { level: 3, name: 'Three ways' })).toBeInTheDocument()
    const items = within(screen.getByRole('list')).getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      'Avoid the place',
      'Change the route',
      'Plan ahead'
    ])
    expect(screen.getByText('Avoid').tagName).toBe('STRONG')
    expect(screen.getByText('A closing line.')).toBeInTheDocument()
  })

  it('never turns raw HTML into elements', () => {
    const { container } = slide(HOSTILE)
    for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'a']) {
      expect(container.querySelector(tag), tag).toBeNull()
    }
    // Mantine adds a <style> of its own beside the slide; inside the slide there is none.
    const shown = screen.getByRole('region', { name: 'Why plan your day' })
    expect(shown.querySelector('style')).toBeNull()
    expect(container.querySelector('[onerror]')).toBeNull()
    expect(shown).toHaveTextContent('Text in a line')
    expect(Reflect.get(window, '__ran')).toBeUndefined()
  })

  it('does not load a picture from the internet, and says why', () => {
    const { container } = slide(
      '![A brain diagram](https://example.org/a.png)\n\n![tracker](//example.org/t.gif)\n\n![inline](data:image/png;base64,AAAA)'
    )
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByText(/A brain diagram/)).toBeInTheDocument()
    expect(screen.getAllByText(IMAGE_REFUSED_NOTE)).toHaveLength(3)
  })

  it('shows a link as plain text that goes nowhere', () => {
    const { container } = slide('Read [the guide](https://example.org/guide) later.')
    expect(container.querySelector('a')).toBeNull()
    expect(screen.queryByRole('link')).toBeNull()
    expect(screen.getByText(/the guide/)).toBeInTheDocument()
    expect(container.innerHTML).not.toContain('example.org')
  })

  it('sizes the projector’s type by the screen it is shown on, the preview’s by the page', () => {
    // jsdom cannot compute min(vh, vw); the projector e2e measures the real pixels (≥32 at 1080p).
    for (const size of [SCALES.projector.title, SCALES.projector.body]) {
      expect(size).toMatch(/^min\(\d+(\.\d+)?vh, \d+(\.\d+)?vw\)$/)
    }
    // 3.8vh of a 1080-pixel screen: 41 px.
    expect(parseFloat(SCALES.projector.body.slice(4)) * 10.8).toBeGreaterThanOrEqual(32)
    expect(SCALES.preview.body).toMatch(/rem$/)
  })
})

describe('slide notes on the facilitator screen', () => {
  it('render Markdown with the same safety rules', () => {
    const { container } = show(
      <SlideNotes
        notes={`Say: **welcome** everyone.\n\n${HOSTILE}\n\n![x](https://example.org/a.png)`}
      />
    )
    const notes = screen.getByRole('region', { name: 'Facilitator notes' })
    expect(within(notes).getByText('welcome').tagName).toBe('STRONG')
    for (const tag of ['script', 'img', 'iframe', 'a']) {
      expect(container.querySelector(tag), tag).toBeNull()
    }
    expect(within(notes).getByText(IMAGE_REFUSED_NOTE)).toBeInTheDocument()
  })

  it('say so when a slide has no notes', () => {
    show(<SlideNotes notes="  " />)
    expect(screen.getByText('No notes for this slide.')).toBeInTheDocument()
  })
})

describe('which pictures count as shipped with the app', () => {
  it('allows plain relative image paths only', () => {
    expect(isShippedImage('images/brain.png')).toBe(true)
    for (const src of [
      'https://example.org/a.png',
      'http://example.org/a.png',
      '//example.org/a.png',
      'data:image/png;base64,AAAA',
      'file:///etc/a.png',
      '/etc/a.png',
      '../../secret.png',
      'images/a.png?track=1',
      'javascript:alert(1)',
      'images/a.svg'
    ]) {
      expect(isShippedImage(src), src).toBe(false)
    }
  })
})
