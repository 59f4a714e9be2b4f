import { Badge, Button, FileButton, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { PackChange } from '../../../../shared/ipc/contract'
import { api, messageOf, unwrap } from '../../api'
import { fileToBase64, saveBase64File } from '../../files'

const ACTION_LABEL: Record<PackChange['action'], string> = {
  add: 'Will be added',
  update: 'Will replace yours (yours is kept as an earlier version)',
  same: 'Already the same'
}

/** Export the library as a pack; import one after seeing exactly what it would change. */
export function PackButtons() {
  const [pending, setPending] = useState<{
    name: string
    base64: string
    changes: PackChange[]
  } | null>(null)
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
  const preview = useMutation({
    mutationFn: async (file: File) => {
      const base64 = await fileToBase64(file)
      const changes = await unwrap(api().curriculum.previewPack({ base64 }))
      return { name: file.name, base64, changes }
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
    mutationFn: (base64: string) => unwrap(api().curriculum.importPack({ base64 })),
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
      <FileButton onChange={(file) => file && preview.mutate(file)} accept=".zip,application/zip">
        {(props) => (
          <Button variant="default" loading={preview.isPending} {...props}>
            Import pack…
          </Button>
        )}
      </FileButton>
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
        title={`Import ${pending?.name ?? ''}?`}
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
                onClick={() => apply.mutate(pending.base64)}
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
