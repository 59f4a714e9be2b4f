import type {
  AttendanceInput,
  ObservationTag,
  SafetyProtocolKind,
  SessionAction,
  SessionRecord
} from '../../shared/domain/session'
import { RuleError } from '../../shared/result'
import { eventsForAction } from '../../shared/session/actions'
import { protocolForTag, SAFETY_PROTOCOLS } from '../../shared/session/safety'
import { sessionState } from '../../shared/session/state'
import { timeInProblem } from '../../shared/session/time-in'
import { isoNow, type ServiceContext } from './context'
import { openSession, syncIndex, unmarked, view, type SessionView } from './sessions'

/** Pause, next segment, +1 minute, show a slide…: checked, then appended to the log as it happens. */
export async function actOnSession(
  ctx: ServiceContext,
  input: { sessionId: string; action: SessionAction }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  if (document.data.cancellation) {
    throw new RuleError('conflict', 'This session was cancelled; plan a make-up session instead.')
  }
  const settings = ctx.registry.data.sessionSettings
  const result = eventsForAction(document.data, input.action, ctx.now(), settings)
  if (!result.ok) throw new RuleError(result.error.code, result.error.message)
  if (result.value.length > 0) {
    await document.update((draft) => {
      draft.events.push(...result.value)
      draft.updatedAt = isoNow(ctx)
      draft.lastSeenAt = isoNow(ctx)
    })
    await syncIndex(ctx, document.data)
  }
  return view(ctx, document.data)
}

export async function recordAttendance(
  ctx: ServiceContext,
  input: AttendanceInput
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  const now = ctx.now()
  const nowIso = new Date(now).toISOString()
  const soon = now + 60_000
  for (const time of [input.timeIn, input.timeOut]) {
    if (time && Date.parse(time) > soon) {
      throw new RuleError(
        'invalid_input',
        'Arrival and leaving times cannot be later than now. Record someone leaving when they leave.'
      )
    }
  }
  if (input.status === 'present')
    checkTimeIn(ctx, document.data, Date.parse(input.timeIn ?? nowIso))
  await document.update((draft) => {
    const record = draft.attendance.find((a) => a.participantId === input.participantId)
    if (!record) {
      throw new RuleError(
        'not_found',
        'That person is not on this session’s list. Add them as a walk-in first.'
      )
    }
    const present = input.status === 'present'
    record.status = input.status
    record.timeIn = present ? (input.timeIn ?? nowIso) : null
    record.timeOut = present ? input.timeOut : null
    if (record.timeIn && record.timeOut && record.timeOut < record.timeIn) {
      throw new RuleError('invalid_input', 'Time out must be after time in.')
    }
    record.updatedAt = nowIso
    draft.updatedAt = nowIso
  })
  // A correction after the end changes who covered the session's modules.
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}

export async function addWalkIn(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string }
): Promise<SessionView> {
  const person = ctx.registry.data.participants.find((p) => p.id === input.participantId)
  if (!person) throw new RuleError('not_found', 'That participant was not found.')
  if (person.status !== 'active') {
    throw new RuleError('conflict', 'That person has been discharged; readmit them first.')
  }
  const document = await openSession(ctx, input.sessionId)
  checkTimeIn(ctx, document.data, ctx.now())
  await document.update((draft) => {
    if (draft.attendance.some((a) => a.participantId === person.id)) {
      throw new RuleError('conflict', 'That person is already on this session’s list.')
    }
    const at = isoNow(ctx)
    draft.attendance.push({ ...unmarked(person.id, at, true), status: 'present', timeIn: at })
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}

export async function observe(
  ctx: ServiceContext,
  input: {
    sessionId: string
    participantId: string
    tag: ObservationTag | null
    text: string
    /** For a safety concern: the protocol the facilitator chose. */
    protocol?: SafetyProtocolKind | null | undefined
  }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  const actorId = ctx.actor?.id
  if (!actorId) throw new RuleError('not_signed_in', 'Sign in to do that.')
  await document.update((draft) => {
    requireOnList(draft, input.participantId)
    const at = isoNow(ctx)
    draft.observations.push({
      id: ctx.newId(),
      participantId: input.participantId,
      at,
      tag: input.tag,
      text: input.text,
      byStaffId: actorId
    })
    const protocol = protocolForTag(input.tag, input.protocol ?? null)
    if (protocol) openChecklist(ctx, draft, input.participantId, protocol)
    draft.updatedAt = at
  })
  return view(ctx, document.data)
}

export async function openSafety(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string; protocol: SafetyProtocolKind }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  await document.update((draft) => {
    requireOnList(draft, input.participantId)
    openChecklist(ctx, draft, input.participantId, input.protocol)
    draft.updatedAt = isoNow(ctx)
  })
  return view(ctx, document.data)
}

export async function tickSafetyStep(
  ctx: ServiceContext,
  input: { sessionId: string; checklistId: string; stepId: string; done: boolean }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  await document.update((draft) => {
    const checklist = draft.safety.find((c) => c.id === input.checklistId)
    if (!checklist) throw new RuleError('not_found', 'That safety checklist was not found.')
    if (checklist.finishedAt) throw finishedError()
    const steps = SAFETY_PROTOCOLS[checklist.protocol].steps
    if (!steps.some((s) => s.id === input.stepId)) {
      throw new RuleError('invalid_input', 'That step is not on this checklist.')
    }
    if (input.done) checklist.done[input.stepId] = isoNow(ctx)
    else delete checklist.done[input.stepId]
    draft.updatedAt = isoNow(ctx)
  })
  return view(ctx, document.data)
}

function openChecklist(
  ctx: ServiceContext,
  draft: SessionRecord,
  participantId: string,
  protocol: SafetyProtocolKind
): void {
  // The same crisis for the same person is one record until it is finished.
  const existing = draft.safety.find(
    (c) => c.participantId === participantId && c.protocol === protocol && c.finishedAt === null
  )
  if (existing) {
    existing.needsFollowUp = true
    return
  }
  draft.safety.push({
    id: ctx.newId(),
    participantId,
    protocol,
    openedAt: isoNow(ctx),
    done: {},
    needsFollowUp: true,
    riskLevel: null,
    record: '',
    finishedAt: null,
    followUpId: null
  })
}

export function finishedError(): RuleError {
  return new RuleError(
    'conflict',
    'This protocol is finished; its follow-up is on the home screen. Start it again for a new event.'
  )
}

export function requireOnList(record: SessionRecord, participantId: string): void {
  if (!record.attendance.some((a) => a.participantId === participantId)) {
    throw new RuleError('not_found', 'That person is not on this session’s list.')
  }
}

/** Refuses a time in that is not on the session's day, on the clinic's calendar. */
export function checkTimeIn(ctx: ServiceContext, record: SessionRecord, timeInMs: number): void {
  const problem = timeInProblem(timeInMs, record, ctx.registry.data.clinic?.timeZone ?? 'UTC')
  if (problem) throw new RuleError('invalid_input', problem)
}

export function isLive(record: SessionRecord, now: number): boolean {
  const status = sessionState(record, now, { wrapUpMinutes: 5 }).status
  return status === 'running' || status === 'paused'
}
