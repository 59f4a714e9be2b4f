import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { beforeEach, describe, expect, it } from 'vitest'
import { showSignInShell, takeShellEntry } from '../../src/renderer/src/app/signInShell'
import { SignInScreen } from '../../src/renderer/src/features/auth/SignInScreen'
import type { AppStatus } from '../../src/shared/ipc/contract'
import { fakeApi } from './render'
import { SIGNED_OUT, STAFF } from './sign-in-answers'

/** The page's own markup: the plain sign-in form as index.html writes it. */
const INDEX_HTML = readFileSync(join(process.cwd(), 'src', 'renderer', 'index.html'), 'utf8')

const answers = (status: AppStatus = SIGNED_OUT) => ({
  status: { ok: true as const, value: status },
  directory: { ok: true as const, value: STAFF }
})

function pageAsLoaded(): HTMLElement {
  const page = new DOMParser().parseFromString(INDEX_HTML, 'text/html')
  document.body.innerHTML = page.body.innerHTML
  return document.getElementById('root')!
}

/** The app's sign-in form drawn where the page's plain one is, as main.tsx does. */
function appDrawsItsForm(root: HTMLElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  client.setQueryData(['directory'], STAFF)
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <SignInScreen clinicName="Riverside Synthetic Clinic" notices={[]} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
    { container: root }
  )
}

beforeEach(() => {
  // Nothing left over from the test before.
  takeShellEntry()
  window.location.hash = ''
})

describe('the sign-in form shown while the app loads', () => {
  it('can be used at once, and what was typed in it carries over to the app’s form', async () => {
    const invoke = fakeApi(() => ({ ok: true, value: null }))
    const root = pageAsLoaded()
    showSignInShell(answers())
    const user = userEvent.setup()
    const plain = document.getElementById('boot-sign-in')!
    expect(plain.hidden).toBe(false)
    expect(plain.textContent).toContain('Riverside Synthetic Clinic')
    await user.selectOptions(screen.getByLabelText('Staff member'), 'Dana Whitfield, LCSW')
    await user.type(screen.getByLabelText('Passphrase'), 'quiet river lantern')

    appDrawsItsForm(root)
    expect(document.getElementById('boot-sign-in')).toBeNull()
    const staff = screen.getByLabelText('Staff member')
    const passphrase = screen.getByLabelText(/^Passphrase/)
    expect(staff).toHaveValue('staff-2')
    expect(passphrase).toHaveValue('quiet river lantern')
    expect(passphrase).toHaveFocus()
    // Nothing was sent: Sign in was not pressed.
    expect(invoke.mock.calls.map(([channel]) => channel)).not.toContain('auth.signIn')
  })

  it('signs in when Sign in was pressed before the app’s form was there', async () => {
    const invoke = fakeApi(() => ({ ok: true, value: null }))
    const root = pageAsLoaded()
    showSignInShell(answers())
    const user = userEvent.setup()
    await user.selectOptions(screen.getByLabelText('Staff member'), 'Robin Okafor, LPC')
    await user.type(screen.getByLabelText('Passphrase'), 'maple kettle harbor{Enter}')

    appDrawsItsForm(root)
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('auth.signIn', {
        staffId: 'staff-1',
        passphrase: 'maple kettle harbor'
      })
    )
  })

  it('stays hidden when someone is signed in, on the projector, or for a clinic not set up', () => {
    pageAsLoaded()
    const robin = {
      id: 'staff-1',
      fullName: 'Robin Okafor',
      credentials: 'LPC',
      role: 'counselor',
      isAdmin: true,
      active: true,
      createdAt: '2026-01-05T15:00:00.000Z',
      disabledAt: null,
      supervisorId: null
    } as unknown as AppStatus['signedIn']
    showSignInShell(answers({ ...SIGNED_OUT, signedIn: robin }))
    showSignInShell(answers({ ...SIGNED_OUT, setUp: false }))
    window.location.hash = '#/audience/session-1'
    showSignInShell(answers())
    expect(document.getElementById('boot-sign-in')!.hidden).toBe(true)
    expect(takeShellEntry()).toBeNull()
  })
})
