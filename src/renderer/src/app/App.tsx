import {
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  NavLink,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver
} from '@mantine/core'
import { DatesProvider } from '@mantine/dates'
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
import { ClinicTimeProvider } from './clinicTime'
import { deferred } from './deferred'
import { Gate } from './Gate'
import type { Opening } from './opening'
import { keys, statusQuery } from './queries'

// Query results reach the screen in a microtask rather than a timer: the
// projector's window is often in the background, where timers are throttled,
// and a slide change must not wait for one.
notifyManager.setScheduler(queueMicrotask)

/**
 * Light buttons and badges take the palest shade for their background and the
 * darkest for their text, so small labels read at 4.5:1 or better (WCAG AA).
 */
const PALE_HUES = new Set(['yellow', 'orange', 'lime'])

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input)
  if (input.variant !== 'light') return colors
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme
  })
  return parsed.isThemeColor
    ? {
        ...colors,
        background: `var(--mantine-color-${parsed.color}-0)`,
        // Even the darkest yellow and orange are too pale for text: those take near-black.
        color: PALE_HUES.has(parsed.color)
          ? 'var(--mantine-color-dark-8)'
          : `var(--mantine-color-${parsed.color}-9)`
      }
    : colors
}

/** Secondary ("dimmed") text one shade darker than Mantine's, for contrast on white. */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Error messages under fields: the default red is too pale for small text on white (AA).
    '--mantine-color-error': 'var(--mantine-color-red-9)'
  },
  dark: {}
})

const theme = createTheme({
  primaryColor: 'teal',
  // Filled buttons and links in the darkest shades: white on them, and them on white, pass AA.
  primaryShade: { light: 9, dark: 8 },
  variantColorResolver,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  components: {
    // The × in every dialog's corner says what it does to a screen reader.
    // (A plain object rather than Modal.extend: the dialogs' code loads after the first frame.)
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // The current page in a menu: a pale background and near-black text, which passes AA.
    NavLink: NavLink.extend({
      vars: (_theme, props) =>
        props.variant === 'filled'
          ? { root: {}, children: {} }
          : {
              root: {
                '--nl-bg': 'var(--mantine-color-teal-1)',
                '--nl-color': 'var(--mantine-color-dark-9)'
              },
              children: {}
            }
    })
  }
})

/** A session's own views: session.changed refreshes them (useSessionUpdates). */
function followsSessionEvents(key: readonly unknown[]): boolean {
  return key[0] === keys.session('')[0] || key[0] === keys.audience('')[0]
}

/** What a change to sessions cannot touch: the app's status (who is signed in, the clinic). */
function untouchedBySessions(key: readonly unknown[]): boolean {
  return key[0] === keys.status[0]
}

// Inside the router, so a confirmation's text may link to a page.
const Confirmations = deferred(() => import('./Confirmations').then((m) => m.Confirmations), null)

/** Keeps every screen current when records change, here or in another window. */
function LiveUpdates() {
  const client = useQueryClient()
  useEffect(() => {
    const offRecords = api().subscribe('records.changed', ({ scope }) => {
      if (scope !== 'sessions') return void client.invalidateQueries()
      // A change to a session also comes as session.changed, which refreshes that session's
      // views (running screen, projector) at once; refreshed here as well, each would be asked
      // for twice on every key press (issue 18). They are only marked out of date here.
      // The status is not asked for again either: on the projector that request would run beside
      // each slide change.
      void client.invalidateQueries({
        predicate: (query) =>
          !followsSessionEvents(query.queryKey) && !untouchedBySessions(query.queryKey)
      })
      void client.invalidateQueries({
        predicate: (query) => followsSessionEvents(query.queryKey),
        refetchType: 'none'
      })
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

export function App({ opening }: { opening?: Opening }) {
  const [client] = useState(() => {
    const client = new QueryClient({
      defaultOptions: {
        // Records live on this machine: no retries against a network, no refetch on focus.
        queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
        mutations: { retry: false }
      }
    })
    // Asked for before the first render (main.tsx): the first screen is drawn with its answers
    // (issue 18, cold open). An answer that did not come, or a refusal, is asked for again here,
    // and a refusal is then shown by the screen that needs it.
    if (opening?.status?.ok) client.setQueryData(keys.status, opening.status.value)
    else void client.prefetchQuery(statusQuery)
    if (opening?.directory?.ok) client.setQueryData(keys.directory, opening.directory.value)
    return client
  })
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>
        <LiveUpdates />
        <HashRouter>
          <ClinicTimeProvider>
            {/* Calendars in English, weeks from Monday as the weekly reports count them; no
                day coloured apart, as groups meet on any day. */}
            <DatesProvider settings={{ locale: 'en', firstDayOfWeek: 1, weekendDays: [] }}>
              <Gate />
              {/* Its code loads beside the first screen's, not before it. */}
              <Confirmations />
            </DatesProvider>
          </ClinicTimeProvider>
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
}
