import { Button, Group, Stack, TextInput } from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ClinicInput, type Clinic } from '../../../../shared/domain/clinic'
import { api, unwrap } from '../../api'
import { keys } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TimeZoneSelect } from '../setup/TimeZoneSelect'
import { TimeFormatChoice } from './TimeFormatChoice'

export function ClinicSettings({ clinic, canEdit }: { clinic: Clinic; canEdit: boolean }) {
  const client = useQueryClient()
  const form = useForm<ClinicInput>({
    mode: 'uncontrolled',
    initialValues: {
      name: clinic.name,
      timeZone: clinic.timeZone,
      timeFormat: clinic.timeFormat ?? '24h'
    },
    validate: schemaResolver(ClinicInput, { sync: true })
  })
  const save = useMutation({
    mutationFn: (values: ClinicInput) => unwrap(api().clinic.update(values)),
    onSuccess: () => {
      notifications.show({ message: 'Clinic settings saved', color: 'teal' })
      // Every screen reads the time format from the app's status.
      void client.invalidateQueries({ queryKey: keys.status })
    }
  })
  return (
    <form noValidate aria-label="Clinic settings" onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm" maw={480}>
        <TextInput
          label="Clinic name"
          disabled={!canEdit}
          {...form.getInputProps('name')}
          key={form.key('name')}
        />
        <TimeZoneSelect
          disabled={!canEdit}
          {...form.getInputProps('timeZone')}
          key={form.key('timeZone')}
        />
        <TimeFormatChoice
          disabled={!canEdit}
          {...form.getInputProps('timeFormat')}
          key={form.key('timeFormat')}
        />
        <ErrorNotice error={save.error} title="Settings not saved" />
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save clinic settings
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
