/**
 * Weekly countable hours as a payer counts them: Monday to Sunday on the
 * clinic's own clock, each session on its date, with the day's whole minutes;
 * a clinic far from UTC still sees its Monday group in that Monday's week.
 */
import { describe, expect, it } from 'vitest'
import { zonedTimeToInstant } from '../../../src/shared/rules/dates'
import { weekStartOf, weeklyHours } from '../../../src/shared/progress/weeks'

const CHICAGO = 'America/Chicago'

/** A stretch of countable time on the clinic's wall clock. */
function at(date: string, from: string, to: string, timeZone = CHICAGO, toDate = date) {
  return {
    from: zonedTimeToInstant(date, from, timeZone),
    to: zonedTimeToInstant(toDate, to, timeZone)
  }
}

describe('which week a session belongs to', () => {
  it('puts a Wednesday group in the week starting that Monday', () => {
    expect(weekStartOf(at('2026-01-14', '09:00', '12:00').from, CHICAGO)).toBe('2026-01-12')
  })

  it('puts Monday just after midnight in the new week and Sunday just before it in the old', () => {
    const midnight = zonedTimeToInstant('2026-01-12', '00:00', CHICAGO)
    expect(weekStartOf(midnight, CHICAGO)).toBe('2026-01-12')
    expect(weekStartOf(midnight - 1, CHICAGO)).toBe('2026-01-05')
  })

  it('puts a Sunday group in the week that started six days before', () => {
    expect(weekStartOf(at('2026-01-18', '18:00', '21:00').from, CHICAGO)).toBe('2026-01-12')
  })

  it('still starts weeks at local Monday midnight around the spring daylight-saving change', () => {
    // Clocks went forward on Sunday 2026-03-08 in Chicago.
    const monday = zonedTimeToInstant('2026-03-09', '00:00', CHICAGO)
    expect(weekStartOf(monday, CHICAGO)).toBe('2026-03-09')
    expect(weekStartOf(monday - 1, CHICAGO)).toBe('2026-03-02')
    expect(weekStartOf(zonedTimeToInstant('2026-03-08', '03:30', CHICAGO), CHICAGO)).toBe(
      '2026-03-02'
    )
  })

  it('still starts weeks at local Monday midnight around the autumn daylight-saving change', () => {
    // Clocks went back on Sunday 2026-11-01 in Chicago.
    const monday = zonedTimeToInstant('2026-11-02', '00:00', CHICAGO)
    expect(weekStartOf(monday, CHICAGO)).toBe('2026-11-02')
    expect(weekStartOf(monday - 1, CHICAGO)).toBe('2026-10-26')
  })

  it('puts a Monday 01:00 group in Auckland in that Monday week, though it is Sunday in UTC', () => {
    const start = zonedTimeToInstant('2026-01-12', '01:00', 'Pacific/Auckland')
    expect(new Date(start).getUTCDay()).toBe(0)
    expect(weekStartOf(start, 'Pacific/Auckland')).toBe('2026-01-12')
    expect(weekStartOf(start, 'UTC')).toBe('2026-01-05')
  })

  it('puts a Monday 01:00 group in Kolkata in that Monday week, though it is Sunday in UTC', () => {
    const start = zonedTimeToInstant('2026-01-12', '01:00', 'Asia/Kolkata')
    expect(new Date(start).getUTCDay()).toBe(0)
    expect(weekStartOf(start, 'Asia/Kolkata')).toBe('2026-01-12')
  })

  it('puts a Sunday evening group in Honolulu in that Sunday week, though it is Monday in UTC', () => {
    const start = zonedTimeToInstant('2026-01-18', '18:00', 'Pacific/Honolulu')
    expect(new Date(start).getUTCDay()).toBe(1)
    expect(weekStartOf(start, 'Pacific/Honolulu')).toBe('2026-01-12')
  })
})

