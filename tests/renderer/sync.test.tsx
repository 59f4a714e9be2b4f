/**
 * The sync screens an administrator meets: the header's status chip, which follows the
 * `sync.changed` event and says its state in words; the Conflicts view, where a version is kept
 * only after a confirmation; and a transfer file's import, reported in plain words.
 */
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { ConflictsPage } from '../../src/renderer/src/features/sync/ConflictsPage'
import { SyncSection } from '../../src/renderer/src/features/sync/SyncSection'
import { SyncStatusChip } from '../../src/renderer/src/features/sync/SyncStatusChip'
import { TransferFiles } from '../../src/renderer/src/features/sync/TransferFiles'
import type { SyncConflict, SyncStatus, TransferReport } from '../../src/shared/domain/sync'
import { buildApi } from '../../src/shared/ipc/api'
import { CHANNEL_NAMES, type ChannelName, type EventName } from '../../src/shared/ipc/names'
import type { Result } from '../../src/shared/result'
import { fakeApi, renderScreen } from './render'

function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

const inStep: SyncStatus = {
  machineId: 'm-1',
  machineName: 'Group room laptop',
  renewed: null,
  state: 'synced',
  server: {
    url: 'https://records.clinic.example',
    username: 'group-room-laptop',
    enabled: true,
    lastSyncedAt: '2026-11-23T15:00:00.000Z',
    problem: null
  },
  peers: [],
  conflicts: 0
}

/** A window.api whose events the test sends, answered from `status` for sync.status. */
function apiWithEvents(status: () => SyncStatus) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const invoke = vi.fn(async (channel: ChannelName) =>
    channel === 'sync.status' ? ok(status()) : ok(null)
  )
  window.api = buildApi(CHANNEL_NAMES, invoke, (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    set.add(listener)
    listeners.set(event, set)
    return () => set.delete(listener)
  })
  return {
    invoke,
    send: (event: EventName, payload: unknown) =>
      act(() => listeners.get(event)?.forEach((listener) => listener(payload)))
  }
}

describe('the sync status chip', () => {
  it('is not shown for a clinic on one computer, nor asked for by someone not an administrator', async () => {
    const { invoke } = apiWithEvents(() => ({ ...inStep, server: null, state: 'off' }))
    const { unmount } = renderScreen(<SyncStatusChip isAdmin />)
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('sync.status', {}))
    expect(screen.queryByRole('link')).toBeNull()
    unmount()
    invoke.mockClear()
    renderScreen(<SyncStatusChip isAdmin={false} />)
    expect(screen.queryByRole('link')).toBeNull()
    expect(invoke).not.toHaveBeenCalled()
  })

  it('says in words where this computer stands, follows the change event, and opens the conflicts', async () => {
    let status = inStep
    const { send } = apiWithEvents(() => status)
    renderScreen(<SyncStatusChip isAdmin />)
    const chip = await screen.findByRole('link', { name: 'Sync: Synced' })
    expect(chip).toHaveAttribute('href', '/sync/conflicts')
    expect(within(chip).getByText('✓')).toHaveAttribute('aria-hidden')

    status = { ...inStep, state: 'offline' }
    send('sync.changed', { state: 'offline' })
    expect(await screen.findByRole('link', { name: 'Sync: Server not reachable' })).toBeVisible()

    // Why, in words, once the server was asked.
    const why =
      'The server refused this computer’s user name or password (user “group-room-laptop”). Check them under Clinic server, or ask whoever runs the server.'
    status = { ...inStep, state: 'offline', server: { ...inStep.server!, problem: why } }
    send('sync.changed', { state: 'offline' })
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: 'Sync: Server not reachable' })
      ).toHaveAccessibleDescription(why)
    )

    status = { ...inStep, state: 'conflicts', conflicts: 2 }
    send('sync.changed', { state: 'conflicts' })
    expect(await screen.findByRole('link', { name: 'Sync: Conflicts to review (2)' })).toBeVisible()
  })
})

