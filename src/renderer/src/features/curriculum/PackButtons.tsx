import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { ChosenFile, PackChange } from '../../../../shared/ipc/contract'
import { api, messageOf, unwrap } from '../../api'
import { saveBase64File } from '../../files'

const ACTION_LABEL: Record<PackChange['action'], string> = {
  add: 'Will be added',
  update: 'Will replace yours (yours is kept as an earlier version)',
  same: 'Already the same'
}

/** Export the library as a pack; import one after seeing exactly what it would change. */
export function PackButtons() {
  const [pending, setPending] = useState<{ file: ChosenFile; changes: PackChange[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const exportPack = useMutation({
    mutationFn: () => unwrap(api().curriculum.exportPack({ moduleIds: [] })),
    onSuccess: (pack) => {
      saveBase64File(pack.fileName, pack.base64)
      notifications.show({
        color: 'teal',
        message: `Pack of ${pack.moduleCount} modules saved as ${pack.fileName}`
      })
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not exported', message: messageOf(e) })
  })
  // The pack is chosen in the app's own open-file dialog and read there: the page gets a token.
  const preview = useMutation({
    mutationFn: async () => {
      const file = await unwrap(api().files.choose({ kind: 'curriculum_pack' }))
      if (!file) return null
      return { file, changes: await unwrap(api().curriculum.previewPack({ file: file.token })) }
    },
    onSuccess: (result) => {
      setError(null)
      setPending(result)
    },
    onError: (e) => {
      setPending(null)
      setError(messageOf(e))
    }
  })
  const apply = useMutation({
    mutationFn: (file: ChosenFile) => unwrap(api().curriculum.importPack({ file: file.token })),
    onSuccess: (changes) => {
      setPending(null)
      const changed = changes.filter((c) => c.action !== 'same').length
      notifications.show({
        color: 'teal',
        message: `Pack imported: ${changed} modules added or updated`
      })
    },
    onError: (e) => setError(messageOf(e))
  })
  return (
    <Group gap="xs">
      <Button variant="default" onClick={() => exportPack.mutate()} loading={exportPack.isPending}>
        Export pack
      </Button>
      <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending}>
        Import pack…
      </Button>
      <Modal
        opened={error !== null}
        onClose={() => setError(null)}
        title="The pack was not imported"
      >
        <Text role="alert">{error}</Text>
        <Text size="sm" c="dimmed" mt="sm">
          Nothing in your library was changed.
        </Text>
      </Modal>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={`Import ${pending?.file.name ?? ''}?`}
        size="lg"
      >
        {pending && (
          <Stack>
            <Text size="sm">
              This is what the import would change. Nothing has been changed yet.
            </Text>
            <Table aria-label="What the import would change">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Module</Table.Th>
                  <Table.Th>Change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pending.changes.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {c.title}{' '}
                      <Text span size="xs" c="dimmed">
                        ({c.id})
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={
                          c.action === 'add' ? 'teal' : c.action === 'update' ? 'orange' : 'gray'
                        }
                      >
                        {ACTION_LABEL[c.action]}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button
                onClick={() => apply.mutate(pending.file)}
                loading={apply.isPending}
                disabled={pending.changes.every((c) => c.action === 'same')}
              >
                Import
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Group>
  )
}