describe('weekly hours against the requirement', () => {
  const day = (date: string, minutes = 180) => ({ date, minutes })

  it('lists every week from the first date to the last, empty weeks at 0 and not met', () => {
    const weeks = weeklyHours({
      days: [day('2026-01-07'), day('2026-01-08'), day('2026-01-09'), day('2026-01-21')],
      from: '2026-01-07',
      to: '2026-01-28',
      requiredHours: 9
    })
    expect(weeks).toEqual([
      { weekStart: '2026-01-05', minutes: 540, meetsRequirement: true },
      { weekStart: '2026-01-12', minutes: 0, meetsRequirement: false },
      { weekStart: '2026-01-19', minutes: 180, meetsRequirement: false },
      { weekStart: '2026-01-26', minutes: 0, meetsRequirement: false }
    ])
  })

  it('counts a week that meets the requirement exactly as met', () => {
    const [week] = weeklyHours({
      days: [day('2026-01-12', 270), day('2026-01-14', 270)],
      from: '2026-01-12',
      to: '2026-01-12',
      requiredHours: 9
    })
    expect(week).toEqual({ weekStart: '2026-01-12', minutes: 540, meetsRequirement: true })
  })

  it('does not count a week one minute short of the requirement as met', () => {
    const [week] = weeklyHours({
      days: [day('2026-01-14', 539)],
      from: '2026-01-12',
      to: '2026-01-18',
      requiredHours: 9
    })
    expect(week).toEqual({ weekStart: '2026-01-12', minutes: 539, meetsRequirement: false })
  })

  it('adds up the days as the attendance report shows them, so the rows sum to the week', () => {
    const days = [day('2026-01-12', 179), day('2026-01-14', 165), day('2026-01-16', 180)]
    const [week] = weeklyHours({ days, from: '2026-01-12', to: '2026-01-18', requiredHours: 9 })
    expect(week?.minutes).toBe(179 + 165 + 180)
  })

  it('counts a late Sunday group in the week of its date', () => {
    const weeks = weeklyHours({
      days: [day('2026-01-11', 150)],
      from: '2026-01-05',
      to: '2026-01-12',
      requiredHours: 9
    })
    expect(weeks.map((w) => [w.weekStart, w.minutes])).toEqual([
      ['2026-01-05', 150],
      ['2026-01-12', 0]
    ])
  })

  it('starts the weeks of a daylight-saving month on Mondays', () => {
    const weeks = weeklyHours({
      days: [day('2026-11-01')],
      from: '2026-10-20',
      to: '2026-11-10',
      requiredHours: 9
    })
    expect(weeks.map((w) => [w.weekStart, w.minutes])).toEqual([
      ['2026-10-19', 0],
      ['2026-10-26', 180],
      ['2026-11-02', 0],
      ['2026-11-09', 0]
    ])
  })

  it('holds an adolescent week of 6 hours to 6 hours, not 9', () => {
    const [week] = weeklyHours({
      days: [day('2026-01-12', 120), day('2026-01-14', 120), day('2026-01-16', 120)],
      from: '2026-01-12',
      to: '2026-01-12',
      requiredHours: 6
    })
    expect(week?.meetsRequirement).toBe(true)
  })

  it('has no requirement to meet for a group billed per session', () => {
    const [week] = weeklyHours({
      days: [day('2026-01-12', 90)],
      from: '2026-01-12',
      to: '2026-01-12',
      requiredHours: null
    })
    expect(week).toEqual({ weekStart: '2026-01-12', minutes: 90, meetsRequirement: null })
  })

  it('leaves out sessions before the first week or after the last', () => {
    const weeks = weeklyHours({
      days: [day('2026-01-02'), day('2026-01-14'), day('2026-01-30')],
      from: '2026-01-12',
      to: '2026-01-18',
      requiredHours: 9
    })
    expect(weeks).toEqual([{ weekStart: '2026-01-12', minutes: 180, meetsRequirement: false }])
  })
})
