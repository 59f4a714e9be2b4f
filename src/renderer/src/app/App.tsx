import { createTheme, MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import {
  notifyManager,
  QueryClient,
  QueryClientProvider,
  useQueryClient
} from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { HashRouter } from 'react-router'
import { api } from '../api'
import { Gate } from './Gate'
import { keys } from './queries'

// Query results reach the screen in a microtask rather than a timer: the
// projector's window is often in the background, where timers are throttled,
// and a slide change must not wait for one.
notifyManager.setScheduler(queueMicrotask)

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md'
})

/** Keeps every screen current when records change, here or in another window. */
function LiveUpdates() {
  const client = useQueryClient()
  useEffect(() => {
    const offRecords = api().subscribe('records.changed', () => {
      void client.invalidateQueries()
    })
    const offAuth = api().subscribe('auth.changed', () => {
      void client.invalidateQueries({ queryKey: keys.status })
    })
    const offNotices = api().subscribe('notices.changed', () => {
      void client.invalidateQueries({ queryKey: keys.status })
    })
    return () => {
      offRecords()
      offAuth()
      offNotices()
    }
  }, [client])
  return null
}

export function App() {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Records live on this machine: no retries against a network, no refetch on focus.
          queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
          mutations: { retry: false }
        }
      })
  )
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>
        <LiveUpdates />
        <HashRouter>
          <Gate />
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
}
