import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ITEM9_FOLLOW_UP } from '../../../../shared/measures/follow-up'
import { api, messageOf, unwrap } from '../../api'
import { TEXT_LIMITS, textLimit } from '../../../../shared/rules/limits'

/**
 * The counselor's private same-day follow-up of a PHQ-9 item 9 above zero: a
 * checklist of what to do one to one, ticked as it is done, and a line saying
 * what was done. Shown on the counselor's own screen only, never sent to the
 * projector.
 */
export function PrivateFollowUp({
  entryId,
  title,
  onDone
}: {
  entryId: string
  title?: string
  onDone?: () => void
}) {
  const client = useQueryClient()
  const [steps, setSteps] = useState<string[]>([])
  const [note, setNote] = useState('')
  const noteLimit = textLimit(note, TEXT_LIMITS.followUpNote)
  const done = useMutation({
    mutationFn: () => unwrap(api().measures.followUpDone({ entryId, note, steps })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['measures'] })
      void client.invalidateQueries({ queryKey: ['progress'] })
      notifications.show({ color: 'teal', message: 'Follow-up recorded' })
      onDone?.()
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not recorded', message: messageOf(e) })
  })
  const checklist = ITEM9_FOLLOW_UP
  return (
    <Alert color="red" title={title ?? checklist.title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{checklist.lead}</Text>
        <Checkbox.Group
          label="Private follow-up steps"
          description="Tick each step as it is done."
          value={steps}
          onChange={setSteps}
        >
          <Stack gap={6} mt={6}>
            {checklist.steps.map((s) => (
              <Checkbox key={s.id} value={s.id} label={s.text} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group align="flex-end">
          <TextInput
            label="What was done"
            placeholder="e.g. Met privately; risk low; safety plan reviewed; supervisor consulted"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            description={noteLimit.description}
            error={noteLimit.error}
            style={{ flex: 1 }}
          />
          <Button
            disabled={!note.trim() || noteLimit.over}
            loading={done.isPending}
            onClick={() => done.mutate()}
          >
            Mark the follow-up done
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}
