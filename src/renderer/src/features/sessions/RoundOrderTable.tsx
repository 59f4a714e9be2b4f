import { ActionIcon, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core'
import { HOMEWORK_LABELS } from '../../../../shared/session/round-prompts'
import type { RoundTurn, TurnStatus } from '../../../../shared/session/rounds'

interface Props {
  turns: RoundTurn[]
  name(participantId: string): string
  busy: boolean
  onMove(index: number, by: number): void
  onCall(participantId: string): void
  onAnswers(participantId: string): void
}

const STATUS_LOOK: Record<TurnStatus, { label: string; color: string; shape: string }> = {
  waiting: { label: 'Waiting', color: 'gray', shape: '○' },
  speaking: { label: 'Speaking', color: 'blue', shape: '▶' },
  spoke: { label: 'Spoke', color: 'teal', shape: '✓' },
  passed: { label: 'Passed', color: 'gray', shape: '–' }
}

/** A few words on what someone answered, for the list. */
function answerSummary(turn: RoundTurn): string {
  const a = turn.answers
  if (!a) return ''
  const parts = [
    a.mood !== null ? `mood ${a.mood}` : null,
    a.craving !== null ? `cravings ${a.craving}` : null,
    a.usedSinceLastGroup !== null ? (a.usedSinceLastGroup ? 'use: yes' : 'use: no') : null,
    a.safetyConcern !== null ? (a.safetyConcern ? 'safety: yes' : 'safety: no') : null,
    a.homework !== null ? `practice: ${HOMEWORK_LABELS[a.homework].toLowerCase()}` : null,
    a.takeAway ? 'take-away' : null,
    a.commitment ? 'commitment' : null
  ]
  return parts.filter(Boolean).join(' · ')
}

/** The round's calling order: each person's turn, a few words of their answers, and what can be done. */
export function RoundOrderTable({ turns, name, busy, onMove, onCall, onAnswers }: Props) {
  return (
    <Table verticalSpacing={4} aria-label="Calling order">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Person</Table.Th>
          <Table.Th>Turn</Table.Th>
          <Table.Th>Answers</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {turns.map((turn, index) => {
          const look = STATUS_LOOK[turn.status]
          const who = name(turn.participantId)
          return (
            <Table.Tr key={turn.participantId}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={turn.status === 'speaking' ? 700 : 400}>
                  {who}
                  {turn.flags.length > 0 && (
                    <Badge ml={6} size="xs" color="red" leftSection={<span aria-hidden>⚑</span>}>
                      Flag
                    </Badge>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  size="sm"
                  variant="light"
                  color={look.color}
                  leftSection={<span aria-hidden>{look.shape}</span>}
                >
                  {turn.present ? look.label : `${look.label}, left`}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{answerSummary(turn)}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <ActionIcon
                    variant="default"
                    size="sm"
                    aria-label={`Move ${who} earlier`}
                    disabled={busy || index === 0}
                    onClick={() => onMove(index, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="sm"
                    aria-label={`Move ${who} later`}
                    disabled={busy || index === turns.length - 1}
                    onClick={() => onMove(index, 1)}
                  >
                    ↓
                  </ActionIcon>
                  <Button
                    size="compact-xs"
                    variant="default"
                    disabled={busy || !turn.present || turn.status === 'speaking'}
                    onClick={() => onCall(turn.participantId)}
                    aria-label={`Call ${who} now`}
                  >
                    Call
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    disabled={busy}
                    onClick={() => onAnswers(turn.participantId)}
                    aria-label={`Answers of ${who}`}
                  >
                    Answers
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}
