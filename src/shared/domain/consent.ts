import { z } from 'zod'
import { Id, IsoDate, requiredText, Timestamp } from './common'

/**
 * A participant's written consent to disclose their records (42 CFR § 2.31):
 * who may disclose, to whom, for what purpose, how much and what kind of
 * information, when the participant signed, when it ends, and whether it was
 * revoked. The signed paper form is the consent; this is the program's record
 * of it, checked before any note or summary is printed or saved for someone
 * outside the program.
 */

/** The kinds of record this app can disclose, each printed from its own page. */
export const DISCLOSABLE_RECORDS = ['progress_notes', 'progress_summary'] as const
export const DisclosableRecord = z.enum(DISCLOSABLE_RECORDS, {
  error: 'Choose what may be disclosed: progress notes or a progress summary'
})
export type DisclosableRecord = z.infer<typeof DisclosableRecord>

export const DISCLOSABLE_RECORD_LABELS: Record<DisclosableRecord, string> = {
  progress_notes: 'Group progress notes',
  progress_summary: 'Progress summary (attendance, hours, measures, goals)'
}

/**
 * An event that ends a consent, as the form names it. Discharge is recorded in
 * the app (the participant's page), and ends the consent on the discharge date
 * by itself; another event (the end of probation, a court date) is marked by
 * the clinician, with its date, when it happens.
 */
export const CONSENT_EXPIRY_EVENTS = ['discharge', 'other'] as const
export const ConsentExpiryEventKind = z.enum(CONSENT_EXPIRY_EVENTS, {
  error: 'Choose the event that ends the consent'
})
export type ConsentExpiryEventKind = z.infer<typeof ConsentExpiryEventKind>

export const CONSENT_EXPIRY_EVENT_LABELS: Record<ConsentExpiryEventKind, string> = {
  discharge: 'Discharge (when treatment in this program ends)',
  other: 'Another event named on the form'
}

export const ConsentExpiryEvent = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('discharge') }),
    z.strictObject({
      kind: z.literal('other'),
      description: requiredText('The event that ends the consent', 200)
    })
  ],
  { error: 'Choose the event that ends the consent' }
)
export type ConsentExpiryEvent = z.infer<typeof ConsentExpiryEvent>

/** The event in words, as the consent list and the printed scope say it. */
export function expiryEventText(event: ConsentExpiryEvent): string {
  return event.kind === 'discharge' ? 'discharge from the program' : event.description
}

export const ConsentInput = z
  .strictObject({
    participantId: Id,
    /** Who may disclose: the program, by name. */
    discloser: requiredText('Who may disclose', 200),
    recipient: requiredText('Recipient', 200),
    purpose: requiredText('Purpose', 300),
    information: z
      .array(DisclosableRecord, { error: 'Choose what may be disclosed' })
      .min(1, 'Choose at least one kind of record that may be disclosed')
      .max(DISCLOSABLE_RECORDS.length, 'Each kind of record once only')
      .refine((kinds) => new Set(kinds).size === kinds.length, 'Each kind of record once only'),
    /** How much: the span or extent the participant agreed to, in the form's words. */
    amount: requiredText('How much may be disclosed', 300),
    /** The date the participant signed the paper form. */
    signedOn: IsoDate,
    expiresOn: IsoDate.nullable(),
    /** An event that ends the consent, when there is no date, or besides it (whichever comes first). */
    expiryEvent: ConsentExpiryEvent.nullable()
  })
  .superRefine((value, ctx) => {
    if (value.expiresOn === null && value.expiryEvent === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'Give the date or the event on which the consent ends'
      })
    }
    if (value.expiresOn !== null && value.expiresOn < value.signedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'The consent cannot end before the date it was signed'
      })
    }
  })
export type ConsentInput = z.input<typeof ConsentInput>

/** How a consent stopped before (or at) its expiry: revoked by the participant, or its event came. */
export const ConsentEndReason = z.enum(['revoked', 'expiry_event'], {
  error: 'Say whether the consent was revoked or its expiry event happened'
})
export type ConsentEndReason = z.infer<typeof ConsentEndReason>

export const ConsentEnd = z.object({
  on: IsoDate,
  reason: ConsentEndReason,
  recordedBy: Id,
  recordedAt: Timestamp
})
export type ConsentEnd = z.infer<typeof ConsentEnd>

export const Consent = z.object({
  id: Id,
  participantId: Id,
  discloser: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  information: z.array(DisclosableRecord),
  amount: z.string(),
  signedOn: IsoDate,
  expiresOn: IsoDate.nullable(),
  expiryEvent: z.preprocess(
    // Written before the event was a choice: the form's words, or '' for none.
    (stored) =>
      typeof stored === 'string'
        ? stored.trim()
          ? { kind: 'other', description: stored.trim() }
          : null
        : stored,
    z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('discharge') }),
        z.object({ kind: z.literal('other'), description: z.string() })
      ])
      .nullable()
  ),
  recordedBy: Id,
  recordedAt: Timestamp,
  ended: ConsentEnd.nullable()
})
export type Consent = z.infer<typeof Consent>

/** Recording that a consent ended: revoked on a date, or its expiry event happened. */
export const ConsentEndInput = z.strictObject({
  consentId: Id,
  on: IsoDate,
  reason: ConsentEndReason
})
export type ConsentEndInput = z.infer<typeof ConsentEndInput>
