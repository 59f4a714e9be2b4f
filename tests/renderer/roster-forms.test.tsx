import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { emptyGroup, GroupForm } from '../../src/renderer/src/features/groups/GroupForm'
import {
  emptyParticipant,
  ParticipantForm
} from '../../src/renderer/src/features/participants/ParticipantForm'
import type { Staff } from '../../src/shared/domain/staff'
import { renderScreen } from './render'

function participantForm(onSubmit = vi.fn()) {
  renderScreen(
    <ParticipantForm
      initial={emptyParticipant('2026-11-23')}
      today="2026-11-23"
      submitLabel="Add participant"
      pending={false}
      error={null}
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />
  )
  return onSubmit
}

describe('participant form', () => {
  it('names each missing field in plain words and submits nothing', async () => {
    const onSubmit = participantForm()
    await userEvent.click(screen.getByRole('button', { name: 'Add participant' }))
    expect(await screen.findByText('Enter the full name')).toBeInTheDocument()
    expect(screen.getByText('Enter the client id')).toBeInTheDocument()
    expect(screen.getByText('Use a date like 2026-03-14')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('refuses a date of birth after the admission date', async () => {
    const user = userEvent.setup()
    const onSubmit = participantForm()
    await user.type(screen.getByLabelText(/Full name/), 'Jordan Alvarez')
    await user.type(screen.getByLabelText(/Client ID/), 'C-101')
    await user.type(screen.getByLabelText(/Date of birth/), '2030-01-01')
    await user.click(screen.getByRole('button', { name: 'Add participant' }))
    expect(
      await screen.findByText('Date of birth must be before the admission date')
    ).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('shows how the group will see the person and submits a complete participant', async () => {
    const user = userEvent.setup()
    const onSubmit = participantForm()
    await user.type(screen.getByLabelText(/Full name/), 'Jordan Alvarez')
    await user.type(screen.getByLabelText(/Preferred name/), 'Jo')
    expect(screen.getByText('Shown in group as “Jo A.”')).toBeInTheDocument()
    await user.type(screen.getByLabelText(/Client ID/), 'C-101')
    await user.type(screen.getByLabelText(/Date of birth/), '1990-05-04')
    // Nicknames the group uses: the note's name check looks for them too.
    const nicknames = screen
      .getAllByLabelText(/Nicknames/)
      .find((el) => el instanceof HTMLInputElement && el.type !== 'hidden')!
    await user.type(nicknames, 'JJ{Enter}Jordie{Enter}')
    await user.click(screen.getByRole('button', { name: 'Add a goal' }))
    await user.type(screen.getByLabelText('Goal 1'), 'Attend two mutual-help meetings a week')
    await user.click(screen.getByRole('button', { name: 'Add participant' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      fullName: 'Jordan Alvarez',
      preferredName: 'Jo',
      nicknames: ['JJ', 'Jordie'],
      clientId: 'C-101',
      dateOfBirth: '1990-05-04',
      status: 'active',
      goals: [{ text: 'Attend two mutual-help meetings a week', status: 'in_progress' }]
    })
  })

  it('refuses an empty goal', async () => {
    const user = userEvent.setup()
    const onSubmit = participantForm()
    await user.click(screen.getByRole('button', { name: 'Add a goal' }))
    await user.click(screen.getByRole('button', { name: 'Add participant' }))
    expect(await screen.findByText('Enter the goal')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })
})

const COUNSELOR: Staff = {
  id: 'staff-1',
  fullName: 'Robin Okafor',
  credentials: 'LPC',
  role: 'counselor',
  isAdmin: false,
  active: true,
  createdAt: '2026-11-01T12:00:00.000Z',
  disabledAt: null,
  supervisorId: null
}

describe('group form', () => {
  function groupForm(onSubmit = vi.fn()) {
    renderScreen(
      <GroupForm
        initial={emptyGroup()}
        staff={[COUNSELOR]}
        submitLabel="Create group"
        pending={false}
        error={null}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />
    )
    return onSubmit
  }

  it('needs a name and at least one meeting day', async () => {
    const user = userEvent.setup()
    const onSubmit = groupForm()
    for (const day of ['Monday', 'Wednesday', 'Thursday']) {
      await user.click(screen.getByRole('checkbox', { name: day }))
    }
    await user.click(screen.getByRole('button', { name: 'Create group' }))
    expect(await screen.findByText('Enter the group name')).toBeInTheDocument()
    expect(screen.getByText('Choose at least one meeting day')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('defaults to three countable hours (195 minutes with the break) for twelve adults', async () => {
    const user = userEvent.setup()
    const onSubmit = groupForm()
    await user.type(screen.getByLabelText(/Group name/), 'Evening SUD IOP')
    await user.type(screen.getByLabelText(/Facilitators/, { selector: 'input' }), 'Robin')
    await user.keyboard('{ArrowDown}{Enter}')
    await user.click(screen.getByRole('button', { name: 'Create group' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      name: 'Evening SUD IOP',
      ageGroup: 'adult',
      defaultMinutes: 195,
      capacity: 12,
      meetingDays: ['mon', 'wed', 'thu'],
      facilitatorIds: ['staff-1']
    })
  })

  it('needs a facilitator, and keeps a capacity of 0 to say why it is refused', async () => {
    const user = userEvent.setup()
    const onSubmit = groupForm()
    await user.type(screen.getByLabelText(/Group name/), 'Evening SUD IOP')
    const capacity = screen.getByRole('textbox', { name: /Capacity/ })
    await user.clear(capacity)
    await user.type(capacity, '0')
    await user.tab()
    await user.click(screen.getByRole('button', { name: 'Create group' }))
    expect(
      await screen.findByText(
        'Choose at least one facilitator: every group is led by a licensed counselor'
      )
    ).toBeInTheDocument()
    expect(screen.getByText('Capacity is at least 1')).toBeInTheDocument()
    // Not quietly turned into 1.
    expect(capacity).toHaveValue('0')
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
