import { cycleModules, type Cycle } from './cycle'
import type { ModuleKind } from './module'

export interface ModuleCandidate {
  moduleId: string
  /** How many of the members have not yet covered it. */
  needCount: number
  /** How many places after the group's position in the cycle it comes (0 = next). */
  cycleDistance: number
}

/**
 * The modules to propose for the next session's segment of one kind: those
 * the most members still need first, ties broken by cycle order from where
 * the group is. Nobody is shown a module nobody needs ahead of one somebody does.
 */
export function proposeModules(input: {
  cycle: Pick<Cycle, 'slots'>
  kind: ModuleKind
  startSlot: number
  members: ReadonlyArray<{ covered: ReadonlySet<string> | ReadonlyArray<string> }>
}): ModuleCandidate[] {
  const slots = input.cycle.slots
  const field = input.kind === 'educational' ? 'educationalModuleId' : 'skillsModuleId'
  const distance = new Map<string, number>()
  for (let k = 0; k < slots.length; k++) {
    const id = slots[(input.startSlot + k) % slots.length]![field]
    if (id && !distance.has(id)) distance.set(id, k)
  }
  const coveredSets = input.members.map((m) =>
    m.covered instanceof Set ? m.covered : new Set(m.covered as ReadonlyArray<string>)
  )
  const ids = cycleModules(input.cycle).filter((id) => distance.has(id))
  return ids
    .map((moduleId) => ({
      moduleId,
      needCount: coveredSets.filter((covered) => !covered.has(moduleId)).length,
      cycleDistance: distance.get(moduleId)!
    }))
    .sort((a, b) => b.needCount - a.needCount || a.cycleDistance - b.cycleDistance)
}
