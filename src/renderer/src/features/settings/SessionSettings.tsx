import {
  Button,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  Title
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import wrapUpChime from '../../../../../resources/sounds/wrap-up.wav?url'
import { NOTE_FORMATS } from '../../../../shared/domain/note'
import { EXPORT_POLICY_LABELS, ExportPolicy } from '../../../../shared/domain/exports'
import { SessionSettings as SessionSettingsSchema } from '../../../../shared/domain/session'
import { api, unwrap } from '../../api'
import { keys, useSessionSettings } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'

const EXPORT_POLICIES = ExportPolicy.options

type Settings = SessionSettingsSchema

/** A setting that is a whole number, with its bounds; the schema checks them again. */
interface WholeNumberField {
  key: keyof Settings
  label: string
  description: string
  min: number
  max: number
}

const SESSION_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'dailyMinimumMinutes',
    label: 'Daily minimum of countable minutes',
    description:
      'For groups billed per diem (H0015, S9480): payers commonly need 180 minutes for a day to count, which the default agenda gives; groups billed as 90853 have none. Check your payers’ rules',
    min: 0,
    max: 600
  },
  {
    key: 'wrapUpMinutes',
    label: 'Wrap-up warning (minutes)',
    description: 'How long before a segment’s end the timer warns that it is time to wrap up',
    min: 1,
    max: 30
  },
  {
    key: 'lateAfterMinutes',
    label: 'Late arrival after (minutes)',
    description: 'Arriving more than this long after the start is recorded as a late arrival',
    min: 0,
    max: 60
  },
  {
    key: 'minimumSegmentMinutes',
    label: 'Shortest segment a rebalance may leave (minutes)',
    description:
      'When a segment runs over, a proposal to take time from later ones never shortens a segment below this',
    min: 1,
    max: 60
  }
]

const ROUND_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'cravingFlagAt',
    label: 'Flag a craving rating of at least (0–10)',
    description:
      'In a round, a craving rating this high or higher, and any safety concern, is flagged on the facilitator’s screen for a private follow-up',
    min: 0,
    max: 10
  }
]

const RECORD_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'noteDueHours',
    label: 'Notes are due (hours after the session)',
    description: 'After this, a note shows as overdue, and signing it marks it a late entry',
    min: 1,
    max: 336
  },
  {
    key: 'backupDays',
    label: 'Days of daily backups to keep',
    description:
      "One encrypted copy of each records file a day, in the data folder's backups folder",
    min: 2,
    max: 365
  },
  {
    key: 'lockAfterMinutes',
    label: 'Lock the app after this many idle minutes',
    description:
      'With no key press or mouse move for this long, the app locks until the same person types their passphrase; Ctrl+L (⌘L) locks at once',
    min: 1,
    max: 60
  }
]

/** Weekly hours, by age group: half hours allowed. */
const WEEKLY_HOURS_FIELDS: ReadonlyArray<{
  key: 'weeklyHoursRequired' | 'weeklyHoursAdolescent'
  label: string
  description: string
}> = [
  {
    key: 'weeklyHoursRequired',
    label: 'Countable hours required each week (adults)',
    description:
      'Adult IOP, any track: commonly 9. Groups billed as 90853 have no weekly requirement'
  },
  {
    key: 'weeklyHoursAdolescent',
    label: 'Countable hours required each week (adolescents)',
    description: 'Adolescent IOP: commonly 6'
  }
]

/** Plays the wrap-up chime once, as a running session would at this volume. */
function playChime(volume: number) {
  const audio = new Audio(wrapUpChime)
  audio.volume = Math.min(1, Math.max(0, volume / 100))
  audio.play().catch(() =>
    notifications.show({
      color: 'red',
      title: 'The chime did not play',
      message: 'Check that this computer’s sound is on and not muted, then try again.'
    })
  )
}

