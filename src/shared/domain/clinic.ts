import { z } from 'zod'
import { requiredText, Timestamp } from './common'

export const TimeZone = z
  .string()
  .min(1, 'Choose a time zone')
  .max(64, 'Time zone is too long')
  .refine((zone) => isKnownTimeZone(zone), 'Choose a time zone from the list')

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const TimeFormat = z.enum(['24h', '12h'], { error: 'Choose 24-hour or 12-hour time' })

export const ClinicInput = z.strictObject({
  name: requiredText('Clinic name', 120),
  timeZone: TimeZone,
  /** How every screen and printout writes a time of day. */
  timeFormat: TimeFormat.default('24h')
})
export type ClinicInput = z.input<typeof ClinicInput>

export const Clinic = z.object({
  name: z.string(),
  timeZone: z.string(),
  /** Absent in clinics set up before the setting existed: those write 24-hour times. */
  timeFormat: TimeFormat.optional(),
  createdAt: Timestamp
})
export type Clinic = z.infer<typeof Clinic>
