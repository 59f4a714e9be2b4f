import type { RiskLevel } from '../../shared/domain/protocol'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'
import { clinicToday } from './progress'
import { finishedError } from './session-activity'
import { openSession, view, type SessionView } from './sessions'

/** The risk level and the record, saved as the facilitator works through a protocol. */
export async function updateProtocol(
  ctx: ServiceContext,
  input: { sessionId: string; checklistId: string; riskLevel: RiskLevel | null; record: string }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  await document.update((draft) => {
    const checklist = draft.safety.find((c) => c.id === input.checklistId)
    if (!checklist) throw new RuleError('not_found', 'That protocol was not found.')
    if (checklist.finishedAt) throw finishedError()
    checklist.riskLevel = input.riskLevel
    checklist.record = input.record
    draft.updatedAt = isoNow(ctx)
  })
  return view(ctx, document.data)
}

/**
 * Finishing a protocol records its risk level and raises a follow-up with an
 * owner and a due date, which Home lists until someone closes it.
 */
export async function finishProtocol(
  ctx: ServiceContext,
  input: {
    sessionId: string
    checklistId: string
    riskLevel: RiskLevel
    record: string
    ownerId: string
    dueOn: string
  }
): Promise<SessionView> {
  const actorId = ctx.actor?.id
  if (!actorId) throw new RuleError('not_signed_in', 'Sign in to do that.')
  const owner = ctx.registry.data.staff.find((s) => s.id === input.ownerId)
  if (!owner) throw new RuleError('not_found', 'That staff member was not found.')
  if (!owner.active) {
    throw new RuleError('invalid_input', 'Choose an active staff member to own the follow-up.')
  }
  if (input.dueOn < clinicToday(ctx)) {
    throw new RuleError('invalid_input', 'The follow-up cannot be due before today.')
  }
  const document = await openSession(ctx, input.sessionId)
  const found = document.data.safety.find((c) => c.id === input.checklistId)
  if (!found) throw new RuleError('not_found', 'That protocol was not found.')
  if (found.finishedAt) throw finishedError()
  const followUpId = ctx.newId()
  const at = isoNow(ctx)
  // The follow-up first: a finished protocol must never point at one that was not saved.
  await ctx.registry.update((draft) => {
    draft.followUps.push({
      id: followUpId,
      participantId: found.participantId,
      sessionId: input.sessionId,
      checklistId: found.id,
      protocol: found.protocol,
      riskLevel: input.riskLevel,
      ownerId: owner.id,
      dueOn: input.dueOn,
      createdAt: at,
      createdById: actorId,
      status: 'open',
      closedAt: null,
      closedById: null,
      outcome: ''
    })
  })
  await document.update((draft) => {
    const checklist = draft.safety.find((c) => c.id === input.checklistId)!
    checklist.riskLevel = input.riskLevel
    checklist.record = input.record
    checklist.finishedAt = at
    checklist.followUpId = followUpId
    checklist.needsFollowUp = false
    draft.updatedAt = at
  })
  return view(ctx, document.data)
}
