/**
 * Whether a participant's written consent (42 CFR § 2.31) lets a record go to
 * its recipient today, as a records clerk would check it before anything
 * leaves: signed, not expired, not revoked, its expiry event not passed, for
 * this participant, and covering this kind of record.
 */
import { describe, expect, it } from 'vitest'
import { Consent, ConsentInput } from '../../../src/shared/domain/consent'
import {
  consentState,
  currentConsentsFor,
  disclosureConsent,
  noConsentMessage,
  part2NoticeApplies
} from '../../../src/shared/consent/validity'
import { consentEndsText, disclosureHtml } from '../../../src/shared/consent/disclosure'

const JO = 'participant-jo'
const SAM = 'participant-sam'

function consent(overrides: Partial<Consent> = {}): Consent {
  return {
    id: 'consent-court',
    participantId: JO,
    discloser: 'Riverside Recovery Center',
    recipient: 'County Drug Court',
    purpose: 'Report attendance and progress to the court',
    information: ['progress_notes', 'progress_summary'],
    amount: 'Notes and summaries from admission to discharge',
    signedOn: '2026-11-02',
    expiresOn: '2027-05-01',
    expiryEvent: null,
    recordedBy: 'staff-robin',
    recordedAt: '2026-11-02T15:00:00.000Z',
    ended: null,
    ...overrides
  }
}

const request = {
  consentId: 'consent-court',
  participantId: JO,
  record: 'progress_notes' as const,
  today: '2026-11-23'
}

function refusal(consents: Consent[], overrides: Partial<typeof request> = {}): string {
  const result = disclosureConsent(consents, { ...request, ...overrides })
  if (result.ok) throw new Error('expected a refusal')
  expect(result.error.code).toBe('forbidden')
  return result.error.message
}

describe('a current consent', () => {
  it('lets the note go to the recipient it names', () => {
    const result = disclosureConsent([consent()], request)
    expect(result.ok && result.value.recipient).toBe('County Drug Court')
  })

  it('is good on the day it was signed and on its expiry date', () => {
    expect(disclosureConsent([consent()], { ...request, today: '2026-11-02' }).ok).toBe(true)
    expect(disclosureConsent([consent()], { ...request, today: '2027-05-01' }).ok).toBe(true)
  })

  it('with only an expiry event, is good until the event is recorded', () => {
    const byEvent = consent({
      expiresOn: null,
      expiryEvent: { kind: 'other', description: 'end of probation' }
    })
    expect(disclosureConsent([byEvent], { ...request, today: '2030-01-01' }).ok).toBe(true)
  })
})

describe('refused, with the plain message', () => {
  it('an expired consent', () => {
    expect(refusal([consent()], { today: '2027-05-02' })).toBe(
      "There is no current written consent for County Drug Court to receive this participant's records. The consent on file expired on 2027-05-01."
    )
  })

  it('a revoked consent, from the day it was revoked', () => {
    const revoked = consent({
      ended: {
        on: '2026-11-20',
        reason: 'revoked',
        recordedBy: 'staff-robin',
        recordedAt: '2026-11-20T16:00:00.000Z'
      }
    })
    expect(disclosureConsent([revoked], { ...request, today: '2026-11-19' }).ok).toBe(true)
    expect(refusal([revoked])).toMatch(
      /^There is no current written consent for County Drug Court to receive this participant's records\. The consent on file was revoked on 2026-11-20\.$/
    )
  })

  it('a consent whose expiry event happened', () => {
    const ended = consent({
      expiresOn: null,
      expiryEvent: { kind: 'other', description: 'end of probation' },
      ended: {
        on: '2026-11-21',
        reason: 'expiry_event',
        recordedBy: 'staff-robin',
        recordedAt: '2026-11-21T16:00:00.000Z'
      }
    })
    expect(refusal([ended])).toMatch(/ended on 2026-11-21, when its expiry event happened/)
  })

  it('a consent signed after today', () => {
    expect(refusal([consent({ signedOn: '2026-11-30' })])).toMatch(/dated 2026-11-30/)
  })

  it('the wrong recipient: another participant’s consent never covers this one', () => {
    const samsInsurer = consent({
      id: 'consent-insurer',
      participantId: SAM,
      recipient: 'Acme Health Plan'
    })
    expect(refusal([consent(), samsInsurer], { consentId: 'consent-insurer' })).toBe(
      noConsentMessage(null)
    )
    expect(noConsentMessage(null)).toBe(
      "There is no current written consent for this recipient to receive this participant's records."
    )
  })

  it('a consent that is not on file', () => {
    expect(refusal([consent()], { consentId: 'consent-unknown' })).toBe(noConsentMessage(null))
  })

  it('the wrong scope: a consent for the progress summary does not cover notes', () => {
    const summaryOnly = consent({ information: ['progress_summary'] })
    expect(refusal([summaryOnly])).toMatch(/does not cover group progress notes\.$/)
    expect(disclosureConsent([summaryOnly], { ...request, record: 'progress_summary' }).ok).toBe(
      true
    )
  })
})