const noteConflict: SyncConflict = {
  docId: 'notes/n-1',
  what: 'Progress note',
  record:
    'Progress note for Riley Samplewood (PAIR-1), group Evening IOP, session of Mon, Nov 23, 2026',
  signedPair: true,
  versions: [
    { rev: '3-aaa', summary: 'Signed version 3 on 2026-11-23 15:40', signed: true, winner: true },
    { rev: '3-bbb', summary: 'Signed version 3 on 2026-11-23 15:55', signed: true, winner: false }
  ]
}
const attendanceConflict: SyncConflict = {
  docId: 'attendance/a-1',
  what: 'Attendance',
  record: 'Attendance for Jordan Alvarez (C-101), group Evening IOP, session of Mon, Nov 23, 2026',
  signedPair: false,
  versions: [
    { rev: '2-ccc', summary: 'Version 2 on 2026-11-23 16:00', signed: false, winner: true },
    { rev: '2-ddd', summary: 'Version 2 on 2026-11-23 16:02', signed: false, winner: false }
  ]
}

describe('the Conflicts view', () => {
  function conflictsApi() {
    let left = [noteConflict, attendanceConflict]
    return fakeApi((channel, input) => {
      if (channel === 'sync.conflicts') return ok(left)
      if (channel === 'sync.resolveConflict') {
        left = left.filter((c) => c.docId !== (input as { docId: string }).docId)
        return ok(left)
      }
      return ok(null)
    })
  }

  it('shows each record in conflict, its versions, which one shows now and which were signed', async () => {
    conflictsApi()
    renderScreen(<ConflictsPage />)
    const note = await screen.findByRole('region', { name: noteConflict.record })
    expect(within(note).getByText('Two signed versions — review')).toBeVisible()
    const rows = within(note).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(within(rows[0]!).getByText('Signed')).toBeVisible()
    expect(within(rows[0]!).getByText('Shown now')).toBeVisible()
    expect(within(rows[1]!).getByText('(kept, not shown)')).toBeVisible()
    const attendance = screen.getByRole('region', { name: attendanceConflict.record })
    expect(within(attendance).queryByText('Two signed versions — review')).toBeNull()
    expect(within(attendance).queryByText('Signed')).toBeNull()
  })

  it('keeps a version only once the administrator confirms it', async () => {
    const invoke = conflictsApi()
    const user = userEvent.setup()
    renderScreen(<ConflictsPage />)
    const attendance = await screen.findByRole('region', { name: attendanceConflict.record })
    const keepLater = within(attendance).getByRole('button', {
      name: 'Keep this version (B): Version 2 on 2026-11-23 16:02'
    })

    await user.click(keepLater)
    let dialog = await screen.findByRole('dialog', { name: 'Keep version B?' })
    expect(dialog).toHaveTextContent('The other versions are not deleted')
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(invoke).not.toHaveBeenCalledWith('sync.resolveConflict', expect.anything())

    await user.click(keepLater)
    dialog = await screen.findByRole('dialog', { name: 'Keep version B?' })
    await user.click(within(dialog).getByRole('button', { name: 'Keep version B' }))
    expect(invoke).toHaveBeenCalledWith('sync.resolveConflict', {
      docId: 'attendance/a-1',
      keep: '2-ddd'
    })
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: attendanceConflict.record })).toBeNull()
    )
    expect(screen.getByRole('region', { name: noteConflict.record })).toBeVisible()
  })

  it('asks for a review with the signers before one of two signed versions is kept', async () => {
    conflictsApi()
    const user = userEvent.setup()
    renderScreen(<ConflictsPage />)
    const note = await screen.findByRole('region', { name: noteConflict.record })
    await user.click(
      within(note).getByRole('button', {
        name: /^Keep this version \(A\): Signed version 3 .*15:40$/
      })
    )
    const dialog = await screen.findByRole('dialog', { name: 'Keep version A?' })
    expect(within(dialog).getByRole('note')).toHaveTextContent(
      'Both versions were signed. Check both with the people who signed them before you choose.'
    )
  })
})

