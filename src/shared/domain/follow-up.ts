import { z } from 'zod'
import { Id, IsoDate, Timestamp } from './common'
import { RiskLevel, SafetyProtocolKind } from './protocol'

/**
 * Something a person needs after a crisis in group: an owner, a due date, and
 * what was done once it is closed. Kept in the registry so Home lists every
 * open one without opening a session file; the clinical detail stays in the
 * session's protocol record.
 */
export const FollowUp = z.object({
  id: Id,
  participantId: Id,
  /** The session and protocol that raised it. */
  sessionId: Id.nullable(),
  checklistId: Id.nullable(),
  protocol: SafetyProtocolKind.nullable(),
  riskLevel: RiskLevel,
  ownerId: Id,
  dueOn: IsoDate,
  createdAt: Timestamp,
  createdById: Id,
  status: z.enum(['open', 'closed']),
  closedAt: Timestamp.nullable(),
  closedById: Id.nullable(),
  /** What was done, written by whoever closed it. */
  outcome: z.string()
})
export type FollowUp = z.infer<typeof FollowUp>

export const CloseFollowUpInput = z.strictObject({
  followUpId: Id,
  outcome: z.string().trim().min(1, 'Say what was done').max(500, 'At most 500 characters')
})

/** A follow-up as a list shows it: who, whose, and whether it is late. */
export const FollowUpView = FollowUp.extend({
  displayName: z.string(),
  clientId: z.string(),
  ownerName: z.string(),
  closedByName: z.string().nullable(),
  sessionDate: IsoDate.nullable(),
  overdue: z.boolean()
})
export type FollowUpView = z.infer<typeof FollowUpView>
