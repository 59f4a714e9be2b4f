import {
  MEASURE_IDS,
  type MeasureId,
  type MeasureSchedule,
  type RecordedMeasureId
} from '../domain/measure'

/**
 * Which measures a participant owes today. Dates are calendar dates
 * (YYYY-MM-DD) counted in whole days on the UTC calendar, so the answer is the
 * same in every time zone and across daylight-saving changes.
 */

export interface MeasureDue {
  measureId: MeasureId
  /** The calendar date it fell due. */
  dueOn: string
  /** 'admission': never taken since admission; 'interval': the weeks since the last one are up. */
  reason: 'admission' | 'interval'
  /** Whole days since it fell due; 0 when due today. */
  overdueDays: number
}

export interface MeasuresDueInput {
  schedules: ReadonlyArray<MeasureSchedule>
  admissionDate: string
  /** The clinic's calendar date today. */
  today: string
  taken: ReadonlyArray<{ measureId: RecordedMeasureId; takenOn: string }>
  dischargeDate: string | null
}

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10)
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

function latest(dates: ReadonlyArray<string>): string | null {
  return dates.reduce<string | null>((max, d) => (max === null || d > max ? d : max), null)
}

/** When one schedule next falls due, or null when it asks for nothing more. */
function nextDue(
  schedule: MeasureSchedule,
  admissionDate: string,
  takenSinceAdmission: ReadonlyArray<string>
): { dueOn: string; reason: MeasureDue['reason'] } | null {
  const last = latest(takenSinceAdmission)
  if (schedule.atAdmission && last === null) return { dueOn: admissionDate, reason: 'admission' }
  if (schedule.everyWeeks === null) return null
  return { dueOn: addDays(last ?? admissionDate, schedule.everyWeeks * 7), reason: 'interval' }
}

/**
 * The measures due today or overdue, oldest first. A measure given before
 * this admission (an earlier episode) does not count. Nothing falls due after
 * the discharge date, and once that date has passed nothing is owed at all:
 * there is no one left to give it to.
 */
export function measuresDue(input: MeasuresDueInput): MeasureDue[] {
  const { schedules, admissionDate, today, taken, dischargeDate } = input
  if (dischargeDate !== null && dischargeDate < today) return []
  const due: MeasureDue[] = []
  for (const schedule of schedules) {
    const takenSinceAdmission = taken
      .filter((t) => t.measureId === schedule.measureId && t.takenOn >= admissionDate)
      .map((t) => t.takenOn)
    const next = nextDue(schedule, admissionDate, takenSinceAdmission)
    if (!next || next.dueOn > today) continue
    if (dischargeDate !== null && next.dueOn > dischargeDate) continue
    due.push({
      measureId: schedule.measureId,
      dueOn: next.dueOn,
      reason: next.reason,
      overdueDays: daysBetween(next.dueOn, today)
    })
  }
  return due.sort(
    (a, b) =>
      a.dueOn.localeCompare(b.dueOn) ||
      MEASURE_IDS.indexOf(a.measureId) - MEASURE_IDS.indexOf(b.measureId)
  )
}
