import type { ServiceCode } from '../domain/billing'
import type { Track } from '../domain/common'
import type { AgeGroup } from '../domain/group'
import type { SessionSettings } from '../domain/session'

/**
 * What a day and a week of attendance must reach, by how the group is billed
 * and who it is for (DOMAIN.md, "Sensible defaults per track"):
 *
 * | group                                   | billed as          | weekly | daily minimum         |
 * | --------------------------------------- | ------------------ | ------ | --------------------- |
 * | substance use or co-occurring, adults   | H0015 per diem     | 9 h    | the clinic's setting  |
 * | substance use or co-occurring, under 18 | H0015 per diem     | 6 h    | the clinic's setting  |
 * | mental health                           | S9480 per diem     | 9 h    | the clinic's setting  |
 * | any group billed as 90853               | per session        | none   | none                  |
 *
 * Every figure is a setting (Settings → Session rules) and every group's code
 * can be changed on its page; these are the defaults a new clinic starts from.
 */

export type Billing = 'per_diem' | 'per_session'

export interface AttendanceRequirement {
  serviceCode: ServiceCode
  billing: Billing
  /** Countable minutes a day needs to be billed; null where no per-diem rule applies. */
  dailyMinimumMinutes: number | null
  /** Countable hours a week the program requires; null where none does. */
  weeklyHours: number | null
}

/** The code a group is billed under until someone chooses another. */
export function defaultServiceCode(track: Track): ServiceCode {
  return track === 'mental_health' ? 'S9480' : 'H0015'
}

export function billingOf(code: ServiceCode): Billing {
  return code === '90853' ? 'per_session' : 'per_diem'
}

export function attendanceRequirement(
  group: { track: Track; ageGroup: AgeGroup },
  serviceCode: ServiceCode,
  settings: Pick<
    SessionSettings,
    'dailyMinimumMinutes' | 'weeklyHoursRequired' | 'weeklyHoursAdolescent'
  >
): AttendanceRequirement {
  const billing = billingOf(serviceCode)
  if (billing === 'per_session') {
    // Group psychotherapy is billed for each session attended: no day or week to reach.
    return { serviceCode, billing, dailyMinimumMinutes: null, weeklyHours: null }
  }
  return {
    serviceCode,
    billing,
    dailyMinimumMinutes: settings.dailyMinimumMinutes,
    weeklyHours:
      group.ageGroup === 'adolescent'
        ? settings.weeklyHoursAdolescent
        : settings.weeklyHoursRequired
  }
}

/** Whether a present participant's day counts; null where no daily minimum applies. */
export function meetsDailyMinimum(
  requirement: Pick<AttendanceRequirement, 'dailyMinimumMinutes'>,
  countableMinutes: number
): boolean | null {
  if (requirement.dailyMinimumMinutes === null) return null
  return countableMinutes >= requirement.dailyMinimumMinutes
}

/**
 * "Present", "Present, late arrival", "Present, left early" or both: how the
 * summary, the note, the printout and the reports name someone's attendance.
 */
export function attendanceText(
  statusLabel: string,
  figures: { late: boolean; leftEarly: boolean }
): string {
  const flags = [figures.late ? 'late arrival' : null, figures.leftEarly ? 'left early' : null]
  const shown = flags.filter((f): f is string => f !== null)
  return shown.length === 0 ? statusLabel : `${statusLabel}, ${shown.join(' and ')}`
}
