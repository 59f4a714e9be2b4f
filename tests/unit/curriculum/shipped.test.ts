import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isModuleFileName } from '../../../src/shared/curriculum/format'
import type { CurriculumModule } from '../../../src/shared/curriculum/module'
import { parseModule, serializeModule } from '../../../src/shared/curriculum/parse'

const folder = join(import.meta.dirname, '../../../resources/curriculum')
const fileNames = readdirSync(folder).filter(isModuleFileName).sort()

const shipped = fileNames.map((name) => {
  const text = readFileSync(join(folder, name), 'utf8')
  const result = parseModule(text, 'shipped')
  return { name, text, result }
})

function modules(): { name: string; text: string; module: CurriculumModule }[] {
  return shipped.map(({ name, text, result }) => {
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return { name, text, module: result.value }
  })
}

/** Words that label people by their substance use, and other programs' names. */
const FORBIDDEN = [
  /\baddicts?\b/i,
  /\bclean\b/i,
  /\bdirty\b/i,
  /\babusers?\b/i,
  /matrix model/i,
  /\bDBT\b/i,
  /seeking safety/i
]

/** Words as a reader counts them: Markdown markers are not words. */
function wordCount(markdown: string): number {
  return (markdown.match(/[\p{L}\p{N}][\p{L}\p{N}'’:.,-]*/gu) ?? []).length
}

describe('the shipped curriculum', () => {
  it('has the four week-1 modules at least', () => {
    expect(fileNames).toEqual(
      expect.arrayContaining([
        'edu-01-brain.md',
        'edu-02-triggers-external.md',
        'skl-01-daily-schedule.md',
        'skl-02-trigger-map.md'
      ])
    )
  })

  it('every module file parses', () => {
    for (const { name, result } of shipped) {
      expect(result.ok ? 'parses' : `${name}: ${result.error.message}`).toBe('parses')
    }
  })

  it('every module is named after its id, and ids are unique', () => {
    const list = modules()
    for (const { name, module } of list) expect(name).toBe(`${module.id}.md`)
    const ids = list.map(({ module }) => module.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('no two modules of one kind share a week and an order', () => {
    const places = modules().map(({ module }) => `${module.kind} ${module.week}.${module.order}`)
    expect(new Set(places).size).toBe(places.length)
  })

  it('every module has 6 to 12 slides and 2 to 4 objectives', () => {
    for (const { name, module } of modules()) {
      expect(module.slides.length, name).toBeGreaterThanOrEqual(6)
      expect(module.slides.length, name).toBeLessThanOrEqual(12)
      expect(module.objectives.length, name).toBeGreaterThanOrEqual(2)
      expect(module.objectives.length, name).toBeLessThanOrEqual(4)
      expect(module.materials.length, name).toBeGreaterThan(0)
    }
  })

  it('every slide has facilitator notes', () => {
    for (const { name, module } of modules()) {
      for (const [index, slide] of module.slides.entries()) {
        expect(slide.notes.trim().length, `${name} slide ${index + 1}`).toBeGreaterThan(0)
      }
    }
  })

  it('slides are readable from the back of the room: 6 bullets and about 40 words at most', () => {
    for (const { name, module } of modules()) {
      for (const [index, slide] of module.slides.entries()) {
        const where = `${name} slide ${index + 1}`
        const bullets = slide.body.split('\n').filter((line) => /^\s*([-*+]|\d+\.)\s/.test(line))
        expect(bullets.length, where).toBeLessThanOrEqual(6)
        expect(wordCount(slide.body), where).toBeLessThanOrEqual(42)
      }
    }
  })

  it('the slide minutes add up to the module length', () => {
    for (const { name, module } of modules()) {
      const total = module.slides.reduce((sum, slide) => sum + (slide.minutes ?? 0), 0)
      expect(total, name).toBe(module.minutes)
    }
  })

  it('skills modules have a practice exercise and a one-page homework sheet', () => {
    for (const { name, module } of modules()) {
      if (module.kind !== 'skills') continue
      expect(module.practice, name).not.toBeNull()
      expect(module.homework, name).not.toBeNull()
    }
  })

  it('no slide body holds a web address or an HTML tag', () => {
    for (const { name, module } of modules()) {
      for (const [index, slide] of module.slides.entries()) {
        const where = `${name} slide ${index + 1}`
        expect(slide.body, where).not.toMatch(/https?:\/\//i)
        expect(slide.body, where).not.toMatch(/<\/?[a-z][^>]*>/i)
      }
    }
  })

  it('uses person-first words and no other program’s name, anywhere in the file', () => {
    for (const { name, text } of modules()) {
      for (const word of FORBIDDEN) {
        expect(text.match(word)?.[0] ?? null, `${name} ${String(word)}`).toBeNull()
      }
    }
  })

  it('mentions the crisis line only as "call or text 988"', () => {
    for (const { name, text } of modules()) {
      for (const match of text.matchAll(/988/g)) {
        const before = text.slice(Math.max(0, match.index - 13), match.index)
        expect(before, name).toBe('call or text ')
      }
    }
  })

  it('each module survives a write and a read unchanged', () => {
    for (const { module } of modules()) {
      expect(parseModule(serializeModule(module), 'shipped')).toEqual({ ok: true, value: module })
    }
  })
})
