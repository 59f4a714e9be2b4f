import { z } from 'zod'
import { Id, Timestamp } from './common'

/**
 * Progress notes: one per participant per session, written after the group
 * from what the session recorded, signed, then locked. A shared group part
 * (the same for everyone) and an individual part in the program's format.
 * They live in the session's own file, so saving a draft never touches any
 * other session.
 */

export const NOTE_FORMATS = ['DAP', 'BIRP', 'GIRP', 'SOAP'] as const
export const NoteFormat = z.enum(NOTE_FORMATS, { error: 'Choose DAP, BIRP, GIRP or SOAP' })
export type NoteFormat = z.infer<typeof NoteFormat>

/** The individual part's sections, in order, with the labels clinicians know. */
export const NOTE_SECTIONS: Record<NoteFormat, ReadonlyArray<{ key: string; label: string }>> = {
  DAP: [
    { key: 'data', label: 'Data' },
    { key: 'assessment', label: 'Assessment' },
    { key: 'plan', label: 'Plan' }
  ],
  BIRP: [
    { key: 'behavior', label: 'Behavior' },
    { key: 'intervention', label: 'Intervention' },
    { key: 'response', label: 'Response' },
    { key: 'plan', label: 'Plan' }
  ],
  GIRP: [
    { key: 'goal', label: 'Goal' },
    { key: 'intervention', label: 'Intervention' },
    { key: 'response', label: 'Response' },
    { key: 'plan', label: 'Plan' }
  ],
  SOAP: [
    { key: 'subjective', label: 'Subjective' },
    { key: 'objective', label: 'Objective' },
    { key: 'assessment', label: 'Assessment' },
    { key: 'plan', label: 'Plan' }
  ]
}

/** Every section key any format uses; a note keeps only its own format's keys. */
export const SECTION_KEYS = [
  ...new Set(Object.values(NOTE_SECTIONS).flatMap((sections) => sections.map((s) => s.key)))
] as [string, ...string[]]
const SectionKey = z.enum(SECTION_KEYS, { error: 'That is not a section of a progress note' })

export const RiskLevel = z.enum(['none', 'low', 'moderate', 'high'], {
  error: 'Choose the risk: none, low, moderate or high'
})
export type RiskLevel = z.infer<typeof RiskLevel>

export const RISK_LABELS: Record<RiskLevel, string> = {
  none: 'None identified',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High'
}

/** A note's risk level as printed; a draft's may not be chosen yet. */
export function riskLabel(risk: RiskLevel | null): string {
  return risk === null ? 'Not assessed yet' : RISK_LABELS[risk]
}

const NoteText = z
  .string({ error: 'Must be text' })
  .max(8_000, 'Too long (8,000 characters at most)')

export const GoalProgress = z.strictObject({
  goalId: Id,
  addressed: z.boolean(),
  progress: NoteText
})
export type GoalProgress = z.infer<typeof GoalProgress>

/**
 * Words the counselor marked "not a name" in one note (or in the group part):
 * the name check passes over them there, and the signed note keeps the list.
 */
const NotNames = z
  .array(z.string().trim().min(1).max(60, 'A word marked "not a name" is 60 characters at most'))
  .max(40, 'At most 40 words can be marked "not a name" in one note')
  .optional()

/** What the counselor writes for one participant; every field may be empty while a draft. */
export const NoteBody = z.strictObject({
  sections: z.partialRecord(SectionKey, NoteText),
  goals: z.array(GoalProgress).max(12),
  /** Empty until the counselor assesses it: risk is never assumed. */
  risk: RiskLevel.nullable(),
  riskText: NoteText,
  followUp: NoteText,
  notNames: NotNames
})
export type NoteBody = z.infer<typeof NoteBody>

/** The shared group part, the same in every participant's note of the session. */
export const GroupPart = z.strictObject({
  topics: NoteText,
  interventions: NoteText,
  dynamics: NoteText,
  notNames: NotNames
})
export type GroupPart = z.infer<typeof GroupPart>

export const Signature = z.object({
  staffId: Id,
  name: z.string(),
  credentials: z.string(),
  at: Timestamp
})
export type Signature = z.infer<typeof Signature>

export const Addendum = z.object({
  id: Id,
  text: z.string(),
  signature: Signature
})
export type Addendum = z.infer<typeof Addendum>

/** A pre-sign check the counselor chose to override, kept with the note. */
export const CheckOverride = z.object({
  check: z.string(),
  message: z.string(),
  at: Timestamp,
  staffId: Id
})

export const NoteState = z.enum(['draft', 'awaiting_cosignature', 'signed'])
export type NoteState = z.infer<typeof NoteState>

export const ProgressNote = z.object({
  id: Id,
  participantId: Id,
  format: NoteFormat,
  body: NoteBody,
  state: NoteState,
  /** Bumped at every save; a save from an older revision is refused, never silently applied. */
  revision: z.number().int().min(0),
  authorId: Id,
  signature: Signature.nullable(),
  cosignature: Signature.nullable(),
  lateEntry: z.boolean(),
  overrides: z.array(CheckOverride),
  addenda: z.array(Addendum),
  createdAt: Timestamp,
  updatedAt: Timestamp
})
export type ProgressNote = z.infer<typeof ProgressNote>

export function emptyBody(format: NoteFormat): NoteBody {
  return {
    sections: Object.fromEntries(NOTE_SECTIONS[format].map((s) => [s.key, ''])),
    goals: [],
    risk: null,
    riskText: '',
    followUp: '',
    notNames: []
  }
}
