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
import type { StaffRole } from '../../../../shared/domain/staff'
import type { Notice } from '../../../../shared/ipc/contract'
import { systemTimeZone } from '../../../../shared/rules/dates'
import { api, unwrap } from '../../api'
import { keys } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { NoticeBanner } from '../../components/NoticeBanner'
import { emptyStaffFields, StaffFields } from '../settings/StaffFields'
import { TimeZoneSelect } from './TimeZoneSelect'
import { SetupForm } from './setupSchema'

/** The first run: the clinic, then the first staff member, who becomes an administrator. */
export function SetupScreen({ notices }: { notices: Notice[] }) {
  const [step, setStep] = useState(0)
  const client = useQueryClient()
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      clinic: { name: '', timeZone: systemTimeZone() },
      staff: { ...emptyStaffFields(), isAdmin: true }
    },
    validate: schemaResolver(SetupForm, { sync: true })
  })
  const finish = useMutation({
    mutationFn: (values: ReturnType<typeof form.getValues>) => {
      const { confirm: _confirm, ...staff } = values.staff
      return unwrap(
        api().setup.complete({
          clinic: values.clinic,
          staff: { ...staff, role: staff.role as StaffRole, isAdmin: true }
        })
      )
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
