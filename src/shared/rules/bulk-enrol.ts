import Papa from 'papaparse'
import { BulkPerson, BULK_ENROL_MAX } from '../domain/bulk-enrol'
import { isRealDate, type Track } from '../domain/common'
import { displayName, sameClientId } from './names'

/**
 * Enrolling a list of people at once: a list pasted from a spreadsheet or an
 * intake sheet, or a CSV file, read into rows and checked before anything is
 * saved. Each row says what is wrong with it in plain words; only the rows
 * with nothing wrong are enrolled.
 */

/** A row as read, before checking: every field as the text it was. */
export interface ListedPerson {
  /** 1-based line of the list (the header, when there is one, is line 1). */
  line: number
  fullName: string
  preferredName: string
  clientId: string
  dateOfBirth: string
  admissionDate: string
  track: string
}

export interface CheckedPerson {
  listed: ListedPerson
  /** What will be saved; null when something is wrong. */
  person: BulkPerson | null
  problems: string[]
}

type Field = Exclude<keyof ListedPerson, 'line'>

/** Header words a clinic's sheet may use for each field (compared without case, spaces or marks). */
const HEADERS: Record<Field, string[]> = {
  fullName: ['name', 'fullname', 'participant', 'participantname', 'client', 'clientname'],
  preferredName: ['preferredname', 'preferred', 'goesby', 'nickname'],
  clientId: ['clientid', 'id', 'mrn', 'recordnumber', 'chartnumber', 'clientnumber'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'born', 'birthday'],
  admissionDate: ['admissiondate', 'admitted', 'admission', 'admitdate', 'intakedate'],
  track: ['track', 'program']
}

/** Without a header: name, client ID, date of birth, then optionally admission date and preferred name. */
const POSITIONAL: Field[] = [
  'fullName',
  'clientId',
  'dateOfBirth',
  'admissionDate',
  'preferredName'
]

const squash = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '')

function headerField(cell: string): Field | null {
  const word = squash(cell)
  for (const [field, words] of Object.entries(HEADERS) as [Field, string[]][]) {
    if (words.includes(word)) return field
  }
  return null
}

/**
 * Reads pasted text or a CSV file: commas, tabs (a spreadsheet's copy) or
 * semicolons, quotes as in any CSV, blank lines skipped. A first row of column
 * names is recognised and used; otherwise columns are taken in the order
 * name, client ID, date of birth, admission date, preferred name.
 */
export function readEnrolList(text: string): ListedPerson[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: '',
    delimitersToGuess: ['\t', ',', ';'],
    skipEmptyLines: 'greedy'
  })
  const rows = parsed.data.map((cells) => cells.map((c) => c.trim()))
  if (rows.length === 0) return []
  // Line numbers as the person sees them: Papa skipped blank lines, so count them back in.
  const lineNumbers = lineNumbersOf(text)
  const header = rows[0]!.map(headerField)
  const hasHeader = header.includes('fullName') || header.filter(Boolean).length >= 2
  const columns: (Field | null)[] = hasHeader ? header : POSITIONAL
  const body = hasHeader ? rows.slice(1) : rows
  const offset = hasHeader ? 1 : 0
  return body.map((cells, index) => {
    const listed: ListedPerson = {
      line: lineNumbers[index + offset] ?? index + offset + 1,
      fullName: '',
      preferredName: '',
      clientId: '',
      dateOfBirth: '',
      admissionDate: '',
      track: ''
    }
    cells.forEach((cell, column) => {
      const field = columns[column]
      if (field && !listed[field]) listed[field] = cell
    })
    return listed
  })
}

/** The 1-based line of each non-blank line (quoted line breaks inside a cell are rare in a list). */
function lineNumbersOf(text: string): number[] {
  const numbers: number[] = []
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (line.replace(/[\s,;]/g, '') !== '') numbers.push(index + 1)
  })
  return numbers
}

