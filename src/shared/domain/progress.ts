import { z } from 'zod'
import { ExportProtection } from './exports'
import { Id, IsoDate, Timestamp } from './common'
import { MeasureEntry, MeasureId } from './measure'
import { AttendanceStatus } from './session'
import { GoalStatus, DischargeType, ParticipantStatus } from './participant'

/** A note's state as the progress page and the reports show it. */
export const NoteState = z.enum(['not_started', 'draft', 'awaiting_cosignature', 'signed'])
export type NoteState = z.infer<typeof NoteState>

/** One session a participant was on the list for. */
export const ProgressSession = z.object({
  sessionId: Id,
  groupId: Id,
  groupName: z.string(),
  date: IsoDate,
  status: AttendanceStatus,
  late: z.boolean(),
  leftEarly: z.boolean(),
  walkIn: z.boolean(),
  timeIn: Timestamp.nullable(),
  timeOut: Timestamp.nullable(),
  countableMinutes: z.number().int(),
  meetsDailyMinimum: z.boolean(),
  /** Null for someone not present: no note is owed. */
  noteState: NoteState.nullable(),
  noteSignedAt: Timestamp.nullable(),
  lateEntry: z.boolean(),
  addenda: z.number().int()
})
export type ProgressSession = z.infer<typeof ProgressSession>

export const ProgressWeek = z.object({
  weekStart: IsoDate,
  minutes: z.number().int(),
  meetsRequirement: z.boolean()
})
export type ProgressWeek = z.infer<typeof ProgressWeek>

export const GoalHistory = z.object({
  goalId: Id,
  text: z.string(),
  status: GoalStatus,
  /** From signed notes, oldest first. */
  history: z.array(
    z.object({ sessionId: Id, date: IsoDate, addressed: z.boolean(), progress: z.string() })
  )
})
export type GoalHistory = z.infer<typeof GoalHistory>

export const MeasureDue = z.object({
  measureId: MeasureId,
  dueOn: IsoDate,
  reason: z.enum(['admission', 'interval']),
  overdueDays: z.number().int()
})

export const ParticipantProgress = z.object({
  participant: z.object({
    id: Id,
    displayName: z.string(),
    clientId: z.string(),
    admissionDate: IsoDate,
    status: ParticipantStatus,
    dischargeDate: IsoDate.nullable(),
    dischargeType: DischargeType.nullable()
  }),
  today: IsoDate,
  daysInProgram: z.number().int(),
  /** Ended sessions the person was on the list for, oldest first. */
  sessions: z.array(ProgressSession),
  attended: z.number().int(),
  scheduled: z.number().int(),
  absences: z.object({
    current: z.number().int(),
    longest: z.number().int(),
    runs: z.array(z.object({ from: IsoDate, to: IsoDate, length: z.number().int() }))
  }),
  requiredWeeklyHours: z.number(),
  weeks: z.array(ProgressWeek),
  goals: z.array(GoalHistory),
  measures: z.array(MeasureEntry),
  measuresDue: z.array(MeasureDue)
})
export type ParticipantProgress = z.infer<typeof ParticipantProgress>

export const GroupDashboard = z.object({
  groupId: Id,
  month: z.string(),
  census: z.object({
    active: z.number().int(),
    admittedThisMonth: z.number().int(),
    dischargedThisMonth: z.number().int()
  }),
  requiredWeeklyHours: z.number(),
  /** The last 12 weeks, oldest first; rates and averages null in a week with no session. */
  weeks: z.array(
    z.object({
      weekStart: IsoDate,
      sessions: z.number().int(),
      attendanceRate: z.number().nullable(),
      averageHours: z.number().nullable()
    })
  ),
  notesOwed: z.number().int()
})
export type GroupDashboard = z.infer<typeof GroupDashboard>

export const REPORT_KINDS = ['attendance', 'weekly_hours', 'notes', 'discharges'] as const
export const ReportKind = z.enum(REPORT_KINDS, { error: 'Choose a report' })
export type ReportKind = z.infer<typeof ReportKind>

export const REPORT_LABELS: Record<ReportKind, string> = {
  attendance: 'Attendance and billing',
  weekly_hours: 'Weekly hours',
  notes: 'Notes owed and late entries',
  discharges: 'Discharges'
}

const ReportRequestFields = {
  kind: ReportKind,
  from: IsoDate,
  to: IsoDate,
  /** One group, or null for every group. */
  groupId: Id.nullable(),
  /**
   * Weekly hours only: also a row for each week in which someone attended
   * nothing (0 hours). Left out, those weeks are not built.
   */
  emptyWeeks: z.boolean().optional()
}
const RANGE_IN_ORDER = {
  message: 'The start date must be on or before the end date',
  path: ['to']
}
export const ReportRequest = z
  .strictObject(ReportRequestFields)
  .refine((r) => r.from <= r.to, RANGE_IN_ORDER)
/** A report to save as a file: the request, and the password the file is protected with. */
export const ReportExportRequest = z
  .strictObject({ ...ReportRequestFields, ...ExportProtection })
  .refine((r) => r.from <= r.to, RANGE_IN_ORDER)
export type ReportExportRequest = z.infer<typeof ReportExportRequest>
export type ReportRequest = z.infer<typeof ReportRequest>

export const ReportCell = z.union([z.string(), z.number(), z.boolean(), z.null()])
export const Report = z.object({
  kind: ReportKind,
  title: z.string(),
  header: z.array(z.string()),
  rows: z.array(z.array(ReportCell)),
  /** Substance-use records are in it: the Part 2 notice goes with every export. */
  part2: z.boolean(),
  /** Sessions cancelled in the range, counted apart from those that ran (never in the rows). */
  cancelledSessions: z.number().int().default(0)
})
export type Report = z.infer<typeof Report>
