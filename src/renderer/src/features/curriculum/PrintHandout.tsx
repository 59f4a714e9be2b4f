import { Button, Group, TextInput } from '@mantine/core'
import { useState } from 'react'
import { api, unwrap } from '../../api'
import { useProtectedPrint } from '../exports/useProtectedExport'

/** A module's homework as a one-page handout in large type, with a name or a blank line. */
export function PrintHandout({ moduleId }: { moduleId: string }) {
  const [name, setName] = useState('')
  const printing = useProtectedPrint('the handout', (to, password) =>
    unwrap(
      api().curriculum.printHandout({
        moduleId,
        participantName: name.trim() || null,
        to,
        password
      })
    )
  )
  return (
    <Group align="flex-end" gap="xs" mb="sm">
      {printing.modal}
      <TextInput
        label="Name on the handout (optional)"
        description="Left empty, the Name line stays blank to fill in by hand."
        maxLength={80}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Button variant="default" onClick={printing.print}>
        Print handout
      </Button>
      {printing.canSavePdf && (
        <Button variant="default" onClick={printing.savePdf}>
          Save handout as PDF
        </Button>
      )}
    </Group>
  )
}
