import { z } from 'zod'
import { Clinic, ClinicInput } from '../domain/clinic'
import { Id, IsoDate, Timestamp } from '../domain/common'
import { EndEnrollmentInput, Enrollment, EnrollmentInput } from '../domain/enrollment'
import { BulkEnrolInput, BulkEnrolResult } from '../domain/bulk-enrol'
import { Group, GroupInput } from '../domain/group'
import { Participant, ParticipantInput } from '../domain/participant'
import {
  NewPassphrase,
  PASSPHRASE_MAX_LENGTH,
  Staff,
  StaffInput,
  SupervisorAssignment
} from '../domain/staff'
import { Consent, ConsentEndInput, ConsentInput } from '../domain/consent'
import {
  ServerSettingsInput,
  SyncConflict,
  SyncState,
  SyncStatus,
  TransferReport
} from '../domain/sync'
import {
  Agenda,
  AttendanceInput,
  ObservationTag,
  CancelInput,
  RiskLevel,
  SafetyProtocolKind,
  SegmentInput,
  SessionAction,
  SessionIndexEntry,
  SessionPlanInput,
  SessionRecord,
  SessionSettings,
  SessionStatus
} from '../domain/session'
import { CurriculumModule, ModuleKind, ModuleSummary } from '../curriculum/module'
import { GroupPart, NoteBody, NoteFormat, ProgressNote } from '../domain/note'
import { Cycle, CycleInput } from '../curriculum/cycle'
import { optionalText } from '../domain/common'
import { TEXT_LIMITS } from '../rules/limits'
import { ServiceCode } from '../domain/billing'
import {
  AccessEntry,
  AccessLogFilter,
  ComputerLog,
  MergedAccessEntry,
  MergedAccessLogQuery
} from '../domain/access-log'
import {
  MeasureEntry,
  MeasureId,
  MeasureInput,
  RecordedMeasureId,
  TrackMeasureSchedules
} from '../domain/measure'
import {
  GroupDashboard,
  ParticipantProgress,
  Report,
  ReportExportRequest,
  ReportRequest
} from '../domain/progress'
import { ExportFile, ExportProtection } from '../domain/exports'
import {
  AgreementItem,
  AgreementsInput,
  GroupAgreements,
  SessionAgreements
} from '../domain/agreements'
import { RoundAction } from '../domain/rounds'
import { CloseFollowUpInput, FollowUpView } from '../domain/follow-up'
import { ClinicContacts } from '../domain/contacts'
import type { ChannelName, EventName } from './names'

const OwedPerson = z.object({ participantId: Id, displayName: z.string(), clientId: z.string() })
export const MeasuresOwed = z.object({
  due: z.array(
    OwedPerson.extend({
      measureId: MeasureId,
      dueOn: IsoDate,
      reason: z.enum(['admission', 'interval']),
      overdueDays: z.number().int()
    })
  ),
  followUps: z.array(
    OwedPerson.extend({ entryId: Id, measureId: RecordedMeasureId, takenOn: IsoDate })
  )
})
export type MeasuresOwed = z.infer<typeof MeasuresOwed>

/** What a person may choose a file for; each kind has its own dialog and its own limits. */
export const FileKind = z.enum(['backup', 'curriculum_pack', 'transfer'])
export type FileKind = z.infer<typeof FileKind>

/**
 * A file chosen in the main process (the desktop's open-file dialog, or the
 * test host's upload area), named to the page by an opaque token: the page
 * never sends a path, nor the file's bytes.
 */
const FileToken = z
  .string({ error: 'Choose a file' })
  .min(1, 'Choose a file')
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Choose the file again')

export const ChosenFile = z.object({
  token: z.string(),
  /** The file's name, to show; never used to open it. */
  name: z.string(),
  bytes: z.number().int()
})
export type ChosenFile = z.infer<typeof ChosenFile>

export const BackupSummary = z.object({
  createdAt: z.string(),
  clinicName: z.string(),
  counts: z.object({
    participants: z.number().int(),
    groups: z.number().int(),
    sessions: z.number().int(),
    notes: z.number().int(),
    measures: z.number().int()
  }),
  files: z.number().int(),
  bytes: z.number().int()
})
export type BackupSummary = z.infer<typeof BackupSummary>

/** Who may call a channel: anyone (setup, sign-in), a signed-in staff member, or an administrator. */
export type Access = 'public' | 'staff' | 'admin'

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I
  output: O
  access: Access
}

function channel<I extends z.ZodType, O extends z.ZodType>(
  spec: ChannelSpec<I, O>
): ChannelSpec<I, O> {
  return spec
}

const Nothing = z.strictObject({})

/**
 * A print. To the printer: the desktop app opens the system's print dialog itself
 * (`sentToPrinter`); elsewhere the page comes back to be printed by the browser. As a PDF:
 * the desktop app makes the file (`file`, protected as the clinic requires).
 */
