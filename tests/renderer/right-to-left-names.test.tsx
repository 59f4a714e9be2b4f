/**
 * A facilitator whose name is written in Arabic, followed by credentials in the
 * option label: the name is isolated so ", LPC" stays after it on the left-to-right
 * list, whatever the name's own direction.
 */
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { emptyGroup, GroupForm } from '../../src/renderer/src/features/groups/GroupForm'
import type { Staff } from '../../src/shared/domain/staff'
import { renderScreen } from './render'

const ARABIC = 'سارة الحسن'

function staff(id: string, fullName: string): Staff {
  return {
    id,
    fullName,
    credentials: 'LPC',
    role: 'counselor',
    isAdmin: false,
    active: true,
    createdAt: '2026-11-01T12:00:00.000Z',
    disabledAt: null,
    supervisorId: null
  }
}

describe('option labels with a right-to-left name', () => {
  it('isolate the Arabic name before its credentials; a Latin name is shown as typed', async () => {
    const user = userEvent.setup()
    renderScreen(
      <GroupForm
        initial={emptyGroup()}
        staff={[staff('s1', ARABIC), staff('s2', 'Robin Okafor')]}
        submitLabel="Create group"
        pending={false}
        error={null}
        onSubmit={() => undefined}
        onCancel={() => undefined}
      />
    )
    await user.click(screen.getByLabelText(/Facilitators/, { selector: 'input' }))
    const labels = (await screen.findAllByRole('option', { hidden: true })).map(
      (o) => o.textContent
    )
    expect(labels).toContain(`\u2068${ARABIC}\u2069, LPC`)
    expect(labels).toContain('Robin Okafor, LPC')
  })
})
