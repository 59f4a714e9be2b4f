/**
 * A report exported as CSV must open in Excel exactly as it looked on screen:
 * names with commas or quotes stay in one cell, nothing typed into a record
 * can run as a formula, numbers stay numbers, and the Part 2 notice travels
 * with substance-use records on a line a reader can keep or strip.
 */
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { type CsvCell, csvFileName, toCsv } from '../../../src/shared/reports/csv'

const BOM = '\uFEFF'
const HEADER = ['Client ID', 'Participant', 'Week starting', 'Countable hours', 'Meets requirement']

/** The file as a spreadsheet would read it: comment line skipped, every field as text. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true)
  const parsed = Papa.parse<string[]>(csv.slice(BOM.length), {
    comments: '#',
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: false
  })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

/** The same row with `value` placed in each column in turn, the others plain. */
function inEveryColumn(value: CsvCell): CsvCell[][] {
  return HEADER.map((_, col) => HEADER.map((__, i) => (i === col ? value : `plain${i}`)))
}

const AWKWARD_TEXT: Array<[string, string]> = [
  ['a comma', 'Reyes, Dana'],
  ['double quotes', 'Said "I\'m fine" twice'],
  ['a line break', 'first line\nsecond line'],
  ['a Windows line break', 'first line\r\nsecond line'],
  ['only quotes', '""'],
  ['a leading space', ' indented'],
  ['a trailing space', 'trailing ']
]

const FORMULA_STARTS: Array<[string, string]> = [
  ['equals', '=HYPERLINK("http://example.test","click")'],
  ['plus', '+1+1'],
  ['minus', "-2+3+cmd|' /C calc'!A0"],
  ['at', '@SUM(1,2)'],
  ['tab', '\t=1+1'],
  ['carriage return', '\r=1+1']
]

