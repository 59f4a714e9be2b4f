import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { PassphraseHash } from '../../shared/domain/staff'

/**
 * scrypt with N = 2^15, r = 8: about 32 MiB and a tenth of a second per try on
 * a clinic laptop, so guessing passphrases from a stolen file is slow.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 64

function derive(passphrase: string, salt: Buffer, options: ScryptOptions, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 128 * (options.N ?? COST.N) * (options.r ?? COST.r) * 2
    scrypt(passphrase.normalize('NFC'), salt, length, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  })
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = randomBytes(16)
  const key = await derive(passphrase, salt, COST, KEY_LENGTH)
  return {
    algorithm: 'scrypt',
    ...COST,
    keyLength: KEY_LENGTH,
    salt: salt.toString('base64'),
    hash: key.toString('base64')
  }
}

export async function verifyPassphrase(
  passphrase: string,
  stored: PassphraseHash
): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64')
  const key = await derive(
    passphrase,
    Buffer.from(stored.salt, 'base64'),
    { N: stored.N, r: stored.r, p: stored.p },
    stored.keyLength
  )
  return key.length === expected.length && timingSafeEqual(key, expected)
}
