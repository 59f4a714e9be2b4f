import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'
import { fail, ok, type Result } from '../../shared/result'

/**
 * The clinic's records are sealed with one random data key. Each staff member
 * holds a copy of that key wrapped with their own passphrase, and the clinic
 * holds one more wrapped with a printed recovery key, so a forgotten
 * passphrase or a departed administrator never locks the records away.
 * Everything is AES-256-GCM: a changed byte is refused, never decrypted into
 * something plausible.
 */

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const SALT_BYTES = 16
const CIPHER = 'aes-256-gcm'

export const WRONG_PASSPHRASE_MESSAGE = 'That passphrase is not right.'
export const WRONG_RECOVERY_KEY_MESSAGE = 'That recovery key is not the one for this clinic.'
export const MISTYPED_RECOVERY_KEY_MESSAGE =
  'That recovery key has a typing mistake in it. Check each group against the printed key.'
export const NOT_SEALED_MESSAGE = 'The file is not one of this app’s encrypted files.'
export const CUT_SHORT_MESSAGE =
  'The file is cut short: it was not completely written or was damaged.'
export const TAMPERED_MESSAGE =
  'The file was changed or damaged, or it belongs to another clinic, so it cannot be read.'
export const NEWER_VERSION_MESSAGE =
  'The file was written by a newer version of IOP Facilitator. Update the app to read it.'

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

function requireKey(key: Buffer, what: string): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`${what} must be ${KEY_BYTES} bytes`)
}

export interface GcmParts {
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** AES-256-GCM under `key`, `aad` authenticated with it. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer, iv = randomBytes(IV_BYTES)) {
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, ciphertext, tag: cipher.getAuthTag() }
}

/** `null` when authentication fails: a wrong key, a changed byte, or another context. */
export function gcmOpen(key: Buffer, parts: GcmParts, aad: Buffer): Buffer | null {
  const decipher = createDecipheriv(CIPHER, key, parts.iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(parts.tag)
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()])
  } catch {
    return null
  }
}

// ---- Data key wrapped with a staff member's passphrase ----------------------

/** Today's cost, the same as the passphrase hashes: about 32 MiB and a tenth of a second. */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const

/** 2^10 is for tests only; the ceiling keeps a doctored file from asking for gigabytes. */
const MIN_N = 2 ** 10
const MAX_N = 2 ** 20
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024

const base64Of = (bytes: number) =>
  z.base64().refine((text) => Buffer.from(text, 'base64').length === bytes, {
    message: `must decode to ${bytes} bytes`
  })

const scryptCost = {
  N: z
    .int()
    .min(MIN_N)
    .max(MAX_N)
    .refine((n) => (n & (n - 1)) === 0, { message: 'N must be a power of two' }),
  r: z.int().min(1).max(32),
  p: z.int().min(1).max(16)
}
const affordable = (s: { N: number; r: number }) => 128 * s.N * s.r <= MAX_SCRYPT_MEMORY
const TOO_COSTLY = { message: 'scrypt would need more than 1 GiB of memory' }

const ScryptParamsSchema = z.object(scryptCost).refine(affordable, TOO_COSTLY)

export type ScryptParams = z.infer<typeof ScryptParamsSchema>

export const WrappedKeySchema = z
  .object({
    kdf: z.literal('scrypt'),
    ...scryptCost,
    salt: base64Of(SALT_BYTES),
    iv: base64Of(IV_BYTES),
    tag: base64Of(TAG_BYTES),
    sealed: base64Of(KEY_BYTES)
  })
  .refine(affordable, TOO_COSTLY)

export type WrappedKey = z.infer<typeof WrappedKeySchema>

const PASSPHRASE_WRAP_AAD = Buffer.from('IOP Facilitator data key, wrapped by passphrase, v1')

/**
 * How long the latest key derivation from a passphrase took, in milliseconds: the issue-18 bench
 * times a sign-in beyond its own derivation, which varies with the machine's load.
 */
export const keyDerivation = { lastMs: 0 }

function deriveFromPassphrase(passphrase: string, salt: Buffer, params: ScryptParams) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 2 * 128 * params.N * params.r
    const started = performance.now()
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem }, (error, key) => {
      keyDerivation.lastMs = performance.now() - started
      if (error) reject(error)
      else resolve(key)
    })
  })
}

/** Async because scrypt takes a tenth of a second that the main process must not freeze for. */
export async function wrapKey(
  dataKey: Buffer,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT
): Promise<WrappedKey> {
  requireKey(dataKey, 'data key')
  const cost = ScryptParamsSchema.parse({ N: params.N, r: params.r, p: params.p })
  const salt = randomBytes(SALT_BYTES)
  const kek = await deriveFromPassphrase(passphrase, salt, cost)
  const { iv, ciphertext, tag } = gcmSeal(kek, dataKey, PASSPHRASE_WRAP_AAD)
  kek.fill(0)
  return {
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: tag.toString('base64'),
    sealed: ciphertext.toString('base64')
  }
}