function SessionSettingsForm({ initial, canEdit }: { initial: Settings; canEdit: boolean }) {
  const client = useQueryClient()
  const form = useForm<Settings>({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: schemaResolver(SessionSettingsSchema, { sync: true })
  })
  const save = useMutation({
    mutationFn: (values: Settings) => unwrap(api().clinic.updateSessionSettings(values)),
    onSuccess: (saved) => {
      client.setQueryData(keys.sessionSettings, saved)
      notifications.show({ message: 'Session settings saved', color: 'teal' })
    }
  })
  const wholeNumber = (field: WholeNumberField) => (
    <NumberInput
      key={form.key(field.key)}
      label={field.label}
      description={field.description}
      min={field.min}
      max={field.max}
      allowDecimal={false}
      allowNegative={false}
      disabled={!canEdit}
      {...form.getInputProps(field.key)}
    />
  )
  const weeklyHours = (field: (typeof WEEKLY_HOURS_FIELDS)[number]) => (
    <NumberInput
      key={form.key(field.key)}
      label={field.label}
      description={field.description}
      min={1}
      max={40}
      step={0.5}
      decimalScale={1}
      disabled={!canEdit}
      {...form.getInputProps(field.key)}
    />
  )

  return (
    <form noValidate aria-label="Session settings" onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm" maw={720}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>{SESSION_FIELDS.map(wholeNumber)}</SimpleGrid>
        <Switch
          label="Chime softly at wrap-up time and when time is up"
          disabled={!canEdit}
          {...form.getInputProps('chimeEnabled', { type: 'checkbox' })}
          key={form.key('chimeEnabled')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Chime volume
          </Text>
          <Group gap="md" align="center" wrap="nowrap">
            <Slider
              style={{ flex: 1 }}
              min={0}
              max={100}
              step={5}
              thumbLabel="Chime volume"
              label={(value) => `${value}%`}
              marks={[
                { value: 0, label: 'Silent' },
                { value: 100, label: 'Loudest' }
              ]}
              disabled={!canEdit}
              {...form.getInputProps('chimeVolume')}
              key={form.key('chimeVolume')}
            />
            <Button variant="default" onClick={() => playChime(form.getValues().chimeVolume)}>
              Play the chime
            </Button>
          </Group>
        </Stack>
        <Title order={3} size="h5" mt="sm">
          Check-in and check-out rounds
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>{ROUND_FIELDS.map(wholeNumber)}</SimpleGrid>
        <Title order={3} size="h5" mt="sm">
          Progress notes
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {RECORD_FIELDS.map(wholeNumber)}
          {WEEKLY_HOURS_FIELDS.map(weeklyHours)}
          <Select
            label="Note format for groups that have not chosen one"
            description="Each group can choose its own on the group’s page"
            data={[...NOTE_FORMATS]}
            allowDeselect={false}
            disabled={!canEdit}
            {...form.getInputProps('defaultNoteFormat')}
            key={form.key('defaultNoteFormat')}
          />
          <Select
            label="Passwords on exported files"
            description="Reports, the access log and notes saved as PDF are zip files that open only with a password the person saving them chooses"
            data={EXPORT_POLICIES.map((value) => ({ value, label: EXPORT_POLICY_LABELS[value] }))}
            allowDeselect={false}
            disabled={!canEdit}
            {...form.getInputProps('exportPolicy')}
            key={form.key('exportPolicy')}
          />
        </SimpleGrid>
        <ErrorNotice error={save.error} title="Settings not saved" />
        {canEdit ? (
          <Group mt="md">
            <Button type="submit" loading={save.isPending}>
              Save session settings
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed" mt="md">
            Only an administrator can change these settings.
          </Text>
        )}
      </Stack>
    </form>
  )
}

/** How every session runs: the payer's daily minimum, the warnings, and the chime. */
export function SessionSettings({ canEdit }: { canEdit: boolean }) {
  const settings = useSessionSettings()
  return (
    <section aria-labelledby="session-settings">
      <Title order={2} size="h3" id="session-settings" mb="sm">
        Sessions
      </Title>
      <ErrorNotice error={settings.error} />
      {settings.isPending && <Loader size="sm" aria-label="Loading the session settings" />}
      {settings.data && <SessionSettingsForm initial={settings.data} canEdit={canEdit} />}
    </section>
  )
}
