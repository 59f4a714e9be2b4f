import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api, unwrap } from '../api'
import { keys } from './queries'

/**
 * Locked means gone: the lock screen unmounts every record view, and what
 * they fetched is dropped too, so nothing of the records is left in the page.
 * Typing not yet saved is saved first (a locked app refuses every save), and
 * unlocking fetches everything again where the person left off.
 */
const pendingSaves = new Set<() => Promise<void>>()

/** An editor's "save now", run before the screen locks while the editor is open. */
export function useSaveBeforeLock(save: () => Promise<void>): void {
  useEffect(() => {
    pendingSaves.add(save)
    return () => void pendingSaves.delete(save)
  }, [save])
}

async function saveEverythingPending(): Promise<void> {
  await Promise.allSettled([...pendingSaves].map((save) => save()))
}

/** Locks the app (the Lock button, Ctrl+L, the idle lock): saves what is typed, then locks. */
export function useLock() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      await saveEverythingPending()
      return unwrap(api().auth.lock())
    },
    onSettled: () => void client.invalidateQueries({ queryKey: keys.status })
  })
}

/**
 * Drops every fetched record, every request's input (a note's text, a
 * participant's name) and every message on screen; keeps only the app's
 * status, which says who is signed in and that the screen is locked.
 */
export function forgetRecords(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] })
  client.getMutationCache().clear()
  notifications.clean()
  // A confirmation may show a note's summary: it goes with the rest.
  modals.closeAll()
}
