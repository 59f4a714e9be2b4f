import { z } from 'zod'
import { Id, IsoDate, requiredText, optionalText, Track } from './common'

/**
 * One person from a pasted list or a CSV file, as the preview accepted them:
 * the fields a new participant needs; the rest (goals, nicknames) come later
 * on their own page.
 */
export const BulkPerson = z.strictObject({
  /** The line of the list the person came from, so a refusal can point at it. */
  line: z.number().int().min(1).max(100_000),
  fullName: requiredText('Full name', 120),
  preferredName: optionalText('Preferred name', 60),
  clientId: requiredText('Client ID', 40).regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'Client ID may hold letters, digits and . _ / - only'
  ),
  dateOfBirth: IsoDate,
  admissionDate: IsoDate,
  track: Track
})
export type BulkPerson = z.infer<typeof BulkPerson>

/** At most this many people in one list: a clinic's intake, not a migration. */
export const BULK_ENROL_MAX = 200

export const BulkEnrolInput = z.strictObject({
  groupId: Id,
  joinDate: IsoDate,
  people: z
    .array(BulkPerson, { error: 'The list must be a list of people' })
    .min(1, 'The list has nobody to enrol')
    .max(BULK_ENROL_MAX, `${BULK_ENROL_MAX} people at most in one list`)
})
export type BulkEnrolInput = z.input<typeof BulkEnrolInput>

export const BulkEnrolResult = z.object({
  enrolled: z.array(z.object({ line: z.number().int(), participantId: Id, clientId: z.string() })),
  /** People the records refused after the preview (someone else added them meanwhile). */
  skipped: z.array(z.object({ line: z.number().int(), clientId: z.string(), message: z.string() }))
})
export type BulkEnrolResult = z.infer<typeof BulkEnrolResult>
