import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api'

/** Query keys in one place, so a change event can refresh exactly what it touched. */
export const keys = {
  status: ['status'] as const,
  directory: ['directory'] as const,
  staff: ['staff'] as const,
  groups: ['groups'] as const,
  /** The recovery key made at setup, held until it has been shown and kept; never fetched. */
  recoveryKey: ['recovery-key'] as const,
  group: (id: string) => ['groups', id] as const,
  roster: (id: string) => ['groups', id, 'roster'] as const,
  participants: ['participants'] as const,
  participant: (id: string) => ['participants', id] as const,
  /** One session; the running screen uses this same key. */
  session: (id: string) => ['sessions', id] as const,
  /** What the projector shows of a session; refreshed by session.changed alone. */
  audience: (id: string) => ['audience', id] as const,
  groupSessions: (groupId: string) => ['groups', groupId, 'sessions'] as const,
  groupAgenda: (groupId: string) => ['groups', groupId, 'agenda'] as const,
  curriculum: ['curriculum'] as const,
  sessionSettings: ['sessionSettings'] as const
}

/** The app's status: asked for as the app opens (see App), and kept current by its events. */
export const statusQuery = {
  queryKey: keys.status,
  queryFn: () => unwrap(api().app.status())
}

export function useStatus() {
  return useQuery(statusQuery)
}

/** Who can sign in here: the sign-in screen's list, asked for beside the status as the app opens. */
export const directoryQuery = {
  queryKey: keys.directory,
  queryFn: () => unwrap(api().auth.directory())
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

export function useGroup(groupId: string) {
  return useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => unwrap(api().groups.get({ groupId })),
    enabled: groupId !== ''
  })
}

export function useGroupSessions(groupId: string) {
  return useQuery({
    queryKey: keys.groupSessions(groupId),
    queryFn: () => unwrap(api().sessions.list({ groupId }))
  })
}

/** The group's saved default agenda, or the built-in three-hour day. */
export function useGroupAgenda(groupId: string) {
  return useQuery({
    queryKey: keys.groupAgenda(groupId),
    queryFn: () => unwrap(api().sessions.agenda({ groupId })),
    enabled: groupId !== ''
  })
}

export function useCurriculum() {
  return useQuery({ queryKey: keys.curriculum, queryFn: () => unwrap(api().curriculum.list()) })
}

export function useSessionSettings(enabled = true) {
  return useQuery({
    queryKey: keys.sessionSettings,
    queryFn: () => unwrap(api().clinic.sessionSettings()),
    enabled
  })
}
