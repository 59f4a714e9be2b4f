import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import {
  CANCEL_REASON_LABELS,
  CANCEL_REASONS,
  type CancelReason
} from '../../../../shared/domain/session'
import type { SessionView } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { keys, useGroupSessions } from '../../app/queries'
import { useSessionChange } from './useSession'

/** Before the start: cancel the session (weather, staff illness…) with a reason. */
export function CancelSessionButton({ session }: { session: SessionView }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<CancelReason | null>(null)
  const [detail, setDetail] = useState('')
  const client = useQueryClient()
  const cancel = useSessionChange(session.id, () =>
    unwrap(api().sessions.cancel({ sessionId: session.id, reason: reason!, detail }))
  )
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
        Cancel session
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={`Cancel the session of ${session.date}`}
      >
        <Stack>
          <Select
            label="Why is it cancelled?"
            data={CANCEL_REASONS.map((r) => ({ value: r, label: CANCEL_REASON_LABELS[r] }))}
            value={reason}
            onChange={(value) => setReason(value as CancelReason | null)}
            allowDeselect={false}
            data-autofocus
          />
          <TextInput
            label="A few words (optional unless Other)"
            maxLength={200}
            value={detail}
            onChange={(event) => setDetail(event.currentTarget.value)}
          />
          <Text size="sm" c="dimmed">
            The session stays in the group’s list as cancelled, and reports count it apart. You can
            plan a make-up session for it next.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep the session
            </Button>
            <Button
              color="red"
              disabled={!reason || (reason === 'other' && !detail.trim())}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: () => {
                    setOpen(false)
                    void client.invalidateQueries({ queryKey: keys.groupSessions(session.groupId) })
                  }
                })
              }
            >
              Cancel the session
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

/** What a cancelled session's page shows: why, and its make-up. */
export function CancelledSession({ session }: { session: SessionView }) {
  const sessions = useGroupSessions(session.groupId)
  const makeUp = sessions.data?.find((s) => s.makeUpFor === session.id)
  const cancellation = session.cancellation!
  return (
    <Box p="md" maw={900} mx="auto">
      <Stack gap="md">
        <Anchor component={Link} to={`/groups/${session.groupId}`} size="sm">
          ← {session.groupName}
        </Anchor>
        <Title order={1} size="h3">
          Session of {session.date}
        </Title>
        <Alert color="orange" title="This session was cancelled" role="status">
          <Stack gap="xs" align="flex-start">
            <Text>
              Reason: {CANCEL_REASON_LABELS[cancellation.reason]}
              {cancellation.detail ? ` — ${cancellation.detail}` : ''}
            </Text>
            {makeUp ? (
              <Anchor component={Link} to={`/sessions/${makeUp.id}`}>
                Its make-up session: {makeUp.date}
              </Anchor>
            ) : (
              <Button
                component={Link}
                to={`/groups/${session.groupId}/sessions/new?makeUpFor=${encodeURIComponent(session.id)}`}
              >
                Plan a make-up session
              </Button>
            )}
          </Stack>
        </Alert>
      </Stack>
    </Box>
  )
}
