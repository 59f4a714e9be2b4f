import type { SessionSettings } from '../../shared/domain/session'
import type { ServiceContext } from './context'

export function sessionSettings(ctx: ServiceContext): SessionSettings {
  return ctx.registry.data.sessionSettings
}

export async function updateSessionSettings(
  ctx: ServiceContext,
  input: SessionSettings
): Promise<SessionSettings> {
  return ctx.registry.update((draft) => {
    draft.sessionSettings = { ...input }
    return draft.sessionSettings
  })
}