const Printed = z.object({
  html: z.string(),
  file: ExportFile.nullable(),
  sentToPrinter: z.boolean()
})
/** Where a print goes: paper (the system's print dialog) or a PDF file. */
const PrintTo = {
  to: z.enum(['printer', 'pdf'], { error: 'Choose the printer or a PDF file' }).default('printer')
}

export const Notice = z.object({
  id: Id,
  kind: z.enum([
    'restored_from_backup',
    'damaged_no_backup',
    'migrated',
    'log_break',
    'keyring_rebuilt'
  ]),
  message: z.string(),
  damagedCopy: z.string().nullable(),
  at: Timestamp
})
export type Notice = z.infer<typeof Notice>

export const AppStatus = z.object({
  setUp: z.boolean(),
  clinic: Clinic.nullable(),
  signedIn: Staff.nullable(),
  /** Signed in, but the screen is locked until the same person's passphrase is given. */
  locked: z.boolean(),
  notices: z.array(Notice),
  dataDir: z.string(),
  /** Whether prints can be saved as PDF files (the desktop app), besides going to the printer. */
  canSavePdf: z.boolean(),
  /**
   * Encrypted records are here but no keyring can be read: only a restore from a backup can
   * open them. Says why, in plain words; null otherwise.
   */
  lockedOut: z.string().nullable()
})
export type AppStatus = z.infer<typeof AppStatus>

export const DirectoryEntry = Staff.pick({ id: true, fullName: true, credentials: true })
export type DirectoryEntry = z.infer<typeof DirectoryEntry>

export const ParticipantSummary = Participant.extend({
  displayName: z.string(),
  groupIds: z.array(Id)
})
export type ParticipantSummary = z.infer<typeof ParticipantSummary>

export const RosterEntry = z.object({
  enrollmentId: Id,
  participantId: Id,
  displayName: z.string(),
  fullName: z.string(),
  clientId: z.string(),
  joinDate: z.string(),
  exitDate: z.string().nullable(),
  participantStatus: Participant.shape.status
})

export const Roster = z.object({
  groupId: Id,
  capacity: z.number().int(),
  current: z.array(RosterEntry),
  past: z.array(RosterEntry),
  openPlaces: z.number().int()
})

export const GroupSummary = Group.extend({ enrolledCount: z.number().int() })
export type GroupSummary = z.infer<typeof GroupSummary>

export const SessionView = SessionRecord.extend({
  groupName: z.string(),
  /** Countable minutes a day needs in this group (its billing's rule); null when billed per session. */
  dailyMinimumMinutes: z.number().int().nullable(),
  people: z.array(z.object({ participantId: Id, displayName: z.string(), clientId: z.string() }))
})
export type SessionView = z.infer<typeof SessionView>

/**
 * What the projector is sent: timing, slides and the agreements. No person, no
 * note, no safety step, no round answer (turns carry no name).
 */
export const AudienceView = z.object({
  id: Id,
  segments: z.array(
    SegmentInput.pick({
      id: true,
      kind: true,
      title: true,
      plannedMinutes: true,
      countable: true
    }).extend({
      module: z
        .object({
          title: z.string(),
          slides: z.array(
            z.object({ title: z.string(), body: z.string(), minutes: z.number().nullable() })
          )
        })
        .nullable()
    })
  ),
  events: SessionRecord.shape.events,
  /** The group agreements, for the opening; the same words for everyone in the room. */
  agreements: z.array(AgreementItem)
})
export type AudienceView = z.infer<typeof AudienceView>

const SessionRef = z.strictObject({ sessionId: Id })
const NoteRef = z.strictObject({ sessionId: Id, participantId: Id })
const NoteStatus = z.enum(['not_started', 'draft', 'awaiting_cosignature', 'signed'])

export const SessionNotes = z.object({
  sessionId: Id,
  groupId: Id,
  groupName: z.string(),
  date: z.string(),
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp,
  dueAt: Timestamp,
  presentCount: z.number().int(),
  modules: z.array(z.string()),
  format: NoteFormat,
  /** Who led the session, as their signatures read. */
  facilitators: z.array(z.object({ name: z.string(), credentials: z.string() })),
  groupPart: GroupPart,
  groupPartLocked: z.boolean(),
  participants: z.array(
    z.object({
      participantId: Id,
      displayName: z.string(),
      fullName: z.string(),
      /** With the nicknames, what the note's name check looks for. */
      preferredName: z.string(),
      nicknames: z.array(z.string()),
      clientId: z.string(),
      goals: z.array(z.object({ id: Id, text: z.string(), status: z.string() })),
      attendance: z.object({
        status: z.string(),
        timeIn: Timestamp.nullable(),
        timeOut: Timestamp.nullable(),
        walkIn: z.boolean(),
        countableMinutes: z.number().int(),
        late: z.boolean(),
        leftEarly: z.boolean()
      }),
      observations: z.array(
        z.object({ at: Timestamp, tag: z.string().nullable(), text: z.string() })
      ),
      /** The participant's check-in and check-out answers, a worded line per round. */
      rounds: z.array(
        z.object({
          round: z.enum(['check_in', 'check_out']),
          /** When the answers were recorded; null for a turn passed without any. */
          at: Timestamp.nullable(),
          text: z.string(),
          safety: z.boolean()
        })
      ),
      /** Measures given on the session's day. */
      measures: z.array(
        z.object({
          measureId: RecordedMeasureId,
          total: z.number().int(),
          band: z.string().nullable()
        })
      ),
      /** What the day recorded about the participant's safety; the risk section shows it. */
      safety: z.array(z.object({ at: Timestamp.nullable(), text: z.string() })),
      /** Where a note not yet started begins: the day's facts in the format's sections. */
      prefill: NoteBody,
      note: ProgressNote.nullable(),
      status: NoteStatus
    })
  )
})
export type SessionNotes = z.infer<typeof SessionNotes>

