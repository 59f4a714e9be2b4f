import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api'

export const homeDayKey = ['home', 'day'] as const

/** The running session, today's sessions and the next steps' figures. */
export function useHomeDay() {
  return useQuery({ queryKey: homeDayKey, queryFn: () => unwrap(api().home.day()) })
}
