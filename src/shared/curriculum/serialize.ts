import { Document, isSeq } from 'yaml'
import { lines, trimBlankLines } from './format'
import { type CurriculumModule, FRONT_MATTER_FIELDS, type Slide } from './module'

/**
 * Writes a module in the file format; `parseModule` reads it back unchanged.
 * Blank lines at the start or end of a body, notes or block are not written,
 * as the reader would not keep them either.
 */
export function serializeModule(module: CurriculumModule): string {
  const front: Record<string, unknown> = {}
  for (const field of FRONT_MATTER_FIELDS) front[field] = module[field]
  const document = new Document(front)
  const tags = document.get('tags', true)
  if (isSeq(tags)) tags.flow = true
  const parts = [`---\n${document.toString({ lineWidth: 0, flowCollectionPadding: false })}---`]
  parts.push(module.slides.map(serializeSlide).join('\n\n---\n\n'))
  if (module.practice !== null) parts.push(`=== practice\n\n${trimBlock(module.practice)}`)
  if (module.homework !== null) parts.push(`=== homework\n\n${trimBlock(module.homework)}`)
  return `${parts.join('\n\n')}\n`
}

function serializeSlide(slide: Slide): string {
  const parts = [`# ${slide.title.trim()}`]
  const body = trimBlock(slide.body)
  if (body) parts.push(body)
  // Always written, so that a body's last line is never read as the notes or the minutes.
  const notes = trimBlock(slide.notes)
  parts.push(notes ? `Notes:\n${notes}` : 'Notes:')
  if (slide.minutes !== null) parts.push(`Minutes: ${slide.minutes}`)
  return parts.join('\n\n')
}

function trimBlock(text: string): string {
  return trimBlankLines(lines(text)).join('\n')
}
