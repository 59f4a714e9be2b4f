import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from '../../src/renderer/src/app/App'
import { buildApi } from '../../src/shared/ipc/api'
import type { AppStatus, DirectoryEntry } from '../../src/shared/ipc/contract'
import { CHANNEL_NAMES } from '../../src/shared/ipc/names'

const SIGNED_OUT: AppStatus = {
  setUp: true,
  clinic: {
    name: 'Riverside Synthetic Clinic',
    timeZone: 'America/Chicago',
    timeFormat: '12h',
    createdAt: '2026-01-05T15:00:00.000Z'
  },
  signedIn: null,
  locked: false,
  notices: [],
  dataDir: '/tmp/clinic',
  canSavePdf: false,
  lockedOut: null
}

const STAFF: DirectoryEntry[] = [
  { id: 'staff-1', fullName: 'Robin Okafor', credentials: 'LPC' },
  { id: 'staff-2', fullName: 'Dana Whitfield', credentials: 'LCSW' }
]

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
