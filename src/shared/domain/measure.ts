import { z } from 'zod'
import { Id, IsoDate, Timestamp } from './common'

/**
 * Brief measures taken in groups: a participant answers an instrument item by
 * item, and the program works out the total and band (never typed by hand).
 * The instruments themselves, in their own words, are in
 * `src/shared/measures/instruments.ts`.
 */

export const MEASURE_IDS = ['phq9', 'gad7', 'craving', 'pacs'] as const
export const MeasureId = z.enum(MEASURE_IDS, {
  error: 'Choose a measure: PHQ-9, GAD-7, craving rating or Penn Alcohol Craving Scale'
})
export type MeasureId = z.infer<typeof MeasureId>

/**
 * The widest shape any instrument's answers take (1 to 9 answers, each 0 to
 * 10). Whether the count and each answer fit the chosen instrument is checked
 * when it is scored.
 */
const Answers = z
  .array(
    z
      .number({ error: 'Each answer must be a number' })
      .int('Each answer must be a whole number')
      .min(0, 'An answer cannot be below 0')
      .max(10, 'An answer cannot be above 10'),
    { error: 'The answers must be a list of numbers' }
  )
  .min(1, 'Answer at least one item')
  .max(9, 'No measure here has more than 9 items')

/** What a counselor records: the answers, never the score. */
export const MeasureInput = z.strictObject({
  participantId: Id,
  measureId: MeasureId,
  answers: Answers,
  takenOn: IsoDate
})
export type MeasureInput = z.infer<typeof MeasureInput>

/** The same-day safety follow-up of a flagged answer, once a counselor records it done. */
export const MeasureFollowUp = z.object({
  doneBy: Id,
  doneAt: Timestamp,
  note: z.string().max(500, 'At most 500 characters')
})
export type MeasureFollowUp = z.infer<typeof MeasureFollowUp>

/** A measure as stored: the answers with the total and band worked out from them. */
export const MeasureEntry = z.object({
  id: Id,
  participantId: Id,
  measureId: MeasureId,
  answers: Answers,
  takenOn: IsoDate,
  total: z.number().int().min(0),
  /** The band's key; null for an instrument without published bands (the PACS). */
  band: z.string().nullable(),
  /** The staff member who recorded it. */
  recordedBy: Id,
  recordedAt: Timestamp,
  /** PHQ-9 item 9 above zero: the participant needs a safety follow-up the same day. */
  selfHarmFlag: z.boolean(),
  followUp: MeasureFollowUp.nullable()
})
export type MeasureEntry = z.infer<typeof MeasureEntry>

/** When a measure falls due: at admission, and/or every so many weeks. */
export const MeasureSchedule = z.strictObject({
  measureId: MeasureId,
  atAdmission: z.boolean({ error: 'Say whether it is given at admission' }),
  everyWeeks: z
    .number({ error: 'Give the number of weeks' })
    .int('Use a whole number of weeks')
    .min(1, 'At least every week')
    .max(52, 'At most every 52 weeks')
    .nullable()
})
export type MeasureSchedule = z.infer<typeof MeasureSchedule>

/** A new clinic's schedule; an administrator can change it in Settings. */
export const DEFAULT_MEASURE_SCHEDULES: ReadonlyArray<MeasureSchedule> = [
  { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
  { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
  { measureId: 'craving', atAdmission: true, everyWeeks: 1 },
  { measureId: 'pacs', atAdmission: true, everyWeeks: 4 }
]
