/**
 * Rough edges a clinician hits: text is never cut off silently (every field
 * shows its limit and refuses, in words, what is over it, at the same length
 * as the boundary's schema), counts read in the right number ("1 group"), and
 * an access-log entry always says who or what made it.
 */
import { describe, expect, it } from 'vitest'
import { CycleInput } from '../../../src/shared/curriculum/cycle'
import { ObservationInput } from '../../../src/shared/domain/session'
import { contract } from '../../../src/shared/ipc/contract'
import { accessLogWho } from '../../../src/shared/rules/access-log-who'
import { TEXT_LIMITS, textLimit } from '../../../src/shared/rules/limits'
import { countText } from '../../../src/shared/rules/words'

const text = (n: number) => 'a'.repeat(n)

/** Each field: its limit, and whether the boundary's schema accepts a text of a length. */
const FIELDS: Array<[string, number, (value: string) => boolean]> = [
  [
    'an observation line',
    TEXT_LIMITS.observation,
    (value) => ObservationInput.safeParse({ tag: null, text: value }).success
  ],
  [
    'an observation sent from the running session',
    TEXT_LIMITS.observation,
    (value) =>
      contract['sessions.observe'].input.safeParse({
        sessionId: 's',
        participantId: 'p',
        tag: null,
        text: value
      }).success
  ],
  [
    'what was done after a positive item 9',
    TEXT_LIMITS.followUpNote,
    (value) =>
      contract['measures.followUpDone'].input.safeParse({ entryId: 'e', note: value }).success
  ],
  [
    'an addendum',
    TEXT_LIMITS.addendum,
    (value) =>
      contract['notes.addendum'].input.safeParse({
        sessionId: 's',
        participantId: 'p',
        text: value
      }).success
  ],
  [
    'a cycle name',
    TEXT_LIMITS.cycleName,
    (value) =>
      CycleInput.safeParse({
        name: value,
        slots: [{ educationalModuleId: null, skillsModuleId: null }]
      }).success
  ]
]

describe('text limits: shown, explained, never a silent cut', () => {
  it.each(FIELDS)('%s: exactly the limit is accepted, one more is refused', (_, max, accepts) => {
    expect(accepts(text(max))).toBe(true)
    expect(accepts(text(max + 1))).toBe(false)
    expect(textLimit(text(max), max)).toMatchObject({ over: false, error: null })
    expect(textLimit(text(max + 1), max).over).toBe(true)
  })

  it('lets an observation be a few sentences, not a tweet', () => {
    expect(TEXT_LIMITS.observation).toBeGreaterThanOrEqual(500)
  })

  it('counts what will be saved and says how far over it is', () => {
    const state = textLimit(`  ${text(312)}  `, 280)
    expect(state).toEqual({
      count: 312,
      max: 280,
      over: true,
      description: '312 of 280 characters',
      error: 'Too long: 312 characters, 280 at most. Shorten it by 32 to save it.'
    })
  })

  it('says how much room is left under the limit', () => {
    expect(textLimit('Arrived calm', 500).description).toBe('12 of 500 characters')
  })
})

describe('counts in the right number', () => {
  it.each([
    [0, 'group', '0 groups'],
    [1, 'group', '1 group'],
    [2, 'group', '2 groups'],
    [1, 'participant', '1 participant'],
    [1_204, 'file', '1,204 files']
  ])('%i %s → %s', (count, noun, expected) => {
    expect(countText(count, noun)).toBe(expected)
  })
})

describe('who an access-log entry names', () => {
  it('names the staff member when there is one', () => {
    expect(accessLogWho({ staffName: 'Robin Okafor, LPC', action: 'sign_out' })).toBe(
      'Robin Okafor, LPC'
    )
  })

  it('never shows a bare dash for an entry made with nobody signed in', () => {
    expect(accessLogWho({ staffName: '', action: 'restore' })).toBe(
      'Nobody signed in: the app itself'
    )
    expect(accessLogWho({ staffName: '', action: 'sign_in_failed' })).toBe(
      'Someone not on the staff list'
    )
    expect(accessLogWho({ staffName: '', action: 'sign_out' })).toMatch(/Not recorded/)
  })
})
