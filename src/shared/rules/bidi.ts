import { escapeHtml } from './html'

/**
 * Names and other words people type may be written right to left (Arabic,
 * Hebrew, Persian, Urdu...). Placed beside other text on a left-to-right
 * screen or printout, such a name pulls the digits and punctuation after it
 * into its own direction: "سارة — 2026-03-14" shows its date on the wrong
 * side, and "(C-101)" turns inside out. Isolating the name keeps each side in
 * its own direction: an HTML <bdi> where markup can go, the Unicode isolates
 * (first-strong isolate U+2068 … pop directional isolate U+2069) where only a
 * string can, such as a select's option label or a window title.
 *
 * Only text holding a right-to-left letter is isolated. Everything else is left
 * exactly as typed, so searching, copying and comparing it is unchanged.
 */

export const FIRST_STRONG_ISOLATE = '\u2068'
export const POP_DIRECTIONAL_ISOLATE = '\u2069'

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms;
// the supplementary right-to-left scripts.
const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u

/** Whether the text holds a letter written right to left. */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text)
}

/** The text isolated with Unicode isolates, for a place that takes only a string. */
export function isolate(text: string): string {
  return hasRightToLeft(text) ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}` : text
}

/** The text escaped for HTML, inside a <bdi> when it holds right-to-left letters. */
export function isolatedHtml(text: string): string {
  const safe = escapeHtml(text)
  return hasRightToLeft(text) ? `<bdi>${safe}</bdi>` : safe
}
