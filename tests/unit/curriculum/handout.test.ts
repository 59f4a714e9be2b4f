/** Handouts: each shipped homework becomes one page of large type, and no text becomes markup. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { markdownToHtml, renderHandoutsHtml } from '../../../src/shared/curriculum/handout'
import { parseModule } from '../../../src/shared/curriculum/parse'
import { CURRICULUM_DIR } from '../core/helpers'

describe('handouts', () => {
  test('the homework’s headings, lists and bold text are drawn; anything else stays text', () => {
    const html = markdownToHtml(
      '## Homework\n\nName: ____\n\n- one **thing**\n- two\n\n1. first\n2. second\n\n<script>alert(1)</script>'
    )
    expect(html).toContain('<h2>Homework</h2>')
    expect(html).toContain('<ul>\n<li>one <strong>thing</strong></li>\n<li>two</li>\n</ul>')
    expect(html).toContain('<ol>\n<li>first</li>\n<li>second</li>\n</ol>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
  })

  test('a name is written on the Name line, escaped; several handouts are one page each', () => {
    const html = renderHandoutsHtml({
      clinicName: 'Riverside',
      handouts: [
        {
          moduleTitle: 'A',
          homework: 'Name: ______ Date: ____\n\nDo it.',
          participantName: 'Jo <b>'
        },
        { moduleTitle: 'B', homework: 'No name line here.', participantName: 'Sam' }
      ]
    })
    expect(html).toContain('Name: <span class="name">Jo &lt;b&gt;</span> Date: ____')
    expect(html).toContain('<p class="for">Name: <span class="name">Sam</span></p>')
    expect(html.match(/<section class="handout">/g)).toHaveLength(2)
    expect(html).toMatch(/break-after: page/)
    expect(html).toMatch(/font: 15pt/)
  })

  test('every shipped skills module has a practice assignment to hand out', () => {
    const files = readdirSync(CURRICULUM_DIR).filter((f) => f.startsWith('skl-'))
    expect(files).toHaveLength(36)
    for (const file of files) {
      const parsed = parseModule(readFileSync(join(CURRICULUM_DIR, file), 'utf8'), 'shipped')
      expect(parsed.ok, file).toBe(true)
      if (parsed.ok) expect(parsed.value.homework, file).not.toBeNull()
    }
  })
})
