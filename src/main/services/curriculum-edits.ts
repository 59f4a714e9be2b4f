import type { CycleInput } from '../../shared/curriculum/cycle'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'
import { groupCyclePosition } from './coverage'

function actorId(ctx: ServiceContext): string {
  if (!ctx.actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  return ctx.actor.id
}

export function moduleSource(ctx: ServiceContext, moduleId: string) {
  const entry = ctx.curriculum.entry(moduleId)
  if (!entry) throw new RuleError('not_found', 'That curriculum module was not found.')
  const staff = ctx.registry.data.staff
  return {
    moduleId,
    text: entry.text,
    edited: entry.edited,
    newerShippedVersion: entry.newerShippedVersion,
    history: entry.history
      .map((version, index) => ({
        index,
        savedAt: version.savedAt,
        savedByName: version.savedBy
          ? (staff.find((s) => s.id === version.savedBy)?.fullName ?? null)
          : null
      }))
      .reverse()
  }
}

export function saveModule(ctx: ServiceContext, input: { moduleId: string; text: string }) {
  return ctx.curriculum.save(input.moduleId, input.text, actorId(ctx), isoNow(ctx))
}

export function duplicateModule(ctx: ServiceContext, moduleId: string) {
  return ctx.curriculum.duplicate(moduleId, actorId(ctx), isoNow(ctx))
}

export function revertModule(
  ctx: ServiceContext,
  input: { moduleId: string; versionIndex: number }
) {
  return ctx.curriculum.revert(input.moduleId, input.versionIndex, actorId(ctx), isoNow(ctx))
}

export function saveCycle(
  ctx: ServiceContext,
  input: { cycleId: string | null; cycle: CycleInput }
) {
  const id = input.cycleId ?? ctx.newId()
  if (input.cycleId && !ctx.curriculum.cycles().some((c) => c.id === input.cycleId)) {
    throw new RuleError('not_found', 'That curriculum cycle was not found.')
  }
  return ctx.curriculum.saveCycle({
    id,
    name: input.cycle.name.trim(),
    slots: input.cycle.slots,
    builtIn: false
  })
}

export async function setGroupCycle(
  ctx: ServiceContext,
  input: { groupId: string; cycleId: string }
) {
  if (!ctx.registry.data.groups.some((g) => g.id === input.groupId)) {
    throw new RuleError('not_found', 'That group was not found.')
  }
  await ctx.curriculum.setGroupCycle(input.groupId, input.cycleId)
  return groupCyclePosition(ctx, input.groupId)
}
