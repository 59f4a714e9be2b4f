/**
 * The pure rules the screens and the services share: what a person is called
 * in group, when two client IDs are the same, how a roster reads, and which
 * dates and details a form may hold.
 */
import { describe, expect, it } from 'vitest'
import { IsoDate } from '../../../src/shared/domain/common'
import type { Enrollment } from '../../../src/shared/domain/enrollment'
import { GroupInput } from '../../../src/shared/domain/group'
import { ParticipantInput, type Participant } from '../../../src/shared/domain/participant'
import { displayName, sameClientId } from '../../../src/shared/rules/names'
import {
  buildRoster,
  endEnrollmentProblem,
  enrollmentProblem
} from '../../../src/shared/rules/roster'

const AT = '2026-11-23T15:00:00.000Z'

function person(id: string, fullName: string, preferredName = ''): Participant {
  return {
    id,
    fullName,
    preferredName,
    clientId: `C-${id}`,
    dateOfBirth: '1990-05-04',
    admissionDate: '2026-11-02',
    track: 'substance_use',
    status: 'active',
    discharge: null,
    goals: [],
    createdAt: AT,
    updatedAt: AT
  }
}

function enrolment(
  id: string,
  participantId: string,
  joinDate: string,
  exitDate: string | null = null,
  groupId = 'g1'
): Enrollment {
  return { id, groupId, participantId, joinDate, exitDate, createdAt: AT }
}

/** The first message a schema gives for an input, or null when it accepts it. */
function firstProblem(schema: typeof ParticipantInput | typeof GroupInput, input: unknown) {
  const parsed = schema.safeParse(input)
  return parsed.success ? null : parsed.error.issues.map((i) => i.message)
}

describe('displayName: what the group calls a person', () => {
  it('uses the preferred name and the initial of the last name', () => {
    expect(displayName({ fullName: 'Jordan Alvarez', preferredName: 'Jo' })).toBe('Jo A.')
  })

  it('uses the first name when there is no preferred name', () => {
    expect(displayName({ fullName: 'Jordan Alvarez', preferredName: '' })).toBe('Jordan A.')
    expect(displayName({ fullName: 'Jordan Alvarez', preferredName: '   ' })).toBe('Jordan A.')
  })

  it('takes the initial of the last of several names, capitalised', () => {
    expect(displayName({ fullName: 'Maria José García López', preferredName: '' })).toBe('Maria L.')
    expect(displayName({ fullName: 'samira patel', preferredName: '' })).toBe('samira P.')
    expect(displayName({ fullName: '  Casey   Morgan  ', preferredName: '' })).toBe('Casey M.')
  })

  it('keeps an accented or non-Latin initial whole', () => {
    expect(displayName({ fullName: 'Noor Özdemir', preferredName: '' })).toBe('Noor Ö.')
    expect(displayName({ fullName: 'Ari 𝒵eller', preferredName: '' })).toBe('Ari 𝒵.')
  })

  it('shows a single-word name as it is, with no initial', () => {
    expect(displayName({ fullName: 'Sunny', preferredName: '' })).toBe('Sunny')
    expect(displayName({ fullName: 'Sunny', preferredName: 'Sun' })).toBe('Sun')
  })

  it('tells apart two people with the same first name', () => {
    const a = displayName({ fullName: 'Sam Lee', preferredName: '' })
    const b = displayName({ fullName: 'Sam Okonkwo', preferredName: '' })
    expect([a, b]).toEqual(['Sam L.', 'Sam O.'])
  })
})

describe('sameClientId: client IDs read the way a person reads them', () => {
  it('ignores case and surrounding spaces', () => {
    expect(sameClientId('c-101', 'C-101')).toBe(true)
    expect(sameClientId(' C-101 ', 'c-101')).toBe(true)
  })

  it('still tells different IDs apart', () => {
    expect(sameClientId('C-101', 'C-1010')).toBe(false)
    expect(sameClientId('C-101', 'C-110')).toBe(false)
    expect(sameClientId('C-101', 'C101')).toBe(false)
  })
})

