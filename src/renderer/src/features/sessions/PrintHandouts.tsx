import { Button, Group, Switch } from '@mantine/core'
import { useState } from 'react'
import type { SessionView } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { useProtectedPrint } from '../exports/useProtectedExport'

/** The day's practice assignments, one page each, for everyone present: one press. */
export function PrintHandouts({ session }: { session: SessionView }) {
  const [withNames, setWithNames] = useState(true)
  const printing = useProtectedPrint('the day’s handouts', (to, password) =>
    unwrap(api().sessions.printHandouts({ sessionId: session.id, withNames, to, password }))
  )
  if (!session.attendance.some((a) => a.status === 'present')) return null
  return (
    <Group gap="xs">
      {printing.modal}
      <Button variant="default" onClick={printing.print}>
        Print today’s handouts
      </Button>
      <Switch
        label="Names on them"
        checked={withNames}
        onChange={(event) => setWithNames(event.currentTarget.checked)}
      />
    </Group>
  )
}
