import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { BackupSummary, ChosenFile, DirectoryEntry } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useNewPassphrase } from '../../components/useNewPassphrase'
import { isolate } from '../../../../shared/rules/bidi'
import { clinicDateTime, systemTimeFormat, systemTimeZone } from '../../../../shared/rules/dates'

type Inspected = BackupSummary & { staff: DirectoryEntry[] }

/**
 * A clinic brought onto this computer from a backup: a new computer, or a folder whose
 * keyring is lost. The backup is opened with a passphrase that was valid when it was made,
 * or with the clinic's recovery key (an administrator then sets a new passphrase).
 */
export function RestoreClinic({ onCancel }: { onCancel?: () => void }) {
  const client = useQueryClient()
  const [chosen, setChosen] = useState<{ file: ChosenFile; inspected: Inspected } | null>(null)
  const [staffId, setStaffId] = useState<string | null>(null)
  const [how, setHow] = useState<'passphrase' | 'recovery'>('passphrase')
  const [passphrase, setPassphrase] = useState('')
  const [recoveryKey, setRecoveryKey] = useState('')
  const newPassphrase = useNewPassphrase()
  const inspect = useMutation({
    mutationFn: async () => {
      const file = await unwrap(api().files.choose({ kind: 'backup' }))
      if (!file) return null
      return { file, inspected: await unwrap(api().recovery.inspectBackup({ file: file.token })) }
    },
    onSuccess: (result) => {
      if (!result) return
      setChosen(result)
      setStaffId(result.inspected.staff[0]?.id ?? null)
    }
  })
  const restore = useMutation({
    mutationFn: () => {
      if (!chosen || !staffId) throw new Error('nothing chosen')
      return unwrap(
        api().recovery.restoreBackup(
          how === 'passphrase'
            ? { file: chosen.file.token, staffId, passphrase }
            : {
                file: chosen.file.token,
                staffId,
                recoveryKey,
                newPassphrase: newPassphrase.passphrase
              }
        )
      )
    },
    onSuccess: () => client.invalidateQueries()
  })
  const summary = chosen?.inspected
  return (
    <Paper withBorder p="lg" maw={560} w="100%">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Restore the clinic from a backup
        </Title>
        <Text size="sm">
          Choose a backup made with “Back up now”. It opens with a passphrase that was valid when
          the backup was made, or with the clinic’s recovery key.
        </Text>
        <Group>
          <Button
            variant={chosen ? 'default' : 'filled'}
            loading={inspect.isPending}
            onClick={() => inspect.mutate()}
          >
            {chosen ? 'Choose another backup' : 'Choose a backup…'}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              Back
            </Button>
          )}
        </Group>
        <ErrorNotice error={inspect.error} title="This backup cannot be used" />
        {summary && (
          <form
            noValidate
            aria-label="Open the backup"
            onSubmit={(e) => {
              e.preventDefault()
              restore.mutate()
            }}
          >
            <Stack gap="sm">
              <Alert color="blue" variant="light" title={summary.clinicName || 'The backup'}>
                Made{' '}
                {clinicDateTime(
                  Date.parse(summary.createdAt),
                  systemTimeZone(),
                  systemTimeFormat()
                )}{' '}
                (this computer’s time): {summary.counts.participants}{' '}
                {summary.counts.participants === 1 ? 'participant' : 'participants'},{' '}
                {summary.counts.sessions} {summary.counts.sessions === 1 ? 'session' : 'sessions'}.
              </Alert>
              <SegmentedControl
                aria-label="Open it with"
                value={how}
                onChange={(value) => setHow(value as 'passphrase' | 'recovery')}
                data={[
                  { value: 'passphrase', label: 'A passphrase' },
                  { value: 'recovery', label: 'The recovery key' }
                ]}
              />
              <Select
                label={how === 'passphrase' ? 'Who you are' : 'Administrator'}
                data={summary.staff.map((p) => ({
                  value: p.id,
                  label: `${isolate(p.fullName)}, ${p.credentials}`
                }))}
                value={staffId}
                onChange={setStaffId}
                allowDeselect={false}
              />
              {how === 'passphrase' ? (
                <PasswordInput
                  label="Passphrase (as it was when the backup was made)"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.currentTarget.value)}
                  autoComplete="current-password"
                />
              ) : (
                <>
                  <TextInput
                    label="Recovery key"
                    description="Groups of four letters and numbers; dashes and spaces do not matter"
                    value={recoveryKey}
                    onChange={(e) => setRecoveryKey(e.currentTarget.value)}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  {newPassphrase.fields}
                </>
              )}
              <ErrorNotice error={restore.error} title="Not restored" />
              <Button type="submit" loading={restore.isPending}>
                Restore and open the records
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  )
}

/** Encrypted records are here, but no keyring can be read: a restore is the only way in. */
export function LockedOutScreen({ reason, clinicName }: { reason: string; clinicName: string }) {
  return (
    <Center mih="100vh" p="xl">
      <Stack maw={560} w="100%">
        <Title order={1} size="h2">
          {clinicName || 'IOP Facilitator'}
        </Title>
        <Alert color="orange" title="The records cannot be opened here as they are">
          {reason} Nothing has been changed. Restore the clinic from its latest backup to go on.
        </Alert>
        <RestoreClinic />
      </Stack>
    </Center>
  )
}
