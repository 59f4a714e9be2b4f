import { createCore, type Core } from '../../src/main/core'
import { favourMemoryWhileSignedIn } from '../../src/main/memory'

/**
 * The app's core as a bench child (rss-child.ts, sign-in-child.ts) opens it: on the clinic in
 * `dir`, its clock standing at `at`, favouring memory while someone is signed in as the desktop
 * app does; with a `call` that throws on a refusal.
 */
export async function openChildCore(
  dir: string,
  at: number,
  curriculumDir: string
): Promise<{ core: Core; call: (channel: string, input: unknown) => Promise<unknown> }> {
  const core = await createCore({
    dataDir: dir,
    now: () => at,
    monotonic: () => at,
    newId: () => crypto.randomUUID(),
    curriculumDir
  })
  favourMemoryWhileSignedIn(core)
  const call = async (channel: string, input: unknown) => {
    const result = await core.handle(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`)
    return result.value
  }
  return { core, call }
}
