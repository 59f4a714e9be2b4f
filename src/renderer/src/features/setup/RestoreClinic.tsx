// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import '../../app/styles'
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
import type { ChosenFile, DirectoryEntry } from '../../../../shared/ipc/contract'
import { countText } from '../../../../shared/rules/words'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useNewPassphrase } from '../../components/useNewPassphrase'
import { isolate } from '../../../../shared/rules/bidi'
import { clinicDateTime, systemTimeFormat, systemTimeZone } from '../../../../shared/rules/dates'

/** What the chosen file holds, as both kinds of file say it before anything is written. */
interface Inspected {
  clinicName: string
  createdAt: string
  staff: DirectoryEntry[]
  /** "12 participants, 40 sessions" or "2,310 records from Group room laptop". */
  holds: string
}

/** Where the clinic comes from: a backup, or a transfer file made “for a new computer”. */
export type ClinicSource = 'backup' | 'transfer'

const WORDS: Record<
  ClinicSource,
  { title: string; intro: string; choose: string; again: string; refused: string; go: string }
> = {
  backup: {
    title: 'Restore the clinic from a backup',
    intro:
      'Choose a backup made with “Back up now”. It opens with a passphrase that was valid when the backup was made, or with the clinic’s recovery key.',
    choose: 'Choose a backup…',
    again: 'Choose another backup',
    refused: 'This backup cannot be used',
    go: 'Restore and open the records'
  },
  transfer: {
    title: 'Join a clinic from a transfer file',
    intro:
      'On a computer of the clinic, an administrator makes a transfer file for “A new computer: every record” (Settings → Backups and sync). Choose it here; it opens with a passphrase that was valid when it was made, or with the clinic’s recovery key.',
    choose: 'Choose a transfer file…',
    again: 'Choose another transfer file',
    refused: 'This transfer file cannot be used',
    go: 'Join the clinic and open the records'
  }
}

async function inspectFile(source: ClinicSource, file: ChosenFile): Promise<Inspected> {
  if (source === 'backup') {
    const summary = await unwrap(api().recovery.inspectBackup({ file: file.token }))
    const c = summary.counts
    return {
      ...summary,
      holds: `${countText(c.participants, 'participant')}, ${countText(c.sessions, 'session')}`
    }
  }
  const transfer = await unwrap(api().recovery.inspectTransfer({ file: file.token }))
  return {
    ...transfer,
    holds: `${countText(transfer.records, 'record')} from ${isolate(transfer.fromName)}`
  }
}

/**
 * A clinic brought onto this computer from a backup: a new computer, or a folder whose
 * keyring is lost. The backup is opened with a passphrase that was valid when it was made,
 * or with the clinic's recovery key (an administrator then sets a new passphrase).
 */
export function RestoreClinic({
  onCancel,
  from = 'backup'
}: {
  onCancel?: () => void
  from?: ClinicSource
}) {
  const words = WORDS[from]
  const client = useQueryClient()
  const [chosen, setChosen] = useState<{ file: ChosenFile; inspected: Inspected } | null>(null)
  const [staffId, setStaffId] = useState<string | null>(null)
  const [how, setHow] = useState<'passphrase' | 'recovery'>('passphrase')
  const [passphrase, setPassphrase] = useState('')
  const [recoveryKey, setRecoveryKey] = useState('')
  const newPassphrase = useNewPassphrase()
  const inspect = useMutation({
    mutationFn: async () => {
      const file = await unwrap(api().files.choose({ kind: from }))
      if (!file) return null
      return { file, inspected: await inspectFile(from, file) }
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
      const input =
        how === 'passphrase'
          ? { file: chosen.file.token, staffId, passphrase }
          : {
              file: chosen.file.token,
              staffId,
              recoveryKey,
              newPassphrase: newPassphrase.passphrase
            }
      return unwrap(
        from === 'backup' ? api().recovery.restoreBackup(input) : api().recovery.joinClinic(input)
      )
    },
    onSuccess: () => client.invalidateQueries()
  })
  const summary = chosen?.inspected
  return (
    <Paper withBorder p="lg" maw={560} w="100%">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {words.title}
        </Title>
        <Text size="sm">{words.intro}</Text>
        <Group>
          <Button
            variant={chosen ? 'default' : 'filled'}
            loading={inspect.isPending}
            onClick={() => inspect.mutate()}
          >
            {chosen ? words.again : words.choose}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              Back
            </Button>
          )}
        </Group>
        <ErrorNotice error={inspect.error} title={words.refused} />
        {summary && (
          <form
            noValidate
            aria-label={from === 'backup' ? 'Open the backup' : 'Open the transfer file'}
            onSubmit={(e) => {
              e.preventDefault()
              restore.mutate()
            }}
          >
            <Stack gap="sm">
              <Alert color="blue" variant="light" title={summary.clinicName || 'The clinic'}>
                Made{' '}
                {clinicDateTime(
                  Date.parse(summary.createdAt),
                  systemTimeZone(),
                  systemTimeFormat()
                )}{' '}
                (this computer’s time): {summary.holds}.
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
                  label={`Passphrase (as it was when the ${from === 'backup' ? 'backup' : 'file'} was made)`}
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
              <ErrorNotice
                error={restore.error}
                title={from === 'backup' ? 'Not restored' : 'Not joined'}
              />
              <Button type="submit" loading={restore.isPending}>
                {words.go}
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
