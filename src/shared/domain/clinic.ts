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

export const ClinicInput = z.strictObject({
  name: requiredText('Clinic name', 120),
  timeZone: TimeZone
})
export type ClinicInput = z.input<typeof ClinicInput>

export const Clinic = z.object({
  name: z.string(),
  timeZone: z.string(),
  createdAt: Timestamp
})
export type Clinic = z.infer<typeof Clinic>
