import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api'

export const consentsKey = (participantId: string) => ['consents', participantId] as const

/** One participant's written consents, newest signature first. */
export function useConsents(participantId: string) {
  return useQuery({
    queryKey: consentsKey(participantId),
    queryFn: () => unwrap(api().consents.list({ participantId }))
  })
}
