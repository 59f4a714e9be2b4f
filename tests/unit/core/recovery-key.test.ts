/**
 * Encryption at rest through the core: setup makes the data key and shows a
 * recovery key once; the records stay sealed until a passphrase (or the
 * recovery key) opens them; with the recovery key an administrator who lost
 * their passphrase sets a new one, and the old one stops working.
 */
import { readClinicHeader } from '../../../src/main/security/clinic-file'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { emptyFolder, openCore, participant, refusal, removeFolders, value } from './helpers'

afterAll(removeFolders)

const SETUP = {
  clinic: { name: 'Lakeside Counseling', timeZone: 'America/Denver' },
  staff: {
    fullName: 'Avery Lindqvist',
    credentials: 'LADC',
    role: 'supervisor',
    isAdmin: true,
    passphrase: 'copper lantern meadow'
  }
}

describe('the recovery key', () => {
  it('opens sealed records when every passphrase is lost, and only the right key does', async () => {
    const dir = await emptyFolder()
    const core = await openCore(dir)
    const first = await value<{ id: string; recoveryKey: string }>(
      core.handle('setup.complete', SETUP)
    )
    await value(
      core.handle(
        'participants.create',
        participant('C-101', { fullName: 'Jordan Testperson', preferredName: '' })
      )
    )
    // On disk: the records sealed, no name in clear; the keyring at the head of the clinic
    // file holds names of staff only, and there is no keyring file of its own.
    const registry = await readFile(join(dir, 'registry.json'))
    const header = readClinicHeader(registry)
    expect(header?.keyring.staff.map((s) => s.fullName)).toEqual(['Avery Lindqvist'])
    expect(registry.includes(Buffer.from('Jordan'))).toBe(false)
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false)

    // The app opens again: sealed until someone signs in; the list comes from the keyring.
    const reopened = await openCore(dir)
    expect(await value(reopened.handle('auth.directory', {}))).toEqual([
      { id: first.id, fullName: 'Avery Lindqvist', credentials: 'LADC' }
    ])
    await refusal(reopened.handle('participants.list', {}), 'not_signed_in')

    // A wrong or mistyped recovery key opens nothing.
    const other = first.recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
    const mistyped = await refusal(
      reopened.handle('auth.recover', {
        recoveryKey: other,
        staffId: first.id,
        passphrase: 'willow canoe sunrise'
      }),
      'wrong_passphrase'
    )
    expect(mistyped.message).toMatch(/typing mistake/)
    await refusal(reopened.handle('participants.list', {}), 'not_signed_in')

    // The right one, typed in lower case with spaces: a new passphrase, and the records open.
    const typed = first.recoveryKey.toLowerCase().replace(/-/g, ' ')
    await value(
      reopened.handle('auth.recover', {
        recoveryKey: typed,
        staffId: first.id,
        passphrase: 'willow canoe sunrise'
      })
    )
    const people = await value<Array<{ clientId: string }>>(
      reopened.handle('participants.list', {})
    )
    expect(people.map((p) => p.clientId)).toEqual(['C-101'])

    // After another restart: the old passphrase no longer opens them, the new one does.
    const third = await openCore(dir)
    await refusal(
      third.handle('auth.signIn', { staffId: first.id, passphrase: 'copper lantern meadow' }),
      'wrong_passphrase'
    )
    await value(
      third.handle('auth.signIn', { staffId: first.id, passphrase: 'willow canoe sunrise' })
    )
    // Even signed in, the recovery path asks for the right key.
    await refusal(
      third.handle('auth.recover', {
        recoveryKey: 'AAAA-AAAA-AAAA',
        staffId: first.id,
        passphrase: 'amber orchard evening'
      }),
      'wrong_passphrase'
    )
  })
})
