import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api'

/** Query keys in one place, so a change event can refresh exactly what it touched. */
export const keys = {
  status: ['status'] as const,
  directory: ['directory'] as const,
  staff: ['staff'] as const,
  groups: ['groups'] as const,
  group: (id: string) => ['groups', id] as const,
  roster: (id: string) => ['groups', id, 'roster'] as const,
  participants: ['participants'] as const,
  participant: (id: string) => ['participants', id] as const
}

export function useStatus() {
  return useQuery({ queryKey: keys.status, queryFn: () => unwrap(api().app.status()) })
}

export function useStaffList() {
  return useQuery({ queryKey: keys.staff, queryFn: () => unwrap(api().staff.list()) })
}

export function useGroups() {
  return useQuery({ queryKey: keys.groups, queryFn: () => unwrap(api().groups.list()) })
}

export function useParticipants() {
  return useQuery({
    queryKey: keys.participants,
    queryFn: () => unwrap(api().participants.list())
  })
}
