import type {
  Consent,
  ConsentEndInput,
  ConsentExpiryEvent,
  ConsentInput,
  DisclosableRecord
} from '../../shared/domain/consent'
import type { Registry } from '../store/registry'
import { disclosureConsent } from '../../shared/consent/validity'
import { clinicDate } from '../../shared/rules/dates'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'

/**
 * Participants' written consents to disclose (42 CFR § 2.31): recorded from
 * the signed paper form, listed on the participant's page, ended by a
 * revocation or by their expiry event, and checked before anything is printed
 * or saved for a recipient outside the program.
 */

function today(ctx: ServiceContext): string {
  return clinicDate(ctx.now(), ctx.registry.data.clinic?.timeZone ?? 'UTC')
}

function participantOrThrow(ctx: ServiceContext, participantId: string) {
  const person = ctx.registry.data.participants.find((p) => p.id === participantId)
  if (!person) throw new RuleError('not_found', 'That participant was not found.')
  return person
}

function actorId(ctx: ServiceContext): string {
  if (!ctx.actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  return ctx.actor.id
}

/** One participant's consents, newest signature first. */
export function listConsents(ctx: ServiceContext, participantId: string): Consent[] {
  participantOrThrow(ctx, participantId)
  return ctx.registry.data.consents
    .filter((c) => c.participantId === participantId)
    .sort(
      (a, b) => b.signedOn.localeCompare(a.signedOn) || b.recordedAt.localeCompare(a.recordedAt)
    )
}

/** Records a consent the participant signed on paper; a signature date in the future is refused. */
export async function addConsent(
  ctx: ServiceContext,
  input: ConsentInput & { expiryEvent: ConsentExpiryEvent | null }
): Promise<Consent> {
  const person = participantOrThrow(ctx, input.participantId)
  const by = actorId(ctx)
  if (input.signedOn > today(ctx)) {
    throw new RuleError(
      'invalid_input',
      'The signature date cannot be in the future: record the consent once it is signed.'
    )
  }
  if (input.expiryEvent?.kind === 'discharge' && person.discharge) {
    throw new RuleError(
      'conflict',
      `This participant was discharged on ${person.discharge.date}, so a consent that ends at discharge would already have ended. Record the date the form gives instead.`
    )
  }
  const consent: Consent = {
    id: ctx.newId(),
    participantId: input.participantId,
    discloser: input.discloser,
    recipient: input.recipient,
    purpose: input.purpose,
    information: [...input.information],
    amount: input.amount,
    signedOn: input.signedOn,
    expiresOn: input.expiresOn,
    expiryEvent: input.expiryEvent,
    recordedBy: by,
    recordedAt: isoNow(ctx),
    ended: null
  }
  await ctx.registry.update((draft) => {
    draft.consents.push(consent)
  })
  return consent
}

/** Records that a consent ended: the participant revoked it, or its expiry event happened. */
export async function endConsent(ctx: ServiceContext, input: ConsentEndInput): Promise<Consent> {
  const by = actorId(ctx)
  if (input.on > today(ctx)) {
    throw new RuleError('invalid_input', 'The date a consent ended cannot be in the future.')
  }
  return ctx.registry.update((draft) => {
    const consent = draft.consents.find((c) => c.id === input.consentId)
    if (!consent) throw new RuleError('not_found', 'That consent was not found.')
    if (consent.ended) {
      throw new RuleError('conflict', `This consent already ended on ${consent.ended.on}.`)
    }
    if (input.reason === 'expiry_event' && consent.expiryEvent?.kind !== 'other') {
      throw new RuleError(
        'conflict',
        consent.expiryEvent?.kind === 'discharge'
          ? "This consent ends at discharge: record the discharge on the participant's page and the consent ends with it."
          : 'This consent has no expiry event: it ends on its date, or when it is revoked.'
      )
    }
    if (input.on < consent.signedOn) {
      throw new RuleError('invalid_input', 'A consent cannot end before the date it was signed.')
    }
    consent.ended = { on: input.on, reason: input.reason, recordedBy: by, recordedAt: isoNow(ctx) }
    return { ...consent }
  })
}

/**
 * The consent under which a record goes to a recipient today, or a refusal in
 * plain words; with no consent chosen (null) the print is for the chart and
 * nothing is checked.
 */
export function consentForDisclosure(
  ctx: ServiceContext,
  input: { consentId: string | null | undefined; participantId: string; record: DisclosableRecord }
): Consent | null {
  if (input.consentId === null || input.consentId === undefined) return null
  const checked = disclosureConsent(ctx.registry.data.consents, {
    consentId: input.consentId,
    participantId: input.participantId,
    record: input.record,
    today: today(ctx)
  })
  if (!checked.ok) throw new RuleError(checked.error.code, checked.error.message)
  return checked.value
}

/**
 * A discharge is the event that ends every consent of the participant's that
 * ends at discharge, on the discharge date, when the discharge is recorded.
 * Kept on the consent, so a readmission later does not bring it back.
 */
export function endConsentsAtDischarge(
  registry: Registry,
  participantId: string,
  dischargedOn: string,
  by: { staffId: string; at: string }
): void {
  for (const consent of registry.consents) {
    if (consent.participantId !== participantId || consent.ended) continue
    if (consent.expiryEvent?.kind !== 'discharge' || dischargedOn < consent.signedOn) continue
    consent.ended = {
      on: dischargedOn,
      reason: 'expiry_event',
      recordedBy: by.staffId,
      recordedAt: by.at
    }
  }
}

/** Whether the participant has any written consent on file, current or not. */
export function hasConsentOnFile(ctx: ServiceContext, participantId: string): boolean {
  return ctx.registry.data.consents.some((c) => c.participantId === participantId)
}
