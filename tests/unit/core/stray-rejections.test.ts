import { describe, expect, it } from 'vitest'
import { keepRunningOnStrayRejections } from '../../../src/main/stray-rejections'

/** A process stand-in: keeps the handler the app installs. */
function fakeProcess() {
  const handlers: Array<(reason: unknown) => void> = []
  return {
    host: { on: (_event: string, handler: (reason: unknown) => void) => handlers.push(handler) },
    fail: (reason: unknown) => handlers.forEach((handler) => handler(reason))
  }
}

describe('a failure nothing waited for', () => {
  it('is set aside and logged by kind and code, never with its message', () => {
    const { host, fail } = fakeProcess()
    const lines: string[] = []
    keepRunningOnStrayRejections(host as never, (line) => lines.push(line))
    const error = Object.assign(
      new Error(
        'request to https://robin:secret-words@clinic.example:6984/iop failed, reason: socket hang up'
      ),
      { name: 'FetchError', code: 'ECONNRESET' }
    )
    fail(error)
    fail('Jordan Alvarez said something')
    expect(lines).toEqual([
      '[main] a failure nothing waited for was set aside: FetchError (ECONNRESET)',
      '[main] a failure nothing waited for was set aside: string'
    ])
    expect(lines.join('\n')).not.toMatch(/secret|clinic\.example|Jordan/)
  })
})
