import { Alert, Button, Code, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Notice } from '../../../shared/ipc/contract'
import { api, unwrap } from '../api'
import { keys } from '../app/queries'

/** What the app did on its own to keep the records safe, told once and plainly. */
export function NoticeBanner({ notices, canDismiss }: { notices: Notice[]; canDismiss: boolean }) {
  const client = useQueryClient()
  const dismiss = useMutation({
    mutationFn: (noticeId: string) => unwrap(api().app.dismissNotice({ noticeId })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.status })
  })
  if (notices.length === 0) return null
  return (
    <Stack gap="xs">
      {notices.map((notice) => (
        <Alert
          key={notice.id}
          color={notice.kind === 'migrated' ? 'blue' : 'orange'}
          title={notice.kind === 'migrated' ? 'Records updated' : 'Records recovered'}
          role="status"
        >
          <Text size="sm">{notice.message}</Text>
          {notice.damagedCopy && (
            <Text size="sm" mt={4}>
              {notice.kind === 'migrated' ? 'Old copy: ' : 'Damaged copy kept at: '}
              <Code>{notice.damagedCopy}</Code>
            </Text>
          )}
          {canDismiss && (
            <Button
              size="xs"
              variant="subtle"
              mt="xs"
              onClick={() => dismiss.mutate(notice.id)}
              loading={dismiss.isPending}
            >
              I have read this
            </Button>
          )}
        </Alert>
      ))}
    </Stack>
  )
}
