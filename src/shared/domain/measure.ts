import { z } from 'zod'
import { Id, IsoDate, Timestamp, Track } from './common'

/**
 * Brief measures taken in groups: a participant answers an instrument item by
 * item, and the program works out the total and band (never typed by hand).
 * The instruments themselves, in their own words, are in
 * `src/shared/measures/instruments.ts`.
 */

/** The measures offered today: recorded, scheduled and charted. */
export const MEASURE_IDS = ['phq9', 'gad7', 'craving'] as const
export const MeasureId = z.enum(MEASURE_IDS, {
  error: 'Choose a measure: PHQ-9, GAD-7 or craving rating'
})
export type MeasureId = z.infer<typeof MeasureId>

/**
 * Measures no longer offered whose earlier results stay readable: the Penn
 * Alcohol Craving Scale was withdrawn because its wording could not be
 * checked against the published scale (see `instruments.ts`).
 */
export const RETIRED_MEASURE_IDS = ['pacs'] as const
/** Any measure a stored entry may hold: the offered ones and those recorded before a withdrawal. */
export const RecordedMeasureId = z.enum([...MEASURE_IDS, ...RETIRED_MEASURE_IDS], {
  error: 'That is not a measure this program knows'
})
export type RecordedMeasureId = z.infer<typeof RecordedMeasureId>

/** The PHQ-9's unscored question on how much the problems got in the way: 0 to 3. */
const Difficulty = z
  .number({ error: 'The difficulty answer must be a number' })
  .int('The difficulty answer must be a whole number')
  .min(0, 'The difficulty answer is 0 to 3')
  .max(3, 'The difficulty answer is 0 to 3')

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
  takenOn: IsoDate,
  /** PHQ-9 only: the answer to the difficulty question, recorded but never scored; null when not answered. */
  difficulty: Difficulty.nullable().default(null)
})
export type MeasureInput = z.infer<typeof MeasureInput>

/** The same-day safety follow-up of a flagged answer, once a counselor records it done. */
export const MeasureFollowUp = z.object({
  doneBy: Id,
  doneAt: Timestamp,
  note: z.string().max(500, 'At most 500 characters'),
  /** The private follow-up's steps the counselor ticked (ids from `ITEM9_FOLLOW_UP`). */
  steps: z.array(z.string().max(40)).max(20).default([])
})
export type MeasureFollowUp = z.infer<typeof MeasureFollowUp>

/** A measure as stored: the answers with the total and band worked out from them. */
export const MeasureEntry = z.object({
  id: Id,
  participantId: Id,
  measureId: RecordedMeasureId,
  answers: Answers,
  takenOn: IsoDate,
  /** PHQ-9's difficulty question (0 to 3), unscored; null when not asked or not answered. */
  difficulty: Difficulty.nullable().default(null),
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

/** Which measures fall due for the participants of one track. */
export const TrackMeasureSchedules = z.strictObject({
  track: Track,
  schedules: z
    .array(MeasureSchedule, { error: 'The schedules must be a list' })
    .max(MEASURE_IDS.length, 'One schedule per measure')
    .refine(
      (list) => new Set(list.map((s) => s.measureId)).size === list.length,
      'Each measure can have one schedule'
    )
})
export type TrackMeasureSchedules = z.infer<typeof TrackMeasureSchedules>

/**
 * A new clinic's schedules, per track; an administrator can change each in
 * Settings. The craving rating asks about substance use, so it is not given
 * in a mental-health track by default.
 */
export const DEFAULT_MEASURE_SCHEDULES: Readonly<Record<Track, ReadonlyArray<MeasureSchedule>>> = {
  substance_use: [
    { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
    { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
    { measureId: 'craving', atAdmission: true, everyWeeks: 1 }
  ],
  co_occurring: [
    { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
    { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
    { measureId: 'craving', atAdmission: true, everyWeeks: 1 }
  ],
  mental_health: [
    { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
    { measureId: 'gad7', atAdmission: true, everyWeeks: 4 }
  ]
}

/** Every track with its default schedules, as a new registry holds them. */
export function defaultTrackSchedules(): TrackMeasureSchedules[] {
  return Track.options.map((track) => ({
    track,
    schedules: DEFAULT_MEASURE_SCHEDULES[track].map((s) => ({ ...s }))
  }))
}

/** The schedules of one track: the clinic's own, or the defaults when it has none for that track. */
export function schedulesForTrack(
  stored: ReadonlyArray<TrackMeasureSchedules>,
  track: Track
): MeasureSchedule[] {
  const own = stored.find((s) => s.track === track)
  return (own ? own.schedules : DEFAULT_MEASURE_SCHEDULES[track]).map((s) => ({ ...s }))
}

/** The one schedule every participant had before schedules were set per track. */
const SINGLE_SCHEDULE_DEFAULT = [
  { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
  { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
  { measureId: 'craving', atAdmission: true, everyWeeks: 1 },
  { measureId: 'pacs', atAdmission: true, everyWeeks: 4 }
]

const isRetired = (s: unknown) =>
  typeof s === 'object' &&
  s !== null &&
  (RETIRED_MEASURE_IDS as readonly unknown[]).includes((s as { measureId?: unknown }).measureId)

/**
 * The schedules as stored, read from any earlier file: one list for every
 * participant (before schedules were set per track) becomes the same list for
 * each track — or each track's defaults, when the clinic had never changed the
 * old default — and a withdrawn measure is dropped from any schedule.
 */
export const StoredMeasureSchedules = z.preprocess((raw) => {
  if (!Array.isArray(raw)) return raw
  const legacy = raw.length > 0 && raw.every((s) => typeof s === 'object' && s && 'measureId' in s)
  if (legacy) {
    if (JSON.stringify(raw) === JSON.stringify(SINGLE_SCHEDULE_DEFAULT)) {
      return defaultTrackSchedules()
    }
    const kept = raw.filter((s) => !isRetired(s))
    return Track.options.map((track) => ({ track, schedules: kept }))
  }
  return raw.map((entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    Array.isArray((entry as { schedules?: unknown }).schedules)
      ? {
          ...entry,
          schedules: (entry as { schedules: unknown[] }).schedules.filter((s) => !isRetired(s))
        }
      : entry
  )
}, z.array(TrackMeasureSchedules))
