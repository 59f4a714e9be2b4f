import { Button, Container, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Staff } from '../../../../shared/domain/staff'
import { api, unwrap } from '../../api'
import { forgetRecords } from '../../app/lock'
import { keys } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'

/**
 * The locked screen: nothing of the records shows, or is in the page at all,
 * only who it belongs to.
 * The same person's passphrase opens it where they left off; anyone else
 * signs that person out first.
 */
export function LockScreen({ staff, clinicName }: { staff: Staff; clinicName: string }) {
  const client = useQueryClient()
  // Whatever the record views had fetched goes as they do; unlocking fetches it again.
  useEffect(() => forgetRecords(client), [client])
  const [passphrase, setPassphrase] = useState('')
  const unlock = useMutation({
    mutationFn: () => unwrap(api().auth.unlock({ passphrase })),
    onSuccess: () => {
      setPassphrase('')
      // Everything refused while locked is asked for again.
      void client.invalidateQueries()
    },
    onError: () => setPassphrase('')
  })
  const signOut = useMutation({
    mutationFn: () => unwrap(api().auth.signOut()),
    onSuccess: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] })
      void client.invalidateQueries({ queryKey: keys.status })
    }
  })
  return (
    <Container size={420} py={80}>
      <Stack gap="lg">
        <div>
          <Title order={1}>Locked</Title>
          <Text c="dimmed">{clinicName} · IOP Facilitator</Text>
        </div>
        <Paper withBorder p="lg">
          <form
            noValidate
            aria-label="Unlock"
            onSubmit={(e) => {
              e.preventDefault()
              if (passphrase) unlock.mutate()
            }}
          >
            <Stack gap="sm">
              <Text>
                Locked by{' '}
                <strong>
                  <bdi>{staff.fullName}</bdi>, {staff.credentials}
                </strong>
                . A running group and its projector carry on.
              </Text>
              <PasswordInput
                label="Passphrase"
                autoComplete="current-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.currentTarget.value)}
                data-autofocus
                autoFocus
              />
              <ErrorNotice error={unlock.error} title="Still locked" />
              <Group justify="space-between">
                <Button variant="subtle" onClick={() => signOut.mutate()}>
                  Sign out instead
                </Button>
                <Button type="submit" loading={unlock.isPending}>
                  Unlock
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  )
}
