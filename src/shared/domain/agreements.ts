import { z } from 'zod'
import { Id, requiredText, Timestamp } from './common'

/**
 * The group agreements: what everyone in the room agrees to, read at the
 * opening of every session. Versioned: a changed text is a new version, read
 * again and acknowledged again by everyone at their next session. The
 * shipped wording is in `src/shared/session/agreements-default.ts`.
 */

export const MAX_AGREEMENT_ITEMS = 20

export const AgreementItem = z.strictObject({
  heading: requiredText('Heading', 80),
  text: requiredText('Agreement', 600)
})
export type AgreementItem = z.infer<typeof AgreementItem>

export const AgreementsInput = z.strictObject({
  items: z
    .array(AgreementItem, { error: 'The agreements are a list' })
    .min(1, 'Keep at least one agreement')
    .max(MAX_AGREEMENT_ITEMS, `${MAX_AGREEMENT_ITEMS} agreements at most`)
})
export type AgreementsInput = z.input<typeof AgreementsInput>

export const GroupAgreements = z.object({
  /** 1 is the wording shipped with the app; each save adds one. */
  version: z.number().int().min(1),
  items: z.array(AgreementItem),
  /** Null for the shipped wording. */
  savedAt: Timestamp.nullable(),
  savedById: Id.nullable()
})
export type GroupAgreements = z.infer<typeof GroupAgreements>

/** A participant said they understood and agree to a version, at a session. */
export const AgreementAcknowledgement = z.object({
  participantId: Id,
  version: z.number().int().min(1),
  at: Timestamp,
  sessionId: Id,
  /** The staff member who recorded it. */
  recordedById: Id
})
export type AgreementAcknowledgement = z.infer<typeof AgreementAcknowledgement>

/** Where each person on a session's list stands with the current agreements. */
export const AgreementStanding = z.object({
  participantId: Id,
  /** The version they last acknowledged, or null if never (their first time). */
  acknowledgedVersion: z.number().int().nullable(),
  acknowledgedAt: Timestamp.nullable(),
  /** They have not acknowledged the current version yet. */
  needed: z.boolean()
})
export type AgreementStanding = z.infer<typeof AgreementStanding>

export const SessionAgreements = z.object({
  agreements: GroupAgreements,
  people: z.array(AgreementStanding)
})
export type SessionAgreements = z.infer<typeof SessionAgreements>
