import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'

export interface Finding {
  check: string
  message: string
  blocking: boolean
}

/**
 * "Before you sign": each warning ticked to sign anyway (the choice is kept
 * with the note); a blocking finding has no tick, and the note is not signed
 * until it is put right.
 */
export function SignWarnings(props: {
  findings: Finding[] | null
  signing: boolean
  onClose: () => void
  onSign: (overridden: Finding[]) => void
}) {
  const findings = props.findings ?? []
  const blocking = findings.filter((f) => f.blocking)
  const warnings = findings.filter((f) => !f.blocking)
  const [confirmed, setConfirmed] = useState<string[]>([])
  const close = () => {
    setConfirmed([])
    props.onClose()
  }
  return (
    <Modal opened={props.findings !== null} onClose={close} title="Before you sign" size="lg">
      <Stack>
        {blocking.map((f) => (
          <Alert key={f.check} color="red" title="Not signed yet" role="alert">
            {f.message}
          </Alert>
        ))}
        {warnings.length > 0 && (
          <Text size="sm">
            Read each point. Tick it to sign anyway; your choice is kept with the note.
          </Text>
        )}
        {warnings.map((f) => (
          <Checkbox
            key={f.check + f.message}
            label={f.message}
            checked={confirmed.includes(f.message)}
            disabled={blocking.length > 0}
            onChange={(e) => {
              // Read now: React may run the updater after the event has been recycled.
              const checked = e.currentTarget.checked
              setConfirmed((list) =>
                checked ? [...list, f.message] : list.filter((m) => m !== f.message)
              )
            }}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Go back and change the note
          </Button>
          {blocking.length === 0 && (
            <Button
              disabled={warnings.some((f) => !confirmed.includes(f.message))}
              loading={props.signing}
              onClick={() => {
                setConfirmed([])
                props.onSign(warnings)
              }}
            >
              Sign anyway
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
