import { z } from 'zod'
import { TEXT_LIMITS } from '../rules/limits'
import { ExportPolicy } from './exports'
import { Id, IsoDate, optionalText, requiredText, Timestamp } from './common'
import { GroupPart, NoteFormat, ProgressNote } from './note'
import { MAX_ROUND_PEOPLE, RoundAnswers } from './rounds'
import { RiskLevel, SafetyProtocolKind } from './protocol'

export { RiskLevel, SafetyProtocolKind }

/**
 * A session: one meeting of a group. Its plan (the agenda), then an
 * append-only log of what happened, with wall-clock times. Every figure the
 * app shows (countdowns, phases, minutes per segment) is computed from the log
 * and the current time by the pure functions in `src/shared/session`.
 */

export const SEGMENT_KINDS = [
  'arrival',
  'check_in',
  'educational',
  'break',
  'skills',
  'discussion',
  'check_out',
  'other'
] as const
export const SegmentKind = z.enum(SEGMENT_KINDS, { error: 'Choose what kind of segment this is' })
export type SegmentKind = z.infer<typeof SegmentKind>

export const SEGMENT_KIND_LABELS: Record<SegmentKind, string> = {
  arrival: 'Arrival and sign-in',
  check_in: 'Check-in round',
  educational: 'Educational segment',
  break: 'Break',
  skills: 'Skills training',
  discussion: 'Open discussion',
  check_out: 'Check-out',
  other: 'Other'
}

/** The segments that show a curriculum module's slides. */
export function takesModule(kind: SegmentKind): boolean {
  return kind === 'educational' || kind === 'skills'
}

export const MAX_SEGMENTS = 16

export const SegmentInput = z.strictObject({
  id: Id,
  kind: SegmentKind,
  title: requiredText('Segment title', 80),
  plannedMinutes: z
    .number({ error: 'Planned minutes must be a number' })
    .int('Planned minutes must be whole minutes')
    .min(1, 'A segment lasts at least 1 minute')
    .max(240, 'A segment lasts at most 240 minutes'),
  /** Whether the segment's minutes count toward billable (countable) time. Breaks do not. */
  countable: z.boolean({ error: 'Say whether the minutes count' }),
  moduleId: Id.nullable()
})
export type SegmentInput = z.input<typeof SegmentInput>

export const Agenda = z
  .array(SegmentInput, { error: 'The agenda is a list of segments' })
  .min(1, 'The agenda needs at least one segment')
  .max(MAX_SEGMENTS, `The agenda has at most ${MAX_SEGMENTS} segments`)
  .refine(
    (segments) => new Set(segments.map((s) => s.id)).size === segments.length,
    'Each segment appears once only'
  )
export type Agenda = z.infer<typeof Agenda>

/** A module's slides as they were when the session was planned, so later edits never rewrite history. */
export const ModuleSnapshot = z.object({
  moduleId: Id,
  version: z.number().int(),
  title: z.string(),
  slides: z.array(
    z.object({
      title: z.string(),
      body: z.string(),
      notes: z.string(),
      minutes: z.number().nullable()
    })
  )
})
export type ModuleSnapshot = z.infer<typeof ModuleSnapshot>

export const Segment = SegmentInput.extend({ module: ModuleSnapshot.nullable() })
export type Segment = z.infer<typeof Segment>

export const SessionPlanInput = z.strictObject({
  groupId: Id,
  date: IsoDate,
  facilitatorIds: z
    .array(Id, { error: 'Choose the facilitators' })
    .min(1, 'Choose at least one facilitator')
    .max(10, 'Ten facilitators at most'),
  segments: Agenda,
  /** The cancelled session this one makes up for. */
  makeUpFor: Id.nullable().optional()
})
export type SessionPlanInput = z.input<typeof SessionPlanInput>

// ---- The event log ------------------------------------------------------

const at = Timestamp

