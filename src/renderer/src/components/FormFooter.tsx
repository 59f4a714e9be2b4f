import { Button, Group } from '@mantine/core'
import { ErrorNotice } from './ErrorNotice'

/** The end of an edit form: why the last save was refused, then save and cancel. */
export function FormFooter({
  error,
  errorTitle,
  submitLabel,
  pending,
  onCancel
}: {
  error: unknown
  errorTitle: string
  submitLabel: string
  pending: boolean
  onCancel: () => void
}) {
  return (
    <>
      <ErrorNotice error={error} title={errorTitle} />
      <Group>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </>
  )
}
