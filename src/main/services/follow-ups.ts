import type { FollowUp, FollowUpView } from '../../shared/domain/follow-up'
import type { ClinicContacts } from '../../shared/domain/contacts'
import { isOverdue, openFollowUps } from '../../shared/followups/order'
import { RuleError } from '../../shared/result'
import { displayName } from '../../shared/rules/names'
import { isoNow, type ServiceContext } from './context'
import { clinicToday } from './progress'

/** Every open follow-up, or one participant's, most severe and oldest first. */
export function listFollowUps(
  ctx: ServiceContext,
  input: { participantId: string | null }
): FollowUpView[] {
  const all = ctx.registry.data.followUps.filter(
    (f) => input.participantId === null || f.participantId === input.participantId
  )
  return openFollowUps(all).map((f) => followUpView(ctx, f))
}

export function followUpView(ctx: ServiceContext, f: FollowUp): FollowUpView {
  const registry = ctx.registry.data
  const person = registry.participants.find((p) => p.id === f.participantId)
  const staffName = (id: string | null) => {
    if (id === null) return null
    const s = registry.staff.find((x) => x.id === id)
    return s ? `${s.fullName}, ${s.credentials}` : 'Former staff member'
  }
  return {
    ...f,
    displayName: person ? displayName(person) : 'Unknown participant',
    clientId: person?.clientId ?? '',
    ownerName: staffName(f.ownerId) ?? '',
    closedByName: staffName(f.closedById),
    sessionDate: registry.sessions.find((s) => s.id === f.sessionId)?.date ?? null,
    overdue: isOverdue(f, clinicToday(ctx))
  }
}

/** Closing records who closed it, when, and what was done. */
export async function closeFollowUp(
  ctx: ServiceContext,
  input: { followUpId: string; outcome: string }
): Promise<FollowUpView> {
  const actorId = ctx.actor?.id
  if (!actorId) throw new RuleError('not_signed_in', 'Sign in to do that.')
  const closed = await ctx.registry.update((draft) => {
    const followUp = draft.followUps.find((f) => f.id === input.followUpId)
    if (!followUp) throw new RuleError('not_found', 'That follow-up was not found.')
    if (followUp.status === 'closed') {
      throw new RuleError('conflict', 'That follow-up has already been closed.')
    }
    followUp.status = 'closed'
    followUp.closedAt = isoNow(ctx)
    followUp.closedById = actorId
    followUp.outcome = input.outcome
    return { ...followUp }
  })
  return followUpView(ctx, closed)
}

export function clinicContacts(ctx: ServiceContext): ClinicContacts {
  return ctx.registry.data.clinicContacts
}

export async function setClinicContacts(
  ctx: ServiceContext,
  contacts: ClinicContacts
): Promise<ClinicContacts> {
  return ctx.registry.update((draft) => {
    draft.clinicContacts = contacts.map((c) => ({ ...c }))
    return draft.clinicContacts.map((c) => ({ ...c }))
  })
}
