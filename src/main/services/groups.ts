import type { ParsedInputOf } from '../../shared/ipc/contract'
import type { Group } from '../../shared/domain/group'
import { buildRoster, type Roster } from '../../shared/rules/roster'
import { RuleError } from '../../shared/result'
import type { Registry } from '../store/registry'
import { isoNow, type ServiceContext } from './context'

type GroupFields = ParsedInputOf<'groups.create'>

export function listGroups(ctx: ServiceContext) {
  const { groups, enrollments } = ctx.registry.data
  return groups
    .map((group) => ({
      ...group,
      enrolledCount: enrollments.filter((e) => e.groupId === group.id && e.exitDate === null).length
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export function getGroup(ctx: ServiceContext, groupId: string): Group {
  return findGroup(ctx.registry.data, groupId)
}

export async function createGroup(ctx: ServiceContext, input: GroupFields): Promise<Group> {
  return ctx.registry.update((registry) => {
    checkGroup(registry, input, null)
    const at = isoNow(ctx)
    const group: Group = { id: ctx.newId(), ...input, createdAt: at, updatedAt: at }
    registry.groups.push(group)
    return group
  })
}

export async function updateGroup(
  ctx: ServiceContext,
  input: { groupId: string; group: GroupFields }
): Promise<Group> {
  return ctx.registry.update((registry) => {
    const group = findGroup(registry, input.groupId)
    checkGroup(registry, input.group, group.id)
    const enrolled = registry.enrollments.filter(
      (e) => e.groupId === group.id && e.exitDate === null
    ).length
    if (input.group.capacity < enrolled) {
      throw new RuleError(
        'conflict',
        `${enrolled} people are enrolled now; the capacity cannot be set below that.`
      )
    }
    Object.assign(group, input.group, { updatedAt: isoNow(ctx) })
    return group
  })
}

export function groupRoster(ctx: ServiceContext, groupId: string): Roster {
  const registry = ctx.registry.data
  const group = findGroup(registry, groupId)
  return buildRoster(group, registry.enrollments, registry.participants)
}

function findGroup(registry: Registry, groupId: string): Group {
  const group = registry.groups.find((g) => g.id === groupId)
  if (!group) throw new RuleError('not_found', 'That group was not found.')
  return group
}

function checkGroup(registry: Registry, input: GroupFields, selfId: string | null): void {
  const clash = registry.groups.find(
    (g) => g.id !== selfId && g.name.trim().toLowerCase() === input.name.trim().toLowerCase()
  )
  if (clash) {
    throw new RuleError(
      'conflict',
      `A group called "${clash.name}" already exists. Choose another name.`
    )
  }
  for (const id of input.facilitatorIds) {
    const staff = registry.staff.find((s) => s.id === id)
    if (!staff) throw new RuleError('not_found', 'One of the chosen facilitators was not found.')
    if (!staff.active) {
      throw new RuleError('invalid_input', `${staff.fullName} is disabled and cannot facilitate.`)
    }
  }
}
