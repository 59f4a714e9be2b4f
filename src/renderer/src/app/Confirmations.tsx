import { ModalsProvider } from '@mantine/modals'

/**
 * Where confirmations open (`modals.openConfirmModal`). Not a wrapper: the app asks for them only
 * through Mantine's `modals` calls, so this sits beside the screens, its code loaded beside the
 * first screen's rather than before it (issue 18, cold open: dialogs bring scroll areas and their
 * positioning code). A confirmation opens and closes at once: it answers a click, and runs even
 * while the running screen's window is in the background, where animation frames stall.
 */
export function Confirmations() {
  return (
    <ModalsProvider
      labels={{ confirm: 'Confirm', cancel: 'Cancel' }}
      modalProps={{ transitionProps: { duration: 0, exitDuration: 0 } }}
    />
  )
}
