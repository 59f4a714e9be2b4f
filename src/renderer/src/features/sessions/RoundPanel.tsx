import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { RoundAction, RoundAnswers } from '../../../../shared/domain/rounds'
import { isRoundKind } from '../../../../shared/domain/rounds'
import type { SessionSettings } from '../../../../shared/domain/session'
import type { SessionView } from '../../../../shared/ipc/contract'
import { countdownFigure } from '../../../../shared/rules/dates'
import { FLAG_TEXT, ROUND_PROMPTS } from '../../../../shared/session/round-prompts'
import { roundView, type RoundFlag } from '../../../../shared/session/rounds'
import type { SessionState } from '../../../../shared/session/types'
import { api, unwrap } from '../../api'
import { RoundAnswerForm } from './RoundAnswerForm'
import { RoundOrderTable } from './RoundOrderTable'
import { useSessionChange } from './useSession'

interface Props {
  session: SessionView
  state: SessionState
  now: number
  settings: SessionSettings
  /** Opens a safety checklist on this screen. */
  onSafety(checklistId: string): void
}

function flagText(flag: RoundFlag): string {
  return flag.kind === 'safety' ? FLAG_TEXT.safety : FLAG_TEXT.craving(flag.rating)
}

/**
 * The current check-in or check-out round on the facilitator's screen: who
 * has the floor and their time left, the calling order, each person's answers
 * and any flag for a private follow-up. Names and answers stay on this screen.
 */
export function RoundPanel({ session, state, now, settings, onSafety }: Props) {
  const segmentId = state.current?.segmentId ?? ''
  const [editing, setEditing] = useState<string | null>(null)
  const round = useSessionChange(session.id, (action: RoundAction) =>
    unwrap(api().sessions.round({ sessionId: session.id, action }))
  )
  const openSafety = useSessionChange(session.id, (participantId: string) =>
    unwrap(
      api().sessions.openSafety({
        sessionId: session.id,
        participantId,
        protocol: 'suicidal_thoughts'
      })
    )
  )
  const view = roundView(session, segmentId, now, settings, state)
  if (!state.current || !isRoundKind(state.current.kind) || !view) return null

  const name = (id: string) =>
    session.people.find((p) => p.participantId === id)?.displayName ?? 'Someone'
  const busy = round.isPending || openSafety.isPending
  const timer = view.timer
  const speaking = timer?.participantId ?? null
  const answering = editing ?? speaking
  const answeringTurn = view.turns.find((t) => t.participantId === answering)
  const prompts = ROUND_PROMPTS[view.kind]
  const order = view.turns.map((t) => t.participantId)
  const move = (index: number, by: number) => {
    const next = [...order]
    const [moved] = next.splice(index, 1)
    next.splice(index + by, 0, moved!)
    round.mutate({ type: 'order', segmentId, order: next })
  }
  const flagged = view.turns.filter((t) => t.flags.length > 0)
  const spoken = view.turns.filter((t) => t.status === 'spoke' || t.status === 'passed').length
  const over = timer !== null && timer.leftMs <= 0

  const save = (participantId: string, answers: RoundAnswers, thenNext: boolean) => {
    round.mutate(
      { type: 'answer', segmentId, participantId, answers },
      {
        onSuccess: () => {
          setEditing(null)
          if (thenNext) round.mutate({ type: view.waiting > 0 ? 'next' : 'finish', segmentId })
        }
      }
    )
  }

  return (
    <Paper withBorder p="md" role="region" aria-label={`${prompts.title} round`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h3">
              {prompts.title} round
            </Title>
            <Text size="sm" c="dimmed">
              {spoken} of {view.turns.length} have had their turn · {view.waiting} waiting
            </Text>
          </Stack>
          {timer ? (
            <Stack gap={0} align="flex-end">
              <Text size="sm">
                <strong>{name(timer.participantId)}</strong> has the floor
              </Text>
              <Text
                fz={44}
                fw={800}
                ff="monospace"
                lh={1.1}
                c={over ? 'red.8' : undefined}
                data-testid="turn-countdown"
              >
                {over ? `+${countdownFigure(timer.leftMs)}` : countdownFigure(timer.leftMs)}
              </Text>
              <Badge
                color={over ? 'red' : 'teal'}
                leftSection={<span aria-hidden>{over ? '■' : '●'}</span>}
              >
                {over ? 'Turn over time' : `Turn of ${countdownFigure(timer.budgetMs)}`}
              </Badge>
            </Stack>
          ) : null}
        </Group>

        {flagged.length > 0 && (
          <Alert color="red" title="Follow up privately (not shown on the projector)">
            <Stack gap={4}>
              {flagged.map((turn) => (
                <Group key={turn.participantId} gap="xs" justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    <span aria-hidden>⚑ </span>
                    <strong>{name(turn.participantId)}</strong>:{' '}
                    {turn.flags.map(flagText).join(' ')}
                  </Text>
                  {turn.flags.some((f) => f.kind === 'safety') && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      disabled={busy}
                      onClick={() =>
                        openSafety.mutate(turn.participantId, {
                          onSuccess: (updated) => {
                            const checklist = updated.safety.find(
                              (c) =>
                                c.participantId === turn.participantId &&
                                c.protocol === 'suicidal_thoughts' &&
                                !c.finishedAt
                            )
                            if (checklist) onSafety(checklist.id)
                          }
                        })
                      }
                    >
                      Safety steps for {name(turn.participantId)}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          </Alert>
        )}

        <Group gap="xs">
          {timer === null ? (
            <Button
              disabled={busy || view.nextUp === null}
              onClick={() => round.mutate({ type: 'next', segmentId })}
            >
              {spoken === 0
                ? `Start the round with ${view.nextUp ? name(view.nextUp) : '…'}`
                : view.nextUp
                  ? `Call ${name(view.nextUp)}`
                  : 'Everyone has had a turn'}
            </Button>
          ) : (
            <>
              <Button
                disabled={busy}
                onClick={() =>
                  round.mutate({ type: view.waiting > 0 ? 'next' : 'finish', segmentId })
                }
              >
                {view.nextUp ? `Next: ${name(view.nextUp)}` : 'End the last turn'}
              </Button>
              <Button
                variant="default"
                disabled={busy}
                onClick={() => round.mutate({ type: 'pass', segmentId })}
              >
                {name(timer.participantId)} passes
              </Button>
            </>
          )}
        </Group>

        {answering && answeringTurn && (
          <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
            <Text fw={600} mb={4}>
              Answers of {name(answering)}
            </Text>
            <RoundAnswerForm
              key={`${answering}-${answeringTurn.answeredAt ?? ''}`}
              kind={view.kind}
              name={name(answering)}
              initial={answeringTurn.answers}
              speaking={answering === speaking}
              nextName={view.nextUp ? name(view.nextUp) : null}
              busy={busy}
              onSave={(answers, thenNext) => save(answering, answers, thenNext)}
            />
          </Paper>
        )}

        <RoundOrderTable
          turns={view.turns}
          name={name}
          busy={busy}
          onMove={move}
          onCall={(participantId) => round.mutate({ type: 'call', segmentId, participantId })}
          onAnswers={setEditing}
        />
        {view.turns.length === 0 && (
          <Text size="sm" c="dimmed">
            Nobody is marked present yet. Mark attendance in the People tab; everyone present joins
            the round.
          </Text>
        )}
      </Stack>
    </Paper>
  )
}
