import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { SyncState, SyncStatus } from '../../../../shared/domain/sync'
import { api, unwrap } from '../../api'

/** Sync's queries: refreshed together when the `sync.changed` event arrives. */
export const syncKeys = {
  all: ['sync'] as const,
  status: ['sync', 'status'] as const,
  conflicts: ['sync', 'conflicts'] as const
}

/** This computer, the clinic server and the computers heard from (administrators only). */
export function useSyncStatus(enabled = true) {
  return useQuery({
    queryKey: syncKeys.status,
    queryFn: () => unwrap(api().sync.status()),
    enabled
  })
}

/**
 * Follows this computer's state with the server and transfer files (the `sync.changed` event):
 * the new state at once, the rest (conflicts, last in step) fetched again.
 */
export function useSyncEvents(enabled: boolean) {
  const client = useQueryClient()
  useEffect(() => {
    if (!enabled) return
    return api().subscribe('sync.changed', ({ state }) => {
      client.setQueryData<SyncStatus>(syncKeys.status, (old) => old && { ...old, state })
      void client.invalidateQueries({ queryKey: syncKeys.all })
    })
  }, [client, enabled])
}

export function useSyncConflicts() {
  return useQuery({
    queryKey: syncKeys.conflicts,
    queryFn: () => unwrap(api().sync.conflicts())
  })
}

/**
 * Whether this computer takes part in sync at all: a clinic server set up and turned on, or
 * records in conflict from a transfer file. A clinic on one computer sees no status.
 */
export function syncInUse(status: SyncStatus): boolean {
  return (status.server?.enabled ?? false) || status.conflicts > 0 || status.state !== 'off'
}

/** Each state's sign beside its words (colour is never the only signal) and its colour. */
export const SYNC_STATE_LOOK: Record<SyncState, { sign: string; color: string }> = {
  off: { sign: '○', color: 'gray' },
  synced: { sign: '✓', color: 'teal' },
  pending: { sign: '↻', color: 'blue' },
  offline: { sign: '⚠', color: 'orange' },
  conflicts: { sign: '⚑', color: 'red' }
}
