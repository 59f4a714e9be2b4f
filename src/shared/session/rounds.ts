import type { AttendanceRecord, SessionEvent } from '../domain/session'
import { isRoundKind, type RoundAnswers, type RoundKind } from '../domain/rounds'
import { roundSentence } from './round-prompts'
import { parseTime } from './clock'
import { sessionState } from './state'
import type { SessionLog, SessionState } from './types'

/**
 * Check-in and check-out rounds, as pure functions of the session's log and
 * the time. Each person present is called in turn; a turn's share of the time
 * is what the round has left when it begins, cut by the people still to
 * speak, so the round fits its slot whoever runs long or passes. Nothing is
 * counted in ticks: a turn's time used is the round segment's running time
 * since the turn began, read from the same log as every other timer.
 */

/** What the round functions read: the log and who is on the session's list. */
export interface RoundLog extends SessionLog {
  attendance: ReadonlyArray<Pick<AttendanceRecord, 'participantId' | 'status' | 'timeOut'>>
}

export interface TurnTimer {
  segmentId: string
  participantId: string
  /** People still to speak when the turn began, this one included. */
  peopleLeft: number
  /** The turn's share of the round, plus any minutes added to the round during it. */
  budgetMs: number
  /** Running time since the turn began (pauses excluded). */
  usedMs: number
  /** budgetMs − usedMs; negative when the turn runs over. */
  leftMs: number
}

export type TurnStatus = 'waiting' | 'speaking' | 'spoke' | 'passed'

export type RoundFlag = { kind: 'craving'; rating: number } | { kind: 'safety' }

export interface RoundTurn {
  participantId: string
  status: TurnStatus
  /** Still in the room (present, not left): can be called. */
  present: boolean
  answers: RoundAnswers | null
  answeredAt: string | null
  flags: RoundFlag[]
}

export interface RoundView {
  segmentId: string
  kind: RoundKind
  /** Everyone in the round in calling order: those present, then any who spoke and have left. */
  turns: RoundTurn[]
  timer: TurnTimer | null
  /** Who is called next, or null when everyone present has had a turn. */
  nextUp: string | null
  /** People present who have not had a turn yet (not counting the one speaking). */
  waiting: number
}

export interface RoundSettings {
  /** A craving rating at or above this is flagged. */
  cravingFlagAt: number
}

/** The round functions read budgets and time used, never the wrap-up phase: any value serves. */
export const TIMING = { wrapUpMinutes: 5 }

/** The open turn: the last one begun and not yet ended, in the current segment. */
function openTurn(events: ReadonlyArray<SessionEvent>): number | null {
  let open: number | null = null
  events.forEach((event, i) => {
    if (event.type === 'turn_started') open = i
    else if (
      event.type === 'turn_ended' ||
      event.type === 'segment_changed' ||
      event.type === 'ended'
    ) {
      open = null
    }
  })
  return open
}

/**
 * The current turn's timer, or null when nobody has the floor. `state` is the
 * session's state at `now`, when the caller has it already.
 */
export function turnTimer(log: SessionLog, now: number, state?: SessionState): TurnTimer | null {
  const index = openTurn(log.events)
  if (index === null) return null
  const event = log.events[index]!
  if (event.type !== 'turn_started') return null
  const at = sessionState(
    { segments: log.segments, events: log.events.slice(0, index + 1) },
    parseTime(event.at),
    TIMING
  )
  const nowState = state ?? sessionState(log, now, TIMING)
  const then = at.segments.find((s) => s.segmentId === event.segmentId)
  const current = nowState.current
  if (!then || !current || current.segmentId !== event.segmentId) return null
  const shareMs = Math.max(0, then.remainingMs) / event.peopleLeft
  const budgetMs = shareMs + (current.budgetMs - then.budgetMs)
  const usedMs = current.actualMs - then.actualMs
  return {
    segmentId: event.segmentId,
    participantId: event.participantId,
    peopleLeft: event.peopleLeft,
    budgetMs,
    usedMs,
    leftMs: budgetMs - usedMs
  }
}

export function roundFlags(answers: RoundAnswers | null, settings: RoundSettings): RoundFlag[] {
  if (!answers) return []
  const flags: RoundFlag[] = []
  if (answers.safetyConcern === true) flags.push({ kind: 'safety' })
  if (answers.craving !== null && answers.craving >= settings.cravingFlagAt) {
    flags.push({ kind: 'craving', rating: answers.craving })
  }
  return flags
}

interface Tally {
  status: TurnStatus
  answers: RoundAnswers | null
  answeredAt: string | null
}