/** A date as a clinic writes it: 2026-03-14, or 3/14/2026 (month first); null when it is neither. */
export function readDate(text: string): string | null {
  const value = text.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isRealDate(value) ? value : null
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  if (!us) return null
  const iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`
  return isRealDate(iso) ? iso : null
}

const TRACK_WORDS: Record<string, Track> = {
  substanceuse: 'substance_use',
  sud: 'substance_use',
  su: 'substance_use',
  mentalhealth: 'mental_health',
  mh: 'mental_health',
  cooccurring: 'co_occurring',
  cod: 'co_occurring'
}

export function readTrack(text: string): Track | null {
  return TRACK_WORDS[squash(text)] ?? null
}

export interface EnrolListContext {
  /** Everyone already on file, to catch a person entered twice. */
  existing: ReadonlyArray<{
    fullName: string
    preferredName: string
    clientId: string
    dateOfBirth: string
  }>
  /** The enrolment's join date: also the admission date of anyone whose row gives none. */
  joinDate: string
  /** The group's track: anyone whose row gives none is on it. */
  track: Track
  /** Places left in the group; rows past them wait. */
  openPlaces: number
}

/** Checks every row; the first `openPlaces` rows with nothing else wrong are the ones enrolled. */
export function checkEnrolList(
  listed: readonly ListedPerson[],
  context: EnrolListContext
): CheckedPerson[] {
  const seenIds = new Map<string, number>()
  let places = context.openPlaces
  return listed.map((row, index) => {
    const problems: string[] = []
    if (index >= BULK_ENROL_MAX) problems.push(`A list holds ${BULK_ENROL_MAX} people at most.`)
    if (!row.fullName) problems.push('No name.')
    if (!row.clientId) problems.push('No client ID.')
    const dateOfBirth = row.dateOfBirth ? readDate(row.dateOfBirth) : null
    if (!row.dateOfBirth) problems.push('No date of birth.')
    else if (!dateOfBirth)
      problems.push(`“${row.dateOfBirth}” is not a date (use 1990-04-12 or 4/12/1990).`)
    const admissionDate = row.admissionDate ? readDate(row.admissionDate) : context.joinDate
    if (!admissionDate) {
      problems.push(`“${row.admissionDate}” is not a date (use 2026-11-02 or 11/2/2026).`)
    } else if (admissionDate > context.joinDate) {
      problems.push(`Admitted ${admissionDate}, after the join date ${context.joinDate}.`)
    }
    const track = row.track ? readTrack(row.track) : context.track
    if (!track)
      problems.push(`“${row.track}” is not a track (substance use, mental health or co-occurring).`)

    if (row.clientId) {
      const onFile = context.existing.find((p) => sameClientId(p.clientId, row.clientId))
      if (onFile) {
        problems.push(
          `Client ID ${row.clientId} is already on file (${displayName(onFile)}); enrol them from the roster.`
        )
      }
      const earlier = seenIds.get(row.clientId.trim().toLowerCase())
      if (earlier !== undefined)
        problems.push(`Client ID ${row.clientId} is also on line ${earlier}.`)
      else seenIds.set(row.clientId.trim().toLowerCase(), row.line)
    }
    if (row.fullName && dateOfBirth) {
      const same = context.existing.find(
        (p) =>
          squash(p.fullName) === squash(row.fullName) &&
          p.dateOfBirth === dateOfBirth &&
          !sameClientId(p.clientId, row.clientId)
      )
      if (same) {
        problems.push(
          `${row.fullName}, born ${dateOfBirth}, is already on file as client ${same.clientId}.`
        )
      }
    }

    let person: BulkPerson | null = null
    if (problems.length === 0) {
      const parsed = BulkPerson.safeParse({
        line: row.line,
        fullName: row.fullName,
        preferredName: row.preferredName,
        clientId: row.clientId,
        dateOfBirth,
        admissionDate,
        track
      })
      if (parsed.success) {
        if (parsed.data.dateOfBirth > parsed.data.admissionDate) {
          problems.push('The date of birth is after the admission date.')
        } else person = parsed.data
      } else {
        for (const issue of parsed.error.issues) problems.push(`${issue.message}.`)
      }
    }
    if (person && places <= 0) {
      problems.push('The group has no place left for this row.')
      person = null
    }
    if (person) places--
    return { listed: row, person, problems }
  })
}