export const SessionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), at }),
  z.object({ type: z.literal('paused'), at }),
  z.object({ type: z.literal('resumed'), at }),
  /** +1/−1 minute (or any whole-second change) to one segment's budget. */
  z.object({ type: z.literal('time_adjusted'), at, segmentId: Id, deltaMs: z.number().int() }),
  /** The facilitator moved to another segment (next, previous, or a chosen one). */
  z.object({ type: z.literal('segment_changed'), at, segmentId: Id }),
  z.object({ type: z.literal('segment_skipped'), at, segmentId: Id, skipped: z.boolean() }),
  /** The new order of the whole agenda; only segments still to come may move. */
  z.object({ type: z.literal('agenda_reordered'), at, order: z.array(Id) }),
  /** An accepted rebalancing proposal: minutes taken from the segments still to come. */
  z.object({
    type: z.literal('rebalanced'),
    at,
    changes: z.array(z.object({ segmentId: Id, deltaMs: z.number().int() }))
  }),
  /** The facilitator dismissed a proposal; it comes back only if the overrun grows. */
  z.object({ type: z.literal('rebalance_declined'), at, overrunMs: z.number().int() }),
  z.object({
    type: z.literal('slide_shown'),
    at,
    segmentId: Id,
    slideIndex: z.number().int().min(0)
  }),
  z.object({ type: z.literal('projector_mode'), at, mode: z.enum(['follow', 'timer', 'blank']) }),
  /**
   * The computer's clock moved by `byMs` without that much time passing
   * (a manual change, a bad sync). Detected by comparing the wall clock with a
   * monotonic one; timers keep to the real elapsed time and the jump is reported.
   */
  z.object({ type: z.literal('clock_jumped'), at, byMs: z.number().int() }),
  /** The app was opened again while the session was running; `closedMs` is how long it had been away. */
  z.object({ type: z.literal('reopened'), at, closedMs: z.number().int().min(0) }),
  z.object({ type: z.literal('ended'), at }),
  /** The group agreements put up on the projector or taken down (they are up from the start). */
  z.object({ type: z.literal('agreements_shown'), at, shown: z.boolean() }),
  /** The order in which a round calls people (see `src/shared/session/rounds.ts`). */
  z.object({
    type: z.literal('round_order'),
    at,
    segmentId: Id,
    order: z.array(Id).max(MAX_ROUND_PEOPLE)
  }),
  /**
   * A person's turn in a round begins (ending any other). `peopleLeft`, this
   * one included, is what the turn's share of the round's time is cut by.
   */
  z.object({
    type: z.literal('turn_started'),
    at,
    segmentId: Id,
    participantId: Id,
    peopleLeft: z.number().int().min(1)
  }),
  z.object({
    type: z.literal('turn_ended'),
    at,
    segmentId: Id,
    participantId: Id,
    passed: z.boolean()
  }),
  /** A person's answers in a round; the latest for a person and round is the one that counts. */
  z.object({
    type: z.literal('round_answered'),
    at,
    segmentId: Id,
    participantId: Id,
    answers: RoundAnswers
  })
])
export type SessionEvent = z.infer<typeof SessionEvent>
export type SessionEventType = SessionEvent['type']

export const ProjectorMode = z.enum(['follow', 'timer', 'blank'])
export type ProjectorMode = z.infer<typeof ProjectorMode>

// ---- Attendance ---------------------------------------------------------

export const AttendanceStatus = z.enum(
  ['unmarked', 'present', 'absent_excused', 'absent_unexcused'],
  { error: 'Choose present, absent (excused) or absent (unexcused)' }
)
export type AttendanceStatus = z.infer<typeof AttendanceStatus>

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  unmarked: 'Not marked yet',
  present: 'Present',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)'
}

export const AttendanceRecord = z.object({
  participantId: Id,
  status: AttendanceStatus,
  /** When they arrived; late arrival is read from this against the session's start. */
  timeIn: Timestamp.nullable(),
  /** When they left; before the session's end means they left early. */
  timeOut: Timestamp.nullable(),
  /** Not on the group's roster when the session began. */
  walkIn: z.boolean(),
  updatedAt: Timestamp
})
export type AttendanceRecord = z.infer<typeof AttendanceRecord>

// ---- Observations and safety ------------------------------------------

export const OBSERVATION_TAGS = [
  'shared_in_check_in',
  'practised_skill',
  'supported_peer',
  'withdrawn',
  'disruptive',
  'arrived_impaired',
  'safety_concern'
] as const
export const ObservationTag = z.enum(OBSERVATION_TAGS, { error: 'Choose an observation' })
export type ObservationTag = z.infer<typeof ObservationTag>

