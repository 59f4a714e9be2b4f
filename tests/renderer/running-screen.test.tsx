/**
 * The running screen while nobody touches it: the time moves on, and only the
 * clock's digits repaint. The page around them (the slides, the agenda, the
 * people, every button) stays as it was, so a session left running costs the
 * computer next to nothing.
 */
import { act, screen, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SESSION_SETTINGS } from '../../src/shared/domain/session'
import { defaultAgenda } from '../../src/shared/session/default-agenda'
import { fail, ok } from '../../src/shared/result'
import { RunSessionPage } from '../../src/renderer/src/features/sessions/RunSessionPage'
import { fakeApi, renderScreen } from './render'

// The page calls this hook once each time it renders: a count of the page's own renders.
const renders = vi.hoisted(() => ({ page: 0 }))
vi.mock('../../src/renderer/src/features/sessions/useWakeLock', () => ({
  useWakeLock: () => {
    renders.page += 1
  }
}))

const START = Date.UTC(2026, 10, 23, 14, 0)
const MIN = 60_000

const SESSION = {
  id: 's1',
  groupId: 'g1',
  groupName: 'Evening SUD IOP',
  date: '2026-11-23',
  facilitatorIds: ['f1'],
  segments: defaultAgenda().map((s) => ({ ...s, module: null })),
  events: [
    { type: 'started', at: new Date(START).toISOString() },
    { type: 'segment_changed', at: new Date(START + 5 * MIN).toISOString(), segmentId: 'check-in' }
  ],
  attendance: [],
  observations: [],
  safety: [],
  lastSeenAt: null,
  groupPart: null,
  notes: [],
  createdAt: new Date(START - 60 * MIN).toISOString(),
  updatedAt: new Date(START).toISOString(),
  dailyMinimumMinutes: 180,
  people: []
}

beforeEach(() => {
  // The screen reads both clocks; both move together here, as real time does.
  vi.useFakeTimers({
    toFake: ['setInterval', 'clearInterval', 'Date', 'performance'],
    now: START + 21 * MIN
  })
  renders.page = 0
  fakeApi((channel) => {
    switch (channel) {
      case 'sessions.get':
        return ok(SESSION)
      case 'clinic.sessionSettings':
        return ok(DEFAULT_SESSION_SETTINGS)
      case 'app.status':
        return ok({
          setUp: true,
          clinic: { name: 'Riverside', timeZone: 'UTC' },
          signedIn: null,
          notices: [],
          dataDir: '/tmp',
          canSavePdf: false
        })
      case 'sessions.agreements':
      case 'participants.list':
        return ok([])
      default:
        return fail('internal', 'not answered')
    }
  })
})
afterEach(() => vi.useRealTimers())

describe('the running screen left alone', () => {
  it('repaints the clock as time passes, not the page', async () => {
    renderScreen(
      <Routes>
        <Route path="/sessions/:sessionId" element={<RunSessionPage />} />
      </Routes>,
      '/sessions/s1'
    )
    const clock = await screen.findByRole('group', { name: 'Session clock' })
    expect(clock).toHaveTextContent('21:00')
    expect(screen.getByTestId('countdown')).toHaveTextContent('14:00')
    const settled = renders.page

    // Ten seconds of a running session, four ticks a second.
    for (let i = 0; i < 40; i++) act(() => vi.advanceTimersByTime(250))

    expect(within(clock).getByText('21:10')).toBeInTheDocument()
    expect(screen.getByTestId('countdown')).toHaveTextContent('13:50')
    expect(renders.page).toBe(settled)
  })
})
