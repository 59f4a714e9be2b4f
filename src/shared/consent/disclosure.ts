import { DISCLOSABLE_RECORD_LABELS, expiryEventText, type Consent } from '../domain/consent'
import { escapeHtml } from '../rules/html'
import { isolatedHtml } from '../rules/bidi'

/**
 * What goes with a record disclosed under a written consent: besides the
 * Part 2 notice, § 2.32(b) asks for a copy of the consent or a clear
 * explanation of its scope. This is that explanation, printed at the top of
 * the disclosed document.
 */

export type DisclosureScope = Pick<
  Consent,
  | 'id'
  | 'discloser'
  | 'recipient'
  | 'purpose'
  | 'information'
  | 'amount'
  | 'signedOn'
  | 'expiresOn'
  | 'expiryEvent'
>

const e = escapeHtml

/** When the consent ends, in words: a date, an event, or both (whichever comes first). */
export function consentEndsText(scope: Pick<Consent, 'expiresOn' | 'expiryEvent'>): string {
  const event = scope.expiryEvent ? `at ${expiryEventText(scope.expiryEvent)}` : ''
  if (scope.expiresOn && event) return `${scope.expiresOn} or ${event}, whichever comes first`
  return scope.expiresOn ?? event
}

/** The scope of the consent as a printed section (self-contained HTML, every value escaped). */
export function disclosureHtml(scope: DisclosureScope): string {
  const row = (term: string, value: string) => `<dt>${e(term)}</dt><dd>${isolatedHtml(value)}</dd>`
  return (
    `<section class="disclosure" aria-label="Disclosed with written consent">` +
    `<h2>Disclosed with the participant's written consent</h2>` +
    `<p>This record is disclosed under the participant's written consent (42 CFR § 2.31), ` +
    `whose scope is:</p><dl class="facts">` +
    row('Disclosed by', scope.discloser) +
    row('Disclosed to', scope.recipient) +
    row('Purpose', scope.purpose) +
    row(
      'Kind of information',
      scope.information.map((kind) => DISCLOSABLE_RECORD_LABELS[kind]).join('; ')
    ) +
    row('How much', scope.amount) +
    row('Signed by the participant on', scope.signedOn) +
    row('Consent ends', consentEndsText(scope)) +
    `</dl><p>The participant may revoke this consent at any time, except for what has ` +
    `already been disclosed in reliance on it.</p></section>`
  )
}
