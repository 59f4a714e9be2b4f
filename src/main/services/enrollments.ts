import type {
  Enrollment,
  EndEnrollmentInput,
  EnrollmentInput
} from '../../shared/domain/enrollment'
import { endEnrollmentProblem, enrollmentProblem } from '../../shared/rules/roster'
import { RuleError } from '../../shared/result'
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
