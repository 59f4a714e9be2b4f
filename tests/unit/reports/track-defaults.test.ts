/**
 * Defaults that agree: a clinic that changes nothing (the default agenda, the
 * default meeting days, the default session settings, each group's default
 * service code) and has a participant attend every minute of a week, for every
 * track and age group, sees each day meet its daily minimum and the week meet
 * its weekly requirement, in the reports and on the progress page. A group
 * billed as 90853 has neither: its rows say so (empty), never "no".
 * The figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParticipantProgress, Report } from '../../../src/shared/domain/progress'
import {
  DEFAULT_CAPACITY,
  DEFAULT_MEETING_DAYS,
  DEFAULT_SESSION_MINUTES,
  type AgeGroup
} from '../../../src/shared/domain/group'
import { DEFAULT_SESSION_SETTINGS } from '../../../src/shared/domain/session'
import type { Track } from '../../../src/shared/domain/common'
import { agendaCountableMinutes, defaultAgenda } from '../../../src/shared/session/default-agenda'
import { removeFolders, setUpClinic, value } from '../core/helpers'
import { movingClinic, runDay, type Clinic } from './clinic-day'

/** Monday to Thursday of one clinic week: the default meeting days are Monday, Wednesday, Thursday. */
const WEEK = { monday: '2026-11-30', sunday: '2026-12-06' }
const DATES: Record<string, string> = {
  mon: '2026-11-30',
  tue: '2026-12-01',
  wed: '2026-12-02',
  thu: '2026-12-03',
  fri: '2026-12-04',
  sat: '2026-12-05',
  sun: '2026-12-06'
}

interface Case {
  label: string
  track: Track
  ageGroup: AgeGroup
  /** Chosen on the group's page; otherwise the track's default. */
  code?: '90853'
  expected: { code: string; daily: number | null; weekly: number | null }
}

const CASES: Case[] = [
  {
    label: 'SUD, adult IOP',
    track: 'substance_use',
    ageGroup: 'adult',
    expected: { code: 'H0015', daily: 180, weekly: 9 }
  },
  {
    label: 'co-occurring, adult IOP',
    track: 'co_occurring',
    ageGroup: 'adult',
    expected: { code: 'H0015', daily: 180, weekly: 9 }
  },
  {
    label: 'SUD, adolescent IOP',
    track: 'substance_use',
    ageGroup: 'adolescent',
    expected: { code: 'H0015', daily: 180, weekly: 6 }
  },
  {
    label: 'co-occurring, adolescent IOP',
    track: 'co_occurring',
    ageGroup: 'adolescent',
    expected: { code: 'H0015', daily: 180, weekly: 6 }
  },
  {
    label: 'mental-health, adult IOP',
    track: 'mental_health',
    ageGroup: 'adult',
    expected: { code: 'S9480', daily: 180, weekly: 9 }
  },
  {
    label: 'mental-health, adolescent IOP',
    track: 'mental_health',
    ageGroup: 'adolescent',
    expected: { code: 'S9480', daily: 180, weekly: 6 }
  },
  {
    label: 'group psychotherapy',
    track: 'mental_health',
    ageGroup: 'adult',
    code: '90853',
    expected: { code: '90853', daily: null, weekly: null }
  }
]

let clinic: Clinic
beforeAll(async () => {
  clinic = await movingClinic(await setUpClinic())
})
afterAll(removeFolders)

