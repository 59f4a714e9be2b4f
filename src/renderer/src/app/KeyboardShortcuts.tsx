// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import './styles'
import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { SHORTCUTS as RUNNING_SCREEN } from '../features/sessions/Shortcuts'

/** Ctrl on Windows and Linux, ⌘ on a Mac. */
export const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

/** Every shortcut the app has, where it works. */
export const ALL_SHORTCUTS: Array<{ where: string; keys: Array<[string, string]> }> = [
  {
    where: 'Anywhere once signed in',
    keys: [
      [`${MOD_KEY}+K`, 'Find a participant, group, notes or a page'],
      [`${MOD_KEY}+L`, 'Lock the screen now'],
      ['?', 'Show these shortcuts (outside a text field)']
    ]
  },
  { where: 'The running screen', keys: RUNNING_SCREEN },
  {
    where: 'A session’s notes',
    keys: [
      [']  or  Alt+↓', 'Next person’s note'],
      ['[  or  Alt+↑', 'Previous person’s note']
    ]
  },
  {
    where: 'The Find box',
    keys: [
      ['↑  ↓', 'Move through what was found'],
      ['Enter', 'Open it'],
      ['Esc', 'Close the box']
    ]
  },
  {
    where: 'Tabs (Settings, the running screen)',
    keys: [['←  →', 'Move to the next or previous tab']]
  }
]

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element) return false
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable
}

/** "?" opens the list, except while typing or with a dialog already open. */
export function useQuestionMarkKey(open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return
      if (isTyping(event.target) || document.querySelector('[role="dialog"]')) return
      event.preventDefault()
      open()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
}

export function KeyboardShortcuts({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Stack gap="md">
        {ALL_SHORTCUTS.map((section) => (
          <section key={section.where} aria-label={section.where}>
            <Title order={3} size="h5" mb={4}>
              {section.where}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {section.keys.map(([key, what]) => (
                  <Table.Tr key={key}>
                    <Table.Td w={170}>
                      <Kbd>{key}</Kbd>
                    </Table.Td>
                    <Table.Td>{what}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
        <Text size="sm" c="dimmed">
          Every control can also be reached with Tab and used with Enter or Space.
        </Text>
      </Stack>
    </Modal>
  )
}
