import { Alert, Button, Group, Select } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import type { ParticipantSummary } from '../../../../shared/ipc/contract'
import { api, unwrap } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { isolate } from '../../../../shared/rules/bidi'

/** Adds an active participant who is not yet on this group's roster. */
export function EnrolForm({
  groupId,
  candidates,
  today,
  full
}: {
  groupId: string
  candidates: ParticipantSummary[]
  today: string
  full: boolean
}) {
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { participantId: '', joinDate: today },
    validate: {
      participantId: (v) => (v ? null : 'Choose a participant'),
      joinDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Enter the join date')
    }
  })
  const enrol = useMutation({
    mutationFn: (values: { participantId: string; joinDate: string }) =>
      unwrap(api().enrollments.create({ groupId, ...values })),
    onSuccess: () => form.setFieldValue('participantId', '')
  })
  return (
    <form
      noValidate
      aria-label="Enrol a participant"
      onSubmit={form.onSubmit((v) => enrol.mutate(v))}
    >
      <Group align="flex-end" gap="sm">
        <Select
          label="Participant to enrol"
          placeholder={candidates.length ? 'Choose an active participant' : 'No one left to enrol'}
          data={candidates.map((p) => ({
            value: p.id,
            label: `${isolate(p.displayName)} · ${isolate(p.clientId)}`
          }))}
          searchable
          w={320}
          {...form.getInputProps('participantId')}
          key={form.key('participantId')}
        />
        <DateField
          label="Join date"
          w={150}
          {...form.getInputProps('joinDate')}
          key={form.key('joinDate')}
        />
        <Button type="submit" loading={enrol.isPending} disabled={full}>
          Enrol
        </Button>
      </Group>
      {full && (
        <Alert color="yellow" mt="sm" title="The group is full" role="status">
          End an enrolment or raise the capacity to enrol someone else.
        </Alert>
      )}
      <ErrorNotice error={enrol.error} title="Not enrolled" />
    </form>
  )
}
