import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { TRACK_LABELS } from '../../../../shared/domain/common'
import {
  DISCHARGE_TYPE_LABELS,
  GOAL_STATUS_LABELS,
  MAX_GOALS,
  MAX_NICKNAMES,
  ParticipantInput
} from '../../../../shared/domain/participant'
import { displayName } from '../../../../shared/rules/names'
import { DateField } from '../../components/DateField'
import { FormFooter } from '../../components/FormFooter'
import { options } from '../../components/labels'

let goalSequence = 0
function newGoalId(): string {
  goalSequence += 1
  return `goal-${Date.now().toString(36)}-${goalSequence}`
}

export function emptyParticipant(today: string): ParticipantInput {
  return {
    fullName: '',
    preferredName: '',
    nicknames: [],
    clientId: '',
    dateOfBirth: '',
    admissionDate: today,
    track: 'substance_use',
    status: 'active',
    discharge: null,
    goals: []
  }
}

export function ParticipantForm({
  initial,
  today,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel
}: {
  initial: ParticipantInput
  today: string
  submitLabel: string
  pending: boolean
  error: unknown
  onSubmit: (values: ParticipantInput) => void
  onCancel: () => void
}) {
  const form = useForm<ParticipantInput>({
    mode: 'controlled',
    initialValues: initial,
    validate: schemaResolver(ParticipantInput, { sync: true })
  })
  const values = form.getValues()
  const shownAs = displayName({
    fullName: values.fullName,
    preferredName: values.preferredName ?? ''
  })

  const setStatus = (status: string | null) => {
    form.setFieldValue('status', status === 'discharged' ? 'discharged' : 'active')
    form.setFieldValue(
      'discharge',
      status === 'discharged' ? (values.discharge ?? { date: today, type: 'completed' }) : null
    )
  }

  return (
    <form noValidate aria-label="Participant details" onSubmit={form.onSubmit(onSubmit)}>
      <Stack gap="md" maw={760}>
        <SimpleGrid cols={2}>
          <TextInput
            label="Full name"
            required
            autoComplete="off"
            {...form.getInputProps('fullName')}
          />
          <TextInput
            label="Preferred name"
            description={shownAs ? `Shown in group as “${shownAs}”` : 'What the group calls them'}
            autoComplete="off"
            {...form.getInputProps('preferredName')}
          />
          <TagsInput
            label="Nicknames"
            description="Other names the group uses; notes are checked for them. Press Enter after each."
            maxTags={MAX_NICKNAMES}
            clearable
            {...form.getInputProps('nicknames')}
          />
          <TextInput
            label="Client ID"
            description="The record number; unique in this clinic"
            required
            autoComplete="off"
            {...form.getInputProps('clientId')}
          />
          <Select
            label="Track"
            data={options(TRACK_LABELS)}
            allowDeselect={false}
            required
            {...form.getInputProps('track')}
          />
          <DateField
            label="Date of birth"
            required
            // The calendar opens on the decades, a generation back, where a birth date is quicker
            // to find than month by month from today.
            defaultLevel="decade"
            defaultDate={`${Number(today.slice(0, 4)) - 35}-01-01`}
            {...form.getInputProps('dateOfBirth')}
          />
          <DateField label="Admission date" required {...form.getInputProps('admissionDate')} />
        </SimpleGrid>
        <Fieldset legend="Status">
          <SimpleGrid cols={3}>
            <Select
              label="Status"
              data={[
                { value: 'active', label: 'Active' },
                { value: 'discharged', label: 'Discharged' }
              ]}
              allowDeselect={false}
              value={values.status}
              onChange={setStatus}
              error={form.errors.status}
            />
            {values.status === 'discharged' && (
              <>
                <DateField
                  label="Discharge date"
                  required
                  {...form.getInputProps('discharge.date')}
                />
                <Select
                  label="Discharge type"
                  data={options(DISCHARGE_TYPE_LABELS)}
                  allowDeselect={false}
                  required
                  {...form.getInputProps('discharge.type')}
                />
              </>
            )}
          </SimpleGrid>
          {form.errors.discharge && (
            <Text c="red" size="sm" mt="xs" role="alert">
              {form.errors.discharge}
            </Text>
          )}
        </Fieldset>
        <Fieldset legend="Treatment-plan goals">
          <Stack gap="xs">
            {values.goals.length === 0 && (
              <Text size="sm" c="dimmed">
                No goals yet. Add the participant’s individual goals from their treatment plan.
              </Text>
            )}
            {values.goals.map((goal, index) => (
              <Group key={goal.id} align="flex-end" gap="sm" wrap="nowrap">
                <TextInput
                  label={`Goal ${index + 1}`}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`goals.${index}.text`)}
                />
                <Select
                  label={`Goal ${index + 1} status`}
                  data={options(GOAL_STATUS_LABELS)}
                  allowDeselect={false}
                  w={170}
                  {...form.getInputProps(`goals.${index}.status`)}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  mb={2}
                  aria-label={`Remove goal ${index + 1}`}
                  onClick={() => form.removeListItem('goals', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                disabled={values.goals.length >= MAX_GOALS}
                onClick={() =>
                  form.insertListItem('goals', { id: newGoalId(), text: '', status: 'in_progress' })
                }
              >
                Add a goal
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <FormFooter
          error={error}
          errorTitle="The participant was not saved"
          submitLabel={submitLabel}
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  )
}
