import { z } from 'zod'
import { Id, requiredText } from '../domain/common'
import { TEXT_LIMITS } from '../rules/limits'

/**
 * A curriculum cycle: the order in which a group's sessions go through the
 * material. An open group keeps going round it; a member has finished once
 * they have attended every module in it, in any order.
 */
export const CycleSlot = z.strictObject({
  educationalModuleId: Id.nullable(),
  skillsModuleId: Id.nullable()
})
export type CycleSlot = z.infer<typeof CycleSlot>

export const CycleInput = z.strictObject({
  name: requiredText('Cycle name', TEXT_LIMITS.cycleName),
  slots: z
    .array(CycleSlot, { error: 'A cycle is a list of sessions' })
    .min(1, 'A cycle has at least one session')
    .max(200, 'A cycle has at most 200 sessions')
})
export type CycleInput = z.input<typeof CycleInput>

export const Cycle = CycleInput.extend({
  id: Id,
  /** The starter cycle follows the shipped library and cannot be edited; copy it instead. */
  builtIn: z.boolean()
})
export type Cycle = z.infer<typeof Cycle>

export const STARTER_CYCLE_ID = 'starter'

/** The starter cycle: week by week, educational and skills modules of the same place paired. */
export function starterCycle(
  modules: ReadonlyArray<{ id: string; kind: string; week: number; order: number; source: string }>
): Cycle {
  const shipped = modules.filter((m) => m.source === 'shipped')
  const find = (kind: string, week: number, order: number) =>
    shipped.find((m) => m.kind === kind && m.week === week && m.order === order)?.id ?? null
  const slots: CycleSlot[] = []
  for (let week = 1; week <= 12; week++) {
    for (let order = 1; order <= 3; order++) {
      const educationalModuleId = find('educational', week, order)
      const skillsModuleId = find('skills', week, order)
      if (educationalModuleId || skillsModuleId) slots.push({ educationalModuleId, skillsModuleId })
    }
  }
  return {
    id: STARTER_CYCLE_ID,
    name: 'Starter curriculum (12 weeks, 36 sessions)',
    slots: slots.length ? slots : [{ educationalModuleId: null, skillsModuleId: null }],
    builtIn: true
  }
}

/** Every module the cycle asks for, in cycle order, each once. */
export function cycleModules(cycle: Pick<Cycle, 'slots'>): string[] {
  const seen = new Set<string>()
  const ids: string[] = []
  for (const slot of cycle.slots) {
    for (const id of [slot.educationalModuleId, slot.skillsModuleId]) {
      if (id && !seen.has(id)) {
        seen.add(id)
        ids.push(id)
      }
    }
  }
  return ids
}
