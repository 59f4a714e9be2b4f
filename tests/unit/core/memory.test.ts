import { describe, expect, it, vi } from 'vitest'
import { favourMemoryWhileSignedIn } from '../../../src/main/memory'

const flags = vi.hoisted(() => ({ set: [] as string[] }))
vi.mock('node:v8', () => ({ setFlagsFromString: (flag: string) => flags.set.push(flag) }))

/** A core stand-in that announces what the test says. */
function announcer() {
  const listeners = new Set<(event: string, payload: unknown) => void>()
  return {
    subscribe(listener: (event: string, payload: unknown) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    announce(event: string, payload: unknown) {
      for (const listener of listeners) listener(event, payload)
    }
  }
}

describe('the main process and memory', () => {
  it('favours memory while someone is signed in, and speed for the next sign-in', () => {
    const core = announcer()
    const stop = favourMemoryWhileSignedIn(core)
    core.announce('records.changed', { scope: 'sessions' })
    expect(flags.set).toEqual([])
    core.announce('auth.changed', { signedIn: true })
    expect(flags.set).toEqual(['--optimize-for-size'])
    // Signed out at the end of the day: the next day's sign-in opens the records at full speed.
    core.announce('auth.changed', { signedIn: false })
    expect(flags.set).toEqual(['--optimize-for-size', '--no-optimize-for-size'])
    stop()
    core.announce('auth.changed', { signedIn: true })
    expect(flags.set).toHaveLength(2)
  })
})