export async function unwrapKey(wrapped: WrappedKey, passphrase: string): Promise<Result<Buffer>> {
  // Parsed again here: the object came from disk, and its scrypt cost decides our memory use.
  const parsed = WrappedKeySchema.safeParse(wrapped)
  if (!parsed.success) {
    return fail('invalid_input', 'The stored key for this staff member is damaged.')
  }
  const w = parsed.data
  let kek: Buffer
  try {
    kek = await deriveFromPassphrase(passphrase, Buffer.from(w.salt, 'base64'), w)
  } catch {
    return fail('internal', 'The passphrase could not be checked on this computer.')
  }
  const dataKey = gcmOpen(kek, partsOf(w), PASSPHRASE_WRAP_AAD)
  kek.fill(0)
  return dataKey ? ok(dataKey) : fail('wrong_passphrase', WRONG_PASSPHRASE_MESSAGE)
}

function partsOf(w: { iv: string; tag: string; sealed: string }): GcmParts {
  return {
    iv: Buffer.from(w.iv, 'base64'),
    tag: Buffer.from(w.tag, 'base64'),
    ciphertext: Buffer.from(w.sealed, 'base64')
  }
}

// ---- Recovery key ------------------------------------------------------------

/** Crockford base32: no I, L, O or U, so nothing on paper reads as two different letters. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const DATA_SYMBOLS = Math.ceil((KEY_BYTES * 8) / 5) // 52
const CHECK_SYMBOLS = 4
const GROUP = 4
/**
 * The check group is Σ vᵢ·2^(i+1) mod P over the symbols' values. P is prime
 * and 2 generates its whole group, so every single changed character and every
 * swap of two neighbours changes the sum; anything else slips through about
 * once in a million.
 */
const CHECK_PRIME = 1_048_573

function checksum(values: number[]): number {
  let sum = 0
  let weight = 1
  for (const value of values) {
    weight = (weight * 2) % CHECK_PRIME
    sum = (sum + value * weight) % CHECK_PRIME
  }
  return sum
}

function toSymbols(bytes: Buffer): number[] {
  const out: number[] = []
  let acc = 0
  let bits = 0
  for (const byte of bytes) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out.push((acc >> bits) & 31)
    }
    acc &= (1 << bits) - 1
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31)
  return out
}

/** Shows 32 key bytes as 13 groups of data and one check group: `7K3M-…-Q2ZD`. */
export function formatRecoveryKey(bytes: Buffer): string {
  requireKey(bytes, 'recovery key')
  const values = toSymbols(bytes)
  const check = checksum(values)
  for (let i = CHECK_SYMBOLS - 1; i >= 0; i--) values.push((check >> (5 * i)) & 31)
  const text = values.map((v) => ALPHABET[v]).join('')
  return text.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-')
}

export function newRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(KEY_BYTES))
}

export function parseRecoveryKey(text: string): Result<Buffer> {
  const symbols = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  const expected = DATA_SYMBOLS + CHECK_SYMBOLS
  if (symbols.length !== expected) {
    return fail(
      'invalid_input',
      `That recovery key has ${symbols.length} characters; a recovery key has ${expected}. Check for a missing or extra group.`
    )
  }
  const values: number[] = []
  for (const symbol of symbols) {
    const value = ALPHABET.indexOf(symbol)
    if (value < 0) {
      return fail(
        'invalid_input',
        `That recovery key has a character that recovery keys never use: “${symbol}”.`
      )
    }
    values.push(value)
  }
  const data = values.slice(0, DATA_SYMBOLS)
  const check = values.slice(DATA_SYMBOLS).reduce((acc, v) => acc * 32 + v, 0)
  if (check !== checksum(data)) return fail('invalid_input', MISTYPED_RECOVERY_KEY_MESSAGE)
  const bytes = Buffer.alloc(KEY_BYTES)
  let acc = 0
  let bits = 0
  let index = 0
  for (const value of data) {
    acc = (acc << 5) | value
    bits += 5
    if (bits >= 8) {
      bits -= 8
      if (index < KEY_BYTES) bytes[index++] = (acc >> bits) & 0xff
      acc &= (1 << bits) - 1
    }
  }
  // The last symbol carries one key bit and four zero bits; the checksum already vouched for it.
  return ok(bytes)
}

export const RecoveryWrappedKeySchema = z.object({
  kdf: z.literal('hkdf-sha256'),
  salt: base64Of(SALT_BYTES),
  iv: base64Of(IV_BYTES),
  tag: base64Of(TAG_BYTES),
  sealed: base64Of(KEY_BYTES)
})

export type RecoveryWrappedKey = z.infer<typeof RecoveryWrappedKeySchema>

