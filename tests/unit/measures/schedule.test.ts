/**
 * Which measures a participant owes, as the home screen lists them: the
 * admission measures until they are given, then each one again so many weeks
 * after the last, how many days overdue, and nothing once the person has been
 * discharged.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_MEASURE_SCHEDULES,
  schedulesForTrack,
  StoredMeasureSchedules,
  type MeasureId,
  type MeasureSchedule
} from '../../../src/shared/domain/measure'
import { Track } from '../../../src/shared/domain/common'
import { measuresDue, type MeasuresDueInput } from '../../../src/shared/measures/schedule'

const ADMITTED = '2026-03-02'

const phq9Monthly: MeasureSchedule = { measureId: 'phq9', atAdmission: true, everyWeeks: 4 }

function due(overrides: Partial<MeasuresDueInput> = {}) {
  return measuresDue({
    schedules: [phq9Monthly],
    admissionDate: ADMITTED,
    today: ADMITTED,
    taken: [],
    dischargeDate: null,
    ...overrides
  })
}

function taken(measureId: MeasureId, ...dates: string[]) {
  return dates.map((takenOn) => ({ measureId, takenOn }))
}

describe('at admission', () => {
  it('a measure given at admission is due on the admission date until it is given', () => {
    expect(due()).toEqual([
      { measureId: 'phq9', dueOn: ADMITTED, reason: 'admission', overdueDays: 0 }
    ])
  })

  it('counts the days it has been overdue', () => {
    expect(due({ today: '2026-03-05' })).toEqual([
      { measureId: 'phq9', dueOn: ADMITTED, reason: 'admission', overdueDays: 3 }
    ])
  })

  it('given a few days after admission, it is no longer owed', () => {
    expect(due({ today: '2026-03-05', taken: taken('phq9', '2026-03-04') })).toEqual([])
  })

  it('one given before this admission (an earlier episode) does not count', () => {
    expect(due({ taken: taken('phq9', '2025-11-20') })).toEqual([
      { measureId: 'phq9', dueOn: ADMITTED, reason: 'admission', overdueDays: 0 }
    ])
  })

  it('nothing is due before the admission date', () => {
    expect(due({ today: '2026-02-27' })).toEqual([])
  })

  it('another measure taken does not stand in for this one', () => {
    expect(due({ taken: taken('gad7', ADMITTED) })).toHaveLength(1)
  })
})

describe('every so many weeks', () => {
  const afterAdmission = taken('phq9', ADMITTED)

  it('is not due the day before four weeks are up', () => {
    expect(due({ today: '2026-03-29', taken: afterAdmission })).toEqual([])
  })

  it('is due four weeks after the last one', () => {
    expect(due({ today: '2026-03-30', taken: afterAdmission })).toEqual([
      { measureId: 'phq9', dueOn: '2026-03-30', reason: 'interval', overdueDays: 0 }
    ])
  })

  it('counts from the latest one, whatever order they were recorded in', () => {
    const result = due({
      today: '2026-05-10',
      taken: taken('phq9', '2026-04-02', ADMITTED, '2026-03-16')
    })
    expect(result).toEqual([
      { measureId: 'phq9', dueOn: '2026-04-30', reason: 'interval', overdueDays: 10 }
    ])
  })

  it('a late measure moves the next one: four weeks after it was actually given', () => {
    const result = due({ today: '2026-04-20', taken: taken('phq9', ADMITTED, '2026-04-06') })
    expect(result).toEqual([])
    expect(due({ today: '2026-05-04', taken: taken('phq9', ADMITTED, '2026-04-06') })).toEqual([
      { measureId: 'phq9', dueOn: '2026-05-04', reason: 'interval', overdueDays: 0 }
    ])
  })

  it('without an admission measure, the first falls due the interval after admission', () => {
    const everyTwoWeeks: MeasureSchedule = { measureId: 'gad7', atAdmission: false, everyWeeks: 2 }
    expect(due({ schedules: [everyTwoWeeks], today: '2026-03-15' })).toEqual([])
    expect(due({ schedules: [everyTwoWeeks], today: '2026-03-18' })).toEqual([
      { measureId: 'gad7', dueOn: '2026-03-16', reason: 'interval', overdueDays: 2 }
    ])
  })

  it('an admission-only measure, once given, is never due again', () => {
    const once: MeasureSchedule = { measureId: 'gad7', atAdmission: true, everyWeeks: null }
    expect(due({ schedules: [once], today: '2026-09-01', taken: taken('gad7', ADMITTED) })).toEqual(
      []
    )
  })

  it('a measure with neither admission nor interval is never due', () => {
    const off: MeasureSchedule = { measureId: 'gad7', atAdmission: false, everyWeeks: null }
    expect(due({ schedules: [off], today: '2026-09-01' })).toEqual([])
  })

  it('the weekly craving rating is due seven days after the last', () => {
    const weekly: MeasureSchedule = { measureId: 'craving', atAdmission: true, everyWeeks: 1 }
    const given = taken('craving', ADMITTED, '2026-03-09')
    expect(due({ schedules: [weekly], today: '2026-03-15', taken: given })).toEqual([])
    expect(due({ schedules: [weekly], today: '2026-03-16', taken: given })).toEqual([
      { measureId: 'craving', dueOn: '2026-03-16', reason: 'interval', overdueDays: 0 }
    ])
  })
})

describe('discharge', () => {
  const afterAdmission = taken('phq9', ADMITTED)

  it('a measure that would fall due after the discharge date is not listed', () => {
    expect(
      due({ today: '2026-03-30', taken: afterAdmission, dischargeDate: '2026-03-27' })
    ).toEqual([])
  })

  it('once the discharge date has passed, nothing is owed, not even an overdue measure', () => {
    expect(due({ today: '2026-03-10', dischargeDate: '2026-03-06' })).toEqual([])
  })

  it('on the discharge day itself, a measure due that day is still listed', () => {
    expect(
      due({ today: '2026-03-30', taken: afterAdmission, dischargeDate: '2026-03-30' })
    ).toEqual([{ measureId: 'phq9', dueOn: '2026-03-30', reason: 'interval', overdueDays: 0 }])
  })

  it('a planned discharge later on does not hide what is due now', () => {
    expect(due({ dischargeDate: '2026-05-01' })).toHaveLength(1)
  })
})

describe('the default schedules, per track', () => {
  const substanceUse = DEFAULT_MEASURE_SCHEDULES.substance_use

  it('on the admission day of a substance-use participant, the PHQ-9, GAD-7 and craving rating are due', () => {
    const result = due({ schedules: substanceUse })
    expect(result.map((d) => [d.measureId, d.reason])).toEqual([
      ['phq9', 'admission'],
      ['gad7', 'admission'],
      ['craving', 'admission']
    ])
  })

  it('a mental-health participant is not asked about cravings', () => {
    const result = due({ schedules: DEFAULT_MEASURE_SCHEDULES.mental_health })
    expect(result.map((d) => d.measureId)).toEqual(['phq9', 'gad7'])
  })

  it('no track schedules the withdrawn Penn Alcohol Craving Scale', () => {
    for (const track of Track.options) {
      expect(DEFAULT_MEASURE_SCHEDULES[track].map((s) => s.measureId)).not.toContain('pacs')
    }
  })

  it('a week after admission, only the craving rating is due again; oldest first', () => {
    const result = due({
      schedules: substanceUse,
      today: '2026-03-12',
      taken: [
        ...taken('phq9', ADMITTED),
        ...taken('gad7', ADMITTED),
        ...taken('craving', ADMITTED),
        // An earlier PACS result is read, never asked for again.
        { measureId: 'pacs', takenOn: '2026-03-03' }
      ]
    })
    expect(result).toEqual([
      { measureId: 'craving', dueOn: '2026-03-09', reason: 'interval', overdueDays: 3 }
    ])
  })

  it('lists the oldest due first', () => {
    const result = due({
      schedules: substanceUse,
      today: '2026-04-01',
      taken: [...taken('gad7', '2026-03-03'), ...taken('craving', '2026-03-20')]
    })
    expect(result.map((d) => [d.measureId, d.dueOn])).toEqual([
      ['phq9', ADMITTED],
      ['craving', '2026-03-27'],
      ['gad7', '2026-03-31']
    ])
  })
})

describe('schedules kept by an older version', () => {
  it('the old single default becomes each track’s default, without the PACS', () => {
    const old = [
      { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
      { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
      { measureId: 'craving', atAdmission: true, everyWeeks: 1 },
      { measureId: 'pacs', atAdmission: true, everyWeeks: 4 }
    ]
    const read = StoredMeasureSchedules.parse(old)
    expect(schedulesForTrack(read, 'mental_health')).toEqual(
      DEFAULT_MEASURE_SCHEDULES.mental_health
    )
    expect(schedulesForTrack(read, 'substance_use')).toEqual(
      DEFAULT_MEASURE_SCHEDULES.substance_use
    )
  })

  it('a clinic’s own single schedule is kept for every track, the PACS dropped', () => {
    const own = [
      { measureId: 'phq9', atAdmission: false, everyWeeks: 2 },
      { measureId: 'pacs', atAdmission: true, everyWeeks: 2 }
    ]
    const read = StoredMeasureSchedules.parse(own)
    for (const track of Track.options) {
      expect(schedulesForTrack(read, track)).toEqual([
        { measureId: 'phq9', atAdmission: false, everyWeeks: 2 }
      ])
    }
  })
})

describe('calendar dates', () => {
  const originalTz = process.env['TZ']
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = originalTz
  })

  it('counts across month and year ends and a leap day', () => {
    expect(
      due({ admissionDate: '2026-12-10', today: '2027-01-07', taken: taken('phq9', '2026-12-10') })
    ).toEqual([{ measureId: 'phq9', dueOn: '2027-01-07', reason: 'interval', overdueDays: 0 }])
    expect(
      due({ admissionDate: '2028-02-01', today: '2028-03-01', taken: taken('phq9', '2028-02-01') })
    ).toEqual([{ measureId: 'phq9', dueOn: '2028-02-29', reason: 'interval', overdueDays: 1 }])
  })

  it('gives the same dates in every time zone, across a daylight-saving change', () => {
    // The US clocks go forward on 2026-03-08, inside these four weeks.
    const input = { today: '2026-04-02', taken: taken('phq9', ADMITTED) }
    const answers = ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].map(
      (zone) => {
        process.env['TZ'] = zone
        return due(input)
      }
    )
    for (const answer of answers) {
      expect(answer).toEqual([
        { measureId: 'phq9', dueOn: '2026-03-30', reason: 'interval', overdueDays: 3 }
      ])
    }
  })
})