describe('the consents offered for a disclosure', () => {
  it('are the participant’s current ones that cover the record', () => {
    const list = [
      consent({ id: 'a' }),
      consent({ id: 'b', information: ['progress_summary'] }),
      consent({ id: 'c', expiresOn: '2026-11-01', signedOn: '2026-10-01' }),
      consent({ id: 'd', participantId: SAM })
    ]
    expect(currentConsentsFor(list, JO, 'progress_notes', '2026-11-23').map((c) => c.id)).toEqual([
      'a'
    ])
  })

  it('states in words why a consent is not current', () => {
    expect(consentState(consent(), '2027-06-01')).toEqual({ kind: 'expired', on: '2027-05-01' })
    expect(consentState(consent(), '2026-11-23')).toEqual({ kind: 'current' })
  })
})

describe('recording a consent', () => {
  const form = {
    participantId: JO,
    discloser: 'Riverside Recovery Center',
    recipient: 'County Drug Court',
    purpose: 'Report attendance to the court',
    information: ['progress_notes'],
    amount: 'Notes of November 2026',
    signedOn: '2026-11-02',
    expiresOn: null,
    expiryEvent: null
  }

  it('needs an expiry date or an expiry event', () => {
    const parsed = ConsentInput.safeParse(form)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.message)).toContain(
      'Give the date or the event on which the consent ends'
    )
    expect(ConsentInput.safeParse({ ...form, expiryEvent: { kind: 'discharge' } }).success).toBe(
      true
    )
  })

  it('refuses an expiry before the signature and an empty list of records', () => {
    expect(ConsentInput.safeParse({ ...form, expiresOn: '2026-11-01' }).success).toBe(false)
    expect(
      ConsentInput.safeParse({ ...form, expiresOn: '2027-01-01', information: [] }).success
    ).toBe(false)
  })
})

describe('the Part 2 notice', () => {
  it('goes with every disclosure, whatever the participant’s track', () => {
    expect(
      part2NoticeApplies({
        disclosed: true,
        participantTrack: 'mental_health',
        hasConsentOnFile: true
      })
    ).toBe(true)
  })

  it('follows the participant, not the group: a substance-use record carries it for the chart', () => {
    expect(
      part2NoticeApplies({
        disclosed: false,
        participantTrack: 'substance_use',
        hasConsentOnFile: false
      })
    ).toBe(true)
    expect(
      part2NoticeApplies({
        disclosed: false,
        participantTrack: 'mental_health',
        hasConsentOnFile: false
      })
    ).toBe(false)
    expect(
      part2NoticeApplies({
        disclosed: false,
        participantTrack: 'mental_health',
        hasConsentOnFile: true
      })
    ).toBe(true)
  })

  it('the disclosure states the consent’s scope, every value escaped', () => {
    const html = disclosureHtml(consent({ recipient: 'Court <Dept. 3>' }))
    expect(html).toContain('Court &lt;Dept. 3&gt;')
    expect(html).toContain('Report attendance and progress to the court')
    expect(html).toContain('Group progress notes; Progress summary')
    expect(html).toContain('2027-05-01')
    expect(html).not.toContain('<Dept')
  })
})

describe('the event that ends a consent', () => {
  it('is a choice: discharge, or another event in the form’s words; typed text alone is refused', () => {
    const form = {
      participantId: JO,
      discloser: 'Riverside Recovery Center',
      recipient: 'County Drug Court',
      purpose: 'Report attendance to the court',
      information: ['progress_notes'],
      amount: 'Notes of November 2026',
      signedOn: '2026-11-02',
      expiresOn: null
    }
    expect(ConsentInput.safeParse({ ...form, expiryEvent: { kind: 'discharge' } }).success).toBe(
      true
    )
    expect(
      ConsentInput.safeParse({
        ...form,
        expiryEvent: { kind: 'other', description: 'the end of probation' }
      }).success
    ).toBe(true)
    expect(ConsentInput.safeParse({ ...form, expiryEvent: 'at discharge' }).success).toBe(false)
    const wordless = ConsentInput.safeParse({
      ...form,
      expiryEvent: { kind: 'other', description: ' ' }
    })
    expect(wordless.success).toBe(false)
  })

  it('reads in words where the consent is listed and printed', () => {
    expect(consentEndsText({ expiresOn: null, expiryEvent: { kind: 'discharge' } })).toBe(
      'at discharge from the program'
    )
    expect(
      consentEndsText({
        expiresOn: '2027-05-01',
        expiryEvent: { kind: 'other', description: 'the end of probation' }
      })
    ).toBe('2027-05-01 or at the end of probation, whichever comes first')
  })

  it('written by hand in an older file, is read as another event in those words', () => {
    const stored = { ...consent(), expiresOn: null, expiryEvent: 'end of probation' }
    expect(Consent.parse(stored).expiryEvent).toEqual({
      kind: 'other',
      description: 'end of probation'
    })
    expect(Consent.parse({ ...stored, expiresOn: '2027-05-01', expiryEvent: '' }).expiryEvent).toBe(
      null
    )
  })
})
