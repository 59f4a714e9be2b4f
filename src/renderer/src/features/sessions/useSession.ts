import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { notifications } from '@mantine/notifications'
import { useEffect } from 'react'
import type { SessionAction } from '../../../../shared/domain/session'
import type { EventPayload, SessionView } from '../../../../shared/ipc/contract'
import { api, messageOf, unwrap } from '../../api'

export const sessionKey = (sessionId: string) => ['sessions', sessionId] as const

/**
 * Refetches a session whenever any window changes it (the other window, the clock watch). A view
 * the change itself carries (`carried`, such as the projector's share) is taken as it comes,
 * with no request.
 */
export function useSessionUpdates<T>(
  sessionId: string,
  key: readonly unknown[],
  carried?: (payload: EventPayload<'session.changed'>) => T | undefined
): void {
  const client = useQueryClient()
  useEffect(
    () =>
      api().subscribe('session.changed', (payload) => {
        if (payload.sessionId !== sessionId) return
        const view = carried?.(payload)
        if (view === undefined) return void client.invalidateQueries({ queryKey: key })
        // A request still under way (the page's first, say) answers with the session as it was
        // before this change: it is called off, so its answer cannot replace the newer view.
        void client.cancelQueries({ queryKey: key }).then(() => client.setQueryData(key, view))
      }),
    // The key is derived from the id; listing it would resubscribe on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, sessionId]
  )
}

export function useSession(sessionId: string) {
  const key = sessionKey(sessionId)
  useSessionUpdates(sessionId, key)
  return useQuery({
    queryKey: key,
    queryFn: () => unwrap(api().sessions.get({ sessionId })),
    staleTime: Infinity
  })
}

/**
 * Every change to a session answers the whole session, which replaces the
 * cached one at once: the screen never waits for a refetch to show a press.
 */
export function useSessionChange<I>(sessionId: string, call: (input: I) => Promise<SessionView>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (session) => client.setQueryData(sessionKey(sessionId), session),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not done', message: messageOf(error) })
  })
}

export function useSessionAction(sessionId: string) {
  return useSessionChange(sessionId, (action: SessionAction) =>
    unwrap(api().sessions.act({ sessionId, action }))
  )
}