describe('buildRoster', () => {
  const people = [
    person('p1', 'Jordan Alvarez', 'Jo'),
    person('p2', 'Samira Patel'),
    person('p3', 'Casey Morgan'),
    person('p4', 'Avery Brooks'),
    person('p5', 'Taylor Nguyen')
  ]

  it('lists current members by name, past members most recent leaver first, and counts open places', () => {
    const roster = buildRoster(
      { id: 'g1', capacity: 5 },
      [
        enrolment('e1', 'p2', '2026-11-02'),
        enrolment('e2', 'p1', '2026-11-04'),
        enrolment('e3', 'p3', '2026-11-02', '2026-11-09'),
        enrolment('e4', 'p4', '2026-11-02', '2026-11-16'),
        enrolment('e5', 'p5', '2026-11-02', '2026-11-16'),
        // Someone in another group is not on this roster.
        enrolment('e6', 'p3', '2026-11-10', null, 'g2')
      ],
      people
    )
    expect(roster.current.map((e) => e.displayName)).toEqual(['Jo A.', 'Samira P.'])
    expect(roster.past.map((e) => `${e.displayName} ${e.exitDate}`)).toEqual([
      'Avery B. 2026-11-16',
      'Taylor N. 2026-11-16',
      'Casey M. 2026-11-09'
    ])
    expect(roster.openPlaces).toBe(3)
    expect(roster.current[0]).toEqual({
      enrollmentId: 'e2',
      participantId: 'p1',
      displayName: 'Jo A.',
      fullName: 'Jordan Alvarez',
      clientId: 'C-p1',
      joinDate: '2026-11-04',
      exitDate: null,
      participantStatus: 'active'
    })
  })

  it('never shows a negative number of open places', () => {
    const roster = buildRoster(
      { id: 'g1', capacity: 1 },
      [enrolment('e1', 'p1', '2026-11-02'), enrolment('e2', 'p2', '2026-11-02')],
      people
    )
    expect(roster.openPlaces).toBe(0)
  })

  it('shows an empty group with every place open', () => {
    expect(buildRoster({ id: 'g1', capacity: 12 }, [], people)).toEqual({
      groupId: 'g1',
      capacity: 12,
      current: [],
      past: [],
      openPlaces: 12
    })
  })
})

describe('enrolment rules', () => {
  const group = { id: 'g1', capacity: 2, name: 'Evening SUD IOP' }
  const jo = person('p1', 'Jordan Alvarez', 'Jo')

  it('lets an admitted person join on or after their admission date', () => {
    expect(enrollmentProblem(group, jo, '2026-11-02', [])).toBeNull()
    expect(enrollmentProblem(group, jo, '2026-11-01', [])).toBe(
      'The join date cannot be before the admission date (2026-11-02).'
    )
  })

  it('counts only current members of this group toward capacity', () => {
    const others = [
      enrolment('e1', 'p2', '2026-11-02'),
      enrolment('e2', 'p3', '2026-11-02', '2026-11-09'),
      enrolment('e3', 'p4', '2026-11-02', null, 'g2')
    ]
    expect(enrollmentProblem(group, jo, '2026-11-10', others)).toBeNull()
    expect(
      enrollmentProblem(group, jo, '2026-11-10', [...others, enrolment('e4', 'p5', '2026-11-02')])
    ).toContain('is full (2 places)')
  })

  it('refuses an exit before the join date or a second exit', () => {
    const open = enrolment('e1', 'p1', '2026-11-09')
    expect(endEnrollmentProblem(open, '2026-11-09')).toBeNull()
    expect(endEnrollmentProblem(open, '2026-11-08')).toBe(
      'The exit date cannot be before the join date (2026-11-09).'
    )
    expect(endEnrollmentProblem({ ...open, exitDate: '2026-11-12' }, '2026-11-13')).toBe(
      'This enrolment has already ended.'
    )
  })
})

describe('IsoDate: only dates that exist on a calendar', () => {
  it.each(['2026-11-23', '2024-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (date) => {
    expect(IsoDate.safeParse(date).success).toBe(true)
  })

  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-11-00'])(
    'refuses %s as a date that does not exist',
    (date) => {
      const parsed = IsoDate.safeParse(date)
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toBe('That date does not exist')
    }
  )

  it.each(['23/11/2026', '11/23/2026', '2026-11-23T09:00', '2026-1-5', ' 2026-11-23', ''])(
    'refuses %j with an example of the expected form',
    (date) => {
      expect(IsoDate.safeParse(date).error?.issues[0]?.message).toBe('Use a date like 2026-03-14')
    }
  )
})

