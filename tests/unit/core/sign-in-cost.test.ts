/**
 * Signing in derives the passphrase once. scrypt is slow on purpose (a tenth
 * of a second or more on a clinic laptop); the first sign-in of the day opens
 * the encrypted records with the passphrase, and that same proof signs the
 * person in, rather than a second derivation to check it again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  copyClinic,
  openCore,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  staffMember,
  value,
  type Template
} from './helpers'

const derivations = vi.hoisted(() => ({ count: 0 }))
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  const scrypt = ((...args: Parameters<typeof actual.scrypt>) => {
    derivations.count += 1
    return (actual.scrypt as (...a: unknown[]) => void)(...args)
  }) as typeof actual.scrypt
  return { ...actual, default: { ...actual, scrypt }, scrypt }
})

let template: Template
let secondId: string
const SECOND_PASSPHRASE = 'quiet river lantern'

beforeAll(async () => {
  template = await setUpClinic()
  const core = await openCore(template.dir)
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  const second = await value<{ id: string }>(
    core.handle('staff.create', staffMember({ passphrase: SECOND_PASSPHRASE }))
  )
  secondId = second.id
}, 60_000)
afterAll(removeFolders)

describe('signing in', () => {
  it('the first sign-in of the day derives the passphrase once', async () => {
    const core = await openCore(await copyClinic(template.dir))
    derivations.count = 0
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    expect(derivations.count).toBe(1)
  })

  it('someone signing in after them derives their passphrase once', async () => {
    const core = await openCore(await copyClinic(template.dir))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.signOut', {}))
    derivations.count = 0
    await value(core.handle('auth.signIn', { staffId: secondId, passphrase: SECOND_PASSPHRASE }))
    expect(derivations.count).toBe(1)
  })

  it('a wrong passphrase on the first sign-in is still refused, and opens nothing', async () => {
    const core = await openCore(await copyClinic(template.dir))
    derivations.count = 0
    await refusal(
      core.handle('auth.signIn', { staffId: template.adminId, passphrase: 'wrong words here' }),
      'wrong_passphrase'
    )
    expect(derivations.count).toBe(1)
    await refusal(core.handle('participants.list', {}), 'not_signed_in')
  })

  it('after a lock, unlocking asks for the passphrase again', async () => {
    const core = await openCore(await copyClinic(template.dir))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    await value(core.handle('auth.lock', {}))
    await refusal(
      core.handle('auth.unlock', { passphrase: 'wrong words here' }),
      'wrong_passphrase'
    )
    derivations.count = 0
    await value(core.handle('auth.unlock', { passphrase: PASSPHRASE }))
    expect(derivations.count).toBe(1)
  })
})
