import { Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { schemaResolver, useForm } from '@mantine/form'
import { useDisclosure } from '@mantine/hooks'
import { useMutation } from '@tanstack/react-query'
import { STAFF_ROLE_LABELS, type Staff } from '../../../../shared/domain/staff'
import { api, unwrap } from '../../api'
import { useStaffList } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useNewPassphrase } from '../../components/useNewPassphrase'
import { StaffForm } from '../setup/setupSchema'
import { emptyStaffFields, StaffFields, type StaffFieldValues } from './StaffFields'
import { isolate } from '../../../../shared/rules/bidi'

function AddStaffButton() {
  const [opened, { open, close }] = useDisclosure(false)
  const form = useForm<StaffFieldValues>({
    mode: 'uncontrolled',
    initialValues: emptyStaffFields(),
    validate: schemaResolver(StaffForm, { sync: true })
  })
  const add = useMutation({
    mutationFn: ({ confirm: _confirm, ...values }: StaffFieldValues) =>
      unwrap(api().staff.create({ ...values, role: values.role as Staff['role'] })),
    onSuccess: () => {
      form.reset()
      close()
    }
  })
  return (
    <>
      <Button onClick={open}>Add staff member</Button>
      <Modal opened={opened} onClose={close} title="Add a staff member" size="lg">
        <form
          noValidate
          aria-label="Add a staff member"
          onSubmit={form.onSubmit((v) => add.mutate(v))}
        >
          <Stack gap="sm">
            <StaffFields form={form} prefix="" />
            <Text size="xs" c="dimmed">
              Give the passphrase to the new staff member in person; they sign in with it.
            </Text>
            <ErrorNotice error={add.error} title="Staff member not added" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={add.isPending}>
                Add staff member
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

/** An administrator sets a new passphrase for someone who forgot theirs. */
function ResetPassphraseButton({ person }: { person: Staff }) {
  const [opened, { open, close }] = useDisclosure(false)
  const { passphrase, mismatch, clear, fields } = useNewPassphrase(
    'At least 10 characters; a few unrelated words are easy to remember and hard to guess'
  )
  const reset = useMutation({
    mutationFn: () => unwrap(api().staff.resetPassphrase({ staffId: person.id, passphrase })),
    onSuccess: () => {
      clear()
      close()
      notifications.show({
        color: 'teal',
        message: `New passphrase set for ${isolate(person.fullName)}. Give it to them in person.`
      })
    }
  })
  return (
    <>
      <Button
        size="xs"
        variant="default"
        aria-label={`Reset the passphrase of ${person.fullName}`}
        onClick={open}
      >
        Reset passphrase
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`New passphrase for ${isolate(person.fullName)}`}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (!mismatch && passphrase) reset.mutate()
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              The old passphrase stops working at once. Nothing they wrote or signed changes.
            </Text>
            {fields}
            <ErrorNotice error={reset.error} title="Passphrase not changed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={reset.isPending} disabled={!passphrase || mismatch}>
                Set the new passphrase
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

/** A counselor-in-training's supervisor: chosen by an administrator, shown to everyone. */
function SupervisorCell({
  person,
  staff,
  canEdit
}: {
  person: Staff
  staff: Staff[]
  canEdit: boolean
}) {
  const assign = useMutation({
    mutationFn: (supervisorId: string | null) =>
      unwrap(api().staff.setSupervisor({ staffId: person.id, supervisorId })),
    onSuccess: (updated) =>
      notifications.show({
        color: 'teal',
        message: updated.supervisorId
          ? `${isolate(person.fullName)} is now supervised by ${isolate(staff.find((s) => s.id === updated.supervisorId)?.fullName ?? 'the supervisor chosen')}.`
          : `${isolate(person.fullName)} has no supervisor now.`
      })
  })
  if (person.role !== 'counselor_in_training') return <Text size="sm">—</Text>
  const supervisors = staff.filter(
    (s) => s.role === 'supervisor' && (s.active || s.id === person.supervisorId)
  )
  const current = staff.find((s) => s.id === person.supervisorId)
  if (!canEdit) return <Text size="sm">{current?.fullName ?? 'Not assigned'}</Text>
  return (
    <Stack gap={2}>
      <Select
        aria-label={`Supervisor of ${person.fullName}`}
        placeholder="Not assigned"
        data={supervisors.map((s) => ({
          value: s.id,
          label: `${isolate(s.fullName)}, ${s.credentials}`
        }))}
        value={person.supervisorId}
        clearable
        onChange={(v) => assign.mutate(v)}
        disabled={assign.isPending}
        w={200}
      />
      <ErrorNotice error={assign.error} title="Supervisor not changed" />
    </Stack>
  )
}

export function StaffSettings({ me }: { me: Staff }) {
  const staff = useStaffList()
  const setActive = useMutation({
    mutationFn: (input: { staffId: string; active: boolean }) =>
      unwrap(api().staff.setActive(input))
  })
  return (
    <Stack gap="sm">
      {me.isAdmin && (
        <Group>
          <AddStaffButton />
        </Group>
      )}
      <ErrorNotice error={staff.error ?? setActive.error} />
      <Table striped aria-label="Staff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Credentials</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Supervisor</Table.Th>
            <Table.Th>Status</Table.Th>
            {me.isAdmin && <Table.Th>Change</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(staff.data ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <bdi>{s.fullName}</bdi>{' '}
                {s.isAdmin && (
                  <Badge size="xs" variant="outline">
                    Administrator
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{s.credentials}</Table.Td>
              <Table.Td>{STAFF_ROLE_LABELS[s.role]}</Table.Td>
              <Table.Td>
                <SupervisorCell person={s} staff={staff.data ?? []} canEdit={me.isAdmin} />
              </Table.Td>
              <Table.Td miw={90}>
                <Badge color={s.active ? 'teal' : 'gray'} variant="light">
                  {s.active ? 'Active' : 'Disabled'}
                </Badge>
              </Table.Td>
              {me.isAdmin && (
                <Table.Td>
                  <Group gap="xs">
                    <ResetPassphraseButton person={s} />
                    {s.id !== me.id && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`${s.active ? 'Disable' : 'Enable'} ${s.fullName}`}
                        onClick={() => setActive.mutate({ staffId: s.id, active: !s.active })}
                      >
                        {s.active ? 'Disable' : 'Enable'}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        A disabled staff member can no longer sign in; everything they wrote and signed stays. A
        counselor-in-training&apos;s notes wait for a co-signature: their supervisor finds them
        under &ldquo;Co-sign notes&rdquo; on the home screen.
      </Text>
    </Stack>
  )
}