export const OBSERVATION_TAG_LABELS: Record<ObservationTag, string> = {
  shared_in_check_in: 'Shared in check-in',
  practised_skill: 'Practised the skill',
  supported_peer: 'Supported a peer',
  withdrawn: 'Withdrawn',
  disruptive: 'Disruptive',
  arrived_impaired: 'Arrived impaired',
  safety_concern: 'Safety concern'
}

export const Observation = z.object({
  id: Id,
  participantId: Id,
  at: Timestamp,
  tag: ObservationTag.nullable(),
  text: z.string(),
  byStaffId: Id
})
export type Observation = z.infer<typeof Observation>

export const ObservationInput = z
  .strictObject({
    tag: ObservationTag.nullable(),
    text: optionalText('Observation', TEXT_LIMITS.observation)
  })
  .refine((o) => o.tag !== null || o.text.length > 0, 'Choose an observation or write a line')

export const SafetyChecklist = z.object({
  id: Id,
  participantId: Id,
  protocol: SafetyProtocolKind,
  openedAt: Timestamp,
  /** Step id → when it was ticked. */
  done: z.record(z.string(), Timestamp),
  needsFollowUp: z.boolean(),
  riskLevel: RiskLevel.nullable().default(null),
  /** What the facilitator recorded: what was said, what was done. */
  record: z.string().default(''),
  /** Finished: the follow-up it raised is tracked on Home until closed. */
  finishedAt: Timestamp.nullable().default(null),
  followUpId: Id.nullable().default(null)
})
export type SafetyChecklist = z.infer<typeof SafetyChecklist>

// ---- Cancellation ------------------------------------------------------

export const CANCEL_REASONS = [
  'weather',
  'staff_illness',
  'holiday',
  'building',
  'too_few',
  'other'
] as const
export const CancelReason = z.enum(CANCEL_REASONS, { error: 'Choose why the session is cancelled' })
export type CancelReason = z.infer<typeof CancelReason>

export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  weather: 'Weather',
  staff_illness: 'Staff illness',
  holiday: 'Holiday or clinic closure',
  building: 'Building or power problem',
  too_few: 'Too few participants',
  other: 'Other'
}

export const Cancellation = z.object({
  at: Timestamp,
  byStaffId: Id,
  reason: CancelReason,
  detail: z.string()
})
export type Cancellation = z.infer<typeof Cancellation>

export const CancelInput = z.strictObject({
  sessionId: Id,
  reason: CancelReason,
  detail: optionalText('Detail', 200)
})

// ---- The whole session --------------------------------------------------

export const SessionStatus = z.enum(['planned', 'running', 'ended', 'cancelled'])
export type SessionStatus = z.infer<typeof SessionStatus>

export const SessionRecord = z.object({
  id: Id,
  groupId: Id,
  date: IsoDate,
  facilitatorIds: z.array(Id),
  segments: z.array(Segment),
  events: z.array(SessionEvent),
  attendance: z.array(AttendanceRecord),
  observations: z.array(Observation),
  safety: z.array(SafetyChecklist),
  /** Written every few seconds while running, so a reopening can say how long the app was away. */
  lastSeenAt: Timestamp.nullable(),
  /** The shared group part of the notes; null until first saved. */
  groupPart: GroupPart.nullable().default(null),
  /** One progress note per participant, written after the session. */
  notes: z.array(ProgressNote).default([]),
  /** Absent in files written before sessions could be cancelled. */
  cancellation: Cancellation.nullable().optional(),
  /** The cancelled session this one makes up for. */
  makeUpFor: Id.nullable().optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp
})
export type SessionRecord = z.infer<typeof SessionRecord>

/**
 * What each person on an ended session's list counted for, as the attendance report shows it:
 * whole countable minutes (null when not present), and who arrived late or left early.
 * `rules` names the attendance rules the figures were worked out under.
 */
export const SessionFigures = z.object({
  rules: z.string(),
  minutes: z.record(z.string(), z.number().int().nonnegative().nullable()),
  /** Kept only when someone did: five years of lines stay small. */
  late: z.array(Id).optional(),
  leftEarly: z.array(Id).optional()
})
export type SessionFigures = z.infer<typeof SessionFigures>

