import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SetupScreen } from '../../src/renderer/src/features/setup/SetupScreen'
import { fakeApi, renderScreen } from './render'

const staffMember = {
  id: 's1',
  fullName: 'Robin Okafor',
  credentials: 'LPC',
  role: 'counselor',
  isAdmin: true,
  active: true,
  createdAt: '2026-11-23T09:00:00.000Z',
  disabledAt: null
}

async function fillClinicAndName(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Clinic name/), 'Riverside Recovery Center')
  await user.click(screen.getByRole('button', { name: 'Next' }))
  await user.type(await screen.findByLabelText(/Full name/), 'Robin Okafor')
  await user.type(screen.getByLabelText(/^Credentials/, { selector: 'input' }), 'LPC')
}

describe('first-run setup', () => {
  it('asks for the clinic name before moving on', async () => {
    const calls = fakeApi(() => ({ ok: true, value: null }))
    renderScreen(<SetupScreen notices={[]} />)
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByText('Enter the clinic name')).toBeInTheDocument()
    expect(calls).not.toHaveBeenCalled()
  })

  it('refuses a short passphrase and a repeat that does not match, and sends nothing', async () => {
    const calls = fakeApi(() => ({ ok: true, value: staffMember }))
    const user = userEvent.setup()
    renderScreen(<SetupScreen notices={[]} />)
    await fillClinicAndName(user)
    await user.type(screen.getByLabelText(/^Passphrase/), 'short')
    await user.type(screen.getByLabelText(/Repeat the passphrase/), 'different')
    await user.click(screen.getByRole('button', { name: 'Finish setup' }))
    expect(await screen.findByText(/at least 10 characters/)).toBeInTheDocument()
    expect(screen.getByText('The two passphrases are not the same')).toBeInTheDocument()
    expect(calls).not.toHaveBeenCalled()
  })

  it('sends the clinic and the first administrator once everything is filled in', async () => {
    const calls = fakeApi(() => ({ ok: true, value: staffMember }))
    const user = userEvent.setup()
    renderScreen(<SetupScreen notices={[]} />)
    await fillClinicAndName(user)
    await user.type(screen.getByLabelText(/^Passphrase/), 'maple kettle harbor')
    await user.type(screen.getByLabelText(/Repeat the passphrase/), 'maple kettle harbor')
    await user.click(screen.getByRole('button', { name: 'Finish setup' }))
    await waitFor(() => expect(calls).toHaveBeenCalledWith('setup.complete', expect.anything()))
    const [, input] = calls.mock.calls.find(([channel]) => channel === 'setup.complete')!
    expect(input).toMatchObject({
      clinic: { name: 'Riverside Recovery Center' },
      staff: {
        fullName: 'Robin Okafor',
        credentials: 'LPC',
        isAdmin: true,
        passphrase: 'maple kettle harbor'
      }
    })
    expect(JSON.stringify(input)).not.toContain('confirm')
  })

  it('shows the message the app gives when setup is refused', async () => {
    fakeApi((channel) =>
      channel === 'setup.complete'
        ? {
            ok: false,
            error: {
              code: 'already_set_up',
              message: 'This clinic is already set up. Sign in instead.'
            }
          }
        : { ok: true, value: null }
    )
    const user = userEvent.setup()
    renderScreen(<SetupScreen notices={[]} />)
    await fillClinicAndName(user)
    await user.type(screen.getByLabelText(/^Passphrase/), 'maple kettle harbor')
    await user.type(screen.getByLabelText(/Repeat the passphrase/), 'maple kettle harbor')
    await user.click(screen.getByRole('button', { name: 'Finish setup' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('already set up')
  })
})
