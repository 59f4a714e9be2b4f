import { Center, Loader } from '@mantine/core'
import { Route, Routes } from 'react-router'
import { ErrorNotice } from '../components/ErrorNotice'
import { SignInScreen } from '../features/auth/SignInScreen'
import { directoryQuery, keys, useSessionSettings, useStatus } from './queries'
import { useHotkeys } from '@mantine/hooks'
import { usePrefetchQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import type { AppStatus } from '../../../shared/ipc/contract'
import type { Staff } from '../../../shared/domain/staff'
import { LockScreen } from '../features/auth/LockScreen'
import { useLock } from './lock'
import { afterNextPaint } from './afterPaint'
import { deferred } from './deferred'
import { BackToHome, useBehindTheFence, useRecordVisit } from './signInFence'

// Loaded when first needed, so opening the app parses only the sign-in screen (issue 18). The
// sign-in and lock screens preload the signed-in app while the passphrase is typed.
const AudiencePage = deferred(
  () => import('../features/audience/AudiencePage').then((m) => m.AudiencePage),
  'Opening the projector view'
)
const SetupScreen = deferred(
  () => import('../features/setup/SetupScreen').then((m) => m.SetupScreen),
  'Opening the setup'
)
const RecoveryKeyScreen = deferred(
  () => import('../features/setup/SetupScreen').then((m) => m.RecoveryKeyScreen),
  'Opening the recovery key'
)
const RunSessionPage = deferred(
  () => import('../features/sessions/RunSessionPage').then((m) => m.RunSessionPage),
  'Opening the session'
)
const LockedOutScreen = deferred(
  () => import('../features/setup/RestoreClinic').then((m) => m.LockedOutScreen),
  'Opening the restore'
)
const Shell = deferred(() => import('./Shell').then((m) => m.Shell), 'Opening the records')
// Not screens of their own: nothing shows while their code loads.
const FindAnything = deferred(() => import('./FindAnything').then((m) => m.FindAnything), null)
const KeyboardShortcuts = deferred(
  () => import('./KeyboardShortcuts').then((m) => m.KeyboardShortcuts),
  null
)

/** The signed-in app's code (the menu's screens and the running screen), loaded now. */
export async function loadSignedInApp(): Promise<void> {
  await Promise.all([Shell.preload(), RunSessionPage.preload()])
}

/**
 * Loaded ahead while someone types their passphrase: in a task of its own after the next frame,
 * so the sign-in form is painted first (adding the code's links to the page restyles it).
 */
function preloadSignedInApp(): void {
  void afterNextPaint().then(() => loadSignedInApp().catch(() => undefined))
}

/**
 * The projector's page stands apart: it must never show the sign-in list or
 * any other screen, only slides and a timer (or a calm waiting screen).
 */
export function Gate() {
  return (
    <Routes>
      <Route path="/audience/:sessionId" element={<AudiencePage />} />
      <Route path="*" element={<SignedInGate />} />
    </Routes>
  )
}

/** First run → setup; nobody signed in → sign-in; locked → only the lock screen; otherwise the app. */
function SignedInGate() {
  // The sign-in screen's list is asked for beside the status, not after it (issue 18, cold open).
  usePrefetchQuery(directoryQuery)
  const status = useStatus()
  const client = useQueryClient()
  const pendingKey = useQuery<string | null>({
    queryKey: keys.recoveryKey,
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity
  })
  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Opening the records" />
      </Center>
    )
  }
  if (status.isError) {
    return (
      <Center h="100vh" p="xl">
        <ErrorNotice title="The app could not open its records" error={status.error} />
      </Center>
    )
  }
  const { setUp, signedIn } = status.data
  if (pendingKey.data) {
    return (
      <RecoveryKeyScreen
        recoveryKey={pendingKey.data}
        clinicName={status.data.clinic?.name ?? ''}
        timeZone={status.data.clinic?.timeZone ?? 'UTC'}
        onDone={() => client.setQueryData(keys.recoveryKey, null)}
      />
    )
  }
  if (status.data.lockedOut) {
    return (
      <LockedOutScreen reason={status.data.lockedOut} clinicName={status.data.clinic?.name ?? ''} />
    )
  }
  if (!setUp) return <SetupScreen notices={status.data.notices} />
  if (!signedIn)
    return (
      <SignInScreen
        clinicName={status.data.clinic?.name ?? ''}
        notices={status.data.notices}
        onReady={preloadSignedInApp}
      />
    )
  // Locked: every record view is unmounted and its data dropped. The address stays, so
  // unlocking opens the same screen again, its records fetched afresh.
  if (status.data.locked) {
    return <LockScreen staff={signedIn} clinicName={status.data.clinic?.name ?? ''} />
  }
  return <SignedInApp status={status.data} staff={signedIn} />
}

function SignedInApp({ status, staff }: { status: AppStatus; staff: Staff }) {
  // Checked on every move through the history: Back stops at the latest sign-in.
  const behind = useBehindTheFence()
  useRecordVisit()
  const settings = useSessionSettings()
  const minutes = settings.data?.lockAfterMinutes ?? 5
  const [shortcuts, setShortcuts] = useState(false)
  const showShortcuts = useCallback(() => setShortcuts(true), [])
  if (behind) return <BackToHome />
  return (
    <>
      {/* Started afresh whenever the setting changes. */}
      <AutoLock key={minutes} minutes={minutes} />
      {/* Ctrl+K and the list of shortcuts on every signed-in screen, the running one too. */}
      <FindAnything staff={staff} onShowShortcuts={showShortcuts} />
      <KeyboardShortcuts opened={shortcuts} onClose={() => setShortcuts(false)} />
      <Routes>
        {/* A live group gets the whole window: no menu, figures readable at arm's length. */}
        <Route path="/sessions/:sessionId" element={<RunSessionPage />} />
        <Route
          path="*"
          element={<Shell status={status} staff={staff} onShowShortcuts={showShortcuts} />}
        />
      </Routes>
    </>
  )
}

/** Any key (arrows and the running screen's own keys too), pointer, touch or wheel is someone there. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const

/**
 * True once `ms` pass with no activity. Listens on the window in the capture
 * phase, so keys a screen handles and stops (the running screen's N, B,
 * arrows) still count as someone at the keyboard.
 */
function useIdleFor(ms: number): boolean {
  const [idle, setIdle] = useState(false)
  useEffect(() => {
    let timer = window.setTimeout(() => setIdle(true), ms)
    const active = () => {
      setIdle(false)
      window.clearTimeout(timer)
      timer = window.setTimeout(() => setIdle(true), ms)
    }
    for (const event of ACTIVITY) {
      window.addEventListener(event, active, { capture: true, passive: true })
    }
    return () => {
      window.clearTimeout(timer)
      for (const event of ACTIVITY) window.removeEventListener(event, active, { capture: true })
    }
  }, [ms])
  return idle
}

/**
 * Locks the app after `minutes` with no key press, pointer move or touch, and
 * at once on Ctrl+L (⌘L on a Mac).
 */
function AutoLock({ minutes }: { minutes: number }) {
  const idle = useIdleFor(minutes * 60_000)
  const { mutate, isPending } = useLock()
  useHotkeys([['mod+L', () => mutate()]], [])
  useEffect(() => {
    if (idle && !isPending) mutate()
  }, [idle, isPending, mutate])
  return null
}