describe('the defaults agree with each other', () => {
  it('sets a daily minimum no higher than the default agenda counts', () => {
    const countable = agendaCountableMinutes(defaultAgenda())
    console.log(
      `default agenda: ${DEFAULT_SESSION_MINUTES} minutes planned, ${countable} countable ` +
        `(the break is not); daily minimum ${DEFAULT_SESSION_SETTINGS.dailyMinimumMinutes}; ` +
        `${DEFAULT_MEETING_DAYS.length} days a week give ${(countable * DEFAULT_MEETING_DAYS.length) / 60} h ` +
        `against ${DEFAULT_SESSION_SETTINGS.weeklyHoursRequired} h (adults) and ` +
        `${DEFAULT_SESSION_SETTINGS.weeklyHoursAdolescent} h (adolescents)`
    )
    expect(DEFAULT_SESSION_SETTINGS.dailyMinimumMinutes).toBeLessThanOrEqual(countable)
    expect(defaultAgenda().reduce((t, s) => t + s.plannedMinutes, 0)).toBe(DEFAULT_SESSION_MINUTES)
  })

  it.each(CASES)(
    'a full week of the default plan meets every requirement: $label',
    async (c) => {
      const { core } = clinic
      const group = await value<{ id: string }>(
        core.handle('groups.create', {
          name: `Defaults ${c.label}`,
          track: c.track,
          ageGroup: c.ageGroup,
          admission: 'open',
          meetingDays: DEFAULT_MEETING_DAYS,
          startTime: '09:00',
          defaultMinutes: DEFAULT_SESSION_MINUTES,
          capacity: DEFAULT_CAPACITY,
          facilitatorIds: [clinic.adminId]
        })
      )
      if (c.code)
        await value(core.handle('groups.setServiceCode', { groupId: group.id, code: c.code }))
      const person = await value<{ id: string }>(
        core.handle('participants.create', {
          fullName: 'Avery Testperson',
          preferredName: '',
          clientId: `T-${CASES.indexOf(c)}`,
          dateOfBirth: c.ageGroup === 'adolescent' ? '2010-02-03' : '1990-02-03',
          admissionDate: WEEK.monday,
          track: c.track,
          status: 'active',
          discharge: null,
          goals: []
        })
      )
      await value(
        core.handle('enrollments.create', {
          groupId: group.id,
          participantId: person.id,
          joinDate: WEEK.monday
        })
      )
      for (const day of DEFAULT_MEETING_DAYS) {
        await runDay(clinic, {
          groupId: group.id,
          date: DATES[day]!,
          start: '09:00',
          people: [person.id]
        })
      }
      const range = { from: WEEK.monday, to: WEEK.sunday, groupId: group.id }
      const attendance = await value<Report>(
        core.handle('reports.run', { kind: 'attendance', ...range })
      )
      const weekly = await value<Report>(
        core.handle('reports.run', { kind: 'weekly_hours', ...range })
      )
      clinic.clock.now = Date.parse(`${WEEK.sunday}T18:00:00Z`)
      const progress = await value<ParticipantProgress>(
        core.handle('progress.participant', { participantId: person.id })
      )

      const column = (r: Report, name: string) => r.rows.map((row) => row[r.header.indexOf(name)])
      const minutes = column(attendance, 'Countable minutes') as number[]
      const [hours] = column(weekly, 'Countable hours') as number[]
      console.log(
        `${c.label}: billed as ${column(attendance, 'Service code')[0]}; ` +
          `days ${minutes.join(' + ')} countable min (daily minimum ${c.expected.daily ?? 'none'}: ` +
          `${JSON.stringify(column(attendance, 'Meets daily minimum'))}); ` +
          `week ${hours} h against ${c.expected.weekly ?? 'none'} ` +
          `(meets: ${JSON.stringify(column(weekly, 'Meets requirement'))})`
      )

      expect(column(attendance, 'Service code')).toEqual([
        c.expected.code,
        c.expected.code,
        c.expected.code
      ])
      expect(column(attendance, 'Status')).toEqual(['Present', 'Present', 'Present'])
      expect(minutes).toEqual([180, 180, 180])
      // Everyone present at the close has the session's end as their time out.
      expect(column(attendance, 'Time out')).toEqual(['12:15', '12:15', '12:15'])
      const met = c.expected.daily === null ? null : true
      expect(column(attendance, 'Meets daily minimum')).toEqual([met, met, met])
      expect(hours).toBe(9)
      expect(column(weekly, 'Required hours')).toEqual([c.expected.weekly])
      expect(column(weekly, 'Meets requirement')).toEqual([
        c.expected.weekly === null ? null : true
      ])
      // The participant's own page agrees.
      expect(progress.sessions.map((s) => [s.countableMinutes, s.meetsDailyMinimum])).toEqual([
        [180, true],
        [180, true],
        [180, true]
      ])
      expect(progress.weeks.find((w) => w.weekStart === WEEK.monday)).toMatchObject({
        minutes: 540,
        meetsRequirement: true
      })
    },
    60_000
  )
})
