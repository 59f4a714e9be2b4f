import { coverageOf, nextSlotIndex } from '../../shared/curriculum/coverage'
import { proposeModules } from '../../shared/curriculum/planner'
import type { ModuleKind } from '../../shared/curriculum/module'
import { coveredIn } from '../../shared/domain/session'
import { RuleError } from '../../shared/result'
import { clinicDate } from '../../shared/rules/dates'
import type { ServiceContext } from './context'
import { rosterOn } from './sessions'

function findGroup(ctx: ServiceContext, groupId: string) {
  const group = ctx.registry.data.groups.find((g) => g.id === groupId)
  if (!group) throw new RuleError('not_found', 'That group was not found.')
  return group
}

/** The group's ended sessions, oldest first: they say where it is in its cycle. */
function heldSessions(ctx: ServiceContext, groupId: string) {
  return ctx.registry.data.sessions
    .filter((s) => s.groupId === groupId && s.status === 'ended')
    .sort((a, b) => (a.endedAt ?? '').localeCompare(b.endedAt ?? ''))
}

/** Every module a participant has covered, in any group's sessions. */
export function attendedModules(ctx: ServiceContext, participantId: string): string[] {
  const ids = new Set<string>()
  for (const session of ctx.registry.data.sessions) {
    for (const id of coveredIn(session, participantId)) ids.add(id)
  }
  return [...ids]
}

function title(ctx: ServiceContext, moduleId: string | null) {
  if (!moduleId) return null
  return { moduleId, title: ctx.curriculum.get(moduleId)?.title ?? moduleId }
}

export function groupCyclePosition(ctx: ServiceContext, groupId: string) {
  findGroup(ctx, groupId)
  const cycle = ctx.curriculum.cycleFor(groupId)
  const next = nextSlotIndex(cycle, heldSessions(ctx, groupId))
  const slot = cycle.slots[next]!
  return {
    cycleId: cycle.id,
    cycleName: cycle.name,
    slotCount: cycle.slots.length,
    /** 0-based: the session the group is due to hold next. */
    nextSlot: next,
    next: {
      educational: title(ctx, slot.educationalModuleId),
      skills: title(ctx, slot.skillsModuleId)
    }
  }
}

/**
 * The planner's proposal for a session: for each kind, the modules the most
 * people on the day's roster (or the given people) still need first.
 */
export function moduleProposal(
  ctx: ServiceContext,
  input: { groupId: string; date: string; participantIds?: string[] }
) {
  findGroup(ctx, input.groupId)
  const cycle = ctx.curriculum.cycleFor(input.groupId)
  const startSlot = nextSlotIndex(cycle, heldSessions(ctx, input.groupId))
  const people = input.participantIds ?? rosterOn(ctx.registry.data, input.groupId, input.date)
  const members = people.map((id) => ({ covered: attendedModules(ctx, id) }))
  const rank = (kind: ModuleKind) =>
    proposeModules({ cycle, kind, startSlot, members }).map((c) => ({
      ...c,
      title: ctx.curriculum.get(c.moduleId)?.title ?? c.moduleId,
      memberCount: members.length
    }))
  return { educational: rank('educational'), skills: rank('skills') }
}

/** A participant's progress through the cycle of each group they are or were in. */
export function participantCoverage(ctx: ServiceContext, participantId: string) {
  const registry = ctx.registry.data
  if (!registry.participants.some((p) => p.id === participantId)) {
    throw new RuleError('not_found', 'That participant was not found.')
  }
  const attended = attendedModules(ctx, participantId)
  const today = clinicDate(ctx.now(), registry.clinic?.timeZone ?? 'UTC')
  const groupIds = [
    ...new Set(
      registry.enrollments.filter((e) => e.participantId === participantId).map((e) => e.groupId)
    )
  ]
  return groupIds.flatMap((groupId) => {
    const group = registry.groups.find((g) => g.id === groupId)
    if (!group) return []
    const cycle = ctx.curriculum.cycleFor(groupId)
    const coverage = coverageOf({
      cycle,
      attendedModuleIds: attended,
      startSlot: nextSlotIndex(cycle, heldSessions(ctx, groupId)),
      meetingDays: group.meetingDays,
      from: today
    })
    const named = (ids: string[]) => ids.map((id) => title(ctx, id)!)
    return [
      {
        groupId,
        groupName: group.name,
        cycleName: cycle.name,
        total: coverage.total,
        percent: coverage.percent,
        covered: named(coverage.covered),
        missing: named(coverage.missing),
        sessionsToGo: coverage.sessionsToGo,
        estimatedCompletion: coverage.estimatedCompletion
      }
    ]
  })
}