/** What the registry keeps about each session, so lists never open every session file. */
export const SessionIndexEntry = z.object({
  id: Id,
  groupId: Id,
  date: IsoDate,
  status: SessionStatus,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  /** The modules whose segments ran. */
  moduleIds: z.array(Id).default([]),
  /**
   * Once ended: participant id → the modules they were present for (curriculum coverage), kept
   * only for those whose modules differ from `moduleIds`: everyone else who was present covered
   * every module that ran (see `coveredIn`).
   */
  coverage: z.record(z.string(), z.array(Id)).default({}),
  /** Participant id → their note's state, so the notes owed are listed without opening every file. */
  noteStates: z.record(z.string(), z.enum(['draft', 'awaiting_cosignature', 'signed'])).default({}),
  /** Who must write notes: present participants once the session has ended. */
  notesExpected: z.array(Id).default([]),
  /** Why it was cancelled; null unless cancelled. */
  cancelReason: CancelReason.nullable().optional(),
  makeUpFor: Id.nullable().optional(),
  /**
   * Once ended: what each person on the list counted for, so the weekly-hours report reads
   * the registry instead of every session file. Figures worked out under other attendance
   * rules than the clinic's now are worked out again.
   */
  figures: SessionFigures.nullable().optional()
})
export type SessionIndexEntry = z.infer<typeof SessionIndexEntry>

/** The modules a participant covered at a session, from the registry's line for it. */
export function coveredIn(
  session: Pick<SessionIndexEntry, 'coverage' | 'moduleIds' | 'notesExpected'>,
  participantId: string
): string[] {
  const own = session.coverage[participantId]
  if (own) return own
  return session.notesExpected.includes(participantId) ? session.moduleIds : []
}

// ---- Settings -----------------------------------------------------------

export const SessionSettings = z.strictObject({
  /** Countable minutes a participant needs for the day to count (payer rule). */
  dailyMinimumMinutes: z
    .number({ error: 'The daily minimum must be a number of minutes' })
    .int('Whole minutes')
    .min(0, 'At least 0 minutes')
    .max(600, 'At most 600 minutes'),
  wrapUpMinutes: z
    .number({ error: 'Wrap-up warning must be a number of minutes' })
    .int('Whole minutes')
    .min(1, 'At least 1 minute')
    .max(30, 'At most 30 minutes'),
  /** Arriving more than this after the start is a late arrival. */
  lateAfterMinutes: z
    .number({ error: 'Late arrival must be a number of minutes' })
    .int('Whole minutes')
    .min(0, 'At least 0 minutes')
    .max(60, 'At most 60 minutes'),
  /** A rebalancing proposal never shortens a segment below this. */
  minimumSegmentMinutes: z
    .number({ error: 'The shortest segment must be a number of minutes' })
    .int('Whole minutes')
    .min(1, 'At least 1 minute')
    .max(60, 'At most 60 minutes'),
  chimeEnabled: z.boolean(),
  chimeVolume: z.number().min(0, 'Volume is 0 to 100').max(100, 'Volume is 0 to 100'),
  /** Hours after a session ends by which its notes are due. */
  noteDueHours: z
    .number({ error: 'Notes due must be a number of hours' })
    .int('Whole hours')
    .min(1, 'At least 1 hour')
    .max(336, 'At most 14 days'),
  /** The note format for groups that have not chosen one. */
  defaultNoteFormat: NoteFormat,
  /** Countable hours a week an adult IOP (substance use, mental health or co-occurring) requires: 9 at ASAM 2.1. */
  weeklyHoursRequired: z
    .number({ error: 'Weekly hours must be a number' })
    .min(1, 'At least 1 hour')
    .max(40, 'At most 40 hours')
    .multipleOf(0.5, 'Whole or half hours'),
  /** The same for an adolescent group: 6 at ASAM 2.1. */
  weeklyHoursAdolescent: z
    .number({ error: 'Weekly hours for adolescents must be a number' })
    .min(1, 'At least 1 hour')
    .max(40, 'At most 40 hours')
    .multipleOf(0.5, 'Whole or half hours'),
  /** How many daily copies of each records file are kept. */
  backupDays: z
    .number({ error: 'Days of backups must be a number' })
    .int('Whole days')
    .min(2, 'At least 2 days')
    .max(365, 'At most 365 days'),
  /** Minutes without a key press or a mouse move before the app locks itself. */
  lockAfterMinutes: z
    .number({ error: 'The automatic lock must be a number of minutes' })
    .int('Whole minutes')
    .min(1, 'At least 1 minute')
    .max(60, 'At most 60 minutes'),
  /** Whether every exported file must have a password. */
  exportPolicy: ExportPolicy,
  /** A craving rating in a round at or above this is flagged for a private follow-up. */
  cravingFlagAt: z
    .number({ error: 'The craving flag must be a rating from 0 to 10' })
    .int('A whole number from 0 to 10')
    .min(0, 'A rating from 0 to 10')
    .max(10, 'A rating from 0 to 10')
})
export type SessionSettings = z.infer<typeof SessionSettings>

