/**
 * Every way in is slowed by wrong guesses: signing in (before and after the
 * records are open), unlocking the screen, and the recovery key. Three wrong
 * tries are free, the fourth waits five seconds, even with the right secret.
 * The clock is injected: the five seconds pass in no time. And signing out
 * when nobody is signed in does nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { newRecoveryKey } from '../../../src/main/security/crypto'
import { FIRST_WAIT_MS } from '../../../src/main/security/throttle'
import {
  allFiles,
  copyClinic,
  CURRICULUM_DIR,
  ids,
  NOW,
  PASSPHRASE,
  recordEvents,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

/** A copy of the clinic, opened (sealed, nobody signed in) on a clock the test moves. */
async function clinicOnAClock(): Promise<{ core: Core; clock: { now: number }; dir: string }> {
  const dir = await copyClinic(template.dir)
  const clock = { now: NOW }
  const core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  return { core, clock, dir }
}

const WRONG = 'not the passphrase at all'

async function threeWrongTries(attempt: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await attempt()
}

interface Listing {
  entries: { action: string; subject: string; detail: string; staffName: string }[]
}

describe('wrong guesses slow every way in', () => {
  it('signing in while the records are still sealed', async () => {
    const { core, clock } = await clinicOnAClock()
    const signIn = (passphrase: string) =>
      core.handle('auth.signIn', { staffId: template.adminId, passphrase })
    await threeWrongTries(() => refusal(signIn(WRONG), 'wrong_passphrase'))
    const refused = await refusal(signIn(PASSPHRASE), 'too_many_attempts')
    expect(refused.message).toMatch(/Try again in 5 seconds/)
    await refusal(core.handle('participants.list', {}), 'not_signed_in')
    clock.now += FIRST_WAIT_MS
    await value(signIn(PASSPHRASE))
  })

  it('signing in again once the records are open', async () => {
    const { core, clock } = await clinicOnAClock()
    const signIn = (passphrase: string) =>
      core.handle('auth.signIn', { staffId: template.adminId, passphrase })
    await value(signIn(PASSPHRASE))
    await value(core.handle('auth.signOut', {}))
    await threeWrongTries(() => refusal(signIn(WRONG), 'wrong_passphrase'))
    await refusal(signIn(PASSPHRASE), 'too_many_attempts')
    clock.now += FIRST_WAIT_MS
    await value(signIn(PASSPHRASE))
  })

  it('unlocking the screen, and signing out and in again does not start the count afresh', async () => {
    const { core, clock } = await clinicOnAClock()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.lock', {}))
    const unlock = (passphrase: string) => core.handle('auth.unlock', { passphrase })
    await threeWrongTries(() => refusal(unlock(WRONG), 'wrong_passphrase'))
    expect((await refusal(unlock(PASSPHRASE), 'too_many_attempts')).message).toMatch(
      /5 seconds, or sign out/
    )
    await value(core.handle('auth.signOut', {}))
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }),
      'too_many_attempts'
    )
    clock.now += FIRST_WAIT_MS
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('participants.list', {}))
  })

  it('the recovery key: well-formed wrong keys count, and then even the right one waits', async () => {
    const { core, clock } = await clinicOnAClock()
    const { recoveryKey } = template.setupOutput as { recoveryKey: string }
    const recover = (key: string) =>
      core.handle('auth.recover', {
        recoveryKey: key,
        staffId: template.adminId,
        passphrase: 'willow canoe sunrise'
      })
    await threeWrongTries(() => refusal(recover(newRecoveryKey()), 'wrong_passphrase'))
    const refused = await refusal(recover(recoveryKey), 'too_many_attempts')
    expect(refused.message).toBe('Too many wrong recovery keys. Try again in 5 seconds.')
    // Four seconds on, still waiting; the wait doubles with the next wrong key.
    clock.now += FIRST_WAIT_MS - 1_000
    await refusal(recover(recoveryKey), 'too_many_attempts')
    clock.now += 1_000
    await refusal(recover(newRecoveryKey()), 'wrong_passphrase')
    expect((await refusal(recover(recoveryKey), 'too_many_attempts')).message).toMatch(/10 seconds/)
    clock.now += 2 * FIRST_WAIT_MS
    await value(recover(recoveryKey))
    const log = await value<Listing>(core.handle('audit.list', { action: 'sign_in_failed' }))
    expect(log.entries.map((e) => e.detail)).toEqual([
      'wrong recovery key (4 in a row)',
      'wrong recovery key (3 in a row)',
      'wrong recovery key (2 in a row)',
      'wrong recovery key (1 in a row)'
    ])
  })

  it('a staff member’s id cannot touch the recovery key’s count', async () => {
    const { core } = await clinicOnAClock()
    const { recoveryKey } = template.setupOutput as { recoveryKey: string }
    await threeWrongTries(() =>
      refusal(
        core.handle('auth.signIn', { staffId: 'recovery key', passphrase: WRONG }),
        'wrong_passphrase'
      )
    )
    await refusal(
      core.handle('auth.signIn', { staffId: 'recovery key', passphrase: WRONG }),
      'too_many_attempts'
    )
    await value(
      core.handle('auth.recover', {
        recoveryKey,
        staffId: template.adminId,
        passphrase: 'willow canoe sunrise'
      })
    )
  })
})

describe('signing out when nobody is signed in', () => {
  it('does nothing before anyone has signed in: no log line, no file touched, no event', async () => {
    const { core, dir } = await clinicOnAClock()
    const before = await allFiles(dir)
    const events = recordEvents(core)
    expect(await value(core.handle('auth.signOut', {}))).toBeNull()
    expect(events).toEqual([])
    expect(await allFiles(dir)).toEqual(before)
  })

  it('does nothing after the last person signed out; a real sign-out is logged under their name', async () => {
    const { core } = await clinicOnAClock()
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.signOut', {}))
    const events = recordEvents(core)
    for (let i = 0; i < 5; i++) await value(core.handle('auth.signOut', {}))
    expect(events).toEqual([])
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const log = await value<Listing>(core.handle('audit.list', {}))
    const signOuts = log.entries.filter((e) => e.action === 'sign_out')
    expect(signOuts).toHaveLength(1)
    expect(signOuts[0]!.staffName).toBe('Robin Okafor, LPC')
  })
})
