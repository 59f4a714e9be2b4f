import { Paper, Select, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { NOTE_FORMATS, NOTE_SECTIONS, type NoteFormat } from '../../../../shared/domain/note'
import { api, messageOf, unwrap } from '../../api'

const FORMAT_OPTIONS = NOTE_FORMATS.map((format) => ({
  value: format,
  label: `${format} — ${NOTE_SECTIONS[format].map((s) => s.label).join(', ')}`
}))

/** On the group's page: the format this group's progress notes are written in. */
export function GroupNoteFormat({ groupId }: { groupId: string }) {
  const client = useQueryClient()
  const key = ['notes', 'format', groupId]
  const format = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api().notes.groupFormat({ groupId }))
  })
  const choose = useMutation({
    mutationFn: (next: NoteFormat) => unwrap(api().notes.setFormat({ groupId, format: next })),
    onSuccess: (saved) => {
      client.setQueryData(key, saved)
      notifications.show({
        color: 'teal',
        message: `Notes for this group are now written as ${saved}`
      })
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not changed', message: messageOf(e) })
  })
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Progress notes
        </Title>
        <Select
          label="Note format"
          description="Notes already signed keep the format they were written in"
          data={FORMAT_OPTIONS}
          value={format.data ?? null}
          allowDeselect={false}
          disabled={format.isPending || choose.isPending}
          onChange={(next) => next && choose.mutate(next as NoteFormat)}
          maw={460}
        />
        {format.isError && <Text c="red.9">{messageOf(format.error)}</Text>}
      </Stack>
    </Paper>
  )
}
