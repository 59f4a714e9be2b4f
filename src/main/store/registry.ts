import { z } from 'zod'
import { Clinic } from '../../shared/domain/clinic'
import { Enrollment } from '../../shared/domain/enrollment'
import { Group } from '../../shared/domain/group'
import { Participant } from '../../shared/domain/participant'
import { NoteFormat } from '../../shared/domain/note'
import { ServiceCode } from '../../shared/domain/billing'
import { defaultTrackSchedules, StoredMeasureSchedules } from '../../shared/domain/measure'
import { Consent } from '../../shared/domain/consent'
import {
  Agenda,
  DEFAULT_SESSION_SETTINGS,
  SessionIndexEntry,
  StoredSessionSettings
} from '../../shared/domain/session'
import { StoredStaff } from '../../shared/domain/staff'
import { AgreementAcknowledgement, GroupAgreements } from '../../shared/domain/agreements'
import { FollowUp } from '../../shared/domain/follow-up'
import { ClinicContact, DEFAULT_CLINIC_CONTACTS } from '../../shared/domain/contacts'
import { VersionedDocument, type Migration } from './versioned-document'
import type { FileCodec } from './codec'
import { WrappedKeySchema } from '../security/crypto'
import { ClinicKeys } from '../security/clinic-file'

/**
 * A staff member as the registry keeps them: with their copy of the data key
 * wrapped with their passphrase, while they may sign in (an encrypted clinic).
 * The clear keyring at the head of the clinic file is made from these.
 */
export const RegistryStaff = StoredStaff.extend({ wrapped: WrappedKeySchema.optional() })
export type RegistryStaff = z.infer<typeof RegistryStaff>

/**
 * The registry: who the clinic is, its staff, groups, participants and
 * enrolments. Sessions and notes live in files of their own (one per session),
 * so recording a session never rewrites the clinic's whole history.
 */
export const Registry = z.object({
  clinic: Clinic.nullable(),
  /** The clinic's id and key copies (recovery, access log); null for a clinic kept in clear. */
  keys: ClinicKeys.nullable().optional(),
  staff: z.array(RegistryStaff),
  groups: z.array(Group),
  participants: z.array(Participant),
  enrollments: z.array(Enrollment),
  /** One line per session; the session itself lives in `sessions/<id>.json`. */
  sessions: z.array(SessionIndexEntry),
  sessionSettings: StoredSessionSettings,
  /** Each group's own default agenda, used when planning a session. */
  agendas: z.array(z.object({ groupId: z.string(), segments: Agenda })),
  /** Each group's progress-note format, where it differs from the clinic's default. */
  noteFormats: z.array(z.object({ groupId: z.string(), format: NoteFormat })).default([]),
  /** Each group's billing code, where it differs from H0015. */
  serviceCodes: z.array(z.object({ groupId: z.string(), code: ServiceCode })).default([]),
  /** Which measures are due when, per track (an older file's single list is read per track). */
  measureSchedules: StoredMeasureSchedules.default(defaultTrackSchedules),
  /** The clinic's own versions of the group agreements; none while it keeps the shipped wording. */
  agreementVersions: z.array(GroupAgreements).default([]),
  /** Who acknowledged which version of the agreements, when, and at which session. */
  agreementAcknowledgements: z.array(AgreementAcknowledgement).default([]),
  /** Participants' written consents to disclose their records (42 CFR § 2.31). */
  consents: z.array(Consent).default([]),
  /** Follow-ups raised by crisis protocols, open until someone records what was done. */
  followUps: z.array(FollowUp).default([]),
  /** Whom the protocols say to call. */
  clinicContacts: z
    .array(ClinicContact)
    .default(() => DEFAULT_CLINIC_CONTACTS.map((c) => ({ ...c })))
})
export type Registry = z.infer<typeof Registry>

export const REGISTRY_VERSION = 3

/**
 * Version 1 kept treatment-plan goals as plain strings. Version 2 gives each
 * goal an id and a status, so progress on it can be recorded.
 */
export const registryMigrations: Record<number, Migration> = {
  1: (data) => {
    const participants = Array.isArray(data.participants) ? data.participants : []
    return {
      ...data,
      participants: participants.map((participant: Record<string, unknown>) => ({
        ...participant,
        goals: (Array.isArray(participant.goals) ? participant.goals : []).map(
          (goal: unknown, index: number) =>
            typeof goal === 'string'
              ? {
                  id: `${String(participant.id)}-goal-${index + 1}`,
                  text: goal,
                  status: 'in_progress'
                }
              : goal
        )
      }))
    }
  },
  // Version 3 adds sessions: their index, the clinic's session settings and per-group agendas.
  2: (data) => ({
    ...data,
    sessions: [],
    sessionSettings: { ...DEFAULT_SESSION_SETTINGS },
    agendas: [],
    noteFormats: [],
    serviceCodes: [],
    measureSchedules: defaultTrackSchedules()
  })
}

export function emptyRegistry(): Registry {
  return {
    clinic: null,

    staff: [],
    groups: [],
    participants: [],
    enrollments: [],
    sessions: [],
    sessionSettings: { ...DEFAULT_SESSION_SETTINGS },
    agendas: [],
    noteFormats: [],
    serviceCodes: [],
    measureSchedules: defaultTrackSchedules(),
    agreementVersions: [],
    agreementAcknowledgements: [],
    consents: [],
    followUps: [],
    clinicContacts: DEFAULT_CLINIC_CONTACTS.map((c) => ({ ...c }))
  }
}

export function openRegistry(
  folder: string,
  now: () => number,
  codec?: FileCodec,
  keepBackups?: () => number,
  /** The records a new file starts with (setup writes the clinic, its keys and first staff). */
  initial: () => Registry = emptyRegistry,
  /** How long the app must be idle before the journal is folded into the file. */
  journalIdleMs?: number
): Promise<VersionedDocument<Registry>> {
  return VersionedDocument.open({
    ...(codec ? { codec } : {}),
    ...(keepBackups ? { keepBackups } : {}),
    folder,
    name: 'registry',
    version: REGISTRY_VERSION,
    schema: Registry,
    migrations: registryMigrations,
    initial,
    now,
    // Attendance, notes' states, follow-ups and the like are journalled; who may sign in (the
    // clear keyring at the head of the clinic file is made from these) is written at once.
    journal: {
      writeThrough: ['clinic', 'keys', 'staff'],
      ...(journalIdleMs ? { idleMs: journalIdleMs } : {})
    }
  })
}
