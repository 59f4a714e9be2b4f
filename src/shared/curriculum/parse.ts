import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { fail, ok, type Result } from '../result'
import {
  BLOCK_LINE,
  BLOCK_NAMES,
  type BlockName,
  findHtml,
  lines,
  MINUTES_LINE,
  NOTES_LINE,
  SEPARATOR_LINE,
  TITLE_LINE,
  trimBlankLines
} from './format'
import {
  CurriculumModule,
  HOMEWORK_MAX_CHARS,
  HOMEWORK_MAX_LINES,
  MAX_SLIDE_MINUTES,
  MAX_SLIDES,
  ModuleFrontMatter,
  type ModuleSource,
  type Slide
} from './module'

export { serializeModule } from './serialize'

/**
 * Reads one module file (the format of `resources/curriculum/README.md`).
 * Never throws: whatever is wrong comes back as one plain sentence naming the
 * part of the file to fix.
 */
export function parseModule(text: string, source: ModuleSource): Result<CurriculumModule> {
  try {
    return readModule(text, source)
  } catch {
    // A guard, not a path: every known mistake is answered above with its own words.
    return invalid('The file could not be read as a curriculum module.')
  }
}

function invalid<T>(message: string): Result<T> {
  return fail('invalid_input', message)
}

function readModule(raw: string, source: ModuleSource): Result<CurriculumModule> {
  const all = lines(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  const open = all.findIndex((line) => line.trim() !== '')
  if (open < 0 || !SEPARATOR_LINE.test(all[open] ?? '')) {
    return invalid(
      'The file has no front matter: its first line must be --- followed by the module details (id, version, kind, title, ...) and another ---.'
    )
  }
  const close = all.findIndex((line, index) => index > open && SEPARATOR_LINE.test(line))
  if (close < 0) {
    return invalid(
      'The front matter is never closed: add a line with only --- after the last detail.'
    )
  }
  const front = readFrontMatter(all.slice(open + 1, close), open + 2)
  if (!front.ok) return front

  const sections = splitBlocks(all.slice(close + 1), close + 2)
  if (!sections.ok) return sections
  const { slideLines, blocks } = sections.value

  const slides = readSlides(slideLines, close + 2)
  if (!slides.ok) return slides

  const practice = blocks.get('practice') ?? null
  const homework = blocks.get('homework') ?? null
  if (front.value.kind === 'skills' && practice === null) {
    return invalid(
      'A skills module needs a practice block: add a line === practice after the last slide.'
    )
  }
  if (front.value.kind === 'skills' && homework === null) {
    return invalid(
      'A skills module needs a homework block: add a line === homework after the practice.'
    )
  }
  if (homework !== null) {
    const lineCount = lines(homework).length
    if (lineCount > HOMEWORK_MAX_LINES || homework.length > HOMEWORK_MAX_CHARS) {
      return invalid(
        `The homework is longer than one printed page (${lineCount} lines, ${homework.length} characters; at most ${HOMEWORK_MAX_LINES} lines and ${HOMEWORK_MAX_CHARS} characters).`
      )
    }
  }

  const module = CurriculumModule.safeParse({
    ...front.value,
    slides: slides.value,
    practice,
    homework,
    source
  })
  if (!module.success) return invalid(describeModuleIssue(module.error))
  return ok(module.data)
}

function readFrontMatter(source: string[], firstLine: number): Result<ModuleFrontMatter> {
  const document = parseDocument(source.join('\n'))
  const error = document.errors[0]
  if (error) {
    const line = error.linePos?.[0].line
    const where = line === undefined ? '' : ` near line ${firstLine + line - 1}`
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
    return invalid(`The front matter is not valid YAML${where}: ${reason}.`)
  }
  const data: unknown = document.toJS()
  if (data === null || data === undefined) {
    return invalid(
      'The front matter is empty: it needs id, version, kind, title, week, order, minutes and objectives.'
    )
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return invalid(
      'The front matter must be a list of details, one per line, like "id: edu-01-brain".'
    )
  }
  const parsed = ModuleFrontMatter.safeParse(data)
  if (parsed.success) return ok(parsed.data)
  return invalid(describeFrontMatterIssues(parsed.error, data))
}

function describeFrontMatterIssues(error: z.ZodError, data: object): string {
  const sentences = error.issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.slice(0, 3).map((key) => `"${key.slice(0, 40)}"`)
      return `Front matter: ${names.join(', ')} ${names.length > 1 ? 'are not details' : 'is not a detail'} this format knows (check the spelling).`
    }
    const field = issue.path[0]
    if (
      typeof field === 'string' &&
      issue.path.length === 1 &&
      (data as Record<string, unknown>)[field] === undefined
    ) {
      return `Front matter: ${field} is missing.`
    }
    const item = issue.path[1]
    if (typeof field === 'string' && typeof item === 'number') {
      return `Front matter: ${field} item ${item + 1} ${issue.message}.`
    }
    return `Front matter: ${issue.message}.`
  })
  return sentences.join(' ')
}

/** A last guard: the parts were checked above, so this names the first leftover problem. */
function describeModuleIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'The module is not valid.'
  const [part, index, field] = issue.path
  if (part === 'slides' && typeof index === 'number') {
    return `Slide ${index + 1}${typeof field === 'string' ? ` ${field}` : ''}: ${issue.message}.`
  }
  return `${issue.message}.`
}

interface Sections {
  slideLines: string[]
  blocks: Map<BlockName, string>
}

