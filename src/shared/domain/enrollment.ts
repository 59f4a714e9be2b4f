import { z } from 'zod'
import { Id, IsoDate, Timestamp } from './common'

export const EnrollmentInput = z.strictObject({
  groupId: Id,
  participantId: Id,
  joinDate: IsoDate
})
export type EnrollmentInput = z.input<typeof EnrollmentInput>

export const EndEnrollmentInput = z.strictObject({
  enrollmentId: Id,
  exitDate: IsoDate
})
export type EndEnrollmentInput = z.input<typeof EndEnrollmentInput>

export const Enrollment = z.object({
  id: Id,
  groupId: Id,
  participantId: Id,
  joinDate: IsoDate,
  exitDate: IsoDate.nullable(),
  createdAt: Timestamp
})
export type Enrollment = z.infer<typeof Enrollment>
