import type { RoundAction } from '../../shared/domain/rounds'
import { RuleError } from '../../shared/result'
import { eventsForRoundAction } from '../../shared/session/round-actions'
import { isoNow, type ServiceContext } from './context'
import { openSession, view, type SessionView } from './sessions'

/** Call the next person, a pass, the order, a person's answers: checked, then appended to the log. */
export async function actOnRound(
  ctx: ServiceContext,
  input: { sessionId: string; action: RoundAction }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  const result = eventsForRoundAction(document.data, input.action, ctx.now())
  if (!result.ok) throw new RuleError(result.error.code, result.error.message)
  if (result.value.length > 0) {
    await document.update((draft) => {
      draft.events.push(...result.value)
      draft.updatedAt = isoNow(ctx)
      draft.lastSeenAt = isoNow(ctx)
    })
  }
  return view(ctx, document.data)
}
