import { Group, List, Stack, Text, Title } from '@mantine/core'
import type { RoundKind } from '../../../../shared/domain/rounds'
import { ROUND_PROMPTS } from '../../../../shared/session/round-prompts'
import type { TurnTimer } from '../../../../shared/session/rounds'

interface Props {
  kind: RoundKind
  /** The current turn; null between turns. Carries no name. */
  turn: TurnTimer | null
  roundLeftMs: number
  paused: boolean
}

function minutesAndSeconds(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000)
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

/**
 * A round on the projector: the questions and the time left, never a name or
 * an answer (the log it is computed from has none).
 */
export function RoundFrame({ kind, turn, roundLeftMs, paused }: Props) {
  const prompts = ROUND_PROMPTS[kind]
  const roundMinutes = Math.ceil(Math.max(0, roundLeftMs) / 60_000)
  return (
    <Stack h="100vh" bg="#10161f" p="4vw" gap="3vh" data-testid="audience-round" justify="center">
      <Title order={1} c="#e8eef2" fz="4vw">
        {prompts.title}
      </Title>
      <Group align="center" justify="space-between" wrap="nowrap" gap="4vw">
        <List spacing="1.5vh" c="#e8eef2" fz="2.6vw" style={{ flex: 1 }}>
          {prompts.questions.map((q) => (
            <List.Item key={q}>{q}</List.Item>
          ))}
        </List>
        <Stack align="center" gap={0} miw="22vw">
          <Text c="#8a99a6" fz="1.8vw">
            {paused ? 'Paused' : turn ? 'This turn' : 'This round'}
          </Text>
          <Text
            c="#e8eef2"
            fz="7vw"
            fw={700}
            ff="monospace"
            lh={1}
            data-testid="audience-turn-time"
          >
            {turn
              ? turn.leftMs > 0
                ? minutesAndSeconds(turn.leftMs)
                : 'Time'
              : `${roundMinutes} min`}
          </Text>
          <Text c="#8a99a6" fz="1.6vw">
            {turn
              ? `${turn.leftMs > 0 ? 'left' : 'to wrap up'} · round: ${roundMinutes} min left`
              : 'left'}
          </Text>
        </Stack>
      </Group>
      <Text c="#8a99a6" fz="2vw">
        {prompts.footer}
      </Text>
    </Stack>
  )
}
