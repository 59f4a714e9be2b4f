import { createHash, randomUUID } from 'node:crypto'
import type PouchDB from 'pouchdb-core'
import { z } from 'zod'
import { canonicalJson } from '../../shared/canonical-json'
import { RuleError } from '../../shared/result'
import type { SyncConflict, SyncState, TransferReport } from '../../shared/domain/sync'
import { open, seal } from '../security/crypto'
import { macMatches, macOf, purposeKey } from '../security/clinic-file'
import type { VersionedDocument } from '../store/versioned-document'
import { RecordSeal, SealedDoc, type SyncRecord } from './sealed-docs'
import { noteHeard, noteMade, renewIdentity, type SyncFile } from './sync-file'
import { recordKind } from './describe'
import { checkServer, type ServerProblem } from './server-check'
import { LOG_FILE } from './machine-logs'

let loading: Promise<typeof PouchDB> | null = null

/**
 * PouchDB, loaded when sync is first needed: a clinic that never syncs never holds it (about
 * 25 MB of the main process's memory).
 */
function pouchDB(): Promise<typeof PouchDB> {
  loading ??= (async () => {
    const [core, memory, http, replication] = await Promise.all([
      import('pouchdb-core'),
      import('pouchdb-adapter-memory'),
      import('pouchdb-adapter-http'),
      import('pouchdb-replication')
    ])
    return core.default.plugin(memory.default).plugin(http.default).plugin(replication.default)
  })()
  loading.catch(() => (loading = null))
  return loading
}

type Mirror = PouchDB.Database<{ sealed: string }>

export const TRANSFER_KIND = 'iop-facilitator transfer'
export const TRANSFER_FORMAT = 1

const TransferHeader = z.strictObject({
  kind: z.literal(TRANSFER_KIND),
  format: z.literal(TRANSFER_FORMAT),
  clinicId: z.string(),
  from: z.string(),
  fromName: z.string(),
  to: z.string().nullable(),
  sequence: z.number().int().positive(),
  createdAt: z.string(),
  records: z.number().int().nonnegative(),
  /** The newest transfer file from each machine the maker had imported: what it has heard. */
  heard: z.record(z.string(), z.number().int()),
  /** The MAC of that newest file from each machine: a computer not among its makers shares an id. */
  heardFiles: z.record(z.string(), z.string()).optional(),
  /**
   * In a file for a new computer: the clinic file itself (its keyring in clear, its records
   * sealed), so a computer with no clinic yet can join with a passphrase or the recovery key.
   */
  clinicFile: z.string().optional()
})
type TransferHeader = z.infer<typeof TransferHeader>
const TransferFile = TransferHeader.extend({ sealed: z.string(), mac: z.string() })

/** Where the records of this machine come from and where records that won elsewhere go. */
export interface RecordSource {
  records(): AsyncIterable<SyncRecord>
  /** The clinic file as it is on disk, every change folded in. */
  clinicFile(): Promise<Uint8Array>
  /** `everyOf` gives every record of a file the mirror holds (a session begun elsewhere). */
  apply(records: SyncRecord[], everyOf: (file: string) => Promise<SyncRecord[]>): Promise<void>
}

export interface SyncEngineDeps {
  dataKey: Buffer
  clinicId: string
  source: RecordSource
  state: VersionedDocument<SyncFile>
  now: () => number
  /**
   * Names the record a conflict is about, from this computer's records (names in it: for an
   * administrator's screen, never a log). Its kind alone when not given. Asked once for each
   * list of conflicts, so the names are looked up once.
   */
  describer?: () => (record: SyncRecord) => string
  /** The mark of this computer and folder (`identity.ts`), kept with a new identity. */
  computer?: string
  /** Told when records arrived or the server's state changed. */
  onChange?: (state: SyncState) => void
}

/**
 * The clinic's records across machines. PouchDB is the engine: an in-memory mirror of this
 * machine's records, sealed, with their CouchDB revision histories, built when sync is first
 * needed. Transfer files carry mirror documents; a clinic server is reached by PouchDB's own
 * replication. PouchDB merges the histories, keeps every conflicting version and picks the
 * winner by CouchDB's rule; this engine writes the winners into the local store and keeps
 * the conflicts until an administrator chooses.
 */
