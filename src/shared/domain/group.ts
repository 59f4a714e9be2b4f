import { z } from 'zod'
import { Id, requiredText, TimeOfDay, Timestamp, Track } from './common'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const Weekday = z.enum(WEEKDAYS, { error: 'Choose meeting days from Monday to Sunday' })
export type Weekday = z.infer<typeof Weekday>

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday'
}

export const Admission = z.enum(['open', 'closed'], {
  error: 'Choose open (rolling admission) or closed'
})
export type Admission = z.infer<typeof Admission>

export const ADMISSION_LABELS: Record<Admission, string> = {
  open: 'Open (rolling admission)',
  closed: 'Closed'
}

/**
 * Who the group is for. Adolescent IOP has its own weekly requirement (6 hours
 * at ASAM level 2.1, against 9 for adults).
 */
export const AgeGroup = z.enum(['adult', 'adolescent'], {
  error: 'Choose adults or adolescents'
})
export type AgeGroup = z.infer<typeof AgeGroup>

export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
  adult: 'Adults',
  adolescent: 'Adolescents'
}

/** The default agenda's length: three countable hours and a 15-minute break. */
export const DEFAULT_SESSION_MINUTES = 195
export const DEFAULT_CAPACITY = 12
/** The usual IOP week: three sessions (DOMAIN.md). */
export const DEFAULT_MEETING_DAYS: Weekday[] = ['mon', 'wed', 'thu']

export const GroupInput = z.strictObject({
  name: requiredText('Group name', 80),
  track: Track,
  ageGroup: AgeGroup.default('adult'),
  admission: Admission,
  meetingDays: z
    .array(Weekday, { error: 'Choose the meeting days' })
    .min(1, 'Choose at least one meeting day')
    .max(7, 'A week has seven days')
    .refine((days) => new Set(days).size === days.length, 'Each meeting day once only'),
  startTime: TimeOfDay,
  defaultMinutes: z
    .number({ error: 'Session length must be a number of minutes' })
    .int('Session length must be whole minutes')
    .min(30, 'A session lasts at least 30 minutes')
    .max(600, 'A session lasts at most 600 minutes'),
  capacity: z
    .number({ error: 'Capacity must be a number' })
    .int('Capacity must be a whole number')
    .min(1, 'Capacity is at least 1')
    .max(100, 'Capacity is at most 100'),
  facilitatorIds: z
    .array(Id, { error: 'Choose the facilitators' })
    .min(1, 'Choose at least one facilitator: every group is led by a licensed counselor')
    .max(10, 'Ten facilitators at most')
    .refine((ids) => new Set(ids).size === ids.length, 'Each facilitator once only')
})
export type GroupInput = z.input<typeof GroupInput>

export const Group = z.object({
  id: Id,
  name: z.string(),
  track: Track,
  /** Groups saved before age groups existed are adult groups. */
  ageGroup: AgeGroup.default('adult'),
  admission: Admission,
  meetingDays: z.array(Weekday),
  startTime: TimeOfDay,
  defaultMinutes: z.number().int(),
  capacity: z.number().int(),
  facilitatorIds: z.array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp
})
export type Group = z.infer<typeof Group>
