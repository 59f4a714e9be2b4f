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
import {
  PARTS,
  WEEKLY_HOURS_FIELDS,
  type SessionSettingsPart,
  type WholeNumberField
} from './sessionSettingsParts'

const EXPORT_POLICIES = ExportPolicy.options

type Settings = SessionSettingsSchema

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

function SessionSettingsForm({
  part,
  initial,
  canEdit
}: {
  part: SessionSettingsPart
  initial: Settings
  canEdit: boolean
}) {
  const client = useQueryClient()
  const { title, keys: partKeys, fields } = PARTS[part]
  const form = useForm<Settings>({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: schemaResolver(SessionSettingsSchema, { sync: true })
  })
  const save = useMutation({
    // Only this part's settings change: the others are read afresh, so a part saved on
    // another tab since this one opened is not put back.
    mutationFn: async (values: Settings) => {
      const current = await unwrap(api().clinic.sessionSettings())
      const changed = Object.fromEntries(partKeys.map((key) => [key, values[key]]))
      return unwrap(api().clinic.updateSessionSettings({ ...current, ...changed }))
    },
    onSuccess: (saved) => {
      client.setQueryData(keys.sessionSettings, saved)
      notifications.show({ message: `Settings saved: ${title}`, color: 'teal' })
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
    <form noValidate aria-label={title} onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm" maw={720}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map(wholeNumber)}
          {part === 'requirements' && (
            <>
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
            </>
          )}
          {part === 'security' && (
            <Select
              label="Passwords on exported files"
              description="Reports, the access log and notes saved as PDF are zip files that open only with a password the person saving them chooses"
              data={EXPORT_POLICIES.map((value) => ({ value, label: EXPORT_POLICY_LABELS[value] }))}
              allowDeselect={false}
              disabled={!canEdit}
              {...form.getInputProps('exportPolicy')}
              key={form.key('exportPolicy')}
            />
          )}
        </SimpleGrid>
        {part === 'running' && (
          <>
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
          </>
        )}
        <ErrorNotice error={save.error} title="Settings not saved" />
        {canEdit ? (
          <Group mt="md">
            <Button type="submit" loading={save.isPending}>
              Save
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

/** One part of the clinic's session settings, under its own heading, on the tab it belongs to. */
export function SessionSettings({
  part,
  canEdit
}: {
  part: SessionSettingsPart
  canEdit: boolean
}) {
  const settings = useSessionSettings()
  const { title, description } = PARTS[part]
  const id = `session-settings-${part}`
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {description}
      </Text>
      <ErrorNotice error={settings.error} />
      {settings.isPending && <Loader size="sm" aria-label="Loading the settings" />}
      {settings.data && (
        <SessionSettingsForm part={part} initial={settings.data} canEdit={canEdit} />
      )}
    </section>
  )
}
