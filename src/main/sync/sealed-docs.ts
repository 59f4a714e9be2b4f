import { z } from 'zod'
import { canonicalJson } from '../../shared/canonical-json'
import { open, seal } from '../security/crypto'
import { macOf, purposeKey } from '../security/clinic-file'
import { generationOf, hashOf, type RecordRevision } from '../store/journal'

/**
 * One record of one file, as it moves between a clinic's machines: which file and list it
 * belongs to, its content (null once removed) and its revision there.
 */
export interface SyncRecord {
  file: string
  list: string
  /** The record's id in its list; '' for a value kept whole (a setting). */
  id: string
  whole: boolean
  body: unknown
  deleted: boolean
  revision: RecordRevision
  /** Where the record stands in its list on the machine it comes from (events keep their order). */
  position?: number
}

/**
 * A record as PouchDB and CouchDB hold it: an opaque id (an HMAC of where the record lives,
 * so the server learns nothing of the clinic's structure), CouchDB's revision and history, and
 * the record sealed under the clinic's data key. Nothing clinical is in clear.
 */
export const SealedDoc = z.object({
  _id: z.string().regex(/^r-[0-9a-f]{40}$/),
  _rev: z.string().regex(/^\d+-[0-9a-f]{32}$/),
  _revisions: z.object({
    start: z.number().int().positive(),
    ids: z.array(z.string().regex(/^[0-9a-f]{32}$/)).min(1)
  }),
  _deleted: z.boolean().optional(),
  sealed: z.string()
})
export type SealedDoc = z.infer<typeof SealedDoc>

const Inner = z.object({
  file: z.string(),
  list: z.string(),
  id: z.string(),
  whole: z.boolean(),
  body: z.unknown(),
  position: z.number().int().nonnegative().optional()
})

/** Seals and opens records for other machines under the clinic's data key. */
export class RecordSeal {
  private readonly idKey: Buffer

  constructor(
    private readonly dataKey: Buffer,
    readonly clinicId: string
  ) {
    this.idKey = purposeKey(dataKey, clinicId, 'record ids')
  }

  docId(file: string, list: string, id: string): string {
    return `r-${macOf(this.idKey, `${file}\n${list}\n${id}`).slice(0, 40)}`
  }

  seal(record: SyncRecord): SealedDoc {
    const { rev, ancestors } = record.revision
    const inner = canonicalJson({
      file: record.file,
      list: record.list,
      id: record.id,
      whole: record.whole,
      body: record.deleted ? null : record.body,
      position: record.position
    })
    return {
      _id: this.docId(record.file, record.list, record.id),
      _rev: rev,
      _revisions: { start: generationOf(rev), ids: [hashOf(rev), ...ancestors] },
      ...(record.deleted ? { _deleted: true } : {}),
      sealed: seal(inner, this.dataKey, { clinicId: this.clinicId, kind: 'sync-record' }).toString(
        'base64'
      )
    }
  }

  /** The record a document holds; null when it does not open under this clinic's key or was moved. */
  open(doc: SealedDoc): SyncRecord | null {
    const opened = open(Buffer.from(doc.sealed, 'base64'), this.dataKey, {
      clinicId: this.clinicId,
      kind: 'sync-record'
    })
    if (!opened.ok) return null
    let inner: z.infer<typeof Inner>
    try {
      const parsed = Inner.safeParse(JSON.parse(opened.value.toString('utf8')))
      if (!parsed.success) return null
      inner = parsed.data
    } catch {
      return null
    }
    // A sealed record put under another record's id would be a record moved by hand.
    if (this.docId(inner.file, inner.list, inner.id) !== doc._id) return null
    return {
      ...inner,
      deleted: doc._deleted === true,
      revision: {
        rev: doc._rev,
        ancestors: doc._revisions.ids.slice(1),
        ...(doc._deleted ? { deleted: true as const } : {})
      }
    }
  }
}
