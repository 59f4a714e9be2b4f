import { Checkbox, Modal, Stack, Text } from '@mantine/core'
import type { SessionView } from '../../../../shared/ipc/contract'
import { SAFETY_PROTOCOLS } from '../../../../shared/session/safety'
import { api, unwrap } from '../../api'
import { useSessionChange } from './useSession'

interface Props {
  session: SessionView
  checklistId: string | null
  onClose(): void
}

/** The in-session safety steps, on the facilitator's screen only; never on the projector. */
export function SafetyChecklist({ session, checklistId, onClose }: Props) {
  const tick = useSessionChange(
    session.id,
    (input: { checklistId: string; stepId: string; done: boolean }) =>
      unwrap(api().sessions.safetyStep({ sessionId: session.id, ...input }))
  )
  const checklist = session.safety.find((c) => c.id === checklistId)
  const protocol = checklist ? SAFETY_PROTOCOLS[checklist.protocol] : null
  const person = session.people.find((p) => p.participantId === checklist?.participantId)
  return (
    <Modal
      opened={checklist !== undefined}
      onClose={onClose}
      title={protocol ? `${protocol.title} — ${person?.displayName ?? ''}` : ''}
      size="lg"
    >
      {checklist && protocol && (
        <Stack gap="sm">
          <Text>{protocol.lead}</Text>
          <Text size="sm" c="dimmed">
            {person?.displayName} is marked for follow-up. Each step is saved with the time you tick
            it.
          </Text>
          {protocol.steps.map((step) => (
            <Checkbox
              key={step.id}
              label={step.text}
              checked={checklist.done[step.id] !== undefined}
              disabled={tick.isPending}
              onChange={(event) =>
                tick.mutate({
                  checklistId: checklist.id,
                  stepId: step.id,
                  done: event.currentTarget.checked
                })
              }
            />
          ))}
        </Stack>
      )}
    </Modal>
  )
}
