import { renderHandoutsHtml, type Handout } from '../../shared/curriculum/handout'
import { RuleError } from '../../shared/result'
import { displayName } from '../../shared/rules/names'
import type { ServiceContext } from './context'
import { openSession } from './sessions'

function clinicName(ctx: ServiceContext): string {
  return ctx.registry.data.clinic?.name ?? ''
}

/** One module's practice assignment as a one-page handout, with a name or a blank for it. */
export function printableHandout(
  ctx: ServiceContext,
  input: { moduleId: string; participantName: string | null }
): string {
  const module = ctx.curriculum.get(input.moduleId)
  if (!module) throw new RuleError('not_found', 'That curriculum module was not found.')
  if (module.homework === null) {
    throw new RuleError('not_found', `“${module.title}” has no practice assignment to hand out.`)
  }
  return renderHandoutsHtml({
    clinicName: clinicName(ctx),
    handouts: [
      {
        moduleTitle: module.title,
        homework: module.homework,
        participantName: input.participantName
      }
    ]
  })
}

/**
 * The day's handouts for everyone present: each module of the session with a
 * practice assignment, one page per person, with their name when asked.
 */
export async function printableSessionHandouts(
  ctx: ServiceContext,
  input: { sessionId: string; withNames: boolean }
): Promise<{ html: string; pages: number }> {
  const { data } = await openSession(ctx, input.sessionId)
  const modules = data.segments.flatMap((s) => {
    const module = s.moduleId ? ctx.curriculum.get(s.moduleId) : null
    return module && module.homework !== null ? [module] : []
  })
  if (modules.length === 0) {
    throw new RuleError('not_found', 'No module of this session has a practice assignment.')
  }
  const present = data.attendance.filter((a) => a.status === 'present')
  if (present.length === 0) {
    throw new RuleError('conflict', 'No one is marked present yet: take attendance first.')
  }
  const people = ctx.registry.data.participants
  const handouts: Handout[] = []
  for (const module of modules) {
    for (const a of present) {
      const person = people.find((p) => p.id === a.participantId)
      handouts.push({
        moduleTitle: module.title,
        homework: module.homework!,
        participantName: input.withNames && person ? displayName(person) : null
      })
    }
  }
  return {
    html: renderHandoutsHtml({ clinicName: clinicName(ctx), handouts }),
    pages: handouts.length
  }
}
