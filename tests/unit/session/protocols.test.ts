/**
 * The crisis protocols' wording, as a clinician reviewing it would check it:
 * every crisis has the same parts, every risk level is explained, the steps
 * for one level set the others aside, and the words are person-first.
 */
import { describe, expect, test } from 'vitest'
import { CONTACT_KINDS } from '../../../src/shared/domain/contacts'
import { PROTOCOL_KINDS, RISK_LEVELS } from '../../../src/shared/domain/protocol'
import { PROTOCOLS, stepsFor } from '../../../src/shared/session/protocols'
import { protocolForTag } from '../../../src/shared/session/safety'

/** Words that label a person by a condition or judge them; none belongs in what the app says. */
const STIGMATISING = [
  /\baddicts?\b/i,
  /\bjunkies?\b/i,
  /\balcoholics?\b/i,
  /\babusers?\b/i,
  /\bsubstance abuse\b/i,
  /\bclean\b/i,
  /\bdirty\b/i,
  /\bcommit(ted)? suicide\b/i,
  /\bsuicidal person\b/i,
  /\bnon-?compliant\b/i
]

function everyWord(kind: (typeof PROTOCOL_KINDS)[number]): string[] {
  const p = PROTOCOLS[kind]
  return [
    p.title,
    p.menuLabel,
    p.lead,
    ...p.steps.flatMap((s) => [s.text, s.say ?? '']),
    ...p.record,
    ...Object.values(p.risk)
  ]
}

describe('crisis protocols', () => {
  test.each([...PROTOCOL_KINDS])(
    '%s has steps, whom to call, what to record and every risk level',
    (kind) => {
      const p = PROTOCOLS[kind]
      expect(p.kind).toBe(kind)
      expect(p.steps.length).toBeGreaterThanOrEqual(5)
      expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length)
      expect(p.steps.some((s) => s.say)).toBe(true)
      expect(p.steps.some((s) => /write down/i.test(s.text))).toBe(true)
      expect(p.call.length).toBeGreaterThan(0)
      for (const contact of p.call) expect(CONTACT_KINDS).toContain(contact)
      expect(p.record.length).toBeGreaterThanOrEqual(3)
      for (const level of RISK_LEVELS) expect(p.risk[level].length).toBeGreaterThan(10)
      // Whatever the level, some steps remain to do.
      for (const level of RISK_LEVELS) expect(stepsFor(p, level).length).toBeGreaterThanOrEqual(4)
    }
  )

  test.each([...PROTOCOL_KINDS])('%s is written in person-first, non-judgemental words', (kind) => {
    for (const line of everyWord(kind)) {
      for (const word of STIGMATISING) expect(line, `“${line}”`).not.toMatch(word)
    }
  })

  test('the suicide protocol has a low-risk branch, and choosing a level sets the other branches aside', () => {
    const p = PROTOCOLS.suicidal_thoughts
    const ids = (level: (typeof RISK_LEVELS)[number] | null) => stepsFor(p, level).map((s) => s.id)
    expect(ids(null)).toEqual(p.steps.map((s) => s.id))
    expect(ids('low')).toContain('low-risk')
    expect(ids('low')).not.toContain('high-risk')
    expect(ids('low')).not.toContain('safety-plan')
    expect(ids('moderate')).toContain('safety-plan')
    expect(ids('moderate')).not.toContain('low-risk')
    expect(ids('imminent')).toContain('high-risk')
    expect(ids('high')).toEqual(ids('imminent'))
  })

  test('the facts each crisis turns on are there', () => {
    const text = (kind: (typeof PROTOCOL_KINDS)[number]) => everyWord(kind).join(' ')
    expect(text('harm_to_others')).toMatch(/duty-to-warn or duty-to-protect/)
    expect(text('harm_to_others')).toMatch(/state/)
    expect(text('abuse_disclosure')).toMatch(/do not investigate/i)
    expect(text('abuse_disclosure')).toMatch(/deadline/)
    expect(text('abuse_disclosure')).toMatch(/in their words|own words/)
    expect(text('medical_emergency')).toMatch(/911/)
    expect(text('medical_emergency')).toMatch(/naloxone/)
    expect(text('medical_emergency')).toMatch(/recovery position/)
    expect(text('medical_emergency')).toMatch(/[Ss]tay with/)
    expect(text('medical_emergency')).toMatch(/[Hh]and over/)
    expect(text('withdrawal')).toMatch(/medical evaluation today/)
    expect(text('withdrawal')).toMatch(/do not go home alone/)
    expect(text('withdrawal')).toMatch(/benzodiazepines/)
    expect(PROTOCOLS.abuse_disclosure.call).toEqual(
      expect.arrayContaining(['child_protective', 'adult_protective'])
    )
    expect(PROTOCOLS.suicidal_thoughts.call).toContain('crisis_line')
  })

  test('a safety concern opens the protocol the facilitator chose, and no other', () => {
    expect(protocolForTag('safety_concern', 'medical_emergency')).toBe('medical_emergency')
    expect(protocolForTag('safety_concern', null)).toBeNull()
    expect(protocolForTag('arrived_impaired')).toBe('impaired')
    expect(protocolForTag('supported_peer', 'withdrawal')).toBeNull()
  })
})
