import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { TRACK_LABELS } from '../../../../shared/domain/common'
import {
  ADMISSION_LABELS,
  AGE_GROUP_LABELS,
  DEFAULT_CAPACITY,
  DEFAULT_MEETING_DAYS,
  DEFAULT_SESSION_MINUTES,
  GroupInput,
  WEEKDAY_LABELS,
  WEEKDAYS
} from '../../../../shared/domain/group'
import type { Staff } from '../../../../shared/domain/staff'
import { FormFooter } from '../../components/FormFooter'
import { TimeField } from '../../components/TimeField'
import { options } from '../../components/labels'
import { isolate } from '../../../../shared/rules/bidi'

export function emptyGroup(): GroupInput {
  return {
    name: '',
    track: 'substance_use',
    ageGroup: 'adult',
    admission: 'open',
    meetingDays: [...DEFAULT_MEETING_DAYS],
    startTime: '17:30',
    defaultMinutes: DEFAULT_SESSION_MINUTES,
    capacity: DEFAULT_CAPACITY,
    facilitatorIds: []
  }
}

export function GroupForm({
  initial,
  staff,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel
}: {
  initial: GroupInput
  staff: Staff[]
  submitLabel: string
  pending: boolean
  error: unknown
  onSubmit: (values: GroupInput) => void
  onCancel: () => void
}) {
  const form = useForm<GroupInput>({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: schemaResolver(GroupInput, { sync: true })
  })
  const facilitators = staff
    .filter((s) => s.active || initial.facilitatorIds.includes(s.id))
    .map((s) => ({ value: s.id, label: `${isolate(s.fullName)}, ${s.credentials}` }))

  return (
    <form noValidate aria-label="Group details" onSubmit={form.onSubmit(onSubmit)}>
      <Stack gap="md" maw={720}>
        <TextInput
          label="Group name"
          placeholder="e.g. Evening SUD IOP"
          required
          {...form.getInputProps('name')}
          key={form.key('name')}
        />
        <SimpleGrid cols={3}>
          <Select
            label="Track"
            data={options(TRACK_LABELS)}
            allowDeselect={false}
            required
            {...form.getInputProps('track')}
            key={form.key('track')}
          />
          <Select
            label="Who the group is for"
            data={options(AGE_GROUP_LABELS)}
            allowDeselect={false}
            required
            {...form.getInputProps('ageGroup')}
            key={form.key('ageGroup')}
          />
          <Select
            label="Admission"
            data={options(ADMISSION_LABELS)}
            allowDeselect={false}
            required
            {...form.getInputProps('admission')}
            key={form.key('admission')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Meeting days"
          required
          {...form.getInputProps('meetingDays')}
          key={form.key('meetingDays')}
        >
          <Group gap="md" mt={6}>
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} value={day} label={WEEKDAY_LABELS[day]} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={3}>
          <TimeField
            label="Start time"
            required
            {...form.getInputProps('startTime')}
            key={form.key('startTime')}
          />
          <NumberInput
            label="Session length (minutes)"
            min={30}
            max={600}
            step={15}
            clampBehavior="none"
            allowDecimal={false}
            required
            {...form.getInputProps('defaultMinutes')}
            key={form.key('defaultMinutes')}
          />
          <NumberInput
            label="Capacity"
            min={1}
            max={100}
            clampBehavior="none"
            allowDecimal={false}
            required
            {...form.getInputProps('capacity')}
            key={form.key('capacity')}
          />
        </SimpleGrid>
        <MultiSelect
          label="Facilitators"
          description="At least one: every group is led by a licensed counselor."
          required
          placeholder={facilitators.length ? 'Choose staff' : undefined}
          data={facilitators}
          searchable
          {...form.getInputProps('facilitatorIds')}
          key={form.key('facilitatorIds')}
        />
        <FormFooter
          error={error}
          errorTitle="The group was not saved"
          submitLabel={submitLabel}
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  )
}
