import type { SessionEvent } from '../domain/session'
import type { RoundAction } from '../domain/rounds'
import { fail, ok, type Result } from '../result'
import { roundView, TIMING, type RoundLog } from './rounds'
import { sessionState } from './state'

/**
 * Checks a round action against the session as it stands and answers the
 * events to append, or why it cannot be done. `now` is the one clock.
 */
export function eventsForRoundAction(
  session: RoundLog,
  action: RoundAction,
  now: number
): Result<SessionEvent[]> {
  const at = new Date(now).toISOString()
  const state = sessionState(session, now, TIMING)
  if (state.status === 'planned') return refuse('The session has not started yet. Start it first.')
  if (state.status === 'ended') return refuse('The session has ended; it can no longer be changed.')
  const segment = state.segments.find((s) => s.segmentId === action.segmentId)
  const round = roundView(session, action.segmentId, now, { cravingFlagAt: 11 }, state)
  if (!segment || !round) return refuse('That segment is not a check-in or check-out round.')

  if (action.type === 'answer') {
    if (!session.attendance.some((a) => a.participantId === action.participantId)) {
      return refuse('That person is not on this session’s list.')
    }
    if (!segment.visited && segment.status !== 'current') {
      return refuse('That round has not begun yet.')
    }
    return ok([
      {
        type: 'round_answered',
        at,
        segmentId: action.segmentId,
        participantId: action.participantId,
        answers: action.answers
      }
    ])
  }
  if (action.type === 'order') {
    const onList = new Set(session.attendance.map((a) => a.participantId))
    if (new Set(action.order).size !== action.order.length) {
      return refuse('Each person appears once in the order.')
    }
    if (!action.order.every((id) => onList.has(id))) {
      return refuse('Everyone in the order must be on this session’s list.')
    }
    return ok([{ type: 'round_order', at, segmentId: action.segmentId, order: [...action.order] }])
  }

  if (segment.status !== 'current') {
    return refuse('Move to this round first: it is not the current segment.')
  }
  const speaking = round.timer?.participantId ?? null
  const endTurn = (passed: boolean): SessionEvent[] =>
    speaking === null
      ? []
      : [{ type: 'turn_ended', at, segmentId: action.segmentId, participantId: speaking, passed }]
  const call = (participantId: string): SessionEvent => {
    const others = round.turns.filter(
      (t) => t.present && t.status === 'waiting' && t.participantId !== participantId
    )
    return {
      type: 'turn_started',
      at,
      segmentId: action.segmentId,
      participantId,
      peopleLeft: others.length + 1
    }
  }

  switch (action.type) {
    case 'call': {
      const turn = round.turns.find((t) => t.participantId === action.participantId)
      if (!turn?.present) return refuse('Only someone marked present can take a turn.')
      if (speaking === action.participantId) return refuse('It is already their turn.')
      return ok([...endTurn(false), call(action.participantId)])
    }
    case 'next':
    case 'pass': {
      if (action.type === 'pass' && speaking === null) {
        return refuse('Nobody has the floor just now, so nobody can pass.')
      }
      if (speaking === null && round.nextUp === null) {
        return refuse('Everyone present has had a turn.')
      }
      return ok([
        ...endTurn(action.type === 'pass'),
        ...(round.nextUp === null ? [] : [call(round.nextUp)])
      ])
    }
    case 'finish':
      if (speaking === null) return refuse('Nobody has the floor just now.')
      return ok(endTurn(false))
  }
}

function refuse(message: string): Result<never> {
  return fail('conflict', message)
}
