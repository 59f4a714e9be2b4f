import { escapeHtml } from '../rules/html'
import { isolate, isolatedHtml } from '../rules/bidi'

/**
 * A module's take-home practice assignment (its homework block) as a handout:
 * one letter page in large type, with the participant's name filled in when
 * asked. The homework is the clinic's Markdown, so only the few forms the
 * curriculum format uses are drawn (headings, lists, bold, italics); anything
 * else is shown as the text it is, never as HTML.
 */

export interface Handout {
  moduleTitle: string
  homework: string
  /** Written on the "Name:" line; null leaves the line to fill in by hand. */
  participantName: string | null
}

export interface HandoutsInput {
  clinicName: string
  handouts: Handout[]
}

export function renderHandoutsHtml(input: HandoutsInput): string {
  const title =
    input.handouts.length === 1
      ? `Handout — ${isolate(input.handouts[0]!.moduleTitle)}`
      : 'Handouts'
  const pages = input.handouts.map((h) => renderHandout(input.clinicName, h)).join('\n')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    pages,
    '</body>',
    '</html>'
  ].join('\n')
}

const NAME_BLANK = /Name:\s*_{3,}/

function renderHandout(clinicName: string, handout: Handout): string {
  const name = handout.participantName?.trim() || null
  let body = markdownToHtml(handout.homework)
  const hasNameLine = NAME_BLANK.test(handout.homework)
  if (name && hasNameLine) {
    body = body.replace(NAME_BLANK, `Name: <span class="name">${isolatedHtml(name)}</span>`)
  }
  const head =
    `<header><span>${isolatedHtml(clinicName)}</span><span>${isolatedHtml(handout.moduleTitle)}</span></header>` +
    (name && !hasNameLine
      ? `<p class="for">Name: <span class="name">${isolatedHtml(name)}</span></p>`
      : '')
  return `<section class="handout">${head}${body}</section>`
}

/** The small Markdown of a homework sheet, escaped first so no text becomes markup. */
export function markdownToHtml(markdown: string): string {
  const out: string[] = []
  let list: 'ul' | 'ol' | null = null
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`)
    paragraph = []
  }
  const closeList = () => {
    if (list) out.push(`</${list}>`)
    list = null
  }
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd()
    const heading = /^(#{1,3})\s+(.*)$/.exec(line)
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line)
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line)
    if (line.trim() === '') {
      flush()
      closeList()
    } else if (heading) {
      flush()
      closeList()
      const level = heading[1]!.length === 1 ? 1 : 2
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`)
    } else if (bullet || numbered) {
      flush()
      const kind = bullet ? 'ul' : 'ol'
      if (list !== kind) {
        closeList()
        out.push(`<${kind}>`)
        list = kind
      }
      out.push(`<li>${inline((bullet ?? numbered)![1]!)}</li>`)
    } else {
      closeList()
      paragraph.push(line.trim())
    }
  }
  flush()
  closeList()
  return out.join('\n')
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?!\s)(.+?)\*(?!\w)/g, '$1<em>$2</em>')
}

/**
 * Large type (15 pt, headings 19 pt) on a letter page that also fits A4; the
 * longest shipped homework fits on one page (checked in Chromium by the
 * handouts end-to-end test).
 */
const STYLESHEET = `
@page { size: letter; margin: 10mm 14mm 10mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0; max-width: 186mm; font: 15pt/1.22 Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif; color: #000; }
.handout { break-after: page; page-break-after: always; }
.handout:last-of-type { break-after: auto; page-break-after: auto; }
header { display: flex; justify-content: space-between; gap: 6mm; border-bottom: 1pt solid #000; padding-bottom: 1mm; margin-bottom: 2.5mm; font-size: 10pt; }
h1, h2 { margin: 0 0 2mm; font-size: 19pt; line-height: 1.15; }
p { margin: 0 0 1.6mm; overflow-wrap: anywhere; }
ul, ol { margin: 0 0 1.6mm; padding-left: 7mm; }
li { margin-bottom: 0.3mm; }
.name { font-weight: 700; text-decoration: underline; }
.for { margin-bottom: 3mm; }
@media screen {
  body { margin: 12mm auto; padding: 0 4mm; }
  .handout + .handout { border-top: 3px dashed #999; margin-top: 12mm; padding-top: 8mm; }
}
`.trim()
