// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import '../../app/styles'
import {
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { RestoreClinic, type ClinicSource } from './RestoreClinic'
import type { StaffRole } from '../../../../shared/domain/staff'
import type { Notice } from '../../../../shared/ipc/contract'
import { systemTimeFormat, systemTimeZone } from '../../../../shared/rules/dates'
import {
  groupToAskFor,
  keyGroups,
  typedGroupMatches
} from '../../../../shared/security/recovery-key'
import { api, unwrap } from '../../api'
import { keys } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { NoticeBanner } from '../../components/NoticeBanner'
import { RecoveryKeyCard } from '../recovery-key/RecoveryKeyCard'
import { emptyStaffFields, StaffFields } from '../settings/StaffFields'
import { TimeZoneSelect } from './TimeZoneSelect'
import { TimeFormatChoice } from '../settings/TimeFormatChoice'
import { SetupForm } from './setupSchema'

/** The first run: the clinic, then the first staff member, who becomes an administrator. */
export function SetupScreen({ notices }: { notices: Notice[] }) {
  const [step, setStep] = useState(0)
  const [restoring, setRestoring] = useState<ClinicSource | null>(null)
  const client = useQueryClient()
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      clinic: { name: '', timeZone: systemTimeZone(), timeFormat: systemTimeFormat() },
      staff: { ...emptyStaffFields(), isAdmin: true }
    },
    validate: schemaResolver(SetupForm, { sync: true })
  })
  const finish = useMutation({
    mutationFn: async (values: ReturnType<typeof form.getValues>) => {
      const { confirm: _confirm, ...staff } = values.staff
      const first = await unwrap(
        api().setup.complete({
          clinic: values.clinic,
          staff: { ...staff, role: staff.role as StaffRole, isAdmin: true }
        })
      )
      // Held above the screens, so it is shown (once) whatever opens next.
      if (first.recoveryKey) client.setQueryData(keys.recoveryKey, first.recoveryKey)
      return first
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.status })
  })

  /** Checks only the fields of the step on screen, so the next step's fields stay quiet. */
  const stepIsValid = (prefix: string) => {
    const { errors } = form.validate()
    const mine = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(prefix)))
    form.setErrors(mine)
    return Object.keys(mine).length === 0
  }

  if (restoring) {
    return (
      <Container size="sm" py="xl">
        <RestoreClinic from={restoring} onCancel={() => setRestoring(null)} />
      </Container>
    )
  }
  return (
    <Container size="sm" py="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Set up your clinic</Title>
          <Text c="dimmed">
            IOP Facilitator keeps its records on this computer only. This takes two short steps.
          </Text>
        </div>
        <NoticeBanner notices={notices} canDismiss={false} />
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setRestoring('backup')}
          w="fit-content"
        >
          Moving a clinic to this computer? Restore it from a backup
        </Button>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setRestoring('transfer')}
          w="fit-content"
          mt={-12}
        >
          Another computer for a clinic already set up? Join it from a transfer file
        </Button>
        <Paper withBorder p="lg">
          <form
            noValidate
            onSubmit={form.onSubmit((values) => finish.mutate(values))}
            aria-label="Clinic setup"
          >
            <Stepper
              active={step}
              onStepClick={(s) => s < step && setStep(s)}
              allowNextStepsSelect={false}
            >
              <Stepper.Step label="Clinic" description="Name and time zone">
                <Stack gap="sm" mt="md">
                  <TextInput
                    label="Clinic name"
                    required
                    autoComplete="organization"
                    {...form.getInputProps('clinic.name')}
                    key={form.key('clinic.name')}
                  />
                  <TimeZoneSelect
                    required
                    {...form.getInputProps('clinic.timeZone')}
                    key={form.key('clinic.timeZone')}
                  />
                  <TimeFormatChoice
                    {...form.getInputProps('clinic.timeFormat')}
                    key={form.key('clinic.timeFormat')}
                  />
                  <Group justify="flex-end" mt="md">
                    <Button onClick={() => stepIsValid('clinic.') && setStep(1)}>Next</Button>
                  </Group>
                </Stack>
              </Stepper.Step>
              <Stepper.Step label="You" description="The first staff member">
                <Stack gap="sm" mt="md">
                  <Text size="sm" c="dimmed">
                    You will be the first administrator. You can add other staff in Settings.
                  </Text>
                  <StaffFields form={form} prefix="staff." adminLocked />
                  <ErrorNotice error={finish.error} title="Setup did not finish" />
                  <Group justify="space-between" mt="md">
                    <Button variant="default" onClick={() => setStep(0)}>
                      Back
                    </Button>
                    <Button type="submit" loading={finish.isPending}>
                      Finish setup
                    </Button>
                  </Group>
                </Stack>
              </Stepper.Step>
            </Stepper>
          </form>
        </Paper>
      </Stack>
    </Container>
  )
}

/**
 * The recovery key, once: with it, and only with it, the records can be
 * opened if every staff passphrase is lost. It is kept nowhere in clear, so
 * the app opens only once one group of it has been typed back from paper.
 */
export function RecoveryKeyScreen({
  recoveryKey,
  clinicName,
  timeZone,
  onDone
}: {
  recoveryKey: string
  clinicName: string
  timeZone: string
  onDone: () => void
}) {
  const [asked] = useState(() => groupToAskFor(recoveryKey, Math.random()))
  const [typed, setTyped] = useState('')
  const [tried, setTried] = useState(false)
  const matches = typedGroupMatches(recoveryKey, asked, typed)
  const count = keyGroups(recoveryKey).length
  return (
    <Container size="sm" py="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Your clinic’s recovery key</Title>
          <Text c="dimmed">
            The records on this computer are encrypted. Each staff member’s passphrase opens them;
            so does this key, if every passphrase is ever lost.
          </Text>
        </div>
        <Paper withBorder p="lg">
          <Stack gap="md">
            <RecoveryKeyCard
              recoveryKey={recoveryKey}
              clinicName={clinicName}
              timeZone={timeZone}
            />
            <Text size="sm">
              Print it or write it down now and keep it in the clinic’s safe. It is shown only this
              once; the app does not keep it, and nobody can make it again.
            </Text>
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault()
                setTried(true)
                if (matches) onDone()
              }}
            >
              <Stack gap="sm">
                <TextInput
                  label={`From your printed or written copy, type group ${asked} of ${count}`}
                  description={`The groups are the blocks of four characters between the dashes; group ${asked} is the ${ordinal(asked)} from the left.`}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  error={
                    tried && !matches
                      ? `That is not group ${asked}. Check your copy against the key above.`
                      : undefined
                  }
                  autoComplete="off"
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'monospace', maxWidth: 200 } }}
                />
                <Group justify="flex-end">
                  <Button type="submit">Open the app</Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Stack>
    </Container>
  )
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth'
]

function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `number ${n}`
}
