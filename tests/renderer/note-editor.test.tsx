/**
 * The note editor as a counselor uses it: a note starts from the day's facts,
 * the risk level starts unchosen and signing waits for it, possible peer
 * names are marked with a one-click "not a name", and ticking every warning
 * before signing (two or more) signs the note instead of breaking the editor.
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { emptyBody, type NoteBody, type ProgressNote } from '../../src/shared/domain/note'
import type { SessionNotes } from '../../src/shared/ipc/contract'
import { NoteEditor } from '../../src/renderer/src/features/notes/NoteEditor'
import { fakeApi, renderScreen } from './render'

type Person = SessionNotes['participants'][number]

const SESSION = 'session-1'
const AT = '2026-11-23T15:00:00.000Z'

function draft(body: NoteBody): ProgressNote {
  return {
    id: 'note-1',
    participantId: 'p-casey',
    format: 'DAP',
    body,
    state: 'draft',
    revision: 1,
    authorId: 'staff-1',
    signature: null,
    cosignature: null,
    lateEntry: false,
    overrides: [],
    addenda: [],
    createdAt: AT,
    updatedAt: AT
  }
}

function casey(overrides: Partial<Person> = {}): Person {
  return {
    participantId: 'p-casey',
    displayName: 'Casey S.',
    fullName: 'Casey Samplewood',
    preferredName: '',
    nicknames: [],
    clientId: 'C-102',
    goals: [],
    attendance: {
      status: 'present',
      timeIn: AT,
      timeOut: null,
      walkIn: false,
      countableMinutes: 165,
      late: false,
      leftEarly: false
    },
    observations: [],
    rounds: [],
    measures: [],
    safety: [],
    prefill: {
      ...emptyBody('DAP'),
      sections: {
        data: 'Observed in session: Shared in check-in (09:05).',
        assessment: '',
        plan: ''
      }
    },
    note: null,
    status: 'not_started',
    ...overrides
  }
}

function editor(person: Person) {
  renderScreen(
    <NoteEditor
      sessionId={SESSION}
      person={person}
      format="DAP"
      timeZone="UTC"
      isSupervisor={false}
      groupPart={{ topics: '', interventions: '', dynamics: '' }}
      groupFacts="2026-11-23"
      facilitators={[{ name: 'Robin Okafor', credentials: 'LPC' }]}
      peers={[
        { fullName: 'Will Okafor', preferredName: '', nicknames: ['Billy'] },
        { fullName: 'Hope Martinez', preferredName: '', nicknames: [] }
      ]}
    />
  )
}

describe('the note editor', () => {
  it('ticking two warnings before signing signs the note, with both kept', async () => {
    const user = userEvent.setup()
    const body: NoteBody = {
      ...emptyBody('DAP'),
      sections: { data: 'Engaged.', assessment: 'Steady.', plan: '' },
      risk: 'none'
    }
    const warnings = [
      { check: 'peer_name', message: 'A peer is named.', blocking: false },
      { check: 'required_empty', message: 'A required part is empty: Plan.', blocking: false }
    ]
    const invoke = fakeApi((channel) => {
      if (channel === 'notes.check') return { ok: true, value: warnings }
      if (channel === 'notes.sign') return { ok: true, value: { ...draft(body), state: 'signed' } }
      return { ok: true, value: draft(body) }
    })
    editor(casey({ note: draft(body), status: 'draft' }))
    await user.click(screen.getByRole('button', { name: 'Sign note' }))
    const dialog = await screen.findByRole('dialog', { name: 'Before you sign' })
    const sign = within(dialog).getByRole('button', { name: 'Sign anyway' })
    await user.click(within(dialog).getByRole('checkbox', { name: 'A peer is named.' }))
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'A required part is empty: Plan.' })
    )
    expect(sign).toBeEnabled()
    await user.click(sign)
    // Asked once more, with the note read back, before the lock.
    const last = await screen.findByRole('dialog', { name: 'Sign this note?' })
    expect(invoke).not.toHaveBeenCalledWith('notes.sign', expect.anything())
    await user.click(within(last).getByRole('button', { name: 'Sign and lock the note' }))
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('notes.sign', {
        sessionId: SESSION,
        participantId: 'p-casey',
        overrides: warnings.map(({ check, message }) => ({ check, message }))
      })
    )
  })

  it('reads the note back before signing, says it cannot be edited afterwards, and going back signs nothing', async () => {
    const user = userEvent.setup()
    const body: NoteBody = {
      ...emptyBody('DAP'),
      sections: {
        data: 'Arrived on time and joined the check-in round.\nSecond line, not shown.',
        assessment: '',
        plan: 'Practise the refusal script twice before Thursday.'
      },
      risk: 'low',
      riskText: 'Mild cravings after work; plan in place.'
    }
    const invoke = fakeApi((channel) =>
      channel === 'notes.check' ? { ok: true, value: [] } : { ok: true, value: draft(body) }
    )
    editor(
      casey({
        note: draft(body),
        status: 'draft',
        measures: [{ measureId: 'phq9', total: 12, band: 'moderate' }]
      })
    )
    await user.click(screen.getByRole('button', { name: 'Sign note' }))
    const dialog = await screen.findByRole('dialog', { name: 'Sign this note?' })
    const summary = within(dialog).getByTestId('sign-summary')
    expect(summary).toHaveTextContent('Participant: Casey S. (C-102)')
    expect(summary).toHaveTextContent('Session: 2026-11-23')
    expect(summary).toHaveTextContent('Data: Arrived on time and joined the check-in round.')
    expect(summary).not.toHaveTextContent('Second line')
    expect(summary).toHaveTextContent('Assessment: left empty')
    expect(summary).toHaveTextContent('Plan: Practise the refusal script twice before Thursday.')
    expect(summary).toHaveTextContent('Risk: Low — Mild cravings after work; plan in place.')
    expect(summary).toHaveTextContent(/Measures: PHQ-9 12 \(Moderate\)/)
    expect(dialog).toHaveTextContent(
      'it cannot be edited afterwards, only corrected by an addendum'
    )
    await user.click(within(dialog).getByRole('button', { name: 'Go back to the note' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(invoke).not.toHaveBeenCalledWith('notes.sign', expect.anything())
  })

  it('a blocking finding has no tick and no "Sign anyway"', async () => {
    const user = userEvent.setup()
    const body = { ...emptyBody('DAP'), sections: { data: 'Engaged.' } }
    fakeApi((channel) =>
      channel === 'notes.check'
        ? {
            ok: true,
            value: [{ check: 'risk_not_assessed', message: 'Choose a risk level.', blocking: true }]
          }
        : { ok: true, value: draft(body) }
    )
    editor(casey({ note: draft(body), status: 'draft' }))
    await user.click(screen.getByRole('button', { name: 'Sign note' }))
    const dialog = await screen.findByRole('dialog', { name: 'Before you sign' })
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose a risk level.')
    expect(within(dialog).queryByRole('button', { name: 'Sign anyway' })).toBeNull()
  })

  it("starts from the day's facts, with no risk level chosen and the gaps listed", () => {
    fakeApi(() => ({ ok: true, value: null }))
    editor(casey())
    expect(screen.getByLabelText('Data')).toHaveValue(
      'Observed in session: Shared in check-in (09:05).'
    )
    const levels = screen.getByRole('radiogroup', { name: /Risk level/ })
    for (const radio of within(levels).getAllByRole('radio')) expect(radio).not.toBeChecked()
    expect(screen.getByTestId('still-to-write')).toHaveTextContent(
      'Still to write before signing: Assessment, Plan, Risk level.'
    )
  })

  it('shows what the day recorded beside the risk, and asks why when "None identified" is chosen', async () => {
    const user = userEvent.setup()
    fakeApi(() => ({ ok: true, value: draft(emptyBody('DAP')) }))
    editor(
      casey({
        safety: [{ at: '2026-11-23T15:40:00.000Z', text: 'Safety concern observed.' }]
      })
    )
    expect(screen.getByTestId('risk-facts')).toHaveTextContent('15:40 · Safety concern observed.')
    await user.click(screen.getByRole('radio', { name: 'None identified' }))
    expect(
      screen.getByLabelText(/Why no risk was identified, given what was recorded today/)
    ).toBeRequired()
    expect(screen.getByTestId('still-to-write')).toHaveTextContent('Why no risk was identified')
  })

  it('marks a possible peer name, and one click says it is not a name in this note', async () => {
    const user = userEvent.setup()
    fakeApi(() => ({ ok: true, value: draft(emptyBody('DAP')) }))
    editor(casey())
    const data = screen.getByLabelText('Data')
    await user.clear(data)
    await user.type(data, 'Will continue. Sat with Billy; talked about Hope Street.')
    const marks = screen.getByRole('group', { name: 'Possible names in the field above' })
    expect(within(marks).getByLabelText('possible name: Billy')).toBeInTheDocument()
    expect(within(marks).getByLabelText('possible name: Hope')).toBeInTheDocument()
    expect(within(marks).queryByLabelText('possible name: Will')).toBeNull()
    await user.click(
      within(marks).getByRole('button', { name: '“Hope” is not a name in this note' })
    )
    expect(within(marks).queryByLabelText('possible name: Hope')).toBeNull()
    expect(within(marks).getByLabelText('possible name: Billy')).toBeInTheDocument()
  })
})
