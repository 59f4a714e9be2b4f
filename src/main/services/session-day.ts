import type { CancelReason } from '../../shared/domain/session'
import type { Enrollment } from '../../shared/domain/enrollment'
import type { Participant } from '../../shared/domain/participant'
import type { ParsedInputOf } from '../../shared/ipc/contract'
import { enrollmentProblem } from '../../shared/rules/roster'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'
import { checkParticipant } from './participants'
import { openSession, syncIndex, unmarked, view, type SessionView } from './sessions'
import { checkTimeIn } from './session-activity'

/**
 * How sessions really go: cancelled for the weather, a newcomer walking in,
 * everyone leaving together at the end.
 */

/** Only a session that has not started can be cancelled; a make-up is planned as a new one. */
export async function cancelSession(
  ctx: ServiceContext,
  input: { sessionId: string; reason: CancelReason; detail: string }
): Promise<SessionView> {
  const actorId = ctx.actor?.id
  if (!actorId) throw new RuleError('not_signed_in', 'Sign in to do that.')
  if (input.reason === 'other' && input.detail.trim() === '') {
    throw new RuleError('invalid_input', 'Say in a few words why the session is cancelled.')
  }
  const document = await openSession(ctx, input.sessionId)
  await document.update((draft) => {
    if (draft.cancellation) throw new RuleError('conflict', 'This session is already cancelled.')
    if (draft.events.some((e) => e.type === 'started')) {
      throw new RuleError(
        'conflict',
        'This session has started, so it cannot be cancelled; end it early instead.'
      )
    }
    const at = isoNow(ctx)
    draft.cancellation = { at, byStaffId: actorId, reason: input.reason, detail: input.detail }
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}

/**
 * A person not yet registered walks in: they are registered, enrolled in the
 * group from the session's date, and marked present, all at once, so a full
 * group or a repeated client ID changes nothing.
 */
export async function registerWalkIn(
  ctx: ServiceContext,
  input: { sessionId: string; participant: ParsedInputOf<'participants.create'> }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  const record = document.data
  if (record.cancellation) throw new RuleError('conflict', 'This session was cancelled.')
  if (input.participant.status !== 'active') {
    throw new RuleError('invalid_input', 'A walk-in joins as an active participant.')
  }
  // Checked before anything is registered: a refused arrival leaves no participant behind.
  checkTimeIn(ctx, record, ctx.now())
  const at = isoNow(ctx)
  const person = await ctx.registry.update((registry) => {
    checkParticipant(registry, input.participant, null)
    const group = registry.groups.find((g) => g.id === record.groupId)
    if (!group) throw new RuleError('not_found', 'That group was not found.')
    const participant: Participant = {
      id: ctx.newId(),
      ...input.participant,
      createdAt: at,
      updatedAt: at
    }
    const problem = enrollmentProblem(group, participant, record.date, registry.enrollments)
    if (problem) throw new RuleError('conflict', problem)
    const enrollment: Enrollment = {
      id: ctx.newId(),
      groupId: group.id,
      participantId: participant.id,
      joinDate: record.date,
      exitDate: null,
      createdAt: at
    }
    registry.participants.push(participant)
    registry.enrollments.push(enrollment)
    return participant
  })
  await document.update((draft) => {
    draft.attendance.push({ ...unmarked(person.id, at, true), status: 'present', timeIn: at })
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}

/** Everyone present and still in the room leaves at the same time: now. */
export async function everyoneOut(
  ctx: ServiceContext,
  input: { sessionId: string }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  if (!document.data.events.some((e) => e.type === 'started')) {
    throw new RuleError('conflict', 'The session has not started yet.')
  }
  const still = document.data.attendance.filter((a) => a.status === 'present' && !a.timeOut)
  if (still.length === 0) throw new RuleError('conflict', 'No one present is still in the room.')
  await document.update((draft) => {
    const at = isoNow(ctx)
    for (const a of draft.attendance) {
      if (a.status !== 'present' || a.timeOut) continue
      a.timeOut = a.timeIn && a.timeIn > at ? a.timeIn : at
      a.updatedAt = at
    }
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}
