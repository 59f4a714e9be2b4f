import { Kbd, Modal, Table } from '@mantine/core'

export const SHORTCUTS: Array<[string, string]> = [
  ['Space', 'Pause or resume the session'],
  ['→', 'Next slide'],
  ['←', 'Previous slide'],
  ['N', 'Next segment'],
  ['B', 'Blank the projector, or show it again'],
  ['?', 'Show these shortcuts']
]

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map(([key, what]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Kbd>{key}</Kbd>
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  )
}