describe('importing a transfer file', () => {
  it('reports what arrived, what conflicted and what was already here, in the file’s own words', async () => {
    const report: TransferReport = {
      from: 'Office workstation',
      arrived: 12,
      conflicted: 1,
      already: 40,
      conflictedRecords: [noteConflict.record],
      message:
        'From “Office workstation”: 12 records arrived, 1 were changed on both computers (both versions kept, see Conflicts), 40 were already here.'
    }
    const invoke = fakeApi((channel) =>
      channel === 'files.choose'
        ? ok({ token: 't-1', name: 'transfer.iopsync' })
        : channel === 'sync.importTransfer'
          ? ok(report)
          : ok(null)
    )
    const user = userEvent.setup()
    renderScreen(<TransferFiles peers={[]} />)
    await user.click(screen.getByRole('button', { name: 'Import a transfer file…' }))
    const shown = await screen.findByRole('status')
    expect(invoke).toHaveBeenCalledWith('files.choose', { kind: 'transfer' })
    expect(invoke).toHaveBeenCalledWith('sync.importTransfer', { file: 't-1' })
    expect(shown).toHaveTextContent('Transfer file from Office workstation')
    expect(shown).toHaveTextContent(report.message)
    expect(shown).toHaveTextContent('12 records new or newer here')
    expect(shown).toHaveTextContent('1 record changed on both computers')
    expect(within(shown).getByRole('link', { name: 'review the conflicts' })).toHaveAttribute(
      'href',
      '/sync/conflicts'
    )
    expect(shown).toHaveTextContent('40 records already here')
    // Which record conflicted, named, for the administrator to find it.
    expect(
      within(
        within(shown).getByRole('list', { name: 'Records changed on both computers' })
      ).getByRole('listitem')
    ).toHaveTextContent(noteConflict.record)
  })

  it('with a computer heard from, the file is for it at first: what it has not had yet', async () => {
    fakeApi(() => ok(null))
    renderScreen(
      <TransferFiles
        peers={[
          {
            machineId: 'm-2',
            name: 'Office workstation',
            lastHeardAt: '2026-11-23T15:00:00.000Z',
            lastSentAt: null
          }
        ]}
      />
    )
    expect(screen.getByDisplayValue('Office workstation: what it has not had yet')).toBeVisible()
  })
})

describe('a computer whose data folder was copied', () => {
  it('says it now takes part as a new computer, and what to do, until it is named', async () => {
    let status: SyncStatus = {
      ...inStep,
      machineName: 'DESKTOP-7Q2',
      renewed: {
        at: '2026-11-23T15:00:00.000Z',
        reason: 'copied_folder',
        previousName: 'Group room laptop'
      }
    }
    const invoke = fakeApi((channel, input) => {
      if (channel === 'sync.setMachineName') {
        status = { ...status, machineName: (input as { name: string }).name, renewed: null }
        return ok(status)
      }
      return channel === 'sync.status' ? ok(status) : ok(null)
    })
    const user = userEvent.setup()
    renderScreen(<SyncSection />)
    const notice = await screen.findByRole('status', {
      name: 'This computer now takes part as a new computer'
    })
    expect(notice).toHaveTextContent('data folder was copied from another computer')
    expect(notice).toHaveTextContent('no longer uses the identity of Group room laptop')
    expect(notice).toHaveTextContent('Give it a name below')
    const name = screen.getByLabelText('This computer’s name')
    await user.clear(name)
    await user.type(name, 'Front desk')
    await user.click(screen.getByRole('button', { name: 'Save the name' }))
    expect(invoke).toHaveBeenCalledWith('sync.setMachineName', { name: 'Front desk' })
    await waitFor(() =>
      expect(
        screen.queryByRole('status', { name: 'This computer now takes part as a new computer' })
      ).toBeNull()
    )
  })
})
