/**
 * Locked means gone: once the screen locks, nothing of the records is in the
 * page (not hidden, not inert: gone) and nothing they fetched is kept in
 * memory. Unlocking returns the same person to the same screen, its records
 * fetched again. Typing not yet saved is saved before the lock, not lost to it.
 */
import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { MemoryRouter } from 'react-router'
import { beforeAll, describe, expect, it } from 'vitest'
import { Gate, loadSignedInApp } from '../../src/renderer/src/app/Gate'
import { useAutosave } from '../../src/renderer/src/features/notes/useAutosave'
import type { ChannelName } from '../../src/shared/ipc/names'
import type { Result } from '../../src/shared/result'
import { fakeApi } from './render'

const PASSPHRASE = 'maple kettle harbor'

const robin = {
  id: 's1',
  fullName: 'Robin Okafor',
  credentials: 'LPC',
  role: 'counselor',
  isAdmin: true,
  active: true,
  createdAt: '2026-11-23T09:00:00.000Z',
  disabledAt: null
}

/** A synthetic participant: every piece of them that must leave the page. */
const jordan = {
  id: 'p1',
  fullName: 'Jordan Testperson',
  preferredName: 'Jordy',
  displayName: 'Jordy T.',
  clientId: 'C-101',
  dateOfBirth: '1990-05-04',
  admissionDate: '2026-11-02',
  track: 'substance_use',
  status: 'active',
  discharge: null,
  goals: [],
  groupIds: []
}
const TRACES = ['Jordan', 'Testperson', 'Jordy', 'C-101']

/** The desktop, answering as the core does: while locked, records are refused. */
function clinic() {
  const state = { locked: false }
  const calls: string[] = []
  const answer = (channel: ChannelName, input: unknown): Result<unknown> => {
    calls.push(channel)
    switch (channel) {
      case 'app.status':
        return {
          ok: true,
          value: {
            setUp: true,
            clinic: {
              name: 'Riverside Recovery Center',
              timeZone: 'America/Chicago',
              createdAt: '2026-11-01T09:00:00.000Z'
            },
            signedIn: robin,
            locked: state.locked,
            notices: [],
            dataDir: state.locked ? '' : '/data',
            canSavePdf: false
          }
        }
      case 'auth.lock':
        state.locked = true
        return { ok: true, value: null }
      case 'auth.unlock':
        if ((input as { passphrase: string }).passphrase !== PASSPHRASE) {
          return {
            ok: false,
            error: { code: 'wrong_passphrase', message: 'That passphrase is not right.' }
          }
        }
        state.locked = false
        return { ok: true, value: robin }
    }
    if (state.locked) {
      return { ok: false, error: { code: 'locked', message: 'The app is locked.' } }
    }
    if (channel === 'participants.list') return { ok: true, value: [jordan] }
    return { ok: false, error: { code: 'not_found', message: 'Not part of this test.' } }
  }
  fakeApi(answer)
  return { state, calls }
}

function renderApp(route: string, extra: React.ReactNode = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <Gate />
          {extra}
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
  return client
}

// The signed-in app's code loads when first needed; loaded here first, so each screen shows as
// soon as its records do.
beforeAll(loadSignedInApp, 60_000)

describe('the locked screen', () => {
  it('leaves nothing of the records in the page or in memory, and unlocking returns to the same screen', async () => {
    const { calls } = clinic()
    const user = userEvent.setup()
    const client = renderApp('/participants')
    expect(await screen.findByRole('cell', { name: 'Jordan Testperson' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Lock' }))
    expect(await screen.findByRole('heading', { name: 'Locked' })).toBeInTheDocument()

    // Not on screen, and not in the page at all: no text, no attribute, no hidden copy.
    for (const trace of TRACES) {
      expect(document.body.textContent).not.toContain(trace)
      expect(document.body.innerHTML).not.toContain(trace)
    }
    // Nothing fetched is kept: only the app's status (who is signed in, that it is locked).
    const cached = client.getQueryCache().getAll()
    expect(cached.filter((q) => q.state.data !== undefined).map((q) => q.queryKey)).toEqual([
      ['status']
    ])
    expect(JSON.stringify(cached.map((q) => q.state.data))).not.toMatch(/Jordan|Jordy|C-101/)
    expect(client.getMutationCache().getAll()).toEqual([])

    // Unlocked: the same screen, the records asked for again.
    const listed = calls.filter((c) => c === 'participants.list').length
    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE)
    await user.click(screen.getByRole('button', { name: 'Unlock' }))
    expect(await screen.findByRole('cell', { name: 'Jordan Testperson' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Participants' })).toBeInTheDocument()
    expect(calls.filter((c) => c === 'participants.list').length).toBe(listed + 1)
  })

  it('Ctrl+L locks at once, and the records go the same way', async () => {
    clinic()
    const user = userEvent.setup()
    const client = renderApp('/participants')
    await screen.findByRole('cell', { name: 'Jordan Testperson' })
    await user.keyboard('{Control>}l{/Control}')
    expect(await screen.findByRole('heading', { name: 'Locked' })).toBeInTheDocument()
    expect(document.body.innerHTML).not.toContain('Jordan')
    await waitFor(() =>
      expect(client.getQueryCache().find({ queryKey: ['participants'] })).toBeUndefined()
    )
  })
})

/** An editor whose own save is far off (a minute), so only the lock can make it save now. */
function DraftBox({ saved }: { saved: (text: string) => void }) {
  const [text, setText] = useState('')
  useAutosave(
    text,
    async (value) => {
      saved(value)
    },
    60_000
  )
  return <textarea aria-label="Draft" value={text} onChange={(e) => setText(e.target.value)} />
}

describe('typing when the screen locks', () => {
  it('is saved before the lock, not refused after it', async () => {
    const { calls } = clinic()
    const user = userEvent.setup()
    renderApp('/participants', <DraftBox saved={(text) => calls.push(`draft saved: ${text}`)} />)
    await screen.findByRole('cell', { name: 'Jordan Testperson' })
    await user.type(screen.getByLabelText('Draft'), 'Engaged in the group')
    await user.click(screen.getByRole('button', { name: 'Lock' }))
    await screen.findByRole('heading', { name: 'Locked' })
    const saved = calls.indexOf('draft saved: Engaged in the group')
    expect(saved).toBeGreaterThanOrEqual(0)
    expect(saved).toBeLessThan(calls.indexOf('auth.lock'))
  })
})
