import { z } from 'zod'
import {
  BLOCK_LINE,
  findHtml,
  lines,
  MINUTES_LINE,
  NOTES_LINE,
  SEPARATOR_LINE,
  trimBlankLines
} from './format'

/**
 * A curriculum module: one Markdown file with YAML front matter, read by the
 * app and by a clinic's staff without it. The file format is described in
 * `resources/curriculum/README.md`; `parse.ts` reads and writes it.
 */

export const MODULE_KINDS = ['educational', 'skills'] as const
export const ModuleKind = z.enum(MODULE_KINDS, {
  error: 'kind must be educational or skills'
})
export type ModuleKind = z.infer<typeof ModuleKind>

export const MODULE_SOURCES = ['shipped', 'local'] as const
/** Whether a module came with the app or was written or changed by the clinic. */
export const ModuleSource = z.enum(MODULE_SOURCES)
export type ModuleSource = z.infer<typeof ModuleSource>

export const MAX_SLIDES = 20
export const MAX_SLIDE_MINUTES = 60
/** One printed page at a readable size. */
export const HOMEWORK_MAX_LINES = 50
export const HOMEWORK_MAX_CHARS = 3000

export const MODULE_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

const shortText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} is empty`)
    .max(max, `${field} is too long (${max} characters at most)`)

const wholeNumber = (field: string, min: number, max: number, example: string) =>
  z
    .number({ error: `${field} must be a whole number, like ${example}` })
    .int(`${field} must be a whole number, like ${example}`)
    .min(min, `${field} must be from ${min} to ${max}`)
    .max(max, `${field} must be from ${min} to ${max}`)

/** An item of a list detail; the reader's message names the list and the item number. */
const listItem = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'is empty')
    .max(max, `is too long (${max} characters at most)`)

export const ModuleFrontMatter = z.strictObject({
  id: z
    .string({ error: 'id must be text' })
    .max(64, 'id is too long (64 characters at most)')
    .regex(
      MODULE_ID_PATTERN,
      'id may use only lower-case letters, digits and single hyphens, like edu-01-brain'
    ),
  version: wholeNumber('version', 1, 100_000, '1 or 2'),
  kind: ModuleKind,
  title: shortText('title', 120),
  week: wholeNumber('week', 1, 12, '1 or 12'),
  order: wholeNumber('order', 1, 3, '1, 2 or 3'),
  minutes: wholeNumber('minutes', 5, 180, '45'),
  tags: z
    .array(listItem(40), { error: 'tags must be a list, like [brain, recovery]' })
    .max(12, 'tags: 12 at most')
    .default([]),
  objectives: z
    .array(listItem(300), { error: 'objectives must be a list' })
    .min(2, 'objectives: write 2 to 4 learning objectives')
    .max(4, 'objectives: write 2 to 4 learning objectives'),
  materials: z
    .array(listItem(300), { error: 'materials must be a list' })
    .max(20, 'materials: 20 at most')
    .default([])
})
export type ModuleFrontMatter = z.infer<typeof ModuleFrontMatter>

/** The order the front matter's fields are written in. */
export const FRONT_MATTER_FIELDS = Object.keys(
  ModuleFrontMatter.shape
) as (keyof ModuleFrontMatter)[]

export const Slide = z
  .object({
    /** Shown to the room. */
    title: z
      .string()
      .min(1, 'The slide needs a title')
      .max(120, 'The slide title is too long (120 characters at most)')
      .regex(/^\S(?:[^\n]*\S)?$/, 'The slide title must be one line, with no spaces at its ends'),
    /** Markdown shown to the room. */
    body: z.string().max(2000, 'The slide is too long (2,000 characters at most)'),
    /** Markdown for the facilitator's screen only; never shown to the room. */
    notes: z.string().max(4000, 'The notes are too long (4,000 characters at most)'),
    /** A hint for pacing, or null when the slide has none. */
    minutes: z
      .number()
      .int('Slide minutes must be whole minutes')
      .min(1, `Slide minutes must be from 1 to ${MAX_SLIDE_MINUTES}`)
      .max(MAX_SLIDE_MINUTES, `Slide minutes must be from 1 to ${MAX_SLIDE_MINUTES}`)
      .nullable()
  })
  .superRefine((slide, context) => {
    // What the file format would read back as structure cannot be slide text.
    const problem = (path: 'title' | 'body' | 'notes', message: string) =>
      context.addIssue({ code: 'custom', path: [path], message })
    for (const part of ['title', 'body', 'notes'] as const) {
      const html = findHtml(slide[part])
      if (html) problem(part, `HTML is not allowed (${html}); write Markdown only`)
    }
    if (lines(slide.body).some((line) => SEPARATOR_LINE.test(line))) {
      problem('body', 'A line with only --- ends a slide; use *** for a dividing line')
    }
    if (lines(slide.body).some((line) => NOTES_LINE.test(line))) {
      problem('body', 'A line starting with Notes: would hide the rest of the slide')
    }
    if (lines(slide.notes).some((line) => SEPARATOR_LINE.test(line))) {
      problem('notes', 'A line with only --- ends a slide; use *** for a dividing line')
    }
    for (const part of ['body', 'notes'] as const) {
      if (lines(slide[part]).some((line) => BLOCK_LINE.test(line))) {
        problem(part, 'A line starting with === (and a word) starts a practice or homework block')
      }
    }
    const lastNotesLine = trimBlankLines(lines(slide.notes)).at(-1) ?? ''
    if (MINUTES_LINE.test(lastNotesLine)) {
      problem('notes', 'The notes cannot end with a Minutes: line; set the slide minutes instead')
    }
  })
export type Slide = z.infer<typeof Slide>

const blockText = (label: string) =>
  z
    .string()
    .min(1, `The ${label} is empty`)
    .refine((text) => findHtml(text) === null, `The ${label} contains HTML; write Markdown only`)
    .refine(
      (text) => !lines(text).some((line) => BLOCK_LINE.test(line)),
      `A line in the ${label} starts with === and a word, which would start a new block`
    )

export const CurriculumModule = ModuleFrontMatter.extend({
  slides: z
    .array(Slide)
    .min(1, 'A module needs at least one slide')
    .max(MAX_SLIDES, `A module has ${MAX_SLIDES} slides at most`),
  /** The practice exercise, Markdown; skills modules have one. */
  practice: blockText('practice').nullable(),
  /** The take-home sheet, Markdown, one printed page; skills modules have one. */
  homework: blockText('homework')
    .refine(
      (text) => text.length <= HOMEWORK_MAX_CHARS,
      `The homework is longer than one printed page (${HOMEWORK_MAX_CHARS} characters at most)`
    )
    .refine(
      (text) => lines(text).length <= HOMEWORK_MAX_LINES,
      `The homework is longer than one printed page (${HOMEWORK_MAX_LINES} lines at most)`
    )
    .nullable(),
  source: ModuleSource
}).superRefine((module, context) => {
  if (module.kind !== 'skills') return
  if (module.practice === null) {
    context.addIssue({
      code: 'custom',
      path: ['practice'],
      message: 'A skills module needs a practice exercise'
    })
  }
  if (module.homework === null) {
    context.addIssue({
      code: 'custom',
      path: ['homework'],
      message: 'A skills module needs a homework sheet'
    })
  }
})
export type CurriculumModule = z.infer<typeof CurriculumModule>

/** What a list of modules shows: everything but the slides and the long texts. */
export const ModuleSummary = ModuleFrontMatter.extend({
  source: ModuleSource,
  slideCount: z.number().int().min(1),
  hasPractice: z.boolean(),
  hasHomework: z.boolean()
})
export type ModuleSummary = z.infer<typeof ModuleSummary>

export function summarizeModule(module: CurriculumModule): ModuleSummary {
  const { slides, practice, homework, ...rest } = module
  return {
    ...rest,
    slideCount: slides.length,
    hasPractice: practice !== null,
    hasHomework: homework !== null
  }
}
