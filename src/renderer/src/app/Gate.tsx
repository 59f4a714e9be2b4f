import { Center, Loader } from '@mantine/core'
import { Route, Routes } from 'react-router'
import { AudiencePage } from '../features/audience/AudiencePage'
import { RunSessionPage } from '../features/sessions/RunSessionPage'
import { ErrorNotice } from '../components/ErrorNotice'
import { SignInScreen } from '../features/auth/SignInScreen'
import { RecoveryKeyScreen, SetupScreen } from '../features/setup/SetupScreen'
import { keys, useSessionSettings, useStatus } from './queries'
import { useHotkeys } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api, unwrap } from '../api'
import { LockScreen } from '../features/auth/LockScreen'
import { Shell } from './Shell'

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

/** First run → setup; nobody signed in → sign-in; otherwise the app. */
function SignedInGate() {
  const status = useStatus()
  const client = useQueryClient()
  const pendingKey = useQuery<string | null>({
    queryKey: keys.recoveryKey,
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity
  })
  const settings = useSessionSettings(status.data?.signedIn != null && !status.data.locked)
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
        onDone={() => client.setQueryData(keys.recoveryKey, null)}
      />
    )
  }
  if (!setUp) return <SetupScreen notices={status.data.notices} />
  if (!signedIn)
    return (
      <SignInScreen clinicName={status.data.clinic?.name ?? ''} notices={status.data.notices} />
    )
  const { locked } = status.data
  return (
    <>
      {locked && <LockScreen staff={signedIn} clinicName={status.data.clinic?.name ?? ''} />}
      {/* Kept in place, unseen, while locked: unlocking returns to exactly where it was. */}
      <div hidden={locked} inert={locked}>
        {/* Started afresh whenever the setting changes. */}
        <AutoLock
          key={settings.data?.lockAfterMinutes ?? 5}
          minutes={settings.data?.lockAfterMinutes ?? 5}
          active={!locked}
        />
        <Routes>
          {/* A live group gets the whole window: no menu, figures readable at arm's length. */}
          <Route path="/sessions/:sessionId" element={<RunSessionPage />} />
          <Route path="*" element={<Shell status={status.data} staff={signedIn} />} />
        </Routes>
      </div>
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
function AutoLock({ minutes, active }: { minutes: number; active: boolean }) {
  const client = useQueryClient()
  const idle = useIdleFor(minutes * 60_000)
  const lock = useMutation({
    mutationFn: () => unwrap(api().auth.lock()),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.status })
  })
  const { mutate, isPending } = lock
  useHotkeys([['mod+L', () => active && mutate()]], [])
  useEffect(() => {
    if (idle && active && !isPending) mutate()
  }, [idle, active, isPending, mutate])
  return null
}