describe('a CSV report opens in a spreadsheet as it looked on screen', () => {
  it('starts with a byte-order mark so Excel reads accented names correctly', () => {
    const csv = toCsv({ header: ['Participant'], rows: [['José Núñez']] })
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(readBack(csv)).toEqual([['Participant'], ['José Núñez']])
  })

  it('ends every row with CRLF, and has no bare line feed between rows', () => {
    const csv = toCsv({
      header: ['A', 'B'],
      rows: [
        ['1', '2'],
        ['3', '4']
      ]
    })
    expect(csv).toBe(`${BOM}A,B\r\n1,2\r\n3,4`)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('has exactly one header row, even with no rows at all', () => {
    expect(toCsv({ header: HEADER, rows: [] })).toBe(BOM + HEADER.join(','))
    const rows = readBack(toCsv({ header: HEADER, rows: inEveryColumn('x') }))
    expect(rows.filter((r) => r.join() === HEADER.join())).toHaveLength(1)
    expect(rows).toHaveLength(1 + HEADER.length)
  })

  it('leaves plain fields unquoted, as Excel itself writes them', () => {
    const csv = toCsv({
      header: ['Client ID', 'Week starting', 'Hours'],
      rows: [['C-104', '2026-01-05', 9.5]]
    })
    expect(csv).toBe(`${BOM}Client ID,Week starting,Hours\r\nC-104,2026-01-05,9.5`)
  })

  it('writes an empty field for a missing value and yes/no for a flag', () => {
    const csv = toCsv({ header: ['Time out', 'Met', 'Late'], rows: [[null, true, false]] })
    expect(csv).toBe(`${BOM}Time out,Met,Late\r\n,yes,no`)
  })

  it('writes numbers as plain decimals', () => {
    const csv = toCsv({
      header: ['a', 'b', 'c', 'd', 'e'],
      rows: [[0, 12, 9.25, 1e21, 123456789012]]
    })
    expect(csv).toBe(`${BOM}a,b,c,d,e\r\n0,12,9.25,1000000000000000000000,123456789012`)
  })

  it('keeps a negative number given as a number: -5 stays -5', () => {
    const csv = toCsv({ header: ['Hours short', 'Change'], rows: [[-5, -0.75]] })
    expect(csv).toBe(`${BOM}Hours short,Change\r\n-5,-0.75`)
    expect(readBack(csv)[1]).toEqual(['-5', '-0.75'])
  })

  it('never escapes a number, even one so small JavaScript writes it with an exponent', () => {
    // Kept as a number (which Excel still reads as a number) rather than written out as text,
    // which would earn a negative one the formula apostrophe.
    expect(toCsv({ header: ['a', 'b'], rows: [[1e-7, -1e-7]] })).toBe(`${BOM}a,b\r\n1e-7,-1e-7`)
  })

  it('escapes the text "-5" like any other text starting with a minus', () => {
    expect(readBack(toCsv({ header: ['Note'], rows: [['-5']] }))[1]).toEqual(["'-5"])
  })

  it('leaves a field empty rather than writing NaN or Infinity', () => {
    const csv = toCsv({ header: ['a', 'b', 'c'], rows: [[Number.NaN, Infinity, -Infinity]] })
    expect(csv).toBe(`${BOM}a,b,c\r\n,,`)
  })

  for (const [what, value] of AWKWARD_TEXT) {
    it(`keeps text with ${what} in one cell, in every column`, () => {
      const csv = toCsv({ header: HEADER, rows: inEveryColumn(value) })
      const rows = readBack(csv)
      HEADER.forEach((_, col) => {
        const row = rows[col + 1]!
        expect(row).toHaveLength(HEADER.length)
        expect(row[col]).toBe(value)
      })
    })
  }

  it('doubles quotes inside a quoted field', () => {
    const csv = toCsv({ header: ['Said'], rows: [['She said "no", then left']] })
    expect(csv).toBe(`${BOM}Said\r\n"She said ""no"", then left"`)
  })

  for (const [what, value] of FORMULA_STARTS) {
    it(`cannot run text starting with ${what} as a formula, in any column`, () => {
      const csv = toCsv({ header: HEADER, rows: inEveryColumn(value) })
      const rows = readBack(csv)
      HEADER.forEach((_, col) => {
        const row = rows[col + 1]!
        expect(row).toHaveLength(HEADER.length)
        expect(row[col]).toBe(`'${value}`)
      })
      // Every escaped field is also quoted on disk, so no cell on any line opens with the character.
      for (const line of csv.slice(BOM.length).split('\r\n')) {
        for (const field of line.split(',')) expect(field).not.toMatch(/^[=+\-@\t]/)
      }
    })
  }

  it('escapes a formula in a column heading too', () => {
    expect(readBack(toCsv({ header: ['=1+1'], rows: [] }))[0]).toEqual(["'=1+1"])
  })

  it('reads back exactly what was exported, formula-like text with its apostrophe', () => {
    const rows: CsvCell[][] = [
      ['C-101', 'Reyes, Dana', '2026-01-05', 9.5, true],
      ['C-102', 'Kim "AJ" Avery', '2026-01-12', 0, false],
      ['C-103', '=1+1', '2026-01-19', -2, null],
      ['C-104', 'line one\r\nline two', '2026-01-26', 3.25, true]
    ]
    const csv = toCsv({ header: HEADER, rows, notice: 'Protected by 42 CFR part 2.' })
    expect(readBack(csv)).toEqual([
      HEADER,
      ['C-101', 'Reyes, Dana', '2026-01-05', '9.5', 'yes'],
      ['C-102', 'Kim "AJ" Avery', '2026-01-12', '0', 'no'],
      ['C-103', "'=1+1", '2026-01-19', '-2', ''],
      ['C-104', 'line one\r\nline two', '2026-01-26', '3.25', 'yes']
    ])
  })

  it('refuses a row with a different number of fields from the header', () => {
    expect(() => toCsv({ header: ['A', 'B'], rows: [['1']] })).toThrow(/Row 1 has 1 fields/)
    expect(() => toCsv({ header: ['A'], rows: [['1', '2']] })).toThrow()
  })
})

describe('the Part 2 notice travels with the export', () => {
  const NOTICE =
    'This record is protected by Federal confidentiality rules (42 CFR part 2), which prohibit, ' +
    'in any proceedings:\n(i) one thing,\r\n(ii) another, "quoted".'

  it('comes first, right after the byte-order mark, as one comment line', () => {
    const csv = toCsv({ header: ['A'], rows: [['1']], notice: NOTICE })
    const lines = csv.slice(BOM.length).split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(
      '# This record is protected by Federal confidentiality rules (42 CFR part 2), which ' +
        'prohibit, in any proceedings: (i) one thing, (ii) another, "quoted".'
    )
    expect(lines[0]).not.toMatch(/[\r\n]/)
    expect(lines.slice(1)).toEqual(['A', '1'])
  })

  it('is skipped by a reader that knows # comments, leaving the table intact', () => {
    const csv = toCsv({ header: HEADER, rows: inEveryColumn('Reyes, Dana'), notice: NOTICE })
    const rows = readBack(csv)
    expect(rows[0]).toEqual(HEADER)
    expect(rows).toHaveLength(1 + HEADER.length)
  })

  it('is left out when there is no notice to give', () => {
    const csv = toCsv({ header: ['A'], rows: [['1']] })
    expect(csv).toBe(`${BOM}A\r\n1`)
  })
})

describe('the file name', () => {
  it('names the report and its dates', () => {
    expect(csvFileName('attendance', '2026-01-01', '2026-03-31')).toBe(
      'attendance_2026-01-01_2026-03-31.csv'
    )
    expect(csvFileName('weekly_hours', '2026-01-01', '2026-01-31')).toBe(
      'weekly_hours_2026-01-01_2026-01-31.csv'
    )
  })

  it('holds only lower-case letters, digits, underscores, hyphens and dots', () => {
    const names = [
      csvFileName('Weekly Hours', '2026-01-01', '2026-01-31'),
      csvFileName('../../etc/passwd', '2026/01/01', '2026-01-31'),
      csvFileName('Présence: "Groupe" A', '2026-01-01', '2026-01-31'),
      csvFileName('', '', '')
    ]
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9_.-]+\.csv$/)
      expect(name).not.toMatch(/^\.|\.\./)
    }
    expect(names[0]).toBe('weekly_hours_2026-01-01_2026-01-31.csv')
    expect(names[2]).toBe('presence_groupe_a_2026-01-01_2026-01-31.csv')
    expect(names[3]).toBe('report.csv')
  })
})
