import { z } from 'zod'

export const Id = z.string().min(1).max(64)

/** Calendar date as the clinic writes it: YYYY-MM-DD, no time zone. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14')
  .refine((value) => isRealDate(value), 'That date does not exist')

/** Wall-clock time of day, 24-hour: HH:MM. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 17:30')

export const Timestamp = z.iso.datetime()

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Required single-line text with a plain-words message for each limit. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}`)
    .max(max, `${label} is too long (${max} characters at most)`)
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} is too long (${max} characters at most)`)
}

export const Track = z.enum(['substance_use', 'mental_health', 'co_occurring'], {
  error: 'Choose a track: substance use, mental health or co-occurring'
})
export type Track = z.infer<typeof Track>

export const TRACK_LABELS: Record<Track, string> = {
  substance_use: 'Substance use',
  mental_health: 'Mental health',
  co_occurring: 'Co-occurring'
}
