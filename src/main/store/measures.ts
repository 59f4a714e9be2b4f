import { z } from 'zod'
import { MeasureEntry } from '../../shared/domain/measure'
import type { FileCodec } from './codec'
import { VersionedDocument } from './versioned-document'

/**
 * Every measure recorded for every participant, in one file of its own:
 * small entries (a few numbers each), read whole for a progress page.
 */
export const MeasuresFile = z.object({ entries: z.array(MeasureEntry) })
export type MeasuresFile = z.infer<typeof MeasuresFile>

export const MEASURES_VERSION = 1

export function openMeasures(
  folder: string,
  now: () => number,
  codec?: FileCodec,
  keepBackups?: () => number,
  journalIdleMs?: number
): Promise<VersionedDocument<MeasuresFile>> {
  return VersionedDocument.open({
    ...(codec ? { codec } : {}),
    ...(keepBackups ? { keepBackups } : {}),
    folder,
    name: 'measures',
    version: MEASURES_VERSION,
    schema: MeasuresFile,
    migrations: {},
    initial: () => ({ entries: [] }),
    now,
    journal: journalIdleMs ? { idleMs: journalIdleMs } : {}
  })
}