/** Each person's turn and latest answers in one round segment, and the order last set. */
function tallyRound(events: ReadonlyArray<SessionEvent>, segmentId: string) {
  const tallies = new Map<string, Tally>()
  const tally = (id: string) => {
    let t = tallies.get(id)
    if (!t) tallies.set(id, (t = { status: 'waiting', answers: null, answeredAt: null }))
    return t
  }
  let order: string[] = []
  let speaking: string | null = null
  const close = (passed: boolean) => {
    if (speaking !== null) tally(speaking).status = passed ? 'passed' : 'spoke'
    speaking = null
  }
  for (const event of events) {
    switch (event.type) {
      case 'round_order':
        if (event.segmentId === segmentId) order = [...event.order]
        break
      case 'turn_started':
        close(false)
        if (event.segmentId === segmentId) {
          speaking = event.participantId
          tally(speaking).status = 'speaking'
        }
        break
      case 'turn_ended':
        if (event.segmentId === segmentId && speaking === event.participantId) close(event.passed)
        break
      case 'segment_changed':
      case 'ended':
        close(false)
        break
      case 'round_answered':
        if (event.segmentId === segmentId) {
          const t = tally(event.participantId)
          t.answers = event.answers
          t.answeredAt = event.at
        }
        break
    }
  }
  return { tallies, order, speaking }
}

function isHere(record: RoundLog['attendance'][number]): boolean {
  return record.status === 'present' && record.timeOut === null
}

/** A round as the facilitator's screen shows it: who speaks when, their answers and flags. */
export function roundView(
  session: RoundLog,
  segmentId: string,
  now: number,
  settings: RoundSettings,
  state?: SessionState
): RoundView | null {
  const segment = session.segments.find((s) => s.id === segmentId)
  if (!segment || !isRoundKind(segment.kind)) return null
  const { tallies, order } = tallyRound(session.events, segmentId)
  const here = session.attendance.filter(isHere).map((a) => a.participantId)
  const hereSet = new Set(here)
  // The order set by the facilitator, then anyone present it does not name, then anyone who spoke and left.
  const ids = [...new Set([...order.filter((id) => hereSet.has(id)), ...here, ...tallies.keys()])]
  const onList = new Set(session.attendance.map((a) => a.participantId))
  const turns = ids
    .filter((id) => onList.has(id) && (hereSet.has(id) || tallies.has(id)))
    .map((participantId): RoundTurn => {
      const t = tallies.get(participantId)
      return {
        participantId,
        status: t?.status ?? 'waiting',
        present: hereSet.has(participantId),
        answers: t?.answers ?? null,
        answeredAt: t?.answeredAt ?? null,
        flags: roundFlags(t?.answers ?? null, settings)
      }
    })
  const waiting = turns.filter((t) => t.present && t.status === 'waiting')
  const timer = turnTimer(session, now, state)
  return {
    segmentId,
    kind: segment.kind,
    turns,
    timer: timer?.segmentId === segmentId ? timer : null,
    nextUp: waiting[0]?.participantId ?? null,
    waiting: waiting.length
  }
}

/** One person's part in one round, for their note. */
export interface ParticipantRound {
  segmentId: string
  kind: RoundKind
  title: string
  /** They had the floor (spoke or passed). */
  tookTurn: boolean
  passed: boolean
  answers: RoundAnswers | null
  answeredAt: string | null
  /** Their turn as one plain sentence, ready for the note. */
  sentence: string
}

/**
 * Everything a person answered in the session's rounds, in agenda order: what
 * note pre-fill reads. A round they had no part in is left out.
 */
export function roundAnswersFor(session: SessionLog, participantId: string): ParticipantRound[] {
  return session.segments.flatMap((segment): ParticipantRound[] => {
    const kind = segment.kind
    if (!isRoundKind(kind)) return []
    const tally = tallyRound(session.events, segment.id).tallies.get(participantId)
    if (!tally) return []
    const passed = tally.status === 'passed'
    const tookTurn = tally.status !== 'waiting'
    return [
      {
        segmentId: segment.id,
        kind,
        title: segment.title,
        tookTurn,
        passed,
        answers: tally.answers,
        answeredAt: tally.answeredAt,
        sentence: roundSentence(kind, { passed, answers: tally.answers })
      }
    ]
  })
}

/**
 * The log as the projector may see it: answers and the calling order removed,
 * and no turn says whose it is. Turn times stay, so the room sees the time left.
 */
export function audienceEvents(events: ReadonlyArray<SessionEvent>): SessionEvent[] {
  return events.flatMap((event): SessionEvent[] => {
    if (event.type === 'round_answered' || event.type === 'round_order') return []
    if (event.type === 'turn_started' || event.type === 'turn_ended') {
      return [{ ...event, participantId: HIDDEN }]
    }
    return [event]
  })
}

/** What a turn on the projector says of whose it is. */
export const HIDDEN = 'hidden'
