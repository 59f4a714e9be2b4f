import { z } from 'zod'
import { Id, optionalText } from './common'

/**
 * Check-in and check-out rounds: each person present takes a turn, a pass
 * allowed, and the facilitator records their answers to the round's prompts.
 * The prompts' wording is in `src/shared/session/round-prompts.ts`.
 */

/** The segments that are rounds. */
export const ROUND_KINDS = ['check_in', 'check_out'] as const
export type RoundKind = (typeof ROUND_KINDS)[number]

export function isRoundKind(kind: string): kind is RoundKind {
  return (ROUND_KINDS as readonly string[]).includes(kind)
}

/** A round has at most as many turns as a session has people on its list. */
export const MAX_ROUND_PEOPLE = 60

const Rating = z
  .number({ error: 'A rating is a number from 0 to 10' })
  .int('A rating is a whole number from 0 to 10')
  .min(0, 'A rating is a number from 0 to 10')
  .max(10, 'A rating is a number from 0 to 10')

export const HomeworkStatus = z.enum(['done', 'partly', 'not_done', 'none_set'], {
  error: 'Choose done, partly, not done or none set'
})
export type HomeworkStatus = z.infer<typeof HomeworkStatus>

/**
 * One person's answers in one round. Every answer may be left blank (null or
 * empty): people share what they choose to share.
 */
export const RoundAnswers = z.strictObject({
  /** Check-in: mood, 0 (very low) to 10 (very good). */
  mood: Rating.nullable(),
  /** Check-in: strength of cravings, 0 (none) to 10 (the strongest). */
  craving: Rating.nullable(),
  /** Check-in: any use since the last group. */
  usedSinceLastGroup: z.boolean({ error: 'Answer yes or no' }).nullable(),
  /** Both rounds: any thoughts of harming themselves or someone else. */
  safetyConcern: z.boolean({ error: 'Answer yes or no' }).nullable(),
  /** Check-in: the practice assignment from last time. */
  homework: HomeworkStatus.nullable(),
  /** Check-out: one thing they take away. */
  takeAway: optionalText('Take-away', 200),
  /** Check-out: what they commit to until the next group. */
  commitment: optionalText('Commitment', 200)
})
export type RoundAnswers = z.infer<typeof RoundAnswers>

export const EMPTY_ROUND_ANSWERS: RoundAnswers = {
  mood: null,
  craving: null,
  usedSinceLastGroup: null,
  safetyConcern: null,
  homework: null,
  takeAway: '',
  commitment: ''
}

/** What a facilitator can do in a round; `segmentId` is the round's segment. */
export const RoundAction = z.discriminatedUnion(
  'type',
  [
    /** Give this person the floor (ending the current turn, if any). */
    z.strictObject({ type: z.literal('call'), segmentId: Id, participantId: Id }),
    /** The current turn ends; the next person in order who has not spoken is called. */
    z.strictObject({ type: z.literal('next'), segmentId: Id }),
    /** The current speaker passes; the next person is called. */
    z.strictObject({ type: z.literal('pass'), segmentId: Id }),
    /** The current turn ends and nobody else is called. */
    z.strictObject({ type: z.literal('finish'), segmentId: Id }),
    /** The order in which people are called. */
    z.strictObject({
      type: z.literal('order'),
      segmentId: Id,
      order: z.array(Id).max(MAX_ROUND_PEOPLE, 'Too many people for one round')
    }),
    /** Records (or corrects) one person's answers. */
    z.strictObject({
      type: z.literal('answer'),
      segmentId: Id,
      participantId: Id,
      answers: RoundAnswers
    })
  ],
  { error: 'That is not something a round can do' }
)
export type RoundAction = z.infer<typeof RoundAction>