export class SyncEngine {
  private mirror: Promise<Mirror> | null = null
  /** Which documents of the mirror belong to which file (ids are opaque, so kept here). */
  private readonly files = new Map<string, Set<string>>()
  private readonly seals: RecordSeal
  private live: PouchDB.Replication.Sync<{ sealed: string }> | null = null
  private serverState: SyncState = 'off'
  /** Why the server is not in step, in plain words; null when it answers as it should. */
  private problem: string | null = null
  private checking: { key: string; asking: Promise<ServerProblem | null> } | null = null
  /** Counts the starts, so a check that answers after a stop or a new start is let go. */
  private started = 0

  constructor(private readonly deps: SyncEngineDeps) {
    this.seals = new RecordSeal(deps.dataKey, deps.clinicId)
  }

  /** Whether the mirror is built (changes go into it only then; a build takes every record). */
  get mirrored(): boolean {
    return this.mirror !== null
  }

  /** Whether records are replicating with the clinic server now. */
  get replicating(): boolean {
    return this.live !== null
  }

  get state(): SyncState {
    if (this.deps.state.data.conflicts.length > 0) return 'conflicts'
    return this.serverState
  }

  /** The mirror: every record of this machine, sealed, with kept conflicts and resolutions. */
  private db(): Promise<Mirror> {
    this.mirror ??= (async () => {
      const Pouch = await pouchDB()
      const db: Mirror = new Pouch(`mirror-${randomUUID()}`, { adapter: 'memory' })
      let batch: SealedDoc[] = []
      const flush = async () => {
        if (batch.length) await db.bulkDocs(batch as never[], { new_edits: false })
        batch = []
      }
      for await (const record of this.deps.source.records()) {
        const doc = this.seals.seal(record)
        this.note(record.file, doc._id)
        batch.push(doc)
        if (batch.length >= 500) await flush()
      }
      for (const conflict of this.deps.state.data.conflicts) batch.push(...conflict.leaves)
      batch.push(...this.deps.state.data.tombstones)
      await flush()
      return db
    })()
    this.mirror.catch(() => (this.mirror = null))
    return this.mirror
  }

  private note(file: string, docId: string): void {
    let ids = this.files.get(file)
    if (!ids) this.files.set(file, (ids = new Set()))
    ids.add(docId)
  }

  /** Every record of a file the mirror holds, as it stands (the winning version of each). */
  private async everyOf(db: Mirror, file: string): Promise<SyncRecord[]> {
    const records: SyncRecord[] = []
    for (const id of this.files.get(file) ?? []) {
      const doc = await db.get(id, { revs: true }).catch(() => null)
      const parsed = SealedDoc.safeParse(doc)
      const record = parsed.success ? this.seals.open(parsed.data) : null
      if (record) records.push(record)
    }
    return records
  }

  /** A change saved on this machine: into the mirror, for the server to take. */
  async localChange(records: SyncRecord[]): Promise<void> {
    if (!this.mirror) return
    const db = await this.db()
    await db.bulkDocs(records.map((r) => this.seals.seal(r)) as never[], { new_edits: false })
  }

