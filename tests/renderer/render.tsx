import { MantineProvider } from '@mantine/core'
import { ModalsProvider } from '@mantine/modals'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement, ReactNode } from 'react'
import { MemoryRouter } from 'react-router'
import { vi } from 'vitest'
import { buildApi } from '../../src/shared/ipc/api'
import { CHANNEL_NAMES, type ChannelName } from '../../src/shared/ipc/names'
import type { Result } from '../../src/shared/result'

export type Answer = (channel: ChannelName, input: unknown) => Result<unknown>

/** Installs a window.api whose every call is recorded and answered by `answer`. */
export function fakeApi(answer: Answer) {
  // Screens that list open follow-ups (the note editor) find none unless a test answers otherwise.
  const invoke = vi.fn(async (channel: ChannelName, input: unknown) =>
    channel === 'followUps.list' ? { ok: true, value: [] } : answer(channel, input)
  )
  window.api = buildApi(CHANNEL_NAMES, invoke, () => () => undefined)
  return invoke
}

/** Renders a screen inside the app's providers; `rerender` keeps them. */
export function renderScreen(ui: ReactElement, route = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Providers = ({ children }: { children: ReactNode }) => (
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <ModalsProvider modalProps={{ transitionProps: { duration: 0, exitDuration: 0 } }}>
            {children}
          </ModalsProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
  return render(ui, { wrapper: Providers })
}
