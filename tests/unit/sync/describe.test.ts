/**
 * A conflict names its record as the clinic knows it: whose it is, the group and the session.
 */
import { describe, expect, test } from 'vitest'
import { describeRecord, namesOf } from '../../../src/main/sync/describe'

const names = namesOf({
  participants: [
    { id: 'p-1', fullName: 'Riley Samplewood', clientId: 'C-104' },
    { id: 'p-2', fullName: 'سارة أحمد', clientId: 'C-200' }
  ],
  groups: [{ id: 'g-1', name: 'Evening Recovery' }],
  sessions: [{ id: 's-1', groupId: 'g-1', date: '2026-11-23' }],
  staff: [{ id: 'st-1', fullName: 'Robin Okafor' }]
})

describe('naming the record a conflict is about', () => {
  test('a progress note, an attendance and an observation name the person, group and session', () => {
    const inSession = (list: string, body: unknown) =>
      describeRecord({ file: 'session-s-1', list, id: 'x', body }, names)
    expect(inSession('notes', { participantId: 'p-1' })).toBe(
      'Progress note for Riley Samplewood (C-104), group Evening Recovery, session of Mon, Nov 23, 2026'
    )
    expect(inSession('attendance', { participantId: 'p-1' })).toBe(
      'Attendance for Riley Samplewood (C-104), group Evening Recovery, session of Mon, Nov 23, 2026'
    )
    expect(inSession('groupPart', { topics: [] })).toBe(
      'Group part of the notes, group Evening Recovery, session of Mon, Nov 23, 2026'
    )
  })

  test('records of the clinic name the participant, the measure and the staff member', () => {
    const clinic = (list: string, id: string, body: unknown) =>
      describeRecord({ file: 'registry', list, id, body }, names)
    expect(clinic('participants', 'p-1', {})).toBe('Participant Riley Samplewood (C-104)')
    expect(clinic('staff', 'st-1', {})).toBe('Staff member Robin Okafor')
    expect(clinic('enrollments', 'e-1', { participantId: 'p-1', groupId: 'g-1' })).toBe(
      'Enrolment of Riley Samplewood (C-104), group Evening Recovery'
    )
    expect(
      describeRecord(
        {
          file: 'measures',
          list: 'entries',
          id: 'm-1',
          body: { participantId: 'p-1', measureId: 'phq9', takenOn: '2026-11-23' }
        },
        names
      )
    ).toMatch(/^PHQ-9.* for Riley Samplewood \(C-104\), taken on Mon, Nov 23, 2026$/)
  })

  test('a right-to-left name is isolated, and a person not on this computer is not guessed', () => {
    expect(
      describeRecord({ file: 'registry', list: 'participants', id: 'p-2', body: {} }, names)
    ).toBe('Participant \u2068سارة أحمد\u2069 (C-200)')
    expect(
      describeRecord(
        { file: 'session-s-9', list: 'notes', id: 'x', body: { participantId: 'p-9' } },
        names
      )
    ).toBe('Progress note for a participant, a session')
  })
})
