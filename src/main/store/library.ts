import { z } from 'zod'
import { Id, Timestamp } from '../../shared/domain/common'
import { Cycle } from '../../shared/curriculum/cycle'
import { ModuleSource } from '../../shared/curriculum/module'
import type { FileCodec } from './codec'
import { VersionedDocument } from './versioned-document'

/** Earlier texts of a module, kept at each save so any can be brought back. */
export const ModuleVersion = z.object({
  text: z.string(),
  savedAt: Timestamp,
  /** Staff id, or null for the app itself (a shipped update). */
  savedBy: Id.nullable()
})
export type ModuleVersion = z.infer<typeof ModuleVersion>

export const LibraryEntry = z.object({
  id: Id,
  source: ModuleSource,
  /** The module file's text, exactly as it would be exported. */
  text: z.string(),
  /** The shipped version this copy came from, for shipped modules. */
  shippedVersion: z.number().int().nullable(),
  /** Changed by the clinic: a newer shipped version is then offered, never applied over it. */
  edited: z.boolean(),
  newerShippedVersion: z.number().int().nullable(),
  history: z.array(ModuleVersion),
  updatedAt: Timestamp
})
export type LibraryEntry = z.infer<typeof LibraryEntry>

export const Library = z.object({
  modules: z.array(LibraryEntry),
  /** The program's own cycles; the starter cycle is built from the shipped modules. */
  cycles: z.array(Cycle),
  groupCycles: z.array(z.object({ groupId: Id, cycleId: Id }))
})
export type Library = z.infer<typeof Library>

export const LIBRARY_VERSION = 1
export const MAX_HISTORY = 30

export function openLibrary(
  folder: string,
  now: () => number,
  codec?: FileCodec,
  keepBackups?: () => number
): Promise<VersionedDocument<Library>> {
  return VersionedDocument.open({
    ...(codec ? { codec } : {}),
    ...(keepBackups ? { keepBackups } : {}),
    folder,
    name: 'curriculum',
    version: LIBRARY_VERSION,
    schema: Library,
    migrations: {},
    initial: () => ({ modules: [], cycles: [], groupCycles: [] }),
    now
  })
}
