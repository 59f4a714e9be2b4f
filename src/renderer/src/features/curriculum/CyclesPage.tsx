import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Cycle, CycleSlot } from '../../../../shared/curriculum/cycle'
import { api, messageOf, unwrap } from '../../api'
import { useCurriculum } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { TEXT_LIMITS, textLimit } from '../../../../shared/rules/limits'

/** Curriculum cycles: the starter one, and the program's own orderings made from a copy of it. */
export function CyclesPage() {
  const cycles = useQuery({
    queryKey: ['curriculum', 'cycles'],
    queryFn: () => unwrap(api().curriculum.cycles())
  })
  const [editing, setEditing] = useState<{
    id: string | null
    name: string
    slots: CycleSlot[]
  } | null>(null)
  if (cycles.isError) return <ErrorNotice error={cycles.error} />
  return (
    <Stack>
      <PageHeader
        title="Curriculum cycles"
        description="A group goes round its cycle session by session; a member has finished once they have attended every module in it, in any order."
      />
      {editing ? (
        <CycleEditor value={editing} onDone={() => setEditing(null)} />
      ) : (
        <Table aria-label="Cycles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cycle</Table.Th>
              <Table.Th>Sessions</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(cycles.data ?? []).map((c: Cycle) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {c.name} {c.builtIn && <Badge variant="light">Shipped</Badge>}
                </Table.Td>
                <Table.Td>{c.slots.length}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        setEditing({
                          id: null,
                          name: `${c.name} (copy)`.slice(0, 80),
                          slots: c.slots
                        })
                      }
                    >
                      Make a copy
                    </Button>
                    {!c.builtIn && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing({ id: c.id, name: c.name, slots: c.slots })}
                      >
                        Change
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function CycleEditor({
  value,
  onDone
}: {
  value: { id: string | null; name: string; slots: CycleSlot[] }
  onDone(): void
}) {
  const modules = useCurriculum()
  const [name, setName] = useState(value.name)
  const nameLimit = textLimit(name, TEXT_LIMITS.cycleName)
  const [slots, setSlots] = useState<CycleSlot[]>(value.slots)
  const save = useMutation({
    mutationFn: () =>
      unwrap(api().curriculum.saveCycle({ cycleId: value.id, cycle: { name, slots } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Cycle saved' })
      onDone()
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) })
  })
  const options = (kind: 'educational' | 'skills') =>
    (modules.data ?? [])
      .filter((m) => m.kind === kind)
      .map((m) => ({ value: m.id, label: `Week ${m.week} · ${m.title}` }))
  const move = (i: number, by: -1 | 1) =>
    setSlots((s) => {
      const next = [...s]
      const [item] = next.splice(i, 1)
      next.splice(i + by, 0, item!)
      return next
    })
  const set = (i: number, change: Partial<CycleSlot>) =>
    setSlots((s) => s.map((slot, j) => (j === i ? { ...slot, ...change } : slot)))
  return (
    <Paper withBorder p="md">
      <Stack>
        <TextInput
          label="Cycle name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          description={nameLimit.description}
          error={nameLimit.error}
        />
        <Title order={2} size="h4">
          Sessions, in order
        </Title>
        {slots.map((slot, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <Text w={28} fw={600}>
              {i + 1}
            </Text>
            <Select
              label={`Session ${i + 1}: educational module`}
              data={options('educational')}
              value={slot.educationalModuleId}
              onChange={(v) => set(i, { educationalModuleId: v })}
              clearable
              searchable
              style={{ flex: 1 }}
            />
            <Select
              label={`Session ${i + 1}: skills module`}
              data={options('skills')}
              value={slot.skillsModuleId}
              onChange={(v) => set(i, { skillsModuleId: v })}
              clearable
              searchable
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              aria-label={`Move session ${i + 1} earlier`}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={`Move session ${i + 1} later`}
              disabled={i === slots.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove session ${i + 1}`}
              disabled={slots.length === 1}
              onClick={() => setSlots((s) => s.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setSlots((s) => [...s, { educationalModuleId: null, skillsModuleId: null }])
            }
          >
            Add a session
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={nameLimit.over}>
            Save cycle
          </Button>
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
