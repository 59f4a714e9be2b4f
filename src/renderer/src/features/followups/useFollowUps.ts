import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api'

export const followUpsKey = (participantId: string | null) =>
  ['followUps', participantId ?? 'all'] as const

/** Open follow-ups, everyone's or one participant's, most severe and oldest first. */
export function useOpenFollowUps(participantId: string | null = null) {
  return useQuery({
    queryKey: followUpsKey(participantId),
    queryFn: () => unwrap(api().followUps.list({ participantId }))
  })
}
