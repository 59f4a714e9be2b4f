import type { HomeworkStatus, RoundAnswers, RoundKind } from '../domain/rounds'

/**
 * The rounds' wording, for a clinician to review: what the projector asks
 * the room, what the facilitator's form calls each answer, and the sentence a
 * person's answers become in their note. Written for this project.
 */

export interface RoundPrompts {
  /** The round's name on the projector and the facilitator's screen. */
  title: string
  /** The questions shown to the room: no name, no answer, ever. */
  questions: readonly string[]
  /** A line under the questions. */
  footer: string
}

export const ROUND_PROMPTS: Record<RoundKind, RoundPrompts> = {
  check_in: {
    title: 'Check-in',
    questions: [
      'Your mood today, from 0 to 10',
      'Your cravings, from 0 (none) to 10 (the strongest)',
      'Any use since the last group?',
      'Any thoughts of harming yourself or someone else?',
      'How did last time’s practice go?'
    ],
    footer: 'Share what you are ready to share. You may pass.'
  },
  check_out: {
    title: 'Check-out',
    questions: [
      'One thing you take away from today',
      'One thing you will do before the next group',
      'Are you leaving safe today?'
    ],
    footer: 'A few words each; you may pass. What is said here stays here.'
  }
}

/** The answers each round asks for, in the order the facilitator's form shows them. */
export const ROUND_FIELDS: Record<RoundKind, ReadonlyArray<keyof RoundAnswers>> = {
  check_in: ['mood', 'craving', 'usedSinceLastGroup', 'safetyConcern', 'homework'],
  check_out: ['takeAway', 'commitment', 'safetyConcern']
}

export const ANSWER_LABELS: Record<keyof RoundAnswers, string> = {
  mood: 'Mood (0–10)',
  craving: 'Cravings (0–10)',
  usedSinceLastGroup: 'Use since last group',
  safetyConcern: 'Safety concern',
  homework: 'Practice assignment',
  takeAway: 'Take-away',
  commitment: 'Commitment until next time'
}

export const HOMEWORK_LABELS: Record<HomeworkStatus, string> = {
  done: 'Done',
  partly: 'Partly',
  not_done: 'Not done',
  none_set: 'None set'
}

const HOMEWORK_SENTENCE: Record<HomeworkStatus, string> = {
  done: 'practice assignment done',
  partly: 'practice assignment partly done',
  not_done: 'practice assignment not done',
  none_set: 'no practice assignment was set'
}

/** Why a person's answers are flagged for a private follow-up. */
export const FLAG_TEXT = {
  craving: (rating: number) => `Cravings ${rating} of 10: check in privately after the round.`,
  safety: 'Safety concern: speak with them privately, not in the group.'
} as const

/**
 * A person's turn in a round as one plain sentence for their note:
 * "Check-in: mood 6 of 10; cravings 3 of 10; no use reported since the last group; …".
 */
export function roundSentence(
  kind: RoundKind,
  turn: { passed: boolean; answers: RoundAnswers | null }
): string {
  const title = ROUND_PROMPTS[kind].title
  const a = turn.answers
  const parts: string[] = []
  if (a) {
    if (kind === 'check_in') {
      if (a.mood !== null) parts.push(`mood ${a.mood} of 10`)
      if (a.craving !== null) parts.push(`cravings ${a.craving} of 10`)
      if (a.usedSinceLastGroup !== null) {
        parts.push(
          a.usedSinceLastGroup
            ? 'reported use since the last group'
            : 'no use reported since the last group'
        )
      }
    } else {
      if (a.takeAway) parts.push(`take-away: “${a.takeAway}”`)
      if (a.commitment) parts.push(`commitment until next time: “${a.commitment}”`)
    }
    if (a.safetyConcern !== null) {
      parts.push(a.safetyConcern ? 'raised a safety concern' : 'no safety concern reported')
    }
    if (kind === 'check_in' && a.homework !== null) parts.push(HOMEWORK_SENTENCE[a.homework])
  }
  if (parts.length === 0) return `${title}: ${turn.passed ? 'passed' : 'no answers recorded'}.`
  return `${title}${turn.passed ? ' (passed on sharing)' : ''}: ${parts.join('; ')}.`
}
