/**
 * A name written right to left (Arabic, Hebrew...) beside a date or a client ID
 * on a left-to-right page must not carry them into its own direction: the name
 * is isolated, and text without right-to-left letters is left exactly as typed.
 */
import { describe, expect, it } from 'vitest'
import { hasRightToLeft, isolate, isolatedHtml } from '../../../src/shared/rules/bidi'
import { renderHandoutsHtml } from '../../../src/shared/curriculum/handout'
import { disclosureHtml } from '../../../src/shared/consent/disclosure'

const ARABIC = 'سارة الحسن'
const HEBREW = 'נועה כהן'

describe('isolating names written right to left', () => {
  it('finds right-to-left letters in Arabic and Hebrew, not in Latin names or digits', () => {
    expect(hasRightToLeft(ARABIC)).toBe(true)
    expect(hasRightToLeft(HEBREW)).toBe(true)
    expect(hasRightToLeft('José Núñez-O’Brien')).toBe(false)
    expect(hasRightToLeft('C-101 2026-03-14')).toBe(false)
  })

  it('wraps an Arabic name in the Unicode isolates, so a date after it keeps its place', () => {
    expect(`${isolate(ARABIC)} — 2026-03-14`).toBe(`\u2068${ARABIC}\u2069 — 2026-03-14`)
  })

  it('leaves a left-to-right name exactly as typed', () => {
    expect(isolate('Dana Reyes')).toBe('Dana Reyes')
    expect(isolatedHtml('Dana <Reyes>')).toBe('Dana &lt;Reyes&gt;')
  })

  it('escapes and puts a right-to-left name in a <bdi> for HTML', () => {
    expect(isolatedHtml(`${HEBREW} & co`)).toBe(`<bdi>${HEBREW} &amp; co</bdi>`)
  })
})

describe('printed documents isolate right-to-left names', () => {
  it('a handout’s Name line, followed by its Date blank', () => {
    const html = renderHandoutsHtml({
      clinicName: 'Riverside',
      handouts: [{ moduleTitle: 'A', homework: 'Name: ______ Date: ____', participantName: ARABIC }]
    })
    expect(html).toContain(`Name: <span class="name"><bdi>${ARABIC}</bdi></span> Date: ____`)
  })

  it('a disclosure’s recipient, beside the consent’s dates', () => {
    const html = disclosureHtml({
      id: 'c1',
      discloser: 'Riverside',
      recipient: ARABIC,
      purpose: 'Coordination of care',
      information: ['progress_notes'],
      amount: 'Notes of March 2026',
      signedOn: '2026-03-01',
      expiresOn: '2026-12-31',
      expiryEvent: null
    })
    expect(html).toContain(`<dt>Disclosed to</dt><dd><bdi>${ARABIC}</bdi></dd>`)
  })
})
