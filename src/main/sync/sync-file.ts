import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { z } from 'zod'
import type { FileCodec } from '../store/codec'
import { VersionedDocument } from '../store/versioned-document'
import { SealedDoc } from './sealed-docs'

/**
 * This machine's part in the clinic's sync, in `sync.json` (sealed like every store file, never
 * in a backup, so a restored copy on another computer is a new machine): its id and name, the
 * machines it has heard from and what each is known to have, the clinic server, and the
 * records kept in conflict until an administrator chooses.
 */
export const SyncFile = z.object({
  machineId: z.string(),
  machineName: z.string(),
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
      acked: z.record(z.string(), z.string())
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

export function openSyncFile(
  folder: string,
  now: () => number,
  codec?: FileCodec
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
      machineName: hostname().slice(0, 80) || 'This computer',
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
