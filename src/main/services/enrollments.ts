import type {
  Enrollment,
  EndEnrollmentInput,
  EnrollmentInput
} from '../../shared/domain/enrollment'
import { endEnrollmentProblem, enrollmentProblem } from '../../shared/rules/roster'
import { RuleError } from '../../shared/result'
import type { BulkEnrolInput, BulkEnrolResult } from '../../shared/domain/bulk-enrol'
import type { Participant } from '../../shared/domain/participant'
import { sameClientId } from '../../shared/rules/names'
import { isoNow, type ServiceContext } from './context'

export async function enrol(ctx: ServiceContext, input: EnrollmentInput): Promise<Enrollment> {
  return ctx.registry.update((registry) => {
    const group = registry.groups.find((g) => g.id === input.groupId)
    if (!group) throw new RuleError('not_found', 'That group was not found.')
    const participant = registry.participants.find((p) => p.id === input.participantId)
    if (!participant) throw new RuleError('not_found', 'That participant was not found.')
    const problem = enrollmentProblem(group, participant, input.joinDate, registry.enrollments)
    if (problem) throw new RuleError('conflict', problem)
    const enrollment: Enrollment = {
      id: ctx.newId(),
      groupId: group.id,
      participantId: participant.id,
      joinDate: input.joinDate,
      exitDate: null,
      createdAt: isoNow(ctx)
    }
    registry.enrollments.push(enrollment)
    return enrollment
  })
}

export async function endEnrollment(
  ctx: ServiceContext,
  input: EndEnrollmentInput
): Promise<Enrollment> {
  return ctx.registry.update((registry) => {
    const enrollment = registry.enrollments.find((e) => e.id === input.enrollmentId)
    if (!enrollment) throw new RuleError('not_found', 'That enrolment was not found.')
    const problem = endEnrollmentProblem(enrollment, input.exitDate)
    if (problem) throw new RuleError('conflict', problem)
    enrollment.exitDate = input.exitDate
    return enrollment
  })
}

/**
 * Adds and enrols a previewed list of people in one change to the records.
 * Each person is checked again against the records as they are now (someone
 * may have added a client ID since the preview): a person the rules refuse is
 * skipped with the reason, and everyone else is enrolled.
 */
export async function enrolList(
  ctx: ServiceContext,
  input: BulkEnrolInput
): Promise<BulkEnrolResult> {
  return ctx.registry.update((registry) => {
    const group = registry.groups.find((g) => g.id === input.groupId)
    if (!group) throw new RuleError('not_found', 'That group was not found.')
    const result: BulkEnrolResult = { enrolled: [], skipped: [] }
    const at = isoNow(ctx)
    for (const person of input.people) {
      const { line, ...fields } = person
      const skip = (message: string) =>
        result.skipped.push({ line, clientId: fields.clientId, message })
      if (registry.participants.some((p) => sameClientId(p.clientId, fields.clientId))) {
        skip(`Client ID ${fields.clientId} is already used by another participant.`)
        continue
      }
      if (fields.dateOfBirth > fields.admissionDate) {
        skip('The date of birth is after the admission date.')
        continue
      }
      const participant: Participant = {
        id: ctx.newId(),
        ...fields,
        nicknames: [],
        status: 'active',
        discharge: null,
        goals: [],
        createdAt: at,
        updatedAt: at
      }
      const problem = enrollmentProblem(group, participant, input.joinDate, registry.enrollments)
      if (problem) {
        skip(problem)
        continue
      }
      registry.participants.push(participant)
      registry.enrollments.push({
        id: ctx.newId(),
        groupId: group.id,
        participantId: participant.id,
        joinDate: input.joinDate,
        exitDate: null,
        createdAt: at
      })
      result.enrolled.push({ line, participantId: participant.id, clientId: participant.clientId })
    }
    return result
  })
}