  /** A sealed file of what `peerId` has not had from here; every record for a new machine. */
  async exportTransfer(peerId: string | null): Promise<{ bytes: Buffer; records: number }> {
    const db = await this.db()
    const state = this.deps.state.data
    const peer = peerId ? state.peers.find((p) => p.machineId === peerId) : null
    if (peerId && !peer) throw new RuleError('not_found', 'That computer has not been heard from.')
    // A computer whose id two computers use: what it acknowledged may be the other one's.
    const acked = peer && !peer.shared ? peer.acked : {}
    const all = await db.allDocs()
    const winners: Record<string, string> = {}
    for (const row of all.rows) winners[row.id] = row.value.rev
    const changed = all.rows.filter((row) => acked[row.id] !== row.value.rev).map((row) => row.id)
    // Deleted records are not in allDocs: the removals this peer has not had go too.
    const removed = await this.removedSince(db, acked, winners)
    const docs = await this.leavesOf(db, [...changed, ...removed])
    const sequence = state.exportSequence + 1
    const header: TransferHeader = {
      kind: TRANSFER_KIND,
      format: TRANSFER_FORMAT,
      clinicId: this.deps.clinicId,
      from: state.machineId,
      fromName: state.machineName,
      to: peerId,
      sequence,
      createdAt: new Date(this.deps.now()).toISOString(),
      records: docs.length,
      heard: Object.fromEntries(state.peers.map((p) => [p.machineId, p.heardSequence])),
      heardFiles: Object.fromEntries(
        state.peers.flatMap((p) => {
          const mac = p.files[String(p.heardSequence)]
          return mac ? [[p.machineId, mac]] : []
        })
      ),
      ...(peerId
        ? {}
        : { clinicFile: Buffer.from(await this.deps.source.clinicFile()).toString('base64') })
    }
    const sealed = seal(JSON.stringify(docs), this.deps.dataKey, {
      clinicId: this.deps.clinicId,
      kind: 'transfer'
    }).toString('base64')
    const mac = macOf(this.transferKey(), macText(header, sealed))
    await this.deps.state.update((draft) => {
      draft.exportSequence = sequence
      noteMade(draft, mac)
      // What this file holds, to know what a machine has once it says it imported it.
      draft.exports = [
        ...draft.exports.filter((e) => e.sequence > sequence - 5),
        { sequence, to: peerId, winners }
      ]
      const target = draft.peers.find((p) => p.machineId === peerId)
      if (target) target.lastSentAt = header.createdAt
    })
    return {
      bytes: Buffer.from(JSON.stringify({ ...header, sealed, mac }), 'utf8'),
      records: docs.length
    }
  }

