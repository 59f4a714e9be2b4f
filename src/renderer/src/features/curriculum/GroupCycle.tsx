import { Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery } from '@tanstack/react-query'
import { api, messageOf, unwrap } from '../../api'

/** On the group's page: which cycle it follows and where it is in it. */
export function GroupCycle({ groupId }: { groupId: string }) {
  const position = useQuery({
    queryKey: ['curriculum', 'group', groupId],
    queryFn: () => unwrap(api().curriculum.groupCycle({ groupId }))
  })
  const cycles = useQuery({
    queryKey: ['curriculum', 'cycles'],
    queryFn: () => unwrap(api().curriculum.cycles())
  })
  const choose = useMutation({
    mutationFn: (cycleId: string) => unwrap(api().curriculum.setGroupCycle({ groupId, cycleId })),
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not changed', message: messageOf(e) })
  })
  const p = position.data
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Curriculum
        </Title>
        <Group align="flex-end">
          <Select
            label="Cycle this group follows"
            data={(cycles.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={p?.cycleId ?? null}
            onChange={(id) => id && choose.mutate(id)}
            allowDeselect={false}
            w={380}
          />
        </Group>
        {p && (
          <Text size="sm" data-testid="cycle-position">
            Next: session {p.nextSlot + 1} of {p.slotCount}
            {p.next.educational ? ` — ${p.next.educational.title}` : ''}
            {p.next.skills ? `; skills: ${p.next.skills.title}` : ''}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}
