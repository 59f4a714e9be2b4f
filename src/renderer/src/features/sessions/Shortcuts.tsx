import { Kbd, Modal, Table } from '@mantine/core'

export const SHORTCUTS: Array<[string, string]> = [
  ['Space', 'Pause or resume the session'],
  ['→', 'Next slide'],
  ['←', 'Previous slide'],
  ['N', 'Next segment'],
  ['B', 'Blank the projector, or show it again'],
  ['?', 'Show these shortcuts']
]

/** The running screen's keys, then any that work everywhere (Find, Lock), passed in. */
export function ShortcutsHelp({
  opened,
  onClose,
  everywhere = []
}: {
  opened: boolean
  onClose(): void
  everywhere?: Array<[string, string]>
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          {[...SHORTCUTS, ...everywhere].map(([key, what]) => (
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
