/**
 * The Access log page with the clinic's computers in sync: every computer's entries merged by
 * time with a column and a filter for the computer, each computer's chain state apart, and a
 * break in another computer's log reported for that computer.
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { AccessLogPage } from '../../src/renderer/src/features/access-log/AccessLogPage'
import type { ComputerLog, MergedAccessEntry } from '../../src/shared/domain/access-log'
import type { Result } from '../../src/shared/result'
import { fakeApi, renderScreen } from './render'

function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

const HASH = 'a'.repeat(64)
function entry(computerId: string, computer: string, seq: number, at: string): MergedAccessEntry {
  return {
    seq,
    at,
    staffId: 'staff-1',
    staffName: 'Robin Okafor, LPC',
    action: 'open_participant',
    subject: `participant C-10${seq}`,
    detail: '',
    prev: HASH,
    hash: HASH,
    computerId,
    computer
  }
}

const here: ComputerLog = {
  computerId: 'm-here',
  computer: 'Group room laptop',
  here: true,
  entries: 2,
  intact: true,
  problem: null
}
const office: ComputerLog = {
  computerId: 'm-office',
  computer: 'Office workstation',
  here: false,
  entries: 1,
  intact: false,
  problem:
    'The log of “Office workstation” has been changed or damaged at entry 3: Entries 3 to 3 have not arrived here, or were removed from that computer’s log.'
}
const entries = [
  entry('m-office', 'Office workstation', 4, '2026-11-23T16:00:00.000Z'),
  entry('m-here', 'Group room laptop', 2, '2026-11-23T15:30:00.000Z'),
  entry('m-here', 'Group room laptop', 1, '2026-11-23T15:00:00.000Z')
]

describe('the access log of several computers', () => {
  it('shows every computer’s entries by time, each chain apart, and one computer on request', async () => {
    const invoke = fakeApi((channel, input) => {
      if (channel !== 'audit.merged') return ok(null)
      const { computerId } = input as { computerId?: string }
      const shown = entries.filter((e) => !computerId || e.computerId === computerId)
      return ok({ entries: shown, total: shown.length, computers: [here, office] })
    })
    const user = userEvent.setup()
    renderScreen(<AccessLogPage />)
    const table = await screen.findByRole('table', { name: 'Access log entries, newest first' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Office workstation',
      'Group room laptop',
      'Group room laptop'
    ])
    expect(screen.getByTestId('chain-state')).toHaveTextContent(
      'The chain of entries of this computer is intact.'
    )
    const broken = screen.getByRole('alert')
    expect(broken).toHaveTextContent(
      'The log of Office workstation has been tampered with or damaged'
    )
    expect(broken).toHaveTextContent('Entries 3 to 3 have not arrived here')

    await user.click(screen.getByRole('combobox', { name: 'Computer' }))
    // In jsdom the list is still in its opening transition (display: none) when clicked.
    await user.click(
      await screen.findByRole('option', { name: 'Office workstation', hidden: true })
    )
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('audit.merged', { filter: {}, computerId: 'm-office' })
    )
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('table', { name: 'Access log entries, newest first' })
        ).getAllByRole('row')
      ).toHaveLength(2)
    )
  })

  it('with one computer, reads as it always did: no computer column, no computer filter', async () => {
    fakeApi((channel) =>
      channel === 'audit.merged'
        ? ok({ entries: entries.slice(1), total: 2, computers: [here] })
        : ok(null)
    )
    renderScreen(<AccessLogPage />)
    const table = await screen.findByRole('table', { name: 'Access log entries, newest first' })
    expect(within(table).queryByRole('columnheader', { name: 'Computer' })).toBeNull()
    expect(screen.queryByRole('combobox', { name: 'Computer' })).toBeNull()
    expect(screen.getByTestId('chain-state')).toHaveTextContent('The chain of entries is intact.')
  })
})
