import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { SYNC_STATE_LABELS, type SyncStatus } from '../../../../shared/domain/sync'
import { api, unwrap } from '../../api'
import { useTimeFormat } from '../../app/clinicTime'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ClinicServerForm } from './ClinicServerForm'
import { TransferFiles } from './TransferFiles'
import { SYNC_STATE_LOOK, syncKeys, useSyncStatus } from './useSync'
import { whenText } from './syncTime'

/**
 * Settings → Backups and sync: this computer's name, the computers it has heard from, transfer
 * files for computers with no network between them, and the clinic's CouchDB server.
 */
export function SyncSection() {
  const status = useSyncStatus()
  return (
    <section aria-labelledby="sync-settings">
      <Title order={2} size="h3" id="sync-settings" mb="sm">
        Sync between computers
      </Title>
      <Stack gap="lg" maw={820}>
        <Text size="sm">
          Records move between the clinic’s computers in one of two ways: a transfer file carried on
          a USB drive, for computers with no network between them, or the clinic’s own CouchDB
          server. Everything that leaves this computer is sealed with the clinic’s key.
        </Text>
        {status.isPending && <Loader size="sm" aria-label="Loading sync settings" />}
        <ErrorNotice error={status.error} title="Sync is not available on this computer" />
        {status.data && <SyncSettingsOf status={status.data} />}
      </Stack>
    </section>
  )
}

function SyncSettingsOf({ status }: { status: SyncStatus }) {
  return (
    <>
      <SyncStateLine status={status} />
      {status.renewed && <NewIdentity renewed={status.renewed} />}
      <MachineName name={status.machineName} />
      <OtherComputers status={status} />
      <TransferFiles peers={status.peers} />
      <ClinicServerForm status={status} />
    </>
  )
}

/** How this computer stands now, in words with a sign; conflicts link to their view. */
export function SyncStateLine({ status }: { status: SyncStatus }) {
  const look = SYNC_STATE_LOOK[status.state]
  return (
    <Group gap="sm" aria-live="polite" data-testid="sync-state">
      <Text size="sm" fw={600}>
        Now:
      </Text>
      <Badge
        color={look.color}
        variant="light"
        size="lg"
        leftSection={<span aria-hidden>{look.sign}</span>}
      >
        {SYNC_STATE_LABELS[status.state]}
      </Badge>
      {status.conflicts > 0 && (
        <Anchor component={Link} to="/sync/conflicts" size="sm">
          Review {status.conflicts === 1 ? 'the conflict' : `${status.conflicts} conflicts`}
        </Anchor>
      )}
    </Group>
  )
}

/**
 * This computer became a new one for sync (its data folder came from another computer, or a
 * file showed its id in use elsewhere): what happened and what the administrator does next.
 */
function NewIdentity({ renewed }: { renewed: NonNullable<SyncStatus['renewed']> }) {
  const why =
    renewed.reason === 'copied_folder'
      ? 'This computer’s data folder was copied from another computer, or moved to another place.'
      : 'A transfer file showed another computer using this computer’s identity: one of the two holds a copy of the other’s data folder.'
  return (
    <Alert
      color="orange"
      title="This computer now takes part as a new computer"
      icon={<span aria-hidden>!</span>}
      role="status"
    >
      <Text size="sm">
        {why} So that two computers are never taken for one (which would make one of them miss
        changes), it no longer uses the identity of <bdi>{renewed.previousName}</bdi>. Its records
        are all still here.
      </Text>
      <Text size="sm" mt={4}>
        Give it a name below. Then exchange transfer files with each of the other computers: the
        first files each way hold every record.
      </Text>
    </Alert>
  )
}

function MachineName({ name }: { name: string }) {
  const client = useQueryClient()
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name },
    validate: {
      name: (value) => (value.trim() === '' ? 'Name this computer' : null)
    }
  })
  const save = useMutation({
    mutationFn: (values: { name: string }) =>
      unwrap(api().sync.setMachineName({ name: values.name.trim() })),
    onSuccess: (status) => {
      client.setQueryData(syncKeys.status, status)
      notifications.show({ color: 'teal', message: 'This computer’s name saved' })
    }
  })
  return (
    <form
      noValidate
      aria-label="This computer"
      onSubmit={form.onSubmit((values) => save.mutate(values))}
    >
      <Stack gap="xs" maw={480}>
        <TextInput
          label="This computer’s name"
          description="Other computers of the clinic list it under this name, for example “Group room laptop”."
          maxLength={80}
          {...form.getInputProps('name')}
          key={form.key('name')}
        />
        <ErrorNotice error={save.error} title="Name not saved" />
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            Save the name
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function OtherComputers({ status }: { status: SyncStatus }) {
  const timeZone = useStatus().data?.clinic?.timeZone ?? 'UTC'
  const timeFormat = useTimeFormat()
  return (
    <div>
      <Title order={3} size="h4" mb="xs" id="sync-peers">
        Computers heard from
      </Title>
      {status.peers.length === 0 ? (
        <Text size="sm">
          None yet. Once this computer imports a transfer file from another one, that computer is
          listed here.
        </Text>
      ) : (
        <Table aria-labelledby="sync-peers" verticalSpacing="xs" maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Computer</Table.Th>
              <Table.Th>Last heard from (clinic time)</Table.Th>
              <Table.Th>Last sent a file (clinic time)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.peers.map((peer) => (
              <Table.Tr key={peer.machineId}>
                <Table.Td>
                  <bdi>{peer.name}</bdi>
                </Table.Td>
                <Table.Td>{whenText(peer.lastHeardAt, timeZone, timeFormat)}</Table.Td>
                <Table.Td>{whenText(peer.lastSentAt, timeZone, timeFormat)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  )
}
