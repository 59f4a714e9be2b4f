import {
  Button,
  Container,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { Notice } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { directoryQuery, keys } from '../../app/queries'
import { useLandOnHome } from '../../app/signInFence'
import { ErrorNotice } from '../../components/ErrorNotice'
import { NoticeBanner } from '../../components/NoticeBanner'
import { RecoverWithKey } from './RecoverWithKey'
import { isolate } from '../../../../shared/rules/bidi'
import { takeShellEntry } from '../../app/signInShell'

export function SignInScreen({
  clinicName,
  notices,
  onReady
}: {
  clinicName: string
  notices: Notice[]
  /** Called once the list of staff is shown: the form can be used. */
  onReady?: () => void
}) {
  const client = useQueryClient()
  const landOnHome = useLandOnHome()
  const directory = useQuery(directoryQuery)
  const form = useForm({
    // Controlled: what the plain form held is put in without drawing the fields anew.
    mode: 'controlled',
    initialValues: { staffId: '', passphrase: '' },
    validate: {
      staffId: (v) => (v ? null : 'Choose your name'),
      passphrase: (v) => (v ? null : 'Enter your passphrase')
    }
  })
  const listed = directory.isSuccess
  useEffect(() => {
    if (listed) onReady?.()
  }, [listed, onReady])
  const people = directory.data ?? []
  const onlyOne = people.length === 1 ? people[0]!.id : undefined
  // With one staff member there is nobody else to choose.
  useEffect(() => {
    if (onlyOne && !form.getValues().staffId) form.setFieldValue('staffId', onlyOne)
  }, [onlyOne, form])
  const signIn = useMutation({
    mutationFn: (values: { staffId: string; passphrase: string }) =>
      unwrap(api().auth.signIn(values)),
    onSuccess: () => {
      landOnHome()
      return client.invalidateQueries({ queryKey: keys.status })
    },
    onError: () => form.setFieldValue('passphrase', '')
  })
  // What was entered in the plain form shown while the app loaded (index.html) is taken over
  // in the same commit that replaces that form, so nothing typed is lost (issue 18, cold open).
  const staffField = useRef<HTMLSelectElement>(null)
  const passphraseField = useRef<HTMLInputElement>(null)
  useLayoutEffect(() => {
    const entry = takeShellEntry()
    if (!entry) return
    form.setValues({ staffId: entry.staffId, passphrase: entry.passphrase })
    if (entry.focus === 'staffId') staffField.current?.focus()
    if (entry.focus === 'passphrase') passphraseField.current?.focus()
    if (entry.submitted && entry.staffId && entry.passphrase) {
      signIn.mutate({ staffId: entry.staffId, passphrase: entry.passphrase })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as the form first shows
  }, [])

  return (
    <Container size={420} py={80}>
      <Stack gap="lg">
        <div>
          <Title order={1}>Sign in</Title>
          <Text c="dimmed">{clinicName} · IOP Facilitator</Text>
        </div>
        <NoticeBanner notices={notices} canDismiss={false} />
        <Paper withBorder p="lg">
          <form
            noValidate
            aria-label="Sign in"
            onSubmit={form.onSubmit((values) => signIn.mutate(values))}
          >
            <Stack gap="sm">
              {/* The browser's own list: drawn at once, and type-ahead finds a name (issue 18). */}
              <NativeSelect
                label="Staff member"
                data={[
                  { value: '', label: 'Choose your name', disabled: true },
                  ...people.map((p) => ({
                    value: p.id,
                    label: `${isolate(p.fullName)}, ${p.credentials}`
                  }))
                ]}
                {...form.getInputProps('staffId')}
                ref={staffField}
              />
              <PasswordInput
                label="Passphrase"
                autoComplete="current-password"
                {...form.getInputProps('passphrase')}
                ref={passphraseField}
              />
              <ErrorNotice error={signIn.error} title="Not signed in" />
              <Button type="submit" loading={signIn.isPending}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <RecoverWithKey people={people} />
      </Stack>
    </Container>
  )
}
