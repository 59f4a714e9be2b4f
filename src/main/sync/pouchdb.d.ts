/**
 * The part of PouchDB this app uses, typed here: the community types (@types/pouchdb-core)
 * declare a global `Buffer` that breaks Node's own.
 */
declare module 'pouchdb-core' {
  namespace PouchDB {
    interface Revisions {
      start: number
      ids: string[]
    }
    type Doc<T> = T & {
      _id: string
      _rev: string
      _revisions?: Revisions
      _deleted?: boolean
      _conflicts?: string[]
    }
    interface AllDocsRow {
      id: string
      key: string
      value: { rev: string; deleted?: boolean }
      error?: string
    }
    interface ChangesResult {
      results: Array<{
        id: string
        seq: number | string
        deleted?: boolean
        changes: Array<{ rev: string }>
      }>
    }
    interface SyncChange {
      direction: 'push' | 'pull'
      change: { docs: Array<{ _id: string }> }
    }
    /** One direction of a two-way sync: its pauses carry the error the Sync's own drop. */
    interface OneWay {
      on(event: 'paused', listener: (error?: unknown) => void): OneWay
      on(event: 'requestError', listener: (error: unknown) => void): OneWay
      catch(onRejected: (error: unknown) => void): Promise<unknown>
    }
    interface Sync<T> {
      readonly push: OneWay
      readonly pull: OneWay
      on(event: 'change', listener: (info: SyncChange) => void): Sync<T>
      on(event: 'paused', listener: (error?: unknown) => void): Sync<T>
      on(event: 'active' | 'complete', listener: () => void): Sync<T>
      on(event: 'denied' | 'error', listener: (error: unknown) => void): Sync<T>
      cancel(): void
      /** Replications are promises too: settled when they end, rejected when they fail. */
      catch(onRejected: (error: unknown) => void): Promise<unknown>
    }
    interface Database<T = Record<string, unknown>> {
      bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<unknown[]>
      get(
        id: string,
        options?: { conflicts?: boolean; revs?: boolean; rev?: string }
      ): Promise<Doc<T>>
      get(
        id: string,
        options: { open_revs: 'all' | string[]; revs?: boolean }
      ): Promise<Array<{ ok?: Doc<T>; missing?: string }>>
      allDocs(options?: { keys?: string[] }): Promise<{ rows: AllDocsRow[] }>
      changes(options?: {
        style?: 'main_only' | 'all_docs'
        since?: number | string
      }): Promise<ChangesResult>
      remove(id: string, rev: string): Promise<{ ok: boolean; id: string; rev: string }>
      sync(
        remote: Database<T>,
        options?: { live?: boolean; retry?: boolean; back_off_function?: (delay: number) => number }
      ): Sync<T>
      info(): Promise<{ doc_count: number; update_seq: number | string }>
      destroy(): Promise<void>
      close(): Promise<void>
    }
    namespace Replication {
      type Sync<T> = PouchDB.Sync<T>
    }
  }
  interface PouchDBStatic {
    new <T = Record<string, unknown>>(
      name: string,
      options?: {
        adapter?: string
        auth?: { username: string; password: string }
        skip_setup?: boolean
      }
    ): PouchDB.Database<T>
    plugin(plugin: unknown): PouchDBStatic
  }
  const PouchDB: PouchDBStatic
  export default PouchDB
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}
