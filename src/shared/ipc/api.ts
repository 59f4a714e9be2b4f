import type { Result } from '../result'
import type { ChannelName, EventName } from './names'
import type { EventPayload, InputOf, OutputOf } from './contract'

type Namespace = ChannelName extends `${infer N}.${string}` ? N : never

type Call<C extends ChannelName> =
  Record<never, never> extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
    : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>

/**
 * What the renderer sees as `window.api`: one function per channel, grouped by
 * the part before the dot (`api.groups.create(...)`), and `subscribe` for events.
 */
export type Api = {
  [N in Namespace]: {
    [C in ChannelName as C extends `${N}.${infer M}` ? M : never]: Call<C>
  }
} & {
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export type Invoke = (channel: ChannelName, input: unknown) => Promise<unknown>
export type Listen = (event: EventName, listener: (payload: unknown) => void) => () => void

/**
 * Builds the api object from the channel names and one transport: Electron IPC
 * in the preload, HTTP + server-sent events in the browser test host.
 */
export function buildApi(names: readonly ChannelName[], invoke: Invoke, listen: Listen): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const name of names) {
    const [namespace, method] = name.split('.') as [string, string]
    api[namespace] ??= {}
    api[namespace][method] = (input?: unknown) => invoke(name, input ?? {})
  }
  return Object.freeze({
    ...api,
    subscribe: (event: EventName, listener: (payload: unknown) => void) => listen(event, listener)
  }) as unknown as Api
}
