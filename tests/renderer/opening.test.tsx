import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from '../../src/renderer/src/app/App'
import { buildApi } from '../../src/shared/ipc/api'
import { CHANNEL_NAMES } from '../../src/shared/ipc/names'
import { SIGNED_OUT, STAFF } from './sign-in-answers'

/** A main process that never answers: only what the page asked for as it opened is there. */
function silentMainProcess() {
  const invoke = vi.fn((_channel: string, _input: unknown) => new Promise<never>(() => undefined))
  window.api = buildApi(CHANNEL_NAMES, invoke, () => () => undefined)
  return invoke
}

describe('opening the app', () => {
  it('draws the sign-in form at once with the answers asked for as the page opened', () => {
    const invoke = silentMainProcess()
    render(
      <App
        opening={{ status: { ok: true, value: SIGNED_OUT }, directory: { ok: true, value: STAFF } }}
      />
    )
    // In the very first render: no loader in between.
    expect(screen.queryByLabelText('Opening the records')).toBeNull()
    const picker = screen.getByLabelText('Staff member')
    expect(within(picker).getByRole('option', { name: 'Robin Okafor, LPC' })).toBeInTheDocument()
    expect(within(picker).getByRole('option', { name: 'Dana Whitfield, LCSW' })).toBeInTheDocument()
    expect(screen.getByLabelText(/^Passphrase/)).toBeEnabled()
    expect(invoke.mock.calls.map(([channel]) => channel)).not.toContain('app.status')
  })

  it('asks again, and shows the loader meanwhile, when the status did not come in time', () => {
    const invoke = silentMainProcess()
    render(<App opening={{ status: null, directory: null }} />)
    expect(screen.getByLabelText('Opening the records')).toBeInTheDocument()
    expect(invoke.mock.calls.map(([channel]) => channel)).toContain('app.status')
  })
})
