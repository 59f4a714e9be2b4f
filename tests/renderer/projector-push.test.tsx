import { MantineProvider } from '@mantine/core'
import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AudiencePage } from '../../src/renderer/src/features/audience/AudiencePage'
import { buildApi } from '../../src/shared/ipc/api'
import type { AudienceView, EventPayload } from '../../src/shared/ipc/contract'
import { CHANNEL_NAMES, type ChannelName } from '../../src/shared/ipc/names'

// As the app does (App.tsx): query results reach the screen in a microtask, not a timer.
notifyManager.setScheduler(queueMicrotask)

const AT = '2026-12-07T15:00:00.000Z'
const later = (seconds: number) => new Date(Date.parse(AT) + seconds * 1000).toISOString()

function view(events: AudienceView['events']): AudienceView {
  return {
    id: 'session-1',
    segments: [
      {
        id: 'education',
        kind: 'educational',
        title: 'Educational segment',
        plannedMinutes: 45,
        countable: true,
        module: {
          title: 'Planning the week ahead',
          slides: [
            { title: 'Why a plan helps', body: '- One', minutes: null },
            { title: 'Three steps for Monday', body: '- Two', minutes: null }
          ]
        }
      }
    ],
    events,
    agreements: []
  }
}

const STARTED: AudienceView['events'] = [
  { type: 'started', at: AT },
  { type: 'segment_changed', at: AT, segmentId: 'education' }
]

/**
 * The projector's page with a window.api whose session.changed the test sends. `answer` holds
 * back the answer to the page's own request when a test wants it late.
 */
function projector(answer: () => Promise<AudienceView> = async () => view(STARTED)) {
  const listeners = new Set<(payload: unknown) => void>()
  const invoke = vi.fn(async (channel: ChannelName) =>
    channel === 'sessions.audience'
      ? { ok: true as const, value: await answer() }
      : { ok: false as const, error: { code: 'not_found' as const, message: 'Not here.' } }
  )
  window.api = buildApi(CHANNEL_NAMES, invoke, (event, listener) => {
    if (event !== 'session.changed') return () => undefined
    listeners.add(listener)
    return () => listeners.delete(listener)
  })
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/audience/session-1']}>
          <Routes>
            <Route path="/audience/:sessionId" element={<AudiencePage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
  const send = (payload: EventPayload<'session.changed'>) =>
    act(() => {
      for (const listener of listeners) listener(payload)
    })
  const asked = () => invoke.mock.calls.filter(([channel]) => channel === 'sessions.audience')
  return { send, asked }
}

afterEach(() => vi.useRealTimers())

/** The facilitator moves to the second slide: the change comes with its view, and shows. */
async function nextSlideSent(send: ReturnType<typeof projector>['send']) {
  await send({
    sessionId: 'session-1',
    audience: view([
      ...STARTED,
      { type: 'slide_shown', at: later(30), segmentId: 'education', slideIndex: 1 }
    ])
  })
  expect(await screen.findByRole('heading', { name: 'Three steps for Monday' })).toBeInTheDocument()
}

describe('the projector follows a change it is sent', () => {
  it('shows the next slide from the change itself, without asking the main process again', async () => {
    vi.useFakeTimers({ now: Date.parse(later(60)), toFake: ['Date'] })
    const { send, asked } = projector()
    expect(await screen.findByRole('heading', { name: 'Why a plan helps' })).toBeInTheDocument()
    expect(asked()).toHaveLength(1)

    await nextSlideSent(send)
    expect(asked()).toHaveLength(1)
  })

  it('keeps the change it was sent when its own first request answers later, with the session as it was', async () => {
    vi.useFakeTimers({ now: Date.parse(later(60)), toFake: ['Date'] })
    let answerNow: (value: AudienceView) => void = () => undefined
    const { send } = projector(() => new Promise((resolve) => (answerNow = resolve)))
    await nextSlideSent(send)
    // The page's first request, sent before the change, answers only now.
    await act(async () => answerNow(view(STARTED)))
    expect(screen.getByRole('heading', { name: 'Three steps for Monday' })).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Why a plan helps' })).toBeNull()
  })

  it('asks again when a change comes without its view, and ignores other sessions', async () => {
    vi.useFakeTimers({ now: Date.parse(later(60)), toFake: ['Date'] })
    const { send, asked } = projector()
    await screen.findByRole('heading', { name: 'Why a plan helps' })
    await send({ sessionId: 'session-2', audience: view([]) })
    expect(screen.getByRole('heading', { name: 'Why a plan helps' })).toBeInTheDocument()
    expect(asked()).toHaveLength(1)
    await send({ sessionId: 'session-1' })
    await vi.waitFor(() => expect(asked()).toHaveLength(2))
  })
})
