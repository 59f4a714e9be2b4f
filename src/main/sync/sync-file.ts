import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { z } from 'zod'
import type { FileCodec } from '../store/codec'
import { VersionedDocument } from '../store/versioned-document'
import { SealedDoc } from './sealed-docs'

/** Why this computer took a new identity: its folder was copied, or a file showed its id in use elsewhere. */
export const RenewalReason = z.enum(['copied_folder', 'same_id_elsewhere'])
export type RenewalReason = z.infer<typeof RenewalReason>

/**
 * This machine's part in the clinic's sync, in `sync.json` (sealed like every store file, never
 * in a backup, so a restored copy on another computer is a new machine): its id and name, the
 * machines it has heard from and what each is known to have, the clinic server, and the
 * records kept in conflict until an administrator chooses.
 */
export const SyncFile = z.object({
  machineId: z.string(),
  machineName: z.string(),
  /**
   * The mark of the computer and folder this id belongs to (`identity.ts`); '' in a file made
   * before it was kept. A copied data folder does not match it and becomes a new computer.
   */
  computer: z.string().default(''),
  /** When and why this computer last took a new identity; null when it never did. */
  renewed: z
    .object({ at: z.string(), reason: RenewalReason, previousName: z.string() })
    .nullable()
    .default(null),
  /** The MAC of every transfer file made here (the newest last): a file not among them was not. */
  made: z.array(z.string()).default([]),
  exportSequence: z.number().int(),
  /** The last few transfer files made here: each record's revision in them. */
  exports: z.array(
    z.object({
      sequence: z.number().int(),
      to: z.string().nullable(),
      winners: z.record(z.string(), z.string())
    })
  ),
  peers: z.array(
    z.object({
      machineId: z.string(),
      name: z.string(),
      lastHeardAt: z.string().nullable(),
      lastSentAt: z.string().nullable(),
      /** The newest of its transfer files imported here. */
      heardSequence: z.number().int(),
      /** Each record's revision that machine is known to have (from our file it imported). */
      acked: z.record(z.string(), z.string()),
      /** The MAC of its last files imported here, by sequence: one sequence, two files, two computers. */
      files: z.record(z.string(), z.string()).default({}),
      /**
       * Two computers sent files under this id (a copied data folder): what it acknowledges
       * may be what the other one has, so every file for it holds every record.
       */
      shared: z.boolean().default(false)
    })
  ),
  server: z
    .object({
      url: z.string(),
      username: z.string(),
      password: z.string(),
      enabled: z.boolean(),
      lastSyncedAt: z.string().nullable()
    })
    .nullable(),
  conflicts: z.array(
    z.object({ docId: z.string(), winner: z.string(), leaves: z.array(SealedDoc) })
  ),
  /** Versions ended by a resolved conflict: sent on, so other machines end them too. */
  tombstones: z.array(SealedDoc)
})
export type SyncFile = z.infer<typeof SyncFile>

/** The MACs of transfer files made here that are kept: enough for years of weekly files. */
const MADE_KEPT = 2000
/** The files of each other computer remembered by sequence. */
const FILES_KEPT = 50

/** Notes a transfer file made here. */
export function noteMade(draft: SyncFile, mac: string): void {
  draft.made = [...draft.made, mac].slice(-MADE_KEPT)
}

/** Notes a transfer file imported from `peer`; true when another file had the same sequence. */
export function noteHeard(peer: SyncFile['peers'][number], sequence: number, mac: string): boolean {
  const before = peer.files[String(sequence)]
  peer.files[String(sequence)] = mac
  const kept = Object.keys(peer.files)
    .map(Number)
    .sort((a, b) => b - a)
    .slice(FILES_KEPT)
  for (const old of kept) delete peer.files[String(old)]
  return before !== undefined && before !== mac
}

/**
 * This computer becomes a new one of the clinic: a new id, its own transfer files counted
 * from one again. Its records, the computers it heard from (and what they have), the
 * conflicts and the server stay: they are true of this copy too. Every other computer then
 * sends it what it has not had from it, which is everything: a full exchange.
 */
export function renewIdentity(
  draft: SyncFile,
  computer: string,
  reason: RenewalReason,
  at: string
): void {
  draft.renewed = { at, reason, previousName: draft.machineName }
  draft.machineId = randomUUID()
  draft.computer = computer
  draft.machineName = newMachineName()
  draft.exportSequence = 0
  draft.exports = []
  draft.made = []
}

function newMachineName(): string {
  return hostname().slice(0, 80) || 'This computer'
}

/**
 * Opens this computer's sync file; one made on another computer or in another folder (a data
 * folder copied) is given a new identity first, so two computers never share one id.
 */
export async function openSyncFile(
  folder: string,
  now: () => number,
  codec?: FileCodec,
  computer = ''
): Promise<VersionedDocument<SyncFile>> {
  const file = await openSyncDocument(folder, now, codec, computer)
  const stored = file.data.computer
  if (computer && stored !== computer) {
    await file.update((draft) => {
      // A file from before the mark was kept is taken as this computer's own.
      if (stored === '') draft.computer = computer
      else renewIdentity(draft, computer, 'copied_folder', new Date(now()).toISOString())
    })
  }
  return file
}

function openSyncDocument(
  folder: string,
  now: () => number,
  codec: FileCodec | undefined,
  computer: string
): Promise<VersionedDocument<SyncFile>> {
  return VersionedDocument.open({
    ...(codec ? { codec } : {}),
    folder,
    name: 'sync',
    version: 1,
    schema: SyncFile,
    migrations: {},
    initial: () => ({
      machineId: randomUUID(),
      machineName: newMachineName(),
      computer,
      renewed: null,
      made: [],
      exportSequence: 0,
      exports: [],
      peers: [],
      server: null,
      conflicts: [],
      tombstones: []
    }),
    now,
    keepBackups: 3
  })
}
