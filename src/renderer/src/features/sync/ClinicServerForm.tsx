import {
  Alert,
  Button,
  Group,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ServerSettingsInput, type SyncStatus } from '../../../../shared/domain/sync'
import { api, unwrap } from '../../api'
import { useTimeFormat } from '../../app/clinicTime'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { syncKeys } from './useSync'
import { whenText } from './syncTime'

/**
 * The clinic's CouchDB server: its address, this computer's user name and password there, and
 * whether this computer keeps in step with it (continuously, while someone is signed in).
 */
export function ClinicServerForm({ status }: { status: SyncStatus }) {
  const client = useQueryClient()
  const timeZone = useStatus().data?.clinic?.timeZone ?? 'UTC'
  const timeFormat = useTimeFormat()
  const server = status.server
  const form = useForm<ServerSettingsInput>({
    mode: 'uncontrolled',
    initialValues: {
      url: server?.url ?? '',
      username: server?.username ?? '',
      password: '',
      enabled: server?.enabled ?? true
    },
    validate: schemaResolver(ServerSettingsInput, { sync: true })
  })
  const save = useMutation({
    mutationFn: (values: ServerSettingsInput) => unwrap(api().sync.setServer(values)),
    onSuccess: (saved) => {
      client.setQueryData(syncKeys.status, saved)
      // The server's first answer may have come (as an event) before this reply: ask again.
      void client.invalidateQueries({ queryKey: syncKeys.status })
      form.setFieldValue('password', '')
      notifications.show({
        color: 'teal',
        message: saved.server?.enabled
          ? 'Server settings saved: this computer keeps in step with the server.'
          : 'Server settings saved: this computer does not use the server now.'
      })
    }
  })
  return (
    <form
      noValidate
      aria-labelledby="clinic-server"
      onSubmit={form.onSubmit((values) => save.mutate(values))}
    >
      <Stack gap="sm" maw={560}>
        <Title order={3} size="h4" id="clinic-server">
          Clinic server
        </Title>
        <Text size="sm">
          For computers on the clinic’s network: each keeps in step with the clinic’s CouchDB server
          while someone is signed in. The server holds only sealed records: someone who takes it
          cannot read them. Your IT person sets the server up once, as the app’s guide
          docs/clinic-server.md shows.
        </Text>
        {server && (
          <Text size="sm" data-testid="server-state">
            {server.enabled
              ? `Turned on. Last in step with the server: ${whenText(server.lastSyncedAt, timeZone, timeFormat)} (clinic time).`
              : 'Turned off: this computer does not use the server now.'}
          </Text>
        )}
        {server?.problem && (
          <Alert color="orange" title="The server did not answer as expected">
            {server.problem}
          </Alert>
        )}
        <TextInput
          label="Server address"
          description="As your IT person gives it, for example https://records.clinic.example. With no database named, the app uses the server’s iop-records database."
          placeholder="https://"
          {...form.getInputProps('url')}
          key={form.key('url')}
        />
        <TextInput
          label="User name"
          description="This computer’s own user name on the server."
          autoComplete="off"
          {...form.getInputProps('username')}
          key={form.key('username')}
        />
        <PasswordInput
          label="Password"
          description={server ? 'Leave empty to keep the password saved before.' : undefined}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          key={form.key('password')}
        />
        <Switch
          label="Keep this computer in step with the server"
          {...form.getInputProps('enabled', { type: 'checkbox' })}
          key={form.key('enabled')}
        />
        <ErrorNotice error={save.error} title="Server settings not saved" />
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            Save server settings
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