describe('ParticipantInput: details that cannot be true together', () => {
  const base = {
    fullName: 'Jordan Alvarez',
    preferredName: 'Jo',
    clientId: 'C-101',
    dateOfBirth: '1990-05-04',
    admissionDate: '2026-11-02',
    track: 'substance_use',
    status: 'active',
    discharge: null,
    goals: []
  }

  it('accepts an active participant and a properly discharged one', () => {
    expect(firstProblem(ParticipantInput, base)).toBeNull()
    expect(
      firstProblem(ParticipantInput, {
        ...base,
        status: 'discharged',
        discharge: { date: '2026-11-02', type: 'stepped_down' }
      })
    ).toBeNull()
  })

  it('trims names and client IDs as typed', () => {
    const parsed = ParticipantInput.parse({
      ...base,
      fullName: ' Jordan Alvarez ',
      clientId: ' C-101 '
    })
    expect(parsed).toMatchObject({ fullName: 'Jordan Alvarez', clientId: 'C-101' })
  })

  it('refuses a date of birth after the admission date', () => {
    expect(firstProblem(ParticipantInput, { ...base, dateOfBirth: '2026-11-03' })).toEqual([
      'Date of birth must be before the admission date'
    ])
  })

  it('refuses a discharged participant without discharge details', () => {
    expect(firstProblem(ParticipantInput, { ...base, status: 'discharged' })).toEqual([
      'Enter the discharge date and type'
    ])
  })

  it('refuses discharge details on an active participant', () => {
    expect(
      firstProblem(ParticipantInput, {
        ...base,
        discharge: { date: '2026-11-20', type: 'completed' }
      })
    ).toEqual(['An active participant has no discharge'])
  })

  it('refuses a discharge before the admission date', () => {
    const parsed = ParticipantInput.safeParse({
      ...base,
      status: 'discharged',
      discharge: { date: '2026-11-01', type: 'withdrew' }
    })
    expect(parsed.error?.issues).toMatchObject([
      {
        path: ['discharge', 'date'],
        message: 'Discharge date cannot be before the admission date'
      }
    ])
  })
})

describe('GroupInput: meeting days', () => {
  const base = {
    name: 'Evening SUD IOP',
    track: 'substance_use',
    admission: 'open',
    meetingDays: ['mon', 'wed', 'thu'],
    startTime: '17:30',
    defaultMinutes: 180,
    capacity: 12,
    facilitatorIds: ['staff-1']
  }

  it('accepts the usual three evenings a week', () => {
    expect(firstProblem(GroupInput, base)).toBeNull()
  })

  it('refuses the same day twice', () => {
    expect(firstProblem(GroupInput, { ...base, meetingDays: ['mon', 'wed', 'mon'] })).toEqual([
      'Each meeting day once only'
    ])
  })

  it('refuses a group that never meets', () => {
    expect(firstProblem(GroupInput, { ...base, meetingDays: [] })).toEqual([
      'Choose at least one meeting day'
    ])
  })

  it('refuses a day that is not a weekday', () => {
    expect(firstProblem(GroupInput, { ...base, meetingDays: ['monday'] })).toEqual([
      'Choose meeting days from Monday to Sunday'
    ])
  })
})

describe('GroupInput: capacity, facilitators and who the group is for', () => {
  const base = {
    name: 'Evening SUD IOP',
    track: 'substance_use',
    admission: 'open',
    meetingDays: ['mon', 'wed', 'thu'],
    startTime: '17:30',
    defaultMinutes: 195,
    capacity: 12,
    facilitatorIds: ['staff-1']
  }

  it('refuses a capacity of 0, saying the least it can be', () => {
    expect(firstProblem(GroupInput, { ...base, capacity: 0 })).toEqual(['Capacity is at least 1'])
  })

  it('accepts a capacity of 1 and of 100, and refuses 101', () => {
    expect(firstProblem(GroupInput, { ...base, capacity: 1 })).toBeNull()
    expect(firstProblem(GroupInput, { ...base, capacity: 100 })).toBeNull()
    expect(firstProblem(GroupInput, { ...base, capacity: 101 })).toEqual([
      'Capacity is at most 100'
    ])
  })

  it('refuses a group with no facilitator', () => {
    expect(firstProblem(GroupInput, { ...base, facilitatorIds: [] })).toEqual([
      'Choose at least one facilitator: every group is led by a licensed counselor'
    ])
  })

  it('refuses the same facilitator twice', () => {
    expect(firstProblem(GroupInput, { ...base, facilitatorIds: ['staff-1', 'staff-1'] })).toEqual([
      'Each facilitator once only'
    ])
  })

  it('makes a group for adults unless it says adolescents', () => {
    expect(GroupInput.parse(base).ageGroup).toBe('adult')
    expect(GroupInput.parse({ ...base, ageGroup: 'adolescent' }).ageGroup).toBe('adolescent')
    expect(firstProblem(GroupInput, { ...base, ageGroup: 'children' })).toEqual([
      'Choose adults or adolescents'
    ])
  })
})