const RECOVERY_INFO = 'IOP Facilitator recovery key-encryption key v1'
const RECOVERY_WRAP_AAD = Buffer.from('IOP Facilitator data key, wrapped by recovery key, v1')

/** The recovery key is already 256 random bits, so HKDF is enough; no slow scrypt. */
function deriveFromRecoveryKey(recoveryKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, RECOVERY_INFO, KEY_BYTES))
}

export function wrapWithRecoveryKey(dataKey: Buffer, recoveryKey: Buffer): RecoveryWrappedKey {
  requireKey(dataKey, 'data key')
  requireKey(recoveryKey, 'recovery key')
  const salt = randomBytes(SALT_BYTES)
  const kek = deriveFromRecoveryKey(recoveryKey, salt)
  const { iv, ciphertext, tag } = gcmSeal(kek, dataKey, RECOVERY_WRAP_AAD)
  kek.fill(0)
  return {
    kdf: 'hkdf-sha256',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: tag.toString('base64'),
    sealed: ciphertext.toString('base64')
  }
}

export function unwrapWithRecoveryKey(
  wrapped: RecoveryWrappedKey,
  recoveryKey: Buffer
): Result<Buffer> {
  const parsed = RecoveryWrappedKeySchema.safeParse(wrapped)
  if (!parsed.success)
    return fail('invalid_input', 'The stored recovery copy of the key is damaged.')
  if (recoveryKey.length !== KEY_BYTES) return fail('invalid_input', MISTYPED_RECOVERY_KEY_MESSAGE)
  const kek = deriveFromRecoveryKey(recoveryKey, Buffer.from(parsed.data.salt, 'base64'))
  const dataKey = gcmOpen(kek, partsOf(parsed.data), RECOVERY_WRAP_AAD)
  kek.fill(0)
  return dataKey ? ok(dataKey) : fail('wrong_passphrase', WRONG_RECOVERY_KEY_MESSAGE)
}

// ---- Sealed files -----------------------------------------------------------

/** What a sealed file is for; bound into its authentication so files cannot be swapped. */
export interface SealContext {
  clinicId: string
  kind: string
}

const MAGIC = Buffer.from('IOPF', 'latin1')
const VERSION = 1
const HEADER_BYTES = MAGIC.length + 1 + IV_BYTES
const MIN_SEALED_BYTES = HEADER_BYTES + TAG_BYTES

/** Header, then each context field length-prefixed, so ('ab','c') and ('a','bc') differ. */
function additionalData(header: Buffer, context: SealContext): Buffer {
  const fields = [context.clinicId, context.kind].map((field) => {
    const bytes = Buffer.from(field, 'utf8')
    const length = Buffer.alloc(4)
    length.writeUInt32BE(bytes.length)
    return Buffer.concat([length, bytes])
  })
  return Buffer.concat([header, ...fields])
}

export function isSealed(buffer: Buffer): boolean {
  return buffer.length >= MAGIC.length && buffer.subarray(0, MAGIC.length).equals(MAGIC)
}

export function seal(plaintext: Buffer | string, dataKey: Buffer, context: SealContext): Buffer {
  requireKey(dataKey, 'data key')
  const iv = randomBytes(IV_BYTES)
  const header = Buffer.concat([MAGIC, Buffer.of(VERSION), iv])
  const body = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext
  const { ciphertext, tag } = gcmSeal(dataKey, body, additionalData(header, context), iv)
  return Buffer.concat([header, ciphertext, tag])
}

/**
 * Without a length in the header, a file cut below the smallest possible size
 * reads as cut short; one cut later fails authentication and reads as damaged.
 */
export function open(sealed: Buffer, dataKey: Buffer, context: SealContext): Result<Buffer> {
  requireKey(dataKey, 'data key')
  const magicSeen = sealed.subarray(0, MAGIC.length)
  if (!magicSeen.equals(MAGIC.subarray(0, magicSeen.length))) {
    return fail('invalid_input', NOT_SEALED_MESSAGE)
  }
  if (sealed.length > MAGIC.length) {
    const version = sealed[MAGIC.length]!
    if (version > VERSION) return fail('storage_failed', NEWER_VERSION_MESSAGE)
    if (version !== VERSION) return fail('storage_failed', TAMPERED_MESSAGE)
  }
  if (sealed.length < MIN_SEALED_BYTES) return fail('storage_failed', CUT_SHORT_MESSAGE)
  const header = sealed.subarray(0, HEADER_BYTES)
  const plaintext = gcmOpen(
    dataKey,
    {
      iv: sealed.subarray(MAGIC.length + 1, HEADER_BYTES),
      ciphertext: sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES),
      tag: sealed.subarray(sealed.length - TAG_BYTES)
    },
    additionalData(header, context)
  )
  return plaintext ? ok(plaintext) : fail('storage_failed', TAMPERED_MESSAGE)
}
