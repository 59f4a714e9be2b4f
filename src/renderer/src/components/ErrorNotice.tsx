import { Alert } from '@mantine/core'
import { messageOf } from '../api'

/** A refused action, in the app's own plain words; announced to screen readers. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <Alert color="red" variant="light" title={title ?? 'That did not work'} role="alert">
      {messageOf(error)}
    </Alert>
  )
}
