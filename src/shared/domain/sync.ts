import { z } from 'zod'
import { Timestamp } from './common'

/**
 * Records moving between a clinic's machines: by transfer file (no network between them) or
 * through the clinic's CouchDB server. Sync is off until an administrator turns it on.
 */

/** How the machine stands with the clinic server, as the status chip says it. */
export const SyncState = z.enum(['off', 'synced', 'pending', 'offline', 'conflicts'])
export type SyncState = z.infer<typeof SyncState>

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  off: 'Sync off',
  synced: 'Synced',
  pending: 'Sending changes',
  offline: 'Server not reachable',
  conflicts: 'Conflicts to review'
}

/** Another machine of the clinic this one has heard from (by transfer file or the server). */
export const PeerMachine = z.object({
  machineId: z.string(),
  name: z.string(),
  /** When a transfer file from it was last imported here. */
  lastHeardAt: Timestamp.nullable(),
  /** When a transfer file for it was last made here. */
  lastSentAt: Timestamp.nullable()
})
export type PeerMachine = z.infer<typeof PeerMachine>

export const SyncStatus = z.object({
  machineId: z.string(),
  machineName: z.string(),
  /**
   * This computer took a new identity, until an administrator names it: its data folder was
   * copied from another computer (or moved), or a transfer file showed its id in use elsewhere.
   */
  renewed: z
    .object({
      at: Timestamp,
      reason: z.enum(['copied_folder', 'same_id_elsewhere']),
      previousName: z.string()
    })
    .nullable(),
  state: SyncState,
  server: z
    .object({
      url: z.string(),
      username: z.string(),
      enabled: z.boolean(),
      lastSyncedAt: Timestamp.nullable(),
      /** A plain sentence when the server refused or could not be reached. */
      problem: z.string().nullable()
    })
    .nullable(),
  peers: z.array(PeerMachine),
  conflicts: z.number().int()
})
export type SyncStatus = z.infer<typeof SyncStatus>

/** What importing a transfer file did. */
export const TransferReport = z.object({
  from: z.string(),
  /** Records new or newer than this machine's. */
  arrived: z.number().int(),
  /** Records edited on both machines: both versions kept, listed under Conflicts. */
  conflicted: z.number().int(),
  /** Records this machine already had. */
  already: z.number().int(),
  /**
   * Which records were changed on both, in the clinic's words ("Progress note for …, group …,
   * session of …"): names are in it, for the administrator's screen only, never a log.
   */
  conflictedRecords: z.array(z.string()),
  /** A plain sentence: what happened, including "an older file: nothing new". */
  message: z.string()
})
export type TransferReport = z.infer<typeof TransferReport>

/** One version of a record in conflict, as the Conflicts view shows it. */
export const ConflictVersion = z.object({
  rev: z.string(),
  /** A short description: who changed what and when, never note text. */
  summary: z.string(),
  signed: z.boolean(),
  /** The version the app shows until someone chooses (CouchDB's rule). */
  winner: z.boolean()
})
export type ConflictVersion = z.infer<typeof ConflictVersion>

export const SyncConflict = z.object({
  docId: z.string(),
  /** What kind of record, in the clinic's words: "Progress note", "Attendance", "Participant". */
  what: z.string(),
  /**
   * The record named: "Progress note for Riley Samplewood (C-104), group Evening IOP, session
   * of Mon, Nov 23, 2026". Names are in it: shown to an administrator, never logged.
   */
  record: z.string(),
  versions: z.array(ConflictVersion).min(2),
  /** Two signed versions of one note: both kept as signed documents, for review. */
  signedPair: z.boolean()
})
export type SyncConflict = z.infer<typeof SyncConflict>

export const ServerSettingsInput = z.strictObject({
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^\s]+$/, 'Enter the server’s address, starting with https://'),
  username: z.string().trim().min(1, 'Enter this machine’s user name on the server').max(200),
  password: z.string().max(500),
  enabled: z.boolean()
})
export type ServerSettingsInput = z.infer<typeof ServerSettingsInput>
