import { Alert, Button, Checkbox, Progress, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { RecoveryKeyCard } from '../recovery-key/RecoveryKeyCard'

/**
 * Changing the clinic's data key: after someone left with a copy of the records, or a key may
 * have been seen. Says what it does before it does it; shows the files sealed again as they go,
 * and the new recovery key once.
 */
export function DataKey({ clinicName, timeZone }: { clinicName: string; timeZone: string }) {
  const client = useQueryClient()
  const [passphrase, setPassphrase] = useState('')
  const [understood, setUnderstood] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  useEffect(() => api().subscribe('security.rotation', (p) => setProgress(p)), [])
  const rotate = useMutation({
    mutationFn: () => unwrap(api().security.rotateKey({ passphrase, understood: true as const })),
    onSuccess: () => {
      setPassphrase('')
      setUnderstood(false)
      void client.invalidateQueries()
    }
  })
  const done = rotate.data
  return (
    <section aria-labelledby="data-key-settings">
      <Title order={2} size="h3" id="data-key-settings" mb="sm">
        The clinic’s data key
      </Title>
      <Stack gap="sm" maw={720}>
        <Text size="sm">
          Change the key every record is sealed with when someone who had access has left with a
          copy of the records, or a passphrase or the recovery key may have been seen.
        </Text>
        <Alert color="orange" variant="light" title="Before you change the key">
          <Text size="sm">Every file is sealed again under a new key. Then:</Text>
          <Text size="sm" component="ul" my={4}>
            <li>the current recovery key stops working; a new one is shown once, to print;</li>
            <li>backups made before today open only with the old recovery key;</li>
            <li>
              everyone but you needs a new passphrase from an administrator (Staff → Reset
              passphrase) before they can sign in again.
            </li>
          </Text>
        </Alert>
        {done ? (
          <Alert color="teal" title="The key was changed">
            <Stack gap="xs">
              <Text size="sm">
                Every file is sealed under the new key.{' '}
                {done.staffToReset === 1
                  ? 'One staff member needs a new passphrase.'
                  : `${done.staffToReset} staff members need a new passphrase.`}{' '}
                The new recovery key, shown this once:
              </Text>
              <RecoveryKeyCard
                recoveryKey={done.recoveryKey}
                clinicName={clinicName}
                timeZone={timeZone}
                testId="new-recovery-key"
              />
            </Stack>
          </Alert>
        ) : (
          <form
            noValidate
            aria-label="Change the data key"
            onSubmit={(e) => {
              e.preventDefault()
              if (understood && passphrase) rotate.mutate()
            }}
          >
            <Stack gap="sm">
              <Checkbox
                label="I have read what changing the key does"
                checked={understood}
                onChange={(e) => setUnderstood(e.currentTarget.checked)}
              />
              <PasswordInput
                label="Your passphrase"
                value={passphrase}
                onChange={(e) => setPassphrase(e.currentTarget.value)}
                autoComplete="current-password"
                maw={360}
              />
              {rotate.isPending && progress && (
                <Progress
                  value={progress.total ? (100 * progress.done) / progress.total : 0}
                  aria-label={`Files sealed again: ${progress.done} of ${progress.total}`}
                />
              )}
              <ErrorNotice error={rotate.error} title="The key was not changed" />
              <Button
                type="submit"
                color="orange"
                disabled={!understood || !passphrase}
                loading={rotate.isPending}
                w="fit-content"
              >
                Change the data key
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </section>
  )
}
