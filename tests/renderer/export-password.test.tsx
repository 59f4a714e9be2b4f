import { MantineProvider } from '@mantine/core'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { ExportPasswordModal } from '../../src/renderer/src/features/exports/ExportPasswordModal'
import type { ExportPolicy } from '../../src/shared/domain/exports'

function open(policy: ExportPolicy) {
  const onExport = vi.fn()
  render(
    <MantineProvider>
      <ExportPasswordModal
        opened
        what="the access log"
        policy={policy}
        busy={false}
        onCancel={() => undefined}
        onExport={onExport}
      />
    </MantineProvider>
  )
  return { onExport, user: userEvent.setup() }
}

describe('the export password dialog', () => {
  it('saves only with a long enough password typed the same twice', async () => {
    const { onExport, user } = open('required')
    expect(screen.queryByLabelText('Protect the file with a password')).toBeNull()
    const save = screen.getByRole('button', { name: 'Save with this password' })
    await user.type(screen.getByLabelText('Password for this file'), 'short one')
    await user.click(save)
    expect(screen.getByText(/at least 12 characters/)).toBeInTheDocument()
    await user.clear(screen.getByLabelText('Password for this file'))
    await user.type(screen.getByLabelText('Password for this file'), 'a long enough phrase')
    await user.type(screen.getByLabelText('Type the password again'), 'a long enough phrasE')
    await user.click(save)
    expect(screen.getByText('The two passwords are not the same')).toBeInTheDocument()
    expect(onExport).not.toHaveBeenCalled()
    await user.clear(screen.getByLabelText('Type the password again'))
    await user.type(screen.getByLabelText('Type the password again'), 'a long enough phrase')
    await user.click(save)
    expect(onExport).toHaveBeenCalledWith('a long enough phrase')
  })

  it('where the clinic allows it, a file without a password is saved after a warning', async () => {
    const { onExport, user } = open('offered')
    await user.click(screen.getByLabelText('Protect the file with a password'))
    expect(screen.getByText(/Anyone who gets hold of the file can read it/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Password for this file')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Save without a password' }))
    expect(onExport).toHaveBeenCalledWith(null)
  })
})
