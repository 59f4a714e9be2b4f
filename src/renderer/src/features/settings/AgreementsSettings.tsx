import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title
} from '@mantine/core'
import { schemaResolver, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  AgreementsInput,
  MAX_AGREEMENT_ITEMS,
  type GroupAgreements
} from '../../../../shared/domain/agreements'
import { DEFAULT_AGREEMENTS } from '../../../../shared/session/agreements-default'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'

export const agreementsKey = ['agreements'] as const

export function useAgreements() {
  return useQuery({ queryKey: agreementsKey, queryFn: () => unwrap(api().agreements.current()) })
}

type Values = { items: Array<{ heading: string; text: string }> }

function AgreementsForm({ current, canEdit }: { current: GroupAgreements; canEdit: boolean }) {
  const client = useQueryClient()
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { items: current.items.map((item) => ({ ...item })) },
    validate: schemaResolver(AgreementsInput, { sync: true })
  })
  const save = useMutation({
    mutationFn: (values: Values) => unwrap(api().agreements.save(values)),
    onSuccess: (saved) => {
      client.setQueryData(agreementsKey, saved)
      form.resetDirty({ items: saved.items })
      notifications.show({
        color: 'teal',
        message:
          saved.version === current.version
            ? 'No change: the agreements are as they were.'
            : `Saved as version ${saved.version}. Everyone acknowledges it at their next session.`
      })
    }
  })
  const items = form.getValues().items

  return (
    <form noValidate aria-label="Group agreements" onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm" maw={820}>
        <Text size="sm">
          Version {current.version}
          {current.savedAt
            ? `, saved ${current.savedAt.slice(0, 10)}`
            : ', the wording shipped with the app'}
          . They are shown on the projector at the opening of every session. Saving a change makes a
          new version, which everyone acknowledges again at their next session.
        </Text>
        {items.map((_, index) => (
          <Paper key={form.key(`items.${index}`)} withBorder p="sm">
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap="xs" style={{ flex: 1 }}>
                <TextInput
                  label={`Agreement ${index + 1}: heading`}
                  disabled={!canEdit}
                  {...form.getInputProps(`items.${index}.heading`)}
                />
                <Textarea
                  label={`Agreement ${index + 1}: what it asks`}
                  autosize
                  minRows={2}
                  disabled={!canEdit}
                  {...form.getInputProps(`items.${index}.text`)}
                />
              </Stack>
              {canEdit && (
                <Stack gap={4} mt={24}>
                  <ActionIcon
                    variant="default"
                    aria-label={`Move agreement ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => form.reorderListItem('items', { from: index, to: index - 1 })}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    aria-label={`Move agreement ${index + 1} down`}
                    disabled={index === items.length - 1}
                    onClick={() => form.reorderListItem('items', { from: index, to: index + 1 })}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    color="red"
                    aria-label={`Remove agreement ${index + 1}`}
                    disabled={items.length === 1}
                    onClick={() => form.removeListItem('items', index)}
                  >
                    ×
                  </ActionIcon>
                </Stack>
              )}
            </Group>
          </Paper>
        ))}
        {typeof form.errors.items === 'string' && (
          <Text c="red" size="sm">
            {form.errors.items}
          </Text>
        )}
        <ErrorNotice error={save.error} title="Agreements not saved" />
        {canEdit ? (
          <Group>
            <Button
              variant="default"
              disabled={items.length >= MAX_AGREEMENT_ITEMS}
              onClick={() => form.insertListItem('items', { heading: '', text: '' })}
            >
              Add an agreement
            </Button>
            <Button
              variant="subtle"
              onClick={() => form.setValues({ items: DEFAULT_AGREEMENTS.map((i) => ({ ...i })) })}
            >
              Start again from the app’s wording
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save the agreements
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only an administrator can change the agreements.
          </Text>
        )}
      </Stack>
    </form>
  )
}

/** The clinic's group agreements, read at the opening of every session. */
export function AgreementsSettings({ canEdit }: { canEdit: boolean }) {
  const current = useAgreements()
  return (
    <section aria-labelledby="agreements-settings">
      <Title order={2} size="h3" id="agreements-settings" mb="sm">
        Group agreements
      </Title>
      <ErrorNotice error={current.error} />
      {current.isPending && <Loader size="sm" aria-label="Loading the group agreements" />}
      {current.data && (
        <AgreementsForm key={current.data.version} current={current.data} canEdit={canEdit} />
      )}
    </section>
  )
}
