/**
 * Enrolling a pasted list or a CSV file: every row read and checked before
 * anything is saved, each refusal in plain words, pointing at its line.
 */
import { describe, expect, it } from 'vitest'
import {
  checkEnrolList,
  readDate,
  readEnrolList,
  type EnrolListContext
} from '../../../src/shared/rules/bulk-enrol'

const context: EnrolListContext = {
  existing: [
    {
      fullName: 'Casey Samplewood',
      preferredName: '',
      clientId: 'C-102',
      dateOfBirth: '1985-02-01'
    }
  ],
  joinDate: '2026-11-23',
  track: 'substance_use',
  openPlaces: 12
}

const check = (text: string, overrides: Partial<EnrolListContext> = {}) =>
  checkEnrolList(readEnrolList(text), { ...context, ...overrides })

describe('reading a list', () => {
  it('reads a pasted list in the order name, client ID, date of birth', () => {
    const rows = readEnrolList(
      'Jordan Testperson, C-101, 1990-04-12\nMorgan Fictional, C-103, 4/2/1988\n'
    )
    expect(rows).toEqual([
      expect.objectContaining({
        line: 1,
        fullName: 'Jordan Testperson',
        clientId: 'C-101',
        dateOfBirth: '1990-04-12'
      }),
      expect.objectContaining({
        line: 2,
        fullName: 'Morgan Fictional',
        clientId: 'C-103',
        dateOfBirth: '4/2/1988'
      })
    ])
  })

  it('reads a spreadsheet’s copy (tabs) with its header row, in any column order', () => {
    const rows = readEnrolList(
      'Client ID\tDOB\tName\tPreferred name\tTrack\nC-101\t1990-04-12\tJordan Testperson\tJordy\tMH\n'
    )
    expect(rows).toEqual([
      {
        line: 2,
        fullName: 'Jordan Testperson',
        preferredName: 'Jordy',
        clientId: 'C-101',
        dateOfBirth: '1990-04-12',
        admissionDate: '',
        track: 'MH'
      }
    ])
  })

  it('reads a CSV file with quotes, a byte-order mark and blank lines, keeping the file’s line numbers', () => {
    const rows = readEnrolList(
      '\uFEFFname,client id,date of birth\r\n"Testperson, Jordan",C-101,1990-04-12\r\n\r\nAlex Placeholder,C-104,1992-07-30\r\n'
    )
    expect(rows.map((r) => [r.line, r.fullName])).toEqual([
      [2, 'Testperson, Jordan'],
      [4, 'Alex Placeholder']
    ])
  })

  it('reads dates as 2026-03-14 or 3/14/2026 and refuses what is not a date', () => {
    expect(readDate('1990-04-12')).toBe('1990-04-12')
    expect(readDate('4/12/1990')).toBe('1990-04-12')
    expect(readDate('1990-02-30')).toBeNull()
    expect(readDate('13/12/1990')).toBeNull()
    expect(readDate('12.04.1990')).toBeNull()
  })
})

describe('checking a list', () => {
  it('accepts a full row, giving the join date as the admission date and the group’s track', () => {
    const [row] = check('Jordan Testperson, C-101, 1990-04-12')
    expect(row!.problems).toEqual([])
    expect(row!.person).toEqual({
      line: 1,
      fullName: 'Jordan Testperson',
      preferredName: '',
      clientId: 'C-101',
      dateOfBirth: '1990-04-12',
      admissionDate: '2026-11-23',
      track: 'substance_use'
    })
  })

  it('says what is wrong with each row and enrols none of them', () => {
    const rows = check(
      [
        ', C-201, 1990-04-12',
        'Riley Example, , 1990-04-12',
        'Sam Madeup, C-203, 1990-13-01',
        'Casey Samplewood, C-102, 1985-02-01',
        'Casey Samplewood, C-999, 1985-02-01',
        'Alex Placeholder, C-204, 1992-07-30, 2026-12-01',
        'Pat Sample, C 205, 1992-07-30'
      ].join('\n')
    )
    expect(rows.map((r) => r.person)).toEqual(Array(7).fill(null))
    expect(rows.map((r) => r.problems)).toEqual([
      ['No name.'],
      ['No client ID.'],
      ['“1990-13-01” is not a date (use 1990-04-12 or 4/12/1990).'],
      ['Client ID C-102 is already on file (Casey S.); enrol them from the roster.'],
      ['Casey Samplewood, born 1985-02-01, is already on file as client C-102.'],
      ['Admitted 2026-12-01, after the join date 2026-11-23.'],
      ['Client ID may hold letters, digits and . _ / - only.']
    ])
  })

  it('catches a client ID given twice in the list, keeping the first', () => {
    const rows = check('Jordan Testperson, C-101, 1990-04-12\nJordy Testperson, c-101, 1990-04-12')
    expect(rows[0]!.person).not.toBeNull()
    expect(rows[1]!.problems).toEqual(['Client ID c-101 is also on line 1.'])
  })

  it('enrols only as many as the group has places for', () => {
    const rows = check(
      'Jordan Testperson, C-101, 1990-04-12\nMorgan Fictional, C-103, 1988-04-02\nAlex Placeholder, C-104, 1992-07-30',
      { openPlaces: 2 }
    )
    expect(rows.map((r) => r.person !== null)).toEqual([true, true, false])
    expect(rows[2]!.problems).toEqual(['The group has no place left for this row.'])
  })
})
