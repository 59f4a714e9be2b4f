import type { OutputOf } from '../../shared/ipc/contract'
import type { ServiceContext } from './context'
import { clinicToday } from './progress'

type HomeDay = OutputOf<'home.day'>

/**
 * The clinician's day, read from the registry's index alone (no session file
 * opened): the sessions running now, today's sessions, and how far a new
 * clinic has come in setting itself up.
 */
export function homeDay(ctx: ServiceContext): HomeDay {
  const registry = ctx.registry.data
  const today = clinicToday(ctx)
  const groups = new Map(registry.groups.map((g) => [g.id, g]))
  const line = (s: (typeof registry.sessions)[number]) => ({
    sessionId: s.id,
    groupId: s.groupId,
    groupName: groups.get(s.groupId)?.name ?? '',
    startTime: groups.get(s.groupId)?.startTime ?? '',
    date: s.date,
    status: s.status,
    startedAt: s.startedAt
  })
  const running = registry.sessions
    .filter((s) => s.status === 'running')
    .map(line)
    .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''))
  const todays = registry.sessions
    .filter((s) => s.date === today)
    .map(line)
    .sort(
      (a, b) => a.startTime.localeCompare(b.startTime) || a.groupName.localeCompare(b.groupName)
    )
  const enrolled = new Set(
    registry.enrollments.filter((e) => e.exitDate === null).map((e) => e.participantId)
  )
  return {
    today,
    running,
    todays,
    setup: {
      staff: registry.staff.filter((s) => s.active).length,
      groups: registry.groups.length,
      participants: registry.participants.filter((p) => p.status === 'active').length,
      enrolled: enrolled.size,
      planned: registry.sessions.filter((s) => s.status !== 'cancelled').length,
      run: registry.sessions.filter((s) => s.status === 'running' || s.status === 'ended').length,
      firstGroupId: registry.groups[0]?.id ?? null
    }
  }
}
