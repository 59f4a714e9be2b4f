import type { Consent, DisclosableRecord } from '../domain/consent'
import { DISCLOSABLE_RECORD_LABELS } from '../domain/consent'
import type { Track } from '../domain/common'
import { fail, ok, type Result } from '../result'

/**
 * Whether a written consent (42 CFR § 2.31) lets the program disclose a record
 * today. Dates are the clinic's calendar dates (YYYY-MM-DD): a consent is good
 * from the day it was signed through its expiry date, until it is revoked or
 * its expiry event happens.
 */

export type ConsentState =
  | { kind: 'current' }
  | { kind: 'not_yet_signed'; on: string }
  | { kind: 'expired'; on: string }
  | { kind: 'revoked'; on: string }
  | { kind: 'event_happened'; on: string }

export function consentState(consent: Consent, today: string): ConsentState {
  if (consent.ended && consent.ended.on <= today) {
    return consent.ended.reason === 'revoked'
      ? { kind: 'revoked', on: consent.ended.on }
      : { kind: 'event_happened', on: consent.ended.on }
  }
  if (consent.signedOn > today) return { kind: 'not_yet_signed', on: consent.signedOn }
  if (consent.expiresOn !== null && consent.expiresOn < today) {
    return { kind: 'expired', on: consent.expiresOn }
  }
  return { kind: 'current' }
}

/** The state in a few words, for a list of consents. */
export function consentStateLabel(state: ConsentState): string {
  switch (state.kind) {
    case 'current':
      return 'Current'
    case 'not_yet_signed':
      return `Not signed until ${state.on}`
    case 'expired':
      return `Expired on ${state.on}`
    case 'revoked':
      return `Revoked on ${state.on}`
    case 'event_happened':
      return `Ended on ${state.on} (expiry event)`
  }
}

/** The plain message a refused disclosure shows. */
export function noConsentMessage(recipient: string | null): string {
  return `There is no current written consent for ${recipient ?? 'this recipient'} to receive this participant's records.`
}

export interface DisclosureRequest {
  consentId: string
  participantId: string
  /** What is being printed or saved. */
  record: DisclosableRecord
  /** The clinic's calendar date today. */
  today: string
}

/**
 * The consent that lets this record go to its recipient today, or the reason
 * it may not: no such consent for this participant, not signed yet, expired,
 * revoked, its expiry event passed, or it does not cover this kind of record.
 */
export function disclosureConsent(
  consents: ReadonlyArray<Consent>,
  request: DisclosureRequest
): Result<Consent> {
  const consent = consents.find((c) => c.id === request.consentId)
  // Another participant's consent names another person's recipient: never this one's.
  if (!consent || consent.participantId !== request.participantId) {
    return fail('forbidden', noConsentMessage(null))
  }
  const refuse = (why: string) =>
    fail<Consent>('forbidden', `${noConsentMessage(consent.recipient)} ${why}`)
  const state = consentState(consent, request.today)
  switch (state.kind) {
    case 'not_yet_signed':
      return refuse(`The consent on file is dated ${state.on}.`)
    case 'expired':
      return refuse(`The consent on file expired on ${state.on}.`)
    case 'revoked':
      return refuse(`The consent on file was revoked on ${state.on}.`)
    case 'event_happened':
      return refuse(`The consent on file ended on ${state.on}, when its expiry event happened.`)
    case 'current':
      break
  }
  if (!consent.information.includes(request.record)) {
    return refuse(
      `The consent on file does not cover ${DISCLOSABLE_RECORD_LABELS[request.record].toLowerCase()}.`
    )
  }
  return ok(consent)
}

/** The consents of one participant that would let this kind of record go out today. */
export function currentConsentsFor(
  consents: ReadonlyArray<Consent>,
  participantId: string,
  record: DisclosableRecord,
  today: string
): Consent[] {
  return consents.filter(
    (c) =>
      c.participantId === participantId &&
      disclosureConsent(consents, { consentId: c.id, participantId, record, today }).ok
  )
}

/**
 * Whether a printed record carries the 42 CFR Part 2 notice: always when it
 * is disclosed with a consent (§ 2.32 asks for it with every such
 * disclosure), and for the chart when the participant's own record is a
 * substance-use record (their track) or is already handled under a written
 * consent. The group's track does not decide it: a person in a mental-health
 * group can have a Part 2 record, and the other way round.
 */
export function part2NoticeApplies(input: {
  disclosed: boolean
  participantTrack: Track
  hasConsentOnFile: boolean
}): boolean {
  return input.disclosed || input.participantTrack !== 'mental_health' || input.hasConsentOnFile
}