export const NotesOwedRow = z.object({
  sessionId: Id,
  groupId: Id,
  groupName: z.string(),
  date: z.string(),
  endedAt: Timestamp,
  dueAt: Timestamp,
  counts: z.object({
    not_started: z.number().int(),
    draft: z.number().int(),
    awaiting_cosignature: z.number().int(),
    signed: z.number().int()
  })
})
export type NotesOwedRow = z.infer<typeof NotesOwedRow>

/** A trainee's note awaiting the signed-in supervisor's co-signature. */
export const CosignRow = z.object({
  sessionId: Id,
  groupName: z.string(),
  date: z.string(),
  participantId: Id,
  displayName: z.string(),
  clientId: z.string(),
  authorId: Id,
  author: z.string(),
  signedAt: Timestamp,
  yourTrainee: z.boolean()
})
export type CosignRow = z.infer<typeof CosignRow>

/**
 * Printing or saving a record for a recipient outside the program: the
 * participant's written consent it goes under. Absent or null: for the chart.
 */
const ForRecipient = { consentId: Id.nullable().optional() }

/** A blocking finding cannot be overridden: the note is not signed until it is put right. */
const CheckFinding = z.object({ check: z.string(), message: z.string(), blocking: z.boolean() })
const ModuleRef = z.strictObject({ moduleId: Id })

export const LibraryModuleSummary = ModuleSummary.extend({
  edited: z.boolean(),
  newerShippedVersion: z.number().int().nullable()
})
export type LibraryModuleSummary = z.infer<typeof LibraryModuleSummary>

export const ModuleSource = z.object({
  moduleId: Id,
  text: z.string(),
  edited: z.boolean(),
  newerShippedVersion: z.number().int().nullable(),
  history: z.array(
    z.object({ index: z.number().int(), savedAt: Timestamp, savedByName: z.string().nullable() })
  )
})

const ModuleTitle = z.object({ moduleId: Id, title: z.string() })

export const GroupCyclePosition = z.object({
  cycleId: Id,
  cycleName: z.string(),
  slotCount: z.number().int(),
  nextSlot: z.number().int(),
  next: z.object({ educational: ModuleTitle.nullable(), skills: ModuleTitle.nullable() })
})

const Candidate = z.object({
  moduleId: Id,
  title: z.string(),
  needCount: z.number().int(),
  cycleDistance: z.number().int(),
  memberCount: z.number().int()
})

export const ModuleProposal = z.object({
  educational: z.array(Candidate),
  skills: z.array(Candidate)
})
export type ModuleProposal = z.infer<typeof ModuleProposal>

export const ParticipantCoverage = z.object({
  groupId: Id,
  groupName: z.string(),
  cycleName: z.string(),
  total: z.number().int(),
  percent: z.number().int(),
  covered: z.array(ModuleTitle),
  missing: z.array(ModuleTitle),
  sessionsToGo: z.number().int(),
  estimatedCompletion: z.string().nullable()
})
export type ParticipantCoverage = z.infer<typeof ParticipantCoverage>

export const PackChange = z.object({
  id: Id,
  title: z.string(),
  kind: ModuleKind,
  action: z.enum(['add', 'update', 'same']),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int()
})
export type PackChange = z.infer<typeof PackChange>

/** Home: the clinician's day and a new clinic's next steps, read from the records. */
const HomeSession = z.object({
  sessionId: Id,
  groupId: Id,
  groupName: z.string(),
  /** The group's usual start time (HH:MM). */
  startTime: z.string(),
  date: IsoDate,
  status: SessionStatus,
  startedAt: Timestamp.nullable()
})
export const HomeDay = z.object({
  today: IsoDate,
  running: z.array(HomeSession),
  todays: z.array(HomeSession),
  /** How far a new clinic has come: each next step ticks itself off from these. */
  setup: z.object({
    staff: z.number().int(),
    groups: z.number().int(),
    participants: z.number().int(),
    enrolled: z.number().int(),
    planned: z.number().int(),
    run: z.number().int(),
    firstGroupId: Id.nullable()
  })
})
export type HomeDay = z.infer<typeof HomeDay>

