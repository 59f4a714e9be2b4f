import Papa from 'papaparse'

/**
 * Report exports as CSV that opens cleanly in Excel and cannot run anything
 * when it does. Quoting and formula escaping are papaparse's, not ours:
 *
 * - A UTF-8 byte-order mark first, so Excel reads accented names correctly;
 *   CRLF between rows; exactly one header row; no line break after the last row.
 * - A field is quoted only when it must be (a comma, a quote, a line break, a
 *   leading or trailing space, or a formula escape); quotes inside are doubled.
 * - Formula injection: a *string* starting with `=`, `+`, `-`, `@`, a tab or a
 *   carriage return gets a `'` in front (papaparse's `escapeFormulae`), so a
 *   name typed as `=HYPERLINK(...)` shows as text. Numbers and booleans are
 *   values, not text someone typed: -5 given as a number stays -5. The string
 *   "-5" is escaped like any other string — every string is checked, no
 *   exceptions, so the rule is easy to audit.
 * - null is an empty field; true/false are "yes"/"no".
 */

export type CsvCell = string | number | boolean | null

export interface CsvInput {
  header: ReadonlyArray<string>
  rows: ReadonlyArray<ReadonlyArray<CsvCell>>
  /** The 42 CFR Part 2 notice, when the export holds substance-use records. */
  notice?: string
}

/**
 * The first characters a spreadsheet may read as the start of a formula. This
 * is exactly the list papaparse 5.7 uses for `escapeFormulae: true` (its typings
 * mention only the first four); it is passed explicitly so all six are visible
 * here and a change in papaparse's default cannot quietly drop one.
 */
export const FORMULA_START = /^[=+\-@\t\r]/

export const CSV_BOM = '\uFEFF'
export const CSV_NEWLINE = '\r\n'

/** Largest magnitude JavaScript still writes without an exponent. */
const PLAIN_LIMIT = 1e21

/**
 * A cell as papaparse should see it. Numbers stay numbers (papaparse never
 * escapes a number), so their minus sign survives. Whole numbers of 1e21 or
 * more, which JavaScript writes as "1e+21", go over as bigint so the digits are
 * written out (papaparse leaves bigint alone too). Non-zero numbers smaller than
 * a millionth keep JavaScript's exponent form ("1e-7"): writing them out would
 * turn them into text, and a negative one would then be escaped; Excel still
 * reads the exponent form as a number, and no report holds such values. NaN and
 * ±Infinity are not values a spreadsheet can hold: they become empty fields.
 */
function cell(value: CsvCell): string | number | bigint | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    return Math.abs(value) >= PLAIN_LIMIT ? BigInt(value) : value
  }
  return value
}

/**
 * One comment line: `# ` and the notice with its line breaks turned into
 * spaces. Papa.parse and most CSV readers skip it with `comments: '#'`, and a
 * person can delete the line by hand. Excel has no comment lines: it shows the
 * notice as the first row, split into cells at its commas, which still reads
 * in order; that is where the notice should be seen anyway.
 */
function noticeLine(notice: string): string {
  return '# ' + notice.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
}

export function toCsv(input: CsvInput): string {
  const { header, rows, notice } = input
  if (header.length === 0) throw new Error('A CSV export needs at least one column.')
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new Error(`Row ${i + 1} has ${row.length} fields but the header has ${header.length}.`)
    }
  })
  // The header goes in as the first row of an array of arrays rather than as
  // `{ fields, data }`: given no data, papaparse turns `data: []` into one empty
  // row and writes a stray blank line after the header. As a row, the header is
  // quoted and formula-escaped exactly like the data (`header` only applies to
  // the object forms, so it is not set).
  const body = Papa.unparse([[...header], ...rows.map((row) => row.map(cell))], {
    quotes: false,
    escapeFormulae: FORMULA_START,
    newline: CSV_NEWLINE,
    delimiter: ',',
    quoteChar: '"'
  })
  return CSV_BOM + (notice === undefined ? '' : noticeLine(notice) + CSV_NEWLINE) + body
}

/** "Weekly Hours" → "weekly_hours"; accents dropped, anything else outside [a-z0-9_.-] → "_". */
function namePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 60)
}

/**
 * A file name the user sees in the save dialog, e.g.
 * `attendance_2026-01-01_2026-03-31.csv`: only a-z, 0-9, `_`, `-` and `.`,
 * never starting with a dot, never `..`.
 */
export function csvFileName(kind: string, from: string, to: string): string {
  const parts = [namePart(kind) || 'report', namePart(from), namePart(to)].filter(Boolean)
  return `${parts.join('_')}.csv`
}