/** Settings as stored: files written before notes existed get the note defaults. */
export const StoredSessionSettings = SessionSettings.extend({
  noteDueHours: SessionSettings.shape.noteDueHours.default(24),
  defaultNoteFormat: SessionSettings.shape.defaultNoteFormat.default('DAP'),
  weeklyHoursRequired: SessionSettings.shape.weeklyHoursRequired.default(9),
  weeklyHoursAdolescent: SessionSettings.shape.weeklyHoursAdolescent.default(6),
  lockAfterMinutes: SessionSettings.shape.lockAfterMinutes.default(5),
  backupDays: SessionSettings.shape.backupDays.default(14),
  exportPolicy: SessionSettings.shape.exportPolicy.default('required'),
  cravingFlagAt: SessionSettings.shape.cravingFlagAt.default(7)
})

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  dailyMinimumMinutes: 180,
  wrapUpMinutes: 5,
  lateAfterMinutes: 10,
  minimumSegmentMinutes: 5,
  chimeEnabled: true,
  chimeVolume: 40,
  noteDueHours: 24,
  defaultNoteFormat: 'DAP',
  weeklyHoursRequired: 9,
  weeklyHoursAdolescent: 6,
  lockAfterMinutes: 5,
  backupDays: 14,
  exportPolicy: 'required',
  cravingFlagAt: 7
}

// ---- What a facilitator can do to a session --------------------------

export const SessionAction = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('start') }),
    z.strictObject({ type: z.literal('pause') }),
    z.strictObject({ type: z.literal('resume') }),
    z.strictObject({
      type: z.literal('adjust'),
      segmentId: Id,
      minutes: z
        .number({ error: 'Minutes must be a number' })
        .int('Whole minutes')
        .min(-60, 'At most 60 minutes at a time')
        .max(60, 'At most 60 minutes at a time')
        .refine((m) => m !== 0, 'Add or remove at least one minute')
    }),
    z.strictObject({ type: z.literal('next') }),
    z.strictObject({ type: z.literal('previous') }),
    z.strictObject({ type: z.literal('go_to'), segmentId: Id }),
    z.strictObject({ type: z.literal('skip'), segmentId: Id, skipped: z.boolean() }),
    z.strictObject({ type: z.literal('reorder'), order: z.array(Id).max(MAX_SEGMENTS) }),
    z.strictObject({ type: z.literal('accept_rebalance') }),
    z.strictObject({ type: z.literal('decline_rebalance') }),
    z.strictObject({
      type: z.literal('show_slide'),
      segmentId: Id,
      slideIndex: z.number().int().min(0).max(99)
    }),
    z.strictObject({ type: z.literal('projector'), mode: ProjectorMode }),
    /** Put the group agreements up on the projector, or take them down. */
    z.strictObject({ type: z.literal('agreements'), shown: z.boolean() }),
    z.strictObject({ type: z.literal('end') })
  ],
  { error: 'That is not something a session can do' }
)
export type SessionAction = z.infer<typeof SessionAction>

export const AttendanceInput = z
  .strictObject({
    sessionId: Id,
    participantId: Id,
    status: AttendanceStatus,
    /** Null with "present" means "arrived now". */
    timeIn: Timestamp.nullable(),
    timeOut: Timestamp.nullable()
  })
  .refine((a) => !a.timeIn || !a.timeOut || a.timeOut >= a.timeIn, {
    message: 'Time out must be after time in',
    path: ['timeOut']
  })
export type AttendanceInput = z.input<typeof AttendanceInput>