/** Cuts the `=== practice` / `=== homework` blocks off the end; what comes before is slides. */
function splitBlocks(body: string[], firstLine: number): Result<Sections> {
  const markers: { name: BlockName; index: number }[] = []
  for (const [index, line] of body.entries()) {
    const marker = BLOCK_LINE.exec(line)
    if (!marker) continue
    const name = (marker[1] ?? '').toLowerCase()
    if (!isBlockName(name)) {
      return invalid(
        `Line ${firstLine + index}: "${line.trim().slice(0, 40)}" is not a block this format knows; use === practice or === homework.`
      )
    }
    if (markers.some((earlier) => earlier.name === name)) {
      return invalid(`The ${name} block appears twice (line ${firstLine + index}); keep one.`)
    }
    markers.push({ name, index })
  }
  const blocks = new Map<BlockName, string>()
  for (const [position, { name, index }] of markers.entries()) {
    const end = markers[position + 1]?.index ?? body.length
    const text = trimBlankLines(body.slice(index + 1, end)).join('\n')
    if (!text) return invalid(`The ${name} block is empty: write it below the === ${name} line.`)
    const html = findHtml(text)
    if (html) {
      return invalid(
        `The ${name} block contains HTML (${html}); write Markdown only — the app never shows HTML.`
      )
    }
    blocks.set(name, text)
  }
  return ok({ slideLines: body.slice(0, markers[0]?.index ?? body.length), blocks })
}

function isBlockName(name: string): name is BlockName {
  return (BLOCK_NAMES as readonly string[]).includes(name)
}

function readSlides(body: string[], firstLine: number): Result<Slide[]> {
  const chunks: string[][] = [[]]
  /** The file line each slide starts on, so an error can say where to look. */
  const starts: number[] = [firstLine]
  for (const [index, line] of body.entries()) {
    if (SEPARATOR_LINE.test(line)) {
      chunks.push([])
      starts.push(firstLine + index + 1)
    } else chunks.at(-1)?.push(line)
  }
  // A --- after the last slide (before the practice block, say) is harmless.
  if (chunks.length > 1 && trimBlankLines(chunks.at(-1) ?? []).length === 0) chunks.pop()
  if (chunks.length === 1 && trimBlankLines(chunks[0] ?? []).length === 0) {
    return invalid(
      'The module has no slides: after the front matter, start a slide with a title line like "# Welcome".'
    )
  }
  if (chunks.length > MAX_SLIDES) {
    return invalid(
      `The module has ${chunks.length} slides; a module has ${MAX_SLIDES} at most. Split it into two modules.`
    )
  }
  const slides: Slide[] = []
  for (const [index, chunk] of chunks.entries()) {
    const slide = readSlide(chunk, index + 1)
    if (!slide.ok) {
      const start =
        starts[index]! +
        Math.max(
          0,
          chunk.findIndex((l) => l.trim() !== '')
        )
      return invalid(
        slide.error.message.replace(`Slide ${index + 1}`, `Slide ${index + 1} (line ${start})`)
      )
    }
    slides.push(slide.value)
  }
  return ok(slides)
}

function readSlide(chunk: string[], number: number): Result<Slide> {
  const content = trimBlankLines(chunk)
  const [first, ...rest] = content
  if (first === undefined) {
    return invalid(
      `Slide ${number} is empty: give it a title line starting with #, or remove the extra --- line.`
    )
  }
  const title = TITLE_LINE.exec(first)?.[1]?.trim()
  if (!title) {
    return invalid(
      `Slide ${number} has no title line starting with # (one #, a space, then the title).`
    )
  }

  let minutes: number | null = null
  const last = rest.at(-1)
  const minutesLine = last === undefined ? null : MINUTES_LINE.exec(last)
  if (minutesLine) {
    const value = minutesLine[1] ?? ''
    minutes = /^\d{1,3}$/.test(value) ? Number(value) : NaN
    if (!(minutes >= 1 && minutes <= MAX_SLIDE_MINUTES)) {
      return invalid(
        `Slide ${number}: the Minutes line must be a whole number from 1 to ${MAX_SLIDE_MINUTES}, like "Minutes: 4".`
      )
    }
    rest.pop()
  }

  const notesAt = rest.findIndex((line) => NOTES_LINE.test(line))
  const bodyLines = notesAt < 0 ? rest : rest.slice(0, notesAt)
  const notesLines =
    notesAt < 0 ? [] : [NOTES_LINE.exec(rest[notesAt] ?? '')?.[1] ?? '', ...rest.slice(notesAt + 1)]
  const slide: Slide = {
    title,
    body: trimBlankLines(bodyLines).join('\n'),
    notes: trimBlankLines(notesLines).join('\n'),
    minutes
  }

  for (const part of ['title', 'body', 'notes'] as const) {
    const html = findHtml(slide[part])
    if (html) {
      return invalid(
        `Slide ${number} ${part} contains HTML (${html}); write Markdown only — the app never shows HTML.`
      )
    }
  }
  if (slide.title.length > 120) {
    return invalid(`Slide ${number} has a title longer than 120 characters; shorten it.`)
  }
  if (slide.body.length > 2000) {
    return invalid(`Slide ${number} is longer than 2,000 characters; split it into two slides.`)
  }
  if (slide.notes.length > 4000) {
    return invalid(`Slide ${number} has notes longer than 4,000 characters; shorten them.`)
  }
  if (MINUTES_LINE.test(trimBlankLines(lines(slide.notes)).at(-1) ?? '')) {
    return invalid(`Slide ${number} has two Minutes lines at its end; keep one.`)
  }
  return ok(slide)
}
