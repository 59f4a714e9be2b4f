import { Center, Loader } from '@mantine/core'
import { ErrorNotice } from '../components/ErrorNotice'
import { SignInScreen } from '../features/auth/SignInScreen'
import { SetupScreen } from '../features/setup/SetupScreen'
import { useStatus } from './queries'
import { Shell } from './Shell'

/** First run → setup; nobody signed in → sign-in; otherwise the app. */
export function Gate() {
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
  return <Shell status={status.data} staff={signedIn} />
}
