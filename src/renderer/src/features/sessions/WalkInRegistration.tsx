import { Button, Modal, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { ParticipantInput } from '../../../../shared/domain/participant'
import type { SessionView } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { ParticipantForm, emptyParticipant } from '../participants/ParticipantForm'
import { useSessionChange } from './useSession'

/**
 * Someone not yet registered walks in: register them, enrol them in the group
 * from today and mark them present, without leaving the running screen.
 */
export function WalkInRegistration({ session }: { session: SessionView }) {
  const [open, setOpen] = useState(false)
  const register = useSessionChange(session.id, (participant: ParticipantInput) =>
    unwrap(api().sessions.registerWalkIn({ sessionId: session.id, participant }))
  )
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Register a new walk-in
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Register a new walk-in" size="xl">
        <Text size="sm" mb="sm">
          They are registered, enrolled in {session.groupName} from {session.date}, and marked
          present now.
        </Text>
        <ParticipantForm
          initial={emptyParticipant(session.date)}
          today={session.date}
          submitLabel="Register and mark present"
          pending={register.isPending}
          error={register.error}
          onSubmit={(participant) =>
            register.mutate(participant, {
              onSuccess: () => {
                setOpen(false)
                notifications.show({ color: 'teal', message: 'Registered and marked present' })
              }
            })
          }
          onCancel={() => setOpen(false)}
        />
      </Modal>
    </>
  )
}
