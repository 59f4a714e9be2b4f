import type {
  Consent,
  ConsentEndInput,
  ConsentInput,
  DisclosableRecord
} from '../../shared/domain/consent'
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
  input: ConsentInput & { expiryEvent: string }
): Promise<Consent> {
  participantOrThrow(ctx, input.participantId)
  const by = actorId(ctx)
  if (input.signedOn > today(ctx)) {
    throw new RuleError(
      'invalid_input',
      'The signature date cannot be in the future: record the consent once it is signed.'
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

/** Whether the participant has any written consent on file, current or not. */
export function hasConsentOnFile(ctx: ServiceContext, participantId: string): boolean {
  return ctx.registry.data.consents.some((c) => c.participantId === participantId)
}
