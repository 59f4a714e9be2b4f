import { Center, Loader } from '@mantine/core'
import { Route, Routes } from 'react-router'
import { AudiencePage } from '../features/audience/AudiencePage'
import { RunSessionPage } from '../features/sessions/RunSessionPage'
import { ErrorNotice } from '../components/ErrorNotice'
import { SignInScreen } from '../features/auth/SignInScreen'
import { SetupScreen } from '../features/setup/SetupScreen'
import { useStatus } from './queries'
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
  if (!setUp) return <SetupScreen notices={status.data.notices} />
  if (!signedIn)
    return (
      <SignInScreen clinicName={status.data.clinic?.name ?? ''} notices={status.data.notices} />
    )
  return (
    <Routes>
      {/* A live group gets the whole window: no menu, figures readable at arm's length. */}
      <Route path="/sessions/:sessionId" element={<RunSessionPage />} />
      <Route path="*" element={<Shell status={status.data} staff={signedIn} />} />
    </Routes>
  )
}