  /** Applies a transfer file; refuses one that is not this clinic's, changed or cut short. */
  async importTransfer(bytes: Uint8Array): Promise<TransferReport> {
    const nothing = ' Nothing was changed.'
    let raw: unknown
    try {
      raw = JSON.parse(Buffer.from(bytes).toString('utf8'))
    } catch {
      throw new RuleError(
        'unreadable_file',
        `This transfer file is incomplete or damaged: it may have been cut short while being copied. Copy it again from the other computer.${nothing}`
      )
    }
    const parsed = TransferFile.safeParse(raw)
    if (!parsed.success) {
      const kind = (raw as { kind?: unknown } | null)?.kind
      throw new RuleError(
        'unreadable_file',
        kind === TRANSFER_KIND
          ? `This transfer file is incomplete or was changed after it was made.${nothing}`
          : `This is not a transfer file of IOP Facilitator.${nothing}`
      )
    }
    const { sealed, mac, ...header } = parsed.data
    const state = this.deps.state.data
    if (header.clinicId !== this.deps.clinicId) {
      throw new RuleError(
        'unreadable_file',
        `This transfer file is from another clinic, not this one.${nothing}`
      )
    }
    const opened = macMatches(this.transferKey(), macText(header, sealed), mac)
      ? open(Buffer.from(sealed, 'base64'), this.deps.dataKey, {
          clinicId: this.deps.clinicId,
          kind: 'transfer'
        })
      : null
    if (!opened?.ok) {
      throw new RuleError(
        'unreadable_file',
        `This transfer file was changed after it was made, or made under a key this clinic no longer uses.${nothing}`
      )
    }
    if (header.from === state.machineId && state.made.includes(mac)) {
      throw new RuleError(
        'unreadable_file',
        `This transfer file was made on this computer: import it on the other one.${nothing}`
      )
    }
    const docs = z.array(SealedDoc).safeParse(JSON.parse(opened.value.toString('utf8')))
    if (!docs.success || docs.data.some((doc) => !this.seals.open(doc))) {
      throw new RuleError(
        'unreadable_file',
        `This transfer file holds records that do not open with this clinic’s key.${nothing}`
      )
    }
    // Another computer uses this one's id (one of the two holds a copy of the other's data
    // folder): this one becomes a new computer before anything is noted under that id.
    const renewed = this.sharesMyId(header)
    if (renewed) {
      await this.deps.state.update((draft) =>
        renewIdentity(
          draft,
          this.deps.computer ?? draft.computer,
          'same_id_elsewhere',
          new Date(this.deps.now()).toISOString()
        )
      )
    }
    const peer = state.peers.find((p) => p.machineId === header.from)
    const older = peer !== undefined && header.sequence <= peer.heardSequence
    const { arrived, conflicted, already, conflictedIds } = await this.merge(docs.data)
    let shared = false
    await this.deps.state.update((draft) => {
      let target = draft.peers.find((p) => p.machineId === header.from)
      if (!target) {
        target = {
          machineId: header.from,
          name: header.fromName,
          lastHeardAt: null,
          lastSentAt: null,
          heardSequence: 0,
          acked: {},
          files: {},
          shared: false
        }
        draft.peers.push(target)
      }
      target.name = header.fromName
      target.lastHeardAt = new Date(this.deps.now()).toISOString()
      target.heardSequence = Math.max(target.heardSequence, header.sequence)
      // Two different files with one sequence: two computers send under this id.
      if (noteHeard(target, header.sequence, mac) && !target.shared) {
        target.shared = true
        shared = true
      }
      if (target.shared) {
        target.acked = {}
        return
      }
      // The other machine has imported our file of that sequence: it has what that file had.
      const heard = header.heard[draft.machineId]
      const exported = draft.exports.find((e) => e.sequence === heard)
      if (exported) target.acked = exported.winners
    })
    this.deps.onChange?.(this.state)
    const name = `“${header.fromName}”`
    const records = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`
    const were = (n: number) => (n === 1 ? 'was' : 'were')
    const told = older
      ? `This transfer file from ${name} is older than one already imported: ${arrived === 0 ? 'nothing new was in it' : `${records(arrived)} ${were(arrived)} still new`}.`
      : `From ${name}: ${records(arrived)} arrived, ${records(conflicted)} ${were(conflicted)} changed on both computers (both versions kept, see Conflicts), ${records(already)} ${were(already)} already here.`
    const message = [
      told,
      renewed ? RENEWED_BY_FILE : null,
      shared
        ? `Two computers send transfer files as ${name}: one holds a copy of the other’s data folder. Files for ${name} now hold every record, so neither misses any. On each of them, open Settings → Backups and sync: a copy that has not yet become a new computer does so at its next import.`
        : null
    ]
      .filter(Boolean)
      .join(' ')
    const describe = this.describer()
    const conflictedRecords = conflictedIds.map((id) => this.nameOf(id, describe))
    return { from: header.fromName, arrived, conflicted, already, conflictedRecords, message }
  }

  /**
   * Whether this file shows another computer using this one's id: it was made under this id
   * but not here, or its maker heard from this id a file this computer never made.
   */
  private sharesMyId(header: TransferHeader & { mac?: string }): boolean {
    const state = this.deps.state.data
    const me = state.machineId
    if (header.from === me) return true
    const heard = header.heard[me]
    if (heard !== undefined && heard > state.exportSequence) return true
    const heardFile = header.heardFiles?.[me]
    return heardFile !== undefined && !state.made.includes(heardFile)
  }

  /** Merges documents from another machine and writes what won here. */
  private async merge(
    docs: SealedDoc[]
  ): Promise<{ arrived: number; conflicted: number; already: number; conflictedIds: string[] }> {
    const db = await this.db()
    const ids = [...new Set(docs.map((d) => d._id))]
    const before = await this.winnersOf(db, ids)
    await db.bulkDocs(docs as never[], { new_edits: false })
    return this.settle(db, ids, before)
  }

  /** After documents arrived: write the winners here, keep the conflicts, count what happened. */
  private async settle(db: Mirror, ids: string[], before: Map<string, string>) {
    let arrived = 0
    let conflicted = 0
    let already = 0
    const toApply: SyncRecord[] = []
    const conflicts: Array<{ docId: string; winner: string; leaves: SealedDoc[] }> = []
    const settled: string[] = []
    for (const id of ids) {
      const leaves = await this.leavesOf(db, [id])
      const winner = await db.get(id, { conflicts: true, revs: true }).catch(() => null)
      const winnerRev = winner?._rev ?? leaves.find((l) => l._deleted)?._rev ?? null
      if (winnerRev && winnerRev !== before.get(id)) {
        const doc = leaves.find((l) => l._rev === winnerRev)
        const record = doc ? this.seals.open(doc) : null
        if (record) {
          this.note(record.file, id)
          toApply.push(record)
        }
        arrived++
      } else already++
      // A log chunk only grows on its own computer: the longer one is the one to keep.
      const inConflict =
        (winner?._conflicts?.length ?? 0) > 0 &&
        !leaves.some((l) => this.seals.open(l)?.file === LOG_FILE)
      if (inConflict) {
        conflicted++
        conflicts.push({
          docId: id,
          winner: winner!._rev,
          leaves: leaves.filter((l) => !l._deleted)
        })
      } else settled.push(id)
    }
    await this.deps.source.apply(toApply, (file) => this.everyOf(db, file))
    if (conflicts.length > 0 || settled.length > 0) {
      const settledSet = new Set(settled)
      await this.deps.state.update((draft) => {
        const kept = draft.conflicts.filter(
          (c) => !settledSet.has(c.docId) && !conflicts.some((n) => n.docId === c.docId)
        )
        draft.conflicts = [...kept, ...conflicts]
      })
    }
    return { arrived, conflicted, already, conflictedIds: conflicts.map((c) => c.docId) }
  }

  /** Every leaf of each document, with its history: what another machine needs to merge it. */
  private async leavesOf(db: Mirror, ids: string[]): Promise<SealedDoc[]> {
    const out: SealedDoc[] = []
    for (const id of ids) {
      const leaves = await db.get(id, { open_revs: 'all', revs: true }).catch(() => [])
      for (const leaf of leaves as Array<{ ok?: unknown }>) {
        const parsed = SealedDoc.safeParse(leaf.ok)
        if (parsed.success) out.push(parsed.data)
      }
    }
    return out
  }

  private async winnersOf(db: Mirror, ids: string[]): Promise<Map<string, string>> {
    const result = await db.allDocs({ keys: ids })
    const winners = new Map<string, string>()
    for (const row of result.rows) {
      if ('value' in row && row.value) winners.set(row.id, row.value.rev)
    }
    return winners
  }

  /** Records removed here since `acked` was true of the other machine. */
  private async removedSince(
    db: Mirror,
    acked: Record<string, string>,
    winners: Record<string, string>
  ): Promise<string[]> {
    const gone = Object.keys(acked).filter((id) => !(id in winners))
    const removed: string[] = []
    for (const id of gone) {
      const leaves = await db.get(id, { open_revs: 'all' }).catch(() => [])
      if ((leaves as unknown[]).length > 0) removed.push(id)
    }
    // Removals the other machine never saw as present: every tombstone not yet acknowledged.
    const changes = await db.changes({ style: 'main_only' })
    for (const change of changes.results) {
      if (
        change.deleted &&
        acked[change.id] !== change.changes[0]?.rev &&
        !gone.includes(change.id)
      ) {
        removed.push(change.id)
      }
    }
    return removed
  }

  /** The records kept in conflict, as the Conflicts view lists them. */
  conflicts(): SyncConflict[] {
    const describe = this.describer()
    return this.deps.state.data.conflicts.map((conflict) => {
      const versions = conflict.leaves
        .map((leaf) => ({ leaf, record: this.seals.open(leaf) }))
        .filter((v) => v.record !== null)
      const winner = conflict.winner
      const list = versions.map(({ leaf, record }) => {
        const body = record!.body as Record<string, unknown> | null
        const signed = body?.state === 'signed'
        // The edit count, never a time in UTC or a record's text.
        const edits = Number(leaf._rev.split('-')[0])
        return {
          rev: leaf._rev,
          summary: `${signed ? 'Signed, after' : 'After'} ${edits} ${edits === 1 ? 'edit' : 'edits'}`,
          signed,
          winner: leaf._rev === winner
        }
      })
      const shown = versions.find((v) => v.leaf._rev === winner)?.record ?? versions[0]?.record
      return {
        docId: conflict.docId,
        what: recordKind(shown ?? { file: '', list: '' }),
        record: shown ? describe(shown) : 'A record',
        versions: list,
        signedPair: list.filter((v) => v.signed).length >= 2
      }
    })
  }

  /** Which record a conflict kept in the sync file is about, in the clinic's words. */
  private nameOf(docId: string, describe: (record: SyncRecord) => string): string {
    const conflict = this.deps.state.data.conflicts.find((c) => c.docId === docId)
    const leaf = conflict?.leaves.find((l) => l._rev === conflict.winner) ?? conflict?.leaves[0]
    const record = leaf ? this.seals.open(leaf) : null
    return record ? describe(record) : 'A record'
  }

  /** Names records; by their kind alone when the names cannot be read. */
  private describer(): (record: SyncRecord) => string {
    let named: ((record: SyncRecord) => string) | null = null
    try {
      named = this.deps.describer?.() ?? null
    } catch {
      named = null
    }
    return (record) => {
      try {
        return named?.(record) ?? recordKind(record)
      } catch {
        return recordKind(record)
      }
    }
  }

  /** Keeps one version: the others are ended in the record's history, here and everywhere. */
  async resolveConflict(docId: string, keep: string): Promise<SyncConflict[]> {
    const conflict = this.deps.state.data.conflicts.find((c) => c.docId === docId)
    if (!conflict) throw new RuleError('not_found', 'That conflict was already resolved.')
    if (!conflict.leaves.some((l) => l._rev === keep)) {
      throw new RuleError('not_found', 'That version is not one of the conflicting ones.')
    }
    const db = await this.db()
    const tombstones: SealedDoc[] = []
    for (const leaf of conflict.leaves) {
      if (leaf._rev === keep) continue
      // Each other version ends in a tombstone that keeps its seal, so it travels like any record.
      await db.bulkDocs([{ _id: docId, _rev: leaf._rev, _deleted: true, sealed: leaf.sealed }])
    }
    const leaves = await db.get(docId, { open_revs: 'all', revs: true })
    for (const leaf of leaves as Array<{ ok?: unknown }>) {
      const parsed = SealedDoc.safeParse(leaf.ok)
      if (parsed.success && parsed.data._deleted) tombstones.push(parsed.data)
    }
    await this.settle(db, [docId], await this.winnersOf(db, []))
    await this.deps.state.update((draft) => {
      draft.conflicts = draft.conflicts.filter((c) => c.docId !== docId)
      draft.tombstones = [...draft.tombstones.filter((t) => t._id !== docId), ...tombstones]
    })
    this.deps.onChange?.(this.state)
    return this.conflicts()
  }

  /**
   * Replicates with the clinic's CouchDB server both ways, continuously, retrying when it is
   * not reachable. Records pulled from it are written here as they arrive.
   */
  async startServer(url: string, auth: { username: string; password: string }): Promise<void> {
    this.stopServer()
    const db = await this.db()
    const started = ++this.started
    this.setServerState('pending')
    // Before anything is sent: is it a CouchDB server, does it take this user, is the database
    // this clinic's? A database of another clinic is never sent to.
    const found = await this.check(url, auth)
    if (started !== this.started) return
    if (found) this.setServerState('offline')
    if (found?.refuse) return
    const Pouch = await pouchDB()
    if (started !== this.started) return
    const remote = new Pouch<{ sealed: string }>(url, {
      adapter: 'http',
      auth,
      skip_setup: false
    })
    const sync = db.sync(remote, { live: true, retry: true, back_off_function: backOff })
    this.live = sync
    // A replication is also a promise, rejected when a request fails for good (the server went
    // away mid-request): handled here, as its 'error' event already says it; never left
    // unhandled, which would end the app's main process.
    for (const replication of [sync, sync.push, sync.pull]) {
      replication.catch(() => this.failed(sync, url, auth))
    }
    sync.on('change', (info) => {
      if (info.direction !== 'pull') return
      const ids = [...new Set((info.change.docs as Array<{ _id: string }>).map((d) => d._id))]
      void this.settle(db, ids, new Map())
        .then(() => this.deps.onChange?.(this.state))
        .catch((error) => console.error('[sync] records from the server not written', error))
    })
    // The two-way Sync's own 'paused' carries no error (pouchdb-replication drops it), which
    // read as "synced" while the server could not be reached. A failed request in either
    // direction means "not reachable" until the server answers again; a pause is "synced"
    // only once the server has answered, and answered as it should (the right user, this
    // clinic's database).
    let asked = 0
    const unreachable = () => {
      asked++
      this.failed(sync, url, auth)
    }
    for (const direction of [sync.push, sync.pull]) {
      direction.on('requestError', unreachable)
      direction.on('paused', (error) => {
        if (error) unreachable()
      })
    }
    sync.on('active', () => {
      if (this.serverState !== 'offline') this.setServerState('pending')
    })
    sync.on('paused', (error) => {
      if (error) return unreachable()
      const question = ++asked
      void this.check(url, auth).then((problem) => {
        if (question !== asked || this.live !== sync) return
        if (problem?.refuse) this.stopLive()
        this.setServerState(problem ? 'offline' : 'synced')
      })
    })
    sync.on('denied', () => this.failed(sync, url, auth))
    sync.on('error', () => this.failed(sync, url, auth))
  }

  /** What the server's trouble is, in plain words, once it has been asked; null when none. */
  get serverProblem(): string | null {
    return this.problem
  }

  /** Asks the server what is wrong (one question at a time) and says it. */
  private async check(
    url: string,
    auth: { username: string; password: string }
  ): Promise<ServerProblem | null> {
    const key = `${url}\n${auth.username}\n${auth.password}`
    if (this.checking?.key !== key) {
      const asking = checkServer(url, auth, this.deps.clinicId).finally(() => {
        if (this.checking?.asking === asking) this.checking = null
      })
      this.checking = { key, asking }
    }
    const found = await this.checking.asking
    const problem = found?.problem ?? null
    if (problem !== this.problem) {
      this.problem = problem
      this.deps.onChange?.(this.state)
    }
    return found
  }

  /** A request to the server failed: not reachable until it answers, and why, once asked. */
  private failed(sync: unknown, url: string, auth: { username: string; password: string }): void {
    if (this.live !== sync) return
    this.setServerState('offline')
    void this.check(url, auth).then((found) => {
      if (found?.refuse && this.live === sync) this.stopLive()
    })
  }

  private stopLive(): void {
    this.live?.cancel()
    this.live = null
  }

  stopServer(): void {
    this.started++
    this.stopLive()
    this.problem = null
    this.setServerState('off')
  }

  private setServerState(state: SyncState): void {
    if (this.serverState === state) return
    this.serverState = state
    if (state === 'synced') {
      void this.deps.state
        .update((draft) => {
          if (draft.server) draft.server.lastSyncedAt = new Date(this.deps.now()).toISOString()
        })
        .catch(() => undefined)
    }
    this.deps.onChange?.(this.state)
  }

  /** Lets go of the mirror and the server (the app locks or closes). */
  async close(): Promise<void> {
    this.stopServer()
    const mirror = this.mirror
    this.mirror = null
    if (mirror) await (await mirror).destroy().catch(() => undefined)
  }

  private transferKey(): Buffer {
    return purposeKey(this.deps.dataKey, this.deps.clinicId, 'transfer file')
  }
}

/**
 * What a transfer file for a new computer says before any key is at hand: who made it and
 * the clinic file in it, whose clear keyring lets its staff (or the recovery key) open it.
 */
export function readJoinFile(bytes: Uint8Array): {
  fromName: string
  createdAt: string
  records: number
  clinicFile: Buffer
} {
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new RuleError(
      'unreadable_file',
      'This transfer file is incomplete or damaged: it may have been cut short while being copied. Nothing was changed.'
    )
  }
  const parsed = TransferFile.safeParse(raw)
  if (!parsed.success) {
    throw new RuleError(
      'unreadable_file',
      'This is not a transfer file of IOP Facilitator. Nothing was changed.'
    )
  }
  if (!parsed.data.clinicFile) {
    throw new RuleError(
      'unreadable_file',
      'This transfer file carries changes for a computer that already holds the clinic. To join a new computer, make a transfer file “for a new computer” on one that has the clinic.'
    )
  }
  return {
    fromName: parsed.data.fromName,
    createdAt: parsed.data.createdAt,
    records: parsed.data.records,
    clinicFile: Buffer.from(parsed.data.clinicFile, 'base64')
  }
}

const RENEWED_BY_FILE =
  'This file showed another computer using this computer’s identity (one of them holds a copy of the other’s data folder), so this computer now takes part as a new one: give it a name under “This computer”, then exchange transfer files with each of the others. This time they hold every record.'

function macText(header: TransferHeader, sealed: string): string {
  return `${canonicalJson(header)}|${createHash('sha256').update(sealed).digest('hex')}`
}

/** Waits longer between tries while the server stays away, up to a minute. */
function backOff(delay: number): number {
  return delay === 0 ? 1000 : Math.min(60_000, delay * 2)
}
