import { NOTE_SECTIONS, riskLabel, type NoteBody, type NoteFormat } from '../domain/note'

/** How much of a section's first line the summary before signing shows. */
export const FIRST_LINE_LENGTH = 120

/** A text's first non-blank line, cut at a word near `max` characters with "…"; '' if blank. */
export function firstLine(text: string, max = FIRST_LINE_LENGTH): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  const chars = [...line]
  if (chars.length <= max) return line
  const cut = chars.slice(0, max).join('')
  const atWord = cut.slice(0, cut.lastIndexOf(' '))
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`
}

export interface NoteSummaryLine {
  label: string
  /** The section's first line, or null when the section is empty. */
  text: string | null
}

/** What is read back before a note is signed: each section's first line, then the risk. */
export function noteSummary(format: NoteFormat, body: NoteBody): NoteSummaryLine[] {
  return [
    ...NOTE_SECTIONS[format].map((section) => ({
      label: section.label,
      text: firstLine(body.sections[section.key] ?? '') || null
    })),
    {
      label: 'Risk',
      text: `${riskLabel(body.risk)}${body.riskText.trim() ? ` — ${firstLine(body.riskText)}` : ''}`
    }
  ]
}
