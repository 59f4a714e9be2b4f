import { describe, expect, it } from 'vitest'
import type { CurriculumModule } from '../../../src/shared/curriculum/module'
import {
  CurriculumModule as CurriculumModuleSchema,
  ModuleSummary,
  summarizeModule
} from '../../../src/shared/curriculum/module'
import { parseModule, serializeModule } from '../../../src/shared/curriculum/parse'

const FRONT = `---
id: skl-99-sample
version: 2
kind: skills
title: A sample module
week: 3
order: 2
minutes: 40
tags: [sample, test]
objectives:
  - First objective.
  - "Second objective: with a colon."
materials:
  - Pens
---`

const SLIDE_ONE = `# First slide

- One point
- **Two** points

Notes:
Say: the secret plan for the facilitator.
Ask: "What do you think?"

Minutes: 5`

const SLIDE_TWO = `# Second slide

Just a line.

Notes: Watch for: quiet people.
More notes here.`

const BLOCKS = `=== practice

1. Do the thing.

---

2. Then the other thing.

=== homework

## Homework

Name: ________`

function file(...slides: string[]): string {
  return [FRONT, slides.join('\n\n---\n\n'), BLOCKS].join('\n\n')
}

function errorOf(text: string): string {
  const result = parseModule(text, 'local')
  if (result.ok) throw new Error('expected the file to be refused')
  expect(result.error.code).toBe('invalid_input')
  return result.error.message
}

