/**
 * The line-level grammar of a module file, shared by the reader, the writer
 * and the schema's checks, so that what one writes the other reads back.
 */

/** Separates the front matter from the slides, and one slide from the next. */
export const SEPARATOR_LINE = /^---[ \t]*$/

/** Starts a special block after the slides: `=== practice`, `=== homework`. */
export const BLOCK_LINE = /^===[ \t]+(\S.*?)[ \t]*$/

export const BLOCK_NAMES = ['practice', 'homework'] as const
export type BlockName = (typeof BLOCK_NAMES)[number]

/** Starts the facilitator's notes; text after the colon is the first line of the notes. */
export const NOTES_LINE = /^notes:[ \t]*(.*)$/i

/** The optional pacing hint, only as a slide's last line. */
export const MINUTES_LINE = /^minutes:[ \t]*(.*?)[ \t]*$/i

/** The slide's title line: one `#`, a space, the title. */
export const TITLE_LINE = /^#[ \t]+(.*\S)[ \t]*$/

/**
 * Raw HTML in any form: a tag (`<b>`, `</div>`, `<script src=...`), a comment
 * or a declaration. Slides are Markdown only; the app never shows HTML.
 */
const HTML_PATTERN = /<\/?[a-z][a-z0-9-]*(?=[\s/>]|$)|<!--|<![a-z]|<\?/im

/** The first piece of raw HTML in `text`, shortened for a message, or null. */
export function findHtml(text: string): string | null {
  const match = HTML_PATTERN.exec(text)
  if (!match) return null
  const rest = text.slice(match.index)
  const end = rest.indexOf('>')
  const snippet = end >= 0 && end < 30 ? rest.slice(0, end + 1) : `${rest.slice(0, 20)}…`
  return snippet.split('\n')[0] ?? snippet
}

export function lines(text: string): string[] {
  return text.split('\n')
}

/** Drops blank lines at the start and the end, keeping every other line exactly. */
export function trimBlankLines(input: readonly string[]): string[] {
  let start = 0
  let end = input.length
  while (start < end && (input[start] ?? '').trim() === '') start++
  while (end > start && (input[end - 1] ?? '').trim() === '') end--
  return input.slice(start, end)
}

/** Module files are named after their id (`edu-01-brain.md`); `README.md` and others are not modules. */
export const MODULE_FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/

export function isModuleFileName(name: string): boolean {
  return MODULE_FILE_NAME.test(name)
}
