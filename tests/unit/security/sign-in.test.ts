/**
 * Sign-in, hardened: passphrases an attacker tries first are refused, and
 * wrong passphrases slow down further tries for that staff member (the first
 * three are free; then 5 s, 10 s, 20 s ... up to five minutes), with the clock
 * injected.
 */
import { describe, expect, test } from 'vitest'
import { NewPassphrase } from '../../../src/shared/domain/staff'
import { weakPassphraseReason } from '../../../src/shared/rules/passphrase'
import {
  FIRST_WAIT_MS,
  LONGEST_WAIT_MS,
  SignInThrottle,
  waitText
} from '../../../src/main/security/throttle'

describe('passphrase rules', () => {
  test.each([
    ['Password123!', 'one of the most common'],
    ['pass word 1 2 3', 'one of the most common'],
    ['correct horse battery staple', 'one of the most common'],
    ['qwertyuiop', 'one of the most common'],
    ['asdfghjklzxc', 'run of letters'],
    ['0987654321', 'run of letters'],
    ['abcdefghijkl', 'run of letters'],
    ['zzzzzzzzzzzz', 'more than one or two'],
    ['abababababab', 'more than one or two']
  ])('“%s” is refused: %s', (passphrase, reason) => {
    expect(weakPassphraseReason(passphrase)).toMatch(new RegExp(reason, 'i'))
    expect(NewPassphrase.safeParse(passphrase).success).toBe(false)
  })

  test.each(['maple kettle harbor', 'paper boat morning', 'Quiet river at 6am'])(
    'a phrase of unrelated words is accepted: “%s”',
    (passphrase) => {
      expect(weakPassphraseReason(passphrase)).toBeNull()
      expect(NewPassphrase.safeParse(passphrase).success).toBe(true)
    }
  )

  test('a person’s own name is refused as their passphrase, with or without a number', () => {
    expect(weakPassphraseReason('Robin Okafor', ['Robin Okafor'])).toMatch(/own name/)
    expect(weakPassphraseReason('robinokafor2026', ['Robin Okafor'])).toMatch(/own name/)
    expect(weakPassphraseReason('robin reads okafor', ['Robin Okafor'])).toBeNull()
  })

  test('length still counts: nine characters are too few', () => {
    const result = NewPassphrase.safeParse('blue fish')
    expect(result.success).toBe(false)
  })
})

describe('wrong passphrases slow down further tries', () => {
  test('three wrong tries are free; the fourth waits five seconds, then the wait doubles', () => {
    const clock = { now: 1_000_000 }
    const throttle = new SignInThrottle(() => clock.now)
    for (let i = 0; i < 3; i++) {
      expect(throttle.waitMs('robin')).toBe(0)
      throttle.failed('robin')
    }
    expect(throttle.waitMs('robin')).toBe(FIRST_WAIT_MS)
    clock.now += FIRST_WAIT_MS - 1
    expect(throttle.waitMs('robin')).toBe(1)
    clock.now += 1
    expect(throttle.waitMs('robin')).toBe(0)
    throttle.failed('robin')
    expect(throttle.waitMs('robin')).toBe(2 * FIRST_WAIT_MS)
    // Another staff member is not slowed by Robin's mistakes.
    expect(throttle.waitMs('sam')).toBe(0)
  })

  test('the wait never grows beyond five minutes, and a right passphrase clears it', () => {
    const clock = { now: 0 }
    const throttle = new SignInThrottle(() => clock.now)
    for (let i = 0; i < 40; i++) throttle.failed('robin')
    expect(throttle.waitMs('robin')).toBe(LONGEST_WAIT_MS)
    throttle.succeeded('robin')
    expect(throttle.waitMs('robin')).toBe(0)
  })

  test('the wait is said in whole seconds or minutes, rounded up', () => {
    expect(waitText(1)).toBe('1 second')
    expect(waitText(4_200)).toBe('5 seconds')
    expect(waitText(61_000)).toBe('2 minutes')
    expect(waitText(LONGEST_WAIT_MS)).toBe('5 minutes')
  })
})