function moduleOf(text: string): CurriculumModule {
  const result = parseModule(text, 'local')
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const editorModule: CurriculumModule = {
  id: 'edu-50-written-by-editor',
  version: 7,
  kind: 'educational',
  title: 'Yes: a title with a colon, "quotes" and #hash',
  week: 12,
  order: 3,
  minutes: 60,
  tags: ['one', 'two words', '3'],
  objectives: ['Objective - one', 'Objective: two', "Objective 'three'"],
  materials: [],
  slides: [
    {
      title: 'A slide with no notes',
      body: '- a\n- b\n\n  indented code',
      notes: '',
      minutes: null
    },
    { title: 'An empty body', body: '', notes: 'Only notes.\n\nTwo paragraphs.', minutes: 3 },
    { title: 'Minutes only', body: 'Minutes: not a pacing line here', notes: '', minutes: 1 },
    { title: 'Notes mention minutes', body: 'Body', notes: 'Minutes: 3\nthen more', minutes: null }
  ],
  practice: null,
  homework: '## Homework\n\n***\n\nA line.',
  source: 'local'
}

describe('reading a module file', () => {
  it('reads the front matter, the slides, the notes and the practice and homework blocks', () => {
    const module = moduleOf(file(SLIDE_ONE, SLIDE_TWO))
    expect(module).toMatchObject({
      id: 'skl-99-sample',
      version: 2,
      kind: 'skills',
      week: 3,
      order: 2,
      minutes: 40,
      tags: ['sample', 'test'],
      objectives: ['First objective.', 'Second objective: with a colon.'],
      materials: ['Pens'],
      source: 'local'
    })
    expect(module.slides).toEqual([
      {
        title: 'First slide',
        body: '- One point\n- **Two** points',
        notes: 'Say: the secret plan for the facilitator.\nAsk: "What do you think?"',
        minutes: 5
      },
      {
        title: 'Second slide',
        body: 'Just a line.',
        notes: 'Watch for: quiet people.\nMore notes here.',
        minutes: null
      }
    ])
    expect(module.practice).toBe('1. Do the thing.\n\n---\n\n2. Then the other thing.')
    expect(module.homework).toBe('## Homework\n\nName: ________')
  })

  it('never puts the facilitator notes in the slide body', () => {
    const module = moduleOf(file(SLIDE_ONE, SLIDE_TWO))
    for (const slide of module.slides) {
      expect(slide.body).not.toMatch(/notes:|Say:|Watch for|secret|Minutes:/i)
    }
    const shouting = moduleOf(file(SLIDE_ONE.replace('Notes:', 'NOTES:   ')))
    expect(shouting.slides[0]?.body).toBe('- One point\n- **Two** points')
    expect(shouting.slides[0]?.notes).toContain('secret plan')
  })

  it('reads Windows line endings and a byte-order mark', () => {
    const text = `\uFEFF${file(SLIDE_ONE, SLIDE_TWO).replace(/\n/g, '\r\n')}`
    expect(moduleOf(text)).toEqual(moduleOf(file(SLIDE_ONE, SLIDE_TWO)))
  })

  it('accepts a --- after the last slide and an educational module without blocks', () => {
    const text = `${FRONT.replace('kind: skills', 'kind: educational')}\n\n${SLIDE_ONE}\n\n---\n`
    const module = moduleOf(text)
    expect(module.slides).toHaveLength(1)
    expect(module.practice).toBeNull()
    expect(module.homework).toBeNull()
  })

  it('fills in empty tags and materials when they are left out', () => {
    const text = file(SLIDE_ONE)
      .replace('tags: [sample, test]\n', '')
      .replace('materials:\n  - Pens\n', '')
    const module = moduleOf(text)
    expect(module.tags).toEqual([])
    expect(module.materials).toEqual([])
  })
})

describe('a module summary', () => {
  it('lists the module without its slides and long texts', () => {
    const summary = summarizeModule(moduleOf(file(SLIDE_ONE, SLIDE_TWO)))
    expect(ModuleSummary.parse(summary)).toEqual(summary)
    expect(summary).toMatchObject({
      id: 'skl-99-sample',
      slideCount: 2,
      hasPractice: true,
      hasHomework: true
    })
    expect(Object.keys(summary)).not.toContain('slides')
    expect(Object.keys(summary)).not.toContain('homework')
  })
})

describe('writing a module file', () => {
  it('round-trips a module read from a file', () => {
    const module = moduleOf(file(SLIDE_ONE, SLIDE_TWO))
    const text = serializeModule(module)
    expect(moduleOf(text)).toEqual(module)
    expect(serializeModule(moduleOf(text))).toBe(text)
  })

  it('round-trips a module built in memory, as the editor will', () => {
    expect(CurriculumModuleSchema.safeParse(editorModule).success).toBe(true)
    expect(moduleOf(serializeModule(editorModule))).toEqual(editorModule)
  })

  it('writes a readable file', () => {
    const text = serializeModule(moduleOf(file(SLIDE_ONE)))
    expect(text.startsWith('---\nid: skl-99-sample\nversion: 2\n')).toBe(true)
    expect(text).toContain('tags: [sample, test]')
    expect(text).toContain('# First slide\n\n- One point')
    expect(text).toContain('\n\nNotes:\nSay: the secret plan')
    expect(text).toContain('\n\nMinutes: 5\n')
    expect(text).toContain('\n\n=== practice\n\n1. Do the thing.')
    expect(text.endsWith('Name: ________\n')).toBe(true)
  })

  it('the schema refuses slide text that the file format would read as structure', () => {
    const withSlide = (slide: Partial<CurriculumModule['slides'][number]>) =>
      CurriculumModuleSchema.safeParse({
        ...editorModule,
        slides: [{ title: 'T', body: '', notes: '', minutes: null, ...slide }]
      }).success
    expect(withSlide({ body: 'a\n---\nb' })).toBe(false)
    expect(withSlide({ body: 'a\nNotes: b' })).toBe(false)
    expect(withSlide({ notes: 'a\n=== homework' })).toBe(false)
    expect(withSlide({ notes: 'a\nMinutes: 4' })).toBe(false)
    expect(withSlide({ title: 'two\nlines' })).toBe(false)
    expect(withSlide({ title: ' padded ' })).toBe(false)
    expect(withSlide({ body: '<b>bold</b>' })).toBe(false)
    expect(withSlide({ body: 'fine' })).toBe(true)
  })
})

describe('refusing a malformed file, in plain words', () => {
  const cases: [string, () => string, RegExp][] = [
    ['an empty file', () => '', /no front matter/],
    ['no front matter', () => SLIDE_ONE, /no front matter: its first line must be ---/],
    ['front matter never closed', () => FRONT.slice(0, -3), /front matter is never closed/],
    [
      'bad YAML',
      () => file(SLIDE_ONE).replace('week: 3', 'week: [3'),
      /front matter is not valid YAML/
    ],
    ['empty front matter', () => `---\n---\n\n${SLIDE_ONE}`, /front matter is empty/],
    ['front matter as a list', () => `---\n- a\n- b\n---\n\n${SLIDE_ONE}`, /list of details/],
    [
      'a missing id',
      () => file(SLIDE_ONE).replace('id: skl-99-sample\n', ''),
      /^Front matter: id is missing\.$/
    ],
    [
      'an id with capitals',
      () => file(SLIDE_ONE).replace('skl-99-sample', 'Skl_99'),
      /Front matter: id may use only lower-case/
    ],
    [
      'a non-integer version',
      () => file(SLIDE_ONE).replace('version: 2', 'version: 1.5'),
      /Front matter: version must be a whole number/
    ],
    [
      'a version in words',
      () => file(SLIDE_ONE).replace('version: 2', 'version: two'),
      /Front matter: version must be a whole number/
    ],
    [
      'an unknown kind',
      () => file(SLIDE_ONE).replace('kind: skills', 'kind: lecture'),
      /Front matter: kind must be educational or skills/
    ],
    [
      'week 13',
      () => file(SLIDE_ONE).replace('week: 3', 'week: 13'),
      /Front matter: week must be from 1 to 12/
    ],
    [
      'one objective',
      () => file(SLIDE_ONE).replace('  - First objective.\n', ''),
      /objectives: write 2 to 4/
    ],
    [
      'a misspelt detail',
      () => file(SLIDE_ONE).replace('minutes: 40', 'minutes: 40\nminuets: 40'),
      /"minuets" is not a detail this format knows/
    ],
    ['no slides', () => `${FRONT}\n\n${BLOCKS}`, /The module has no slides/],
    [
      'more than 20 slides',
      () => file(...Array.from({ length: 21 }, () => SLIDE_TWO)),
      /21 slides; a module has 20 at most/
    ],
    [
      'a slide without a title',
      () => file(SLIDE_ONE, SLIDE_TWO, 'Just text\n\nNotes:\nx'),
      /^Slide 3 \(line \d+\) has no title line starting with #/
    ],
    [
      'a ## title',
      () => file(SLIDE_ONE, SLIDE_TWO.replace('# Second', '## Second')),
      /^Slide 2 \(line \d+\) has no title line starting with #/
    ],
    ['an empty slide', () => file(SLIDE_ONE, '', SLIDE_TWO), /^Slide 2 \(line \d+\) is empty/],
    [
      'a bad Minutes line',
      () => file(SLIDE_ONE.replace('Minutes: 5', 'Minutes: five')),
      /^Slide 1 \(line \d+\): the Minutes line must be a whole number/
    ],
    [
      'too many minutes',
      () => file(SLIDE_ONE.replace('Minutes: 5', 'Minutes: 90')),
      /^Slide 1 \(line \d+\): the Minutes line/
    ],
    [
      'a raw <script>',
      () => file(SLIDE_ONE, `# Hi\n\n<script>alert(1)</script>`),
      /^Slide 2 \(line \d+\) body contains HTML \(<script>\)/
    ],
    [
      'an <img onerror>',
      () => file(SLIDE_ONE.replace('One point', '<img src=x onerror=alert(1)>')),
      /^Slide 1 \(line \d+\) body contains HTML/
    ],
    [
      'HTML in the notes',
      () => file(SLIDE_ONE.replace('Ask:', '<iframe src=x>')),
      /^Slide 1 \(line \d+\) notes contains HTML/
    ],
    [
      'an HTML comment',
      () => file(SLIDE_ONE.replace('One point', '<!-- hidden -->')),
      /^Slide 1 \(line \d+\) body contains HTML/
    ],
    [
      'an unclosed <script',
      () => file(SLIDE_ONE.replace('One point', '<script')),
      /^Slide 1 \(line \d+\) body contains HTML/
    ],
    [
      'HTML in the homework',
      () => file(SLIDE_ONE).replace('Name: ___', '<b>Name</b>'),
      /The homework block contains HTML/
    ],
    [
      'a skills module without practice',
      () => file(SLIDE_ONE).replace(/=== practice[\s\S]*?=== homework/, '=== homework'),
      /skills module needs a practice block/
    ],
    [
      'a skills module without homework',
      () => file(SLIDE_ONE).replace(/=== homework[\s\S]*$/, ''),
      /skills module needs a homework block/
    ],
    [
      'an unknown block',
      () => file(SLIDE_ONE).replace('=== homework', '=== handout'),
      /"=== handout" is not a block this format knows/
    ],
    [
      'a block twice',
      () => `${file(SLIDE_ONE)}\n\n=== practice\n\nAgain`,
      /The practice block appears twice/
    ],
    [
      'an empty block',
      () => file(SLIDE_ONE).replace('## Homework\n\nName: ________', ''),
      /The homework block is empty/
    ],
    [
      'a homework longer than a page',
      () => `${file(SLIDE_ONE)}\n${'- a line\n'.repeat(60)}`,
      /longer than one printed page/
    ]
  ]

  for (const [name, text, message] of cases) {
    it(`refuses ${name}`, () => {
      expect(errorOf(text())).toMatch(message)
    })
  }

  it('names the file line of a YAML mistake', () => {
    // The opening --- is line 1 and "week" line 6, so the repeated "week" is line 7.
    expect(errorOf(file(SLIDE_ONE).replace('week: 3', 'week: 3\nweek: 4'))).toMatch(
      /^The front matter is not valid YAML near line 7: .*unique/
    )
  })

  it('never throws, whatever it is given', () => {
    const inputs = ['---', '---\n---', '---\n: : :\n---', '\u0000', '---\n&a [*a]\n---', '#', '===']
    for (const input of inputs) {
      expect(() => parseModule(input, 'local')).not.toThrow()
      expect(parseModule(input, 'local').ok).toBe(false)
    }
  })
})

describe('where a slide error is', () => {
  it('names the line of the file on which the faulty slide starts', () => {
    const text = file(SLIDE_ONE, SLIDE_TWO, 'Just text\n\nNotes:\nx')
    const line = text.split('\n').indexOf('Just text') + 1
    const result = parseModule(text, 'shipped')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toBe(
      `Slide 3 (line ${line}) has no title line starting with # (one #, a space, then the title).`
    )
  })
})
