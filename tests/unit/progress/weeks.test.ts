/**
 * Weekly countable hours as a payer counts them: Monday to Sunday on the
 * clinic's own clock. A late group that runs past Sunday midnight is split
 * between the two weeks, daylight-saving weeks are an hour short or long, and
 * a clinic far from UTC still sees its Monday group in that Monday's week.
 */
import { describe, expect, it } from 'vitest'
import { zonedTimeToInstant } from '../../../src/shared/rules/dates'
import { splitByWeek, weekStartOf, weeklyHours } from '../../../src/shared/progress/weeks'

const CHICAGO = 'America/Chicago'
const HOUR = 3_600_000
const MINUTE = 60_000

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

describe('countable time per week', () => {
  it('counts a three-hour group wholly in its week', () => {
    const weeks = splitByWeek([at('2026-01-14', '09:00', '12:00')], CHICAGO)
    expect([...weeks]).toEqual([['2026-01-12', 3 * HOUR]])
  })

  it('adds up the groups of one week', () => {
    const weeks = splitByWeek(
      [
        at('2026-01-12', '09:00', '12:00'),
        at('2026-01-14', '09:00', '10:25'),
        at('2026-01-14', '10:40', '12:00'),
        at('2026-01-16', '09:00', '12:00')
      ],
      CHICAGO
    )
    expect(weeks.get('2026-01-12')).toBe(8 * HOUR + 45 * MINUTE)
  })

  it('splits a late group running past Sunday midnight between the two weeks', () => {
    const late = at('2026-01-11', '22:30', '01:00', CHICAGO, '2026-01-12')
    const weeks = splitByWeek([late], CHICAGO)
    expect(weeks.get('2026-01-05')).toBe(90 * MINUTE)
    expect(weeks.get('2026-01-12')).toBe(60 * MINUTE)
  })

  it('splits at local midnight on the Sunday the clocks went forward', () => {
    const late = at('2026-03-08', '22:00', '01:00', CHICAGO, '2026-03-09')
    const weeks = splitByWeek([late], CHICAGO)
    expect(weeks.get('2026-03-02')).toBe(2 * HOUR)
    expect(weeks.get('2026-03-09')).toBe(1 * HOUR)
  })

  it('counts 167 hours in the week the clocks go forward and 169 in the week they go back', () => {
    const spring = at('2026-03-02', '00:00', '00:00', CHICAGO, '2026-03-09')
    const autumn = at('2026-10-26', '00:00', '00:00', CHICAGO, '2026-11-02')
    const weeks = splitByWeek([spring, autumn], CHICAGO)
    expect([...weeks]).toEqual([
      ['2026-03-02', 167 * HOUR],
      ['2026-10-26', 169 * HOUR]
    ])
  })

  it('spreads a stretch across every week it touches', () => {
    const long = at('2026-02-25', '12:00', '12:00', CHICAGO, '2026-03-11')
    const weeks = splitByWeek([long], CHICAGO)
    expect([...weeks.keys()]).toEqual(['2026-02-23', '2026-03-02', '2026-03-09'])
    expect(weeks.get('2026-03-02')).toBe(167 * HOUR)
    const total = [...weeks.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(long.to - long.from)
  })

  it('counts nothing for an empty or reversed stretch', () => {
    const t = zonedTimeToInstant('2026-01-14', '09:00', CHICAGO)
    expect(
      splitByWeek(
        [
          { from: t, to: t },
          { from: t, to: t - HOUR }
        ],
        CHICAGO
      ).size
    ).toBe(0)
  })
})

describe('weekly hours against the requirement', () => {
  const threeHours = (date: string) => at(date, '09:00', '12:00')

  it('lists every week from the first date to the last, empty weeks at 0 and not met', () => {
    const weeks = weeklyHours({
      intervals: [
        threeHours('2026-01-07'),
        threeHours('2026-01-08'),
        threeHours('2026-01-09'),
        threeHours('2026-01-21')
      ],
      timeZone: CHICAGO,
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
      intervals: [at('2026-01-12', '09:00', '13:30'), at('2026-01-14', '09:00', '13:30')],
      timeZone: CHICAGO,
      from: '2026-01-12',
      to: '2026-01-12',
      requiredHours: 9
    })
    expect(week).toEqual({ weekStart: '2026-01-12', minutes: 540, meetsRequirement: true })
  })

  it('does not count a week one second short of the requirement as met', () => {
    const short = at('2026-01-14', '09:00', '18:00')
    const [week] = weeklyHours({
      intervals: [{ from: short.from, to: short.to - 1000 }],
      timeZone: CHICAGO,
      from: '2026-01-12',
      to: '2026-01-18',
      requiredHours: 9
    })
    expect(week).toEqual({ weekStart: '2026-01-12', minutes: 539, meetsRequirement: false })
  })

  it('rounds down to whole minutes once for the week, not for each stretch', () => {
    const start = zonedTimeToInstant('2026-01-14', '09:00', CHICAGO)
    const stretch = 20 * MINUTE + 30_000
    const intervals = [0, 1, 2].map((i) => ({
      from: start + i * HOUR,
      to: start + i * HOUR + stretch
    }))
    const [week] = weeklyHours({
      intervals,
      timeZone: CHICAGO,
      from: '2026-01-14',
      to: '2026-01-14',
      requiredHours: 9
    })
    expect(week?.minutes).toBe(61)
  })

  it('counts a late Sunday group half in each week of the report', () => {
    const weeks = weeklyHours({
      intervals: [at('2026-01-11', '22:30', '01:00', CHICAGO, '2026-01-12')],
      timeZone: CHICAGO,
      from: '2026-01-05',
      to: '2026-01-12',
      requiredHours: 9
    })
    expect(weeks.map((w) => [w.weekStart, w.minutes])).toEqual([
      ['2026-01-05', 90],
      ['2026-01-12', 60]
    ])
  })

  it('starts the weeks of a daylight-saving month on Mondays and counts the long week in full', () => {
    const weeks = weeklyHours({
      intervals: [at('2026-10-26', '00:00', '00:00', CHICAGO, '2026-11-02')],
      timeZone: CHICAGO,
      from: '2026-10-20',
      to: '2026-11-10',
      requiredHours: 9
    })
    expect(weeks.map((w) => [w.weekStart, w.minutes])).toEqual([
      ['2026-10-19', 0],
      ['2026-10-26', 169 * 60],
      ['2026-11-02', 0],
      ['2026-11-09', 0]
    ])
  })

  it('lists the Auckland Monday group in that Monday week of the report', () => {
    const zone = 'Pacific/Auckland'
    const weeks = weeklyHours({
      intervals: [at('2026-01-12', '01:00', '04:00', zone)],
      timeZone: zone,
      from: '2026-01-05',
      to: '2026-01-12',
      requiredHours: 3
    })
    expect(weeks).toEqual([
      { weekStart: '2026-01-05', minutes: 0, meetsRequirement: false },
      { weekStart: '2026-01-12', minutes: 180, meetsRequirement: true }
    ])
  })

  it('leaves out time before the first week or after the last', () => {
    const weeks = weeklyHours({
      intervals: [threeHours('2026-01-02'), threeHours('2026-01-14'), threeHours('2026-01-30')],
      timeZone: CHICAGO,
      from: '2026-01-12',
      to: '2026-01-18',
      requiredHours: 9
    })
    expect(weeks).toEqual([{ weekStart: '2026-01-12', minutes: 180, meetsRequirement: false }])
  })
})