/**
 * A file from outside (a backup onto a new computer, a transfer file to join the clinic)
 * opened with a staff member's passphrase, or with the recovery key and the new passphrase an
 * administrator then signs in with.
 */
const OpenFileWithSecret = z.union([
  z.strictObject({
    file: FileToken,
    staffId: Id,
    passphrase: z.string().min(1, 'Enter your passphrase').max(PASSPHRASE_MAX_LENGTH)
  }),
  z.strictObject({
    file: FileToken,
    recoveryKey: z.string().min(1, 'Type the recovery key').max(200, 'That is not a recovery key'),
    staffId: Id,
    newPassphrase: NewPassphrase
  })
])

export const contract = {
  'app.status': channel({ input: Nothing, output: AppStatus, access: 'public' }),
  'app.dismissNotice': channel({
    input: z.strictObject({ noticeId: Id }),
    output: z.null(),
    access: 'staff'
  }),
  'setup.complete': channel({
    input: z.strictObject({ clinic: ClinicInput, staff: StaffInput }),
    /** With the recovery key, shown once, when this setup made the clinic's data key. */
    output: Staff.extend({ recoveryKey: z.string().optional() }),
    access: 'public'
  }),
  'auth.directory': channel({ input: Nothing, output: z.array(DirectoryEntry), access: 'public' }),
  'auth.signIn': channel({
    input: z.strictObject({
      staffId: Id,
      passphrase: z
        .string({ error: 'Enter your passphrase' })
        .min(1, 'Enter your passphrase')
        .max(200)
    }),
    output: Staff,
    access: 'public'
  }),
  'auth.signOut': channel({ input: Nothing, output: z.null(), access: 'public' }),
  'auth.lock': channel({ input: Nothing, output: z.null(), access: 'staff' }),
  'auth.recover': channel({
    input: z.strictObject({
      recoveryKey: z
        .string()
        .min(1, 'Type the recovery key')
        .max(200, 'That is not a recovery key'),
      staffId: Id,
      passphrase: NewPassphrase
    }),
    output: Staff,
    access: 'public'
  }),
  'auth.unlock': channel({
    input: z.strictObject({
      passphrase: z.string().min(1, 'Enter your passphrase').max(PASSPHRASE_MAX_LENGTH)
    }),
    output: Staff,
    access: 'public'
  }),
  'staff.list': channel({ input: Nothing, output: z.array(Staff), access: 'staff' }),
  'staff.create': channel({ input: StaffInput, output: Staff, access: 'admin' }),
  'staff.setActive': channel({
    input: z.strictObject({ staffId: Id, active: z.boolean() }),
    output: Staff,
    access: 'admin'
  }),
  'staff.resetPassphrase': channel({
    input: z.strictObject({ staffId: Id, passphrase: NewPassphrase }),
    output: Staff,
    access: 'admin'
  }),
  'staff.setSupervisor': channel({ input: SupervisorAssignment, output: Staff, access: 'admin' }),
  'clinic.update': channel({ input: ClinicInput, output: Clinic, access: 'admin' }),
  'groups.list': channel({ input: Nothing, output: z.array(GroupSummary), access: 'staff' }),
  'groups.get': channel({ input: z.strictObject({ groupId: Id }), output: Group, access: 'staff' }),
  'groups.create': channel({ input: GroupInput, output: Group, access: 'staff' }),
  'groups.update': channel({
    input: z.strictObject({ groupId: Id, group: GroupInput }),
    output: Group,
    access: 'staff'
  }),
  'groups.roster': channel({
    input: z.strictObject({ groupId: Id }),
    output: Roster,
    access: 'staff'
  }),
  'participants.list': channel({
    input: Nothing,
    output: z.array(ParticipantSummary),
    access: 'staff'
  }),
  'participants.get': channel({
    input: z.strictObject({ participantId: Id }),
    output: ParticipantSummary,
    access: 'staff'
  }),
  'participants.create': channel({ input: ParticipantInput, output: Participant, access: 'staff' }),
  'participants.update': channel({
    input: z.strictObject({ participantId: Id, participant: ParticipantInput }),
    output: Participant,
    access: 'staff'
  }),
  'enrollments.create': channel({ input: EnrollmentInput, output: Enrollment, access: 'staff' }),
  'enrollments.end': channel({ input: EndEnrollmentInput, output: Enrollment, access: 'staff' }),
  /** A previewed list of new people, added and enrolled in one change; refused rows skipped. */
  'enrollments.bulk': channel({ input: BulkEnrolInput, output: BulkEnrolResult, access: 'staff' }),
  'sessions.list': channel({
    input: z.strictObject({ groupId: Id }),
    output: z.array(SessionIndexEntry),
    access: 'staff'
  }),
  'sessions.agenda': channel({
    input: z.strictObject({ groupId: Id }),
    output: z.array(SegmentInput),
    access: 'staff'
  }),
  'sessions.saveAgenda': channel({
    input: z.strictObject({ groupId: Id, segments: Agenda }),
    output: z.array(SegmentInput),
    access: 'staff'
  }),
  'sessions.plan': channel({ input: SessionPlanInput, output: SessionView, access: 'staff' }),
  'sessions.updatePlan': channel({
    input: z.strictObject({ sessionId: Id, plan: SessionPlanInput }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.get': channel({ input: SessionRef, output: SessionView, access: 'staff' }),
  'sessions.act': channel({
    input: z.strictObject({ sessionId: Id, action: SessionAction }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.attendance': channel({ input: AttendanceInput, output: SessionView, access: 'staff' }),
  'sessions.addWalkIn': channel({
    input: z.strictObject({ sessionId: Id, participantId: Id }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.observe': channel({
    input: z
      .strictObject({
        sessionId: Id,
        participantId: Id,
        tag: ObservationTag.nullable(),
        text: optionalText('Observation', TEXT_LIMITS.observation),
        /** For a safety concern: which protocol to open. */
        protocol: SafetyProtocolKind.nullable().optional()
      })
      .refine((o) => o.tag !== null || o.text.length > 0, 'Choose an observation or write a line'),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.openSafety': channel({
    input: z.strictObject({ sessionId: Id, participantId: Id, protocol: SafetyProtocolKind }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.safetyStep': channel({
    input: z.strictObject({
      sessionId: Id,
      checklistId: Id,
      stepId: z.string().min(1).max(40),
      done: z.boolean()
    }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.audience': channel({ input: SessionRef, output: AudienceView, access: 'staff' }),
  'sessions.openProjector': channel({
    input: SessionRef,
    output: z.object({ opened: z.boolean(), message: z.string() }),
    access: 'staff'
  }),
  'curriculum.list': channel({
    input: Nothing,
    output: z.array(LibraryModuleSummary),
    access: 'staff'
  }),
  'curriculum.search': channel({
    input: z.strictObject({
      query: z.string().max(200),
      week: z.number().int().min(1).max(12).nullable(),
      kind: ModuleKind.nullable(),
      tag: z.string().max(40).nullable()
    }),
    output: z.array(LibraryModuleSummary),
    access: 'staff'
  }),
  'curriculum.source': channel({ input: ModuleRef, output: ModuleSource, access: 'staff' }),
  'curriculum.save': channel({
    input: z.strictObject({
      moduleId: Id,
      text: z
        .string({ error: 'The module text is missing' })
        .min(1, 'The module is empty')
        .max(200_000, 'The module is too long (200,000 characters at most)')
    }),
    output: CurriculumModule,
    access: 'staff'
  }),
  'curriculum.duplicate': channel({ input: ModuleRef, output: CurriculumModule, access: 'staff' }),
  'curriculum.revert': channel({
    input: z.strictObject({ moduleId: Id, versionIndex: z.number().int().min(0) }),
    output: CurriculumModule,
    access: 'staff'
  }),
  'curriculum.cycles': channel({ input: Nothing, output: z.array(Cycle), access: 'staff' }),
  'curriculum.saveCycle': channel({
    input: z.strictObject({ cycleId: Id.nullable(), cycle: CycleInput }),
    output: Cycle,
    access: 'staff'
  }),
  'curriculum.groupCycle': channel({
    input: z.strictObject({ groupId: Id }),
    output: GroupCyclePosition,
    access: 'staff'
  }),
  'curriculum.setGroupCycle': channel({
    input: z.strictObject({ groupId: Id, cycleId: Id }),
    output: GroupCyclePosition,
    access: 'staff'
  }),
  'curriculum.proposal': channel({
    input: z.strictObject({ groupId: Id, date: IsoDate }),
    output: ModuleProposal,
    access: 'staff'
  }),
  'curriculum.coverage': channel({
    input: z.strictObject({ participantId: Id }),
    output: z.array(ParticipantCoverage),
    access: 'staff'
  }),
  'curriculum.exportPack': channel({
    input: z.strictObject({ moduleIds: z.array(Id).max(1000) }),
    output: z.object({ fileName: z.string(), base64: z.string(), moduleCount: z.number().int() }),
    access: 'staff'
  }),
  'curriculum.previewPack': channel({
    input: z.strictObject({ file: FileToken }),
    output: z.array(PackChange),
    access: 'staff'
  }),
  'curriculum.importPack': channel({
    input: z.strictObject({ file: FileToken }),
    output: z.array(PackChange),
    access: 'staff'
  }),
  'curriculum.get': channel({
    input: z.strictObject({ moduleId: Id }),
    output: CurriculumModule,
    access: 'staff'
  }),
  'notes.owed': channel({
    input: z.strictObject({
      /** Only the sessions of groups the signed-in person facilitates. */
      mine: z.boolean(),
      /** Also sessions whose notes are all signed (the latest 100 of them). */
      signedToo: z.boolean()
    }),
    output: z.array(NotesOwedRow),
    access: 'staff'
  }),
  'notes.session': channel({ input: SessionRef, output: SessionNotes, access: 'staff' }),
  'notes.saveGroupPart': channel({
    input: z.strictObject({ sessionId: Id, groupPart: GroupPart }),
    output: GroupPart,
    access: 'staff'
  }),
  'notes.saveDraft': channel({
    input: z.strictObject({
      sessionId: Id,
      participantId: Id,
      baseRevision: z.number().int().min(0),
      body: NoteBody
    }),
    output: ProgressNote,
    access: 'staff'
  }),
  'notes.check': channel({ input: NoteRef, output: z.array(CheckFinding), access: 'staff' }),
  'notes.sign': channel({
    input: z.strictObject({
      sessionId: Id,
      participantId: Id,
      /** The warnings the signer read and chose to sign anyway, as `notes.check` gave them. */
      overrides: z
        .array(
          z.strictObject({
            check: z.string().max(40),
            message: z.string().max(2000),
            blocking: z.boolean().optional()
          })
        )
        .max(20)
    }),
    output: ProgressNote,
    access: 'staff'
  }),
  'notes.cosign': channel({ input: NoteRef, output: ProgressNote, access: 'staff' }),
  'notes.cosignList': channel({ input: Nothing, output: z.array(CosignRow), access: 'staff' }),
  'notes.addendum': channel({
    input: z.strictObject({
      sessionId: Id,
      participantId: Id,
      text: z
        .string()
        .trim()
        .min(1, 'Write the addendum')
        .max(TEXT_LIMITS.addendum, 'At most 5,000 characters')
    }),
    output: ProgressNote,
    access: 'staff'
  }),
  'notes.print': channel({
    input: z.strictObject({
      sessionId: Id,
      participantId: Id.nullable(),
      ...PrintTo,
      ...ExportProtection,
      ...ForRecipient
    }),
    output: Printed,
    access: 'staff'
  }),
  'notes.groupFormat': channel({
    input: z.strictObject({ groupId: Id }),
    output: NoteFormat,
    access: 'staff'
  }),
  'notes.setFormat': channel({
    input: z.strictObject({ groupId: Id, format: NoteFormat }),
    output: NoteFormat,
    access: 'staff'
  }),
  'clinic.sessionSettings': channel({ input: Nothing, output: SessionSettings, access: 'staff' }),
  'measures.record': channel({ input: MeasureInput, output: MeasureEntry, access: 'staff' }),
  'measures.list': channel({
    input: z.strictObject({ participantId: Id }),
    output: z.array(MeasureEntry),
    access: 'staff'
  }),
  'measures.followUpDone': channel({
    input: z.strictObject({
      entryId: Id,
      note: z
        .string()
        .trim()
        .min(1, 'Say what was done')
        .max(
          TEXT_LIMITS.followUpNote,
          `What was done is too long (${TEXT_LIMITS.followUpNote} characters at most)`
        ),
      /** The steps of the private follow-up that were done. */
      steps: z.array(z.string().min(1).max(40)).max(20).optional()
    }),
    output: MeasureEntry,
    access: 'staff'
  }),
  'measures.schedules': channel({
    input: Nothing,
    output: z.array(TrackMeasureSchedules),
    access: 'staff'
  }),
  'measures.setSchedules': channel({
    input: TrackMeasureSchedules,
    output: z.array(TrackMeasureSchedules),
    access: 'admin'
  }),
  'measures.owed': channel({ input: Nothing, output: MeasuresOwed, access: 'staff' }),
  'progress.participant': channel({
    input: z.strictObject({ participantId: Id }),
    output: ParticipantProgress,
    access: 'staff'
  }),
  'progress.group': channel({
    input: z.strictObject({ groupId: Id }),
    output: GroupDashboard,
    access: 'staff'
  }),
  'progress.print': channel({
    input: z.strictObject({
      participantId: Id,
      ...PrintTo,
      ...ExportProtection,
      ...ForRecipient
    }),
    output: Printed,
    access: 'staff'
  }),
  'reports.run': channel({ input: ReportRequest, output: Report, access: 'staff' }),
  'reports.export': channel({
    input: ReportExportRequest,
    output: ExportFile.extend({ rowCount: z.number().int() }),
    access: 'staff'
  }),
  'backups.create': channel({
    input: Nothing,
    output: z.object({ fileName: z.string(), base64: z.string(), summary: BackupSummary }),
    access: 'admin'
  }),
  'backups.preview': channel({
    input: z.strictObject({ file: FileToken }),
    output: BackupSummary,
    access: 'admin'
  }),
  'backups.restore': channel({
    input: z.strictObject({ file: FileToken }),
    output: BackupSummary.extend({ keptAside: z.string() }),
    access: 'admin'
  }),
  /**
   * Opens the open-file dialog; null when the person cancels it. Before anyone can sign in
   * (a new computer, or records whose keyring is lost) only a backup may be chosen.
   */
  'files.choose': channel({
    input: z.strictObject({ kind: FileKind }),
    output: ChosenFile.nullable(),
    access: 'staff'
  }),
  /**
   * A new computer, or a folder whose keyring is lost: what a backup holds and who could
   * open it (the staff in its keyring), before anything is written. Only while no clinic
   * can be opened here.
   */
  'recovery.inspectBackup': channel({
    input: z.strictObject({ file: FileToken }),
    output: BackupSummary.extend({ staff: z.array(DirectoryEntry) }),
    access: 'public'
  }),
  /**
   * Restores a backup onto a new computer (or over records whose keyring is lost), opened
   * with a staff passphrase valid when it was made, or with the recovery key (an
   * administrator then sets a new passphrase). Signs that person in.
   */
  'recovery.restoreBackup': channel({
    input: OpenFileWithSecret,
    output: Staff,
    access: 'public'
  }),
  /**
   * A new computer joining the clinic from a transfer file made “for a new computer”: who
   * made it and who could open it, before anything is written. Only while no clinic is here.
   */
  'recovery.inspectTransfer': channel({
    input: z.strictObject({ file: FileToken }),
    output: z.object({
      clinicName: z.string(),
      fromName: z.string(),
      createdAt: Timestamp,
      records: z.number().int(),
      staff: z.array(DirectoryEntry)
    }),
    access: 'public'
  }),
  /**
   * Joins this computer to the clinic from that file, opened with a staff passphrase or the
   * recovery key (an administrator then sets a new passphrase), as a backup is restored.
   */
  'recovery.joinClinic': channel({
    input: OpenFileWithSecret,
    output: Staff.extend({ report: TransferReport }),
    access: 'public'
  }),
  /** This machine, the clinic server and the machines it has heard from. */
  'sync.status': channel({ input: Nothing, output: SyncStatus, access: 'admin' }),
  /** The name other machines see for this one ("Group room laptop"). */
  'sync.setMachineName': channel({
    input: z.strictObject({ name: z.string().trim().min(1, 'Name this computer').max(80) }),
    output: SyncStatus,
    access: 'admin'
  }),
  /**
   * A sealed transfer file: the changes computer `peerId` has not had from this one, or every
   * record and the clinic file for a new computer joining the clinic.
   */
  'sync.exportTransfer': channel({
    input: z.union([
      z.strictObject({ peerId: z.string().min(1).max(100) }),
      z.strictObject({ newComputer: z.literal(true) })
    ]),
    output: z.object({ fileName: z.string(), base64: z.string(), records: z.number().int() }),
    access: 'admin'
  }),
  /** Applies a transfer file: idempotent, and it says what arrived, conflicted or was there. */
  'sync.importTransfer': channel({
    input: z.strictObject({ file: FileToken }),
    output: TransferReport,
    access: 'admin'
  }),
  'sync.setServer': channel({ input: ServerSettingsInput, output: SyncStatus, access: 'admin' }),
  'sync.conflicts': channel({ input: Nothing, output: z.array(SyncConflict), access: 'admin' }),
  /** Keeps one version of a record in conflict; the others stay in the record's history. */
  'sync.resolveConflict': channel({
    input: z.strictObject({ docId: z.string().max(200), keep: z.string().max(200) }),
    output: z.array(SyncConflict),
    access: 'admin'
  }),
  /**
   * Changes the clinic's data key (an administrator, with their passphrase, having read what
   * it means): every file sealed again, a new recovery key shown once, the old recovery key and
   * older backups' keys no longer opening anything written from now on, and everyone else
   * given a new passphrase by an administrator.
   */
  'security.rotateKey': channel({
    input: z.strictObject({
      passphrase: z.string().min(1, 'Enter your passphrase').max(PASSPHRASE_MAX_LENGTH),
      understood: z.literal(true, {
        error: 'Confirm that you have read what changing the key does'
      })
    }),
    output: z.object({ recoveryKey: z.string(), staffToReset: z.number().int() }),
    access: 'admin'
  }),
  'audit.list': channel({
    input: AccessLogFilter,
    output: z.object({
      entries: z.array(AccessEntry),
      total: z.number().int(),
      intact: z.boolean(),
      problem: z.string().nullable()
    }),
    access: 'admin'
  }),
  'audit.merged': channel({
    input: MergedAccessLogQuery,
    output: z.object({
      entries: z.array(MergedAccessEntry),
      total: z.number().int(),
      computers: z.array(ComputerLog)
    }),
    access: 'admin'
  }),
  'audit.export': channel({
    input: z.strictObject(ExportProtection),
    output: ExportFile,
    access: 'admin'
  }),
  'groups.serviceCode': channel({
    input: z.strictObject({ groupId: Id }),
    output: ServiceCode,
    access: 'staff'
  }),
  'groups.setServiceCode': channel({
    input: z.strictObject({ groupId: Id, code: ServiceCode }),
    output: ServiceCode,
    access: 'admin'
  }),
  'consents.list': channel({
    input: z.strictObject({ participantId: Id }),
    output: z.array(Consent),
    access: 'staff'
  }),
  'consents.add': channel({ input: ConsentInput, output: Consent, access: 'staff' }),
  'consents.end': channel({ input: ConsentEndInput, output: Consent, access: 'staff' }),
  'clinic.updateSessionSettings': channel({
    input: SessionSettings,
    output: SessionSettings,
    access: 'admin'
  }),
  'agreements.current': channel({ input: Nothing, output: GroupAgreements, access: 'staff' }),
  'agreements.save': channel({ input: AgreementsInput, output: GroupAgreements, access: 'admin' }),
  'sessions.agreements': channel({ input: SessionRef, output: SessionAgreements, access: 'staff' }),
  'sessions.acknowledgeAgreements': channel({
    input: z.strictObject({ sessionId: Id, participantId: Id }),
    output: SessionAgreements,
    access: 'staff'
  }),
  'sessions.round': channel({
    input: z.strictObject({ sessionId: Id, action: RoundAction }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.updateProtocol': channel({
    input: z.strictObject({
      sessionId: Id,
      checklistId: Id,
      riskLevel: RiskLevel.nullable(),
      record: optionalText('What you recorded', 4000)
    }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.finishProtocol': channel({
    input: z.strictObject({
      sessionId: Id,
      checklistId: Id,
      riskLevel: RiskLevel,
      record: optionalText('What you recorded', 4000),
      ownerId: Id,
      dueOn: IsoDate
    }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.cancel': channel({ input: CancelInput, output: SessionView, access: 'staff' }),
  'sessions.registerWalkIn': channel({
    input: z.strictObject({ sessionId: Id, participant: ParticipantInput }),
    output: SessionView,
    access: 'staff'
  }),
  'sessions.everyoneOut': channel({ input: SessionRef, output: SessionView, access: 'staff' }),
  'sessions.printHandouts': channel({
    input: z.strictObject({
      sessionId: Id,
      withNames: z.boolean(),
      ...PrintTo,
      ...ExportProtection
    }),
    output: Printed,
    access: 'staff'
  }),
  'curriculum.printHandout': channel({
    input: z.strictObject({
      moduleId: Id,
      participantName: optionalText('Name', 80).nullable(),
      ...PrintTo,
      ...ExportProtection
    }),
    output: Printed,
    access: 'staff'
  }),
  'followUps.list': channel({
    input: z.strictObject({ participantId: Id.nullable() }),
    output: z.array(FollowUpView),
    access: 'staff'
  }),
  'followUps.close': channel({ input: CloseFollowUpInput, output: FollowUpView, access: 'staff' }),
  'clinic.contacts': channel({ input: Nothing, output: ClinicContacts, access: 'staff' }),
  'clinic.setContacts': channel({
    input: z.strictObject({ contacts: ClinicContacts }),
    output: ClinicContacts,
    access: 'admin'
  }),
  'home.day': channel({ input: Nothing, output: HomeDay, access: 'staff' })
} satisfies Record<ChannelName, ChannelSpec<z.ZodType, z.ZodType>>

// Every name in CHANNEL_NAMES has a spec, and the contract has no channel without a name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const contractHasEveryName: Exact<keyof typeof contract, ChannelName> = true
void contractHasEveryName

export type Contract = typeof contract
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>
export type OutputOf<C extends ChannelName> = z.output<Contract[C]['output']>

export const RecordScope = z.enum([
  'clinic',
  'staff',
  'groups',
  'participants',
  'enrollments',
  'sessions',
  'curriculum',
  'notes',
  'measures',
  'consents',
  'followUps'
])
export type RecordScope = z.infer<typeof RecordScope>

export const events = {
  'records.changed': z.object({ scope: RecordScope }),
  'auth.changed': z.object({ signedIn: z.boolean() }),
  'notices.changed': z.object({ count: z.number().int() }),
  /**
   * A session's log or records changed: every window showing it recomputes. While someone is
   * signed in it carries the projector's share of the session (timing and slides, never a
   * person), so the projector shows a change without asking for it again (issue 18).
   */
  'session.changed': z.object({ sessionId: Id, audience: AudienceView.optional() }),
  /** A change of the clinic's data key: files sealed again so far, of how many. */
  'security.rotation': z.object({ done: z.number().int(), total: z.number().int() }),
  /** The computer woke from sleep: screens take up the wall clock again (the sleep was real time). */
  'clock.resumed': z.object({}),
  /** Records arrived from another machine, or the sync state changed. */
  'sync.changed': z.object({ state: SyncState })
} satisfies Record<EventName, z.ZodType>

export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>
