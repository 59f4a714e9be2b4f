import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { SessionView } from '../../../../shared/ipc/contract'
import { clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { api, unwrap } from '../../api'
import { useSessionChange } from './useSession'

/** At the close, everyone still in the room leaves at the same time, in one press. */
export function EveryoneOut({
  session,
  timeZone,
  now
}: {
  session: SessionView
  timeZone: string
  now: number
}) {
  const timeFormat = useTimeFormat()
  const [open, setOpen] = useState(false)
  const out = useSessionChange(session.id, () =>
    unwrap(api().sessions.everyoneOut({ sessionId: session.id }))
  )
  const still = session.attendance.filter((a) => a.status === 'present' && !a.timeOut).length
  const started = session.events.some((e) => e.type === 'started')
  if (!started || still === 0) return null
  const time = clinicTimeOfDay(now, timeZone, timeFormat)
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Everyone out at end
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Everyone out at end">
        <Stack>
          <Text>
            Record {still} {still === 1 ? 'person' : 'people'} still in the room as leaving at{' '}
            {time}. Anyone who left earlier keeps their own time.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Not yet
            </Button>
            <Button
              loading={out.isPending}
              onClick={() => out.mutate(undefined, { onSuccess: () => setOpen(false) })}
            >
              Record time out {time} for everyone
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
