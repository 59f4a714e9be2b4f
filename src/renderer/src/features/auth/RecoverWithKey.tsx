import { Button, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { DirectoryEntry } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { keys } from '../../app/queries'
import { useLandOnHome } from '../../app/signInFence'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useNewPassphrase } from '../../components/useNewPassphrase'
import { isolate } from '../../../../shared/rules/bidi'

/**
 * When every passphrase is lost: the clinic's recovery key (from the safe)
 * lets an administrator set a new passphrase; they can then reset the others.
 */
export function RecoverWithKey({ people }: { people: DirectoryEntry[] }) {
  const client = useQueryClient()
  const landOnHome = useLandOnHome()
  const [open, setOpen] = useState(false)
  const [staffId, setStaffId] = useState<string | null>(null)
  const [recoveryKey, setRecoveryKey] = useState('')
  const { passphrase, mismatch, fields } = useNewPassphrase()
  const recover = useMutation({
    mutationFn: () =>
      unwrap(api().auth.recover({ recoveryKey, staffId: staffId ?? '', passphrase })),
    onSuccess: () => {
      landOnHome()
      return client.invalidateQueries({ queryKey: keys.status })
    }
  })
  if (!open) {
    return (
      // The label wraps (a Button's does not by default): the sign-in card is narrow.
      <Button
        variant="subtle"
        size="compact-sm"
        h="auto"
        py={4}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
        onClick={() => setOpen(true)}
      >
        Every passphrase lost? Use the clinic’s recovery key
      </Button>
    )
  }
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        aria-label="Use the recovery key"
        onSubmit={(e) => {
          e.preventDefault()
          if (staffId && recoveryKey && passphrase && !mismatch) recover.mutate()
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Use the recovery key
          </Title>
          <Text size="sm">
            The recovery key was shown once when the clinic was set up, to keep in the safe. With
            it, an administrator sets a new passphrase.
          </Text>
          {/* The browser's own list, as the sign-in form's. */}
          <NativeSelect
            label="Administrator"
            data={[
              { value: '', label: 'Choose who sets a new passphrase', disabled: true },
              ...people.map((p) => ({
                value: p.id,
                label: `${isolate(p.fullName)}, ${p.credentials}`
              }))
            ]}
            value={staffId ?? ''}
            onChange={(e) => setStaffId(e.currentTarget.value || null)}
          />
          <TextInput
            label="Recovery key"
            description="Groups of four letters and numbers; dashes and spaces do not matter"
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
          {fields}
          <ErrorNotice error={recover.error} title="Not opened" />
          {/* A long label on a narrow form: it wraps rather than being cut off. */}
          <Button
            type="submit"
            loading={recover.isPending}
            h="auto"
            py={8}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 } }}
          >
            Open the records and set the new passphrase
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
