import type {
  AgreementsInput,
  GroupAgreements,
  SessionAgreements
} from '../../shared/domain/agreements'
import { RuleError } from '../../shared/result'
import { agreementStanding, currentAgreements } from '../../shared/session/agreements'
import { sessionState } from '../../shared/session/state'
import { isoNow, type ServiceContext } from './context'
import { openSession } from './sessions'

/** The clinic's current group agreements. */
export function agreements(ctx: ServiceContext): GroupAgreements {
  return currentAgreements(ctx.registry.data.agreementVersions)
}

/**
 * Saves the agreements as a new version, which everyone acknowledges again at
 * their next session. Saving the same words again makes no new version.
 */
export async function saveAgreements(
  ctx: ServiceContext,
  input: { items: AgreementsInput['items'] }
): Promise<GroupAgreements> {
  const current = agreements(ctx)
  const same = (a: GroupAgreements['items'], b: GroupAgreements['items']) =>
    a.length === b.length && a.every((x, i) => x.heading === b[i]!.heading && x.text === b[i]!.text)
  if (same(current.items, input.items)) return current
  return ctx.registry.update((draft) => {
    const version: GroupAgreements = {
      version: current.version + 1,
      items: input.items.map((item) => ({ heading: item.heading, text: item.text })),
      savedAt: isoNow(ctx),
      savedById: ctx.actor?.id ?? null
    }
    draft.agreementVersions.push(version)
    return version
  })
}

/** Where everyone on a session's list stands with the current agreements. */
export async function sessionAgreements(
  ctx: ServiceContext,
  sessionId: string
): Promise<SessionAgreements> {
  const { data } = await openSession(ctx, sessionId)
  const current = agreements(ctx)
  const acks = ctx.registry.data.agreementAcknowledgements
  return {
    agreements: current,
    people: data.attendance.map((a) => agreementStanding(acks, a.participantId, current.version))
  }
}

/** Records that a person present acknowledged the current agreements, at this session. */
export async function acknowledgeAgreements(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string }
): Promise<SessionAgreements> {
  const actorId = ctx.actor?.id
  if (!actorId) throw new RuleError('not_signed_in', 'Sign in to do that.')
  const { data } = await openSession(ctx, input.sessionId)
  const record = data.attendance.find((a) => a.participantId === input.participantId)
  if (!record) throw new RuleError('not_found', 'That person is not on this session’s list.')
  if (sessionState(data, ctx.now(), { wrapUpMinutes: 5 }).status === 'ended') {
    throw new RuleError(
      'conflict',
      'The session has ended. Record the acknowledgement at their next session.'
    )
  }
  if (record.status === 'absent_excused' || record.status === 'absent_unexcused') {
    throw new RuleError('conflict', 'They are marked absent; mark them present first.')
  }
  const current = agreements(ctx)
  const standing = agreementStanding(
    ctx.registry.data.agreementAcknowledgements,
    input.participantId,
    current.version
  )
  if (standing.needed) {
    await ctx.registry.update((draft) => {
      draft.agreementAcknowledgements.push({
        participantId: input.participantId,
        version: current.version,
        at: isoNow(ctx),
        sessionId: input.sessionId,
        recordedById: actorId
      })
    })
  }
  return sessionAgreements(ctx, input.sessionId)
}
