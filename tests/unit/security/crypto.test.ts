/**
 * The encryption under the clinic's records: the data key wrapped per staff
 * member and by the printed recovery key, and the sealed-file envelope that
 * refuses any changed, cut or swapped file.
 */
import { describe, expect, test } from 'vitest'
import {
  CUT_SHORT_MESSAGE,
  DEFAULT_SCRYPT,
  MISTYPED_RECOVERY_KEY_MESSAGE,
  NEWER_VERSION_MESSAGE,
  NOT_SEALED_MESSAGE,
  RecoveryWrappedKeySchema,
  TAMPERED_MESSAGE,
  WRONG_PASSPHRASE_MESSAGE,
  WRONG_RECOVERY_KEY_MESSAGE,
  WrappedKeySchema,
  isSealed,
  newDataKey,
  newRecoveryKey,
  open,
  parseRecoveryKey,
  seal,
  unwrapKey,
  unwrapWithRecoveryKey,
  wrapKey,
  wrapWithRecoveryKey
} from '../../../src/main/security/crypto'
import type { Result } from '../../../src/shared/result'

/** Cheap enough for a test; the default cost is exercised once below. */
const FAST = { N: 2 ** 10, r: 8, p: 1 }
const CLINIC = { clinicId: 'clinic-riverside', kind: 'registry' }
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

function messageOf<T>(result: Result<T>): string {
  if (result.ok) throw new Error('expected a refusal, got a value')
  return result.error.message
}

describe('data key wrapped by each staff member’s passphrase', () => {
  test('two staff wrap the same data key and each unwraps it with their own passphrase', async () => {
    const dataKey = newDataKey()
    expect(dataKey).toHaveLength(32)
    const counselor = await wrapKey(dataKey, 'blue heron at dawn', FAST)
    const director = await wrapKey(dataKey, 'Quiet lake 42!', FAST)

    expect(counselor.salt).not.toBe(director.salt)
    expect(valueOf(await unwrapKey(counselor, 'blue heron at dawn')).equals(dataKey)).toBe(true)
    expect(valueOf(await unwrapKey(director, 'Quiet lake 42!')).equals(dataKey)).toBe(true)
    // One person's passphrase does not open another person's copy.
    expect(messageOf(await unwrapKey(counselor, 'Quiet lake 42!'))).toBe(WRONG_PASSPHRASE_MESSAGE)
  })

  test('a wrong passphrase is refused as a value, not thrown', async () => {
    const wrapped = await wrapKey(newDataKey(), 'blue heron at dawn', FAST)
    const result = await unwrapKey(wrapped, 'blue heron at dusk')
    expect(result).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase', message: WRONG_PASSPHRASE_MESSAGE }
    })
  })

  test('the same passphrase typed with a differently composed accent still unwraps', async () => {
    const dataKey = newDataKey()
    const wrapped = await wrapKey(dataKey, 'caf\u00e9 con leche', FAST)
    expect(valueOf(await unwrapKey(wrapped, 'cafe\u0301 con leche')).equals(dataKey)).toBe(true)
  })

  test('the default cost (N = 2^15, r = 8, p = 1) is stored with the key and works', async () => {
    const dataKey = newDataKey()
    const wrapped = await wrapKey(dataKey, 'blue heron at dawn')
    expect(wrapped).toMatchObject({ kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1 })
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 1 })
    expect(valueOf(await unwrapKey(wrapped, 'blue heron at dawn')).equals(dataKey)).toBe(true)
  })

  test('a wrapped key survives a JSON round trip through its schema', async () => {
    const dataKey = newDataKey()
    const wrapped = await wrapKey(dataKey, 'blue heron at dawn', FAST)
    const restored = WrappedKeySchema.parse(JSON.parse(JSON.stringify(wrapped)))
    expect(restored).toEqual(wrapped)
    expect(valueOf(await unwrapKey(restored, 'blue heron at dawn')).equals(dataKey)).toBe(true)
  })

  test('a stored key with a changed sealed key or tag is refused', async () => {
    const wrapped = await wrapKey(newDataKey(), 'blue heron at dawn', FAST)
    const sealed = Buffer.from(wrapped.sealed, 'base64')
    sealed[0]! ^= 0x01
    const changed = { ...wrapped, sealed: sealed.toString('base64') }
    expect(messageOf(await unwrapKey(changed, 'blue heron at dawn'))).toBe(WRONG_PASSPHRASE_MESSAGE)
  })

  test('a stored key asking for an absurd scrypt cost is refused before any work', async () => {
    const wrapped = await wrapKey(newDataKey(), 'blue heron at dawn', FAST)
    expect(WrappedKeySchema.safeParse({ ...wrapped, N: 2 ** 30 }).success).toBe(false)
    expect(WrappedKeySchema.safeParse({ ...wrapped, N: 3000 }).success).toBe(false)
    expect(WrappedKeySchema.safeParse({ ...wrapped, salt: 'AAAA' }).success).toBe(false)
    const result = await unwrapKey({ ...wrapped, N: 2 ** 30 }, 'blue heron at dawn')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid_input')
  })
})

describe('recovery key', () => {
  test('is shown as dash-separated groups of four unambiguous characters', () => {
    const key = newRecoveryKey()
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$/)
    expect(newRecoveryKey()).not.toBe(key)
  })

  test('round trip: wraps the data key and unwraps it from the key as typed back in', () => {
    const dataKey = newDataKey()
    const printed = newRecoveryKey()
    const wrapped = wrapWithRecoveryKey(dataKey, valueOf(parseRecoveryKey(printed)))
    const restored = RecoveryWrappedKeySchema.parse(JSON.parse(JSON.stringify(wrapped)))

    // Typed back in lower case, with spaces for dashes, O for 0 and l/I for 1.
    const typed = printed
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, (_, at: number) => (at % 2 ? 'l' : 'I'))
    const bytes = valueOf(parseRecoveryKey(`  ${typed} `))
    expect(valueOf(unwrapWithRecoveryKey(restored, bytes)).equals(dataKey)).toBe(true)
  })

  test('any one character changed is reported as a typing mistake, not a wrong key', () => {
    const printed = newRecoveryKey()
    const symbols = printed.replace(/-/g, '')
    let checked = 0
    for (let at = 0; at < symbols.length; at++) {
      for (const replacement of ALPHABET) {
        if (replacement === symbols[at]) continue
        const typo = symbols.slice(0, at) + replacement + symbols.slice(at + 1)
        expect(parseRecoveryKey(typo)).toEqual({
          ok: false,
          error: { code: 'invalid_input', message: MISTYPED_RECOVERY_KEY_MESSAGE }
        })
        checked++
      }
    }
    expect(checked).toBe(56 * 31)
  })

  test('two neighbouring characters swapped is reported as a typing mistake', () => {
    const symbols = newRecoveryKey().replace(/-/g, '')
    for (let at = 0; at + 1 < symbols.length; at++) {
      if (symbols[at] === symbols[at + 1]) continue
      const swapped = symbols.slice(0, at) + symbols[at + 1] + symbols[at] + symbols.slice(at + 2)
      expect(messageOf(parseRecoveryKey(swapped))).toBe(MISTYPED_RECOVERY_KEY_MESSAGE)
    }
  })

  test('a missing group or a letter never used in recovery keys is explained', () => {
    const printed = newRecoveryKey()
    expect(messageOf(parseRecoveryKey(printed.slice(5)))).toMatch(/52 characters.*56/)
    expect(messageOf(parseRecoveryKey(`U${printed.slice(1)}`))).toMatch(/never use: “U”/)
  })

  test('a different, correctly typed recovery key is refused', () => {
    const wrapped = wrapWithRecoveryKey(newDataKey(), valueOf(parseRecoveryKey(newRecoveryKey())))
    const other = valueOf(parseRecoveryKey(newRecoveryKey()))
    expect(unwrapWithRecoveryKey(wrapped, other)).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase', message: WRONG_RECOVERY_KEY_MESSAGE }
    })
  })
})

describe('sealed files', () => {
  const dataKey = newDataKey()
  const plaintext = Buffer.from(
    JSON.stringify({ participant: 'R. M.', note: 'x'.repeat(300) }).slice(0, 300)
  )
  const sealed = seal(plaintext, dataKey, CLINIC)

  test('round trip, and the file starts with IOPF and version 1', () => {
    expect(plaintext).toHaveLength(300)
    expect(sealed).toHaveLength(4 + 1 + 12 + 300 + 16)
    expect(sealed.subarray(0, 5).equals(Buffer.from('IOPF\x01', 'latin1'))).toBe(true)
    expect(isSealed(sealed)).toBe(true)
    expect(isSealed(plaintext)).toBe(false)
    expect(valueOf(open(sealed, dataKey, CLINIC)).equals(plaintext)).toBe(true)
    const text = seal('Group began at 09:00.', dataKey, CLINIC)
    expect(valueOf(open(text, dataKey, CLINIC)).toString('utf8')).toBe('Group began at 09:00.')
    const empty = seal(Buffer.alloc(0), dataKey, CLINIC)
    expect(valueOf(open(empty, dataKey, CLINIC))).toHaveLength(0)
  })

  test('the plaintext does not appear in the sealed file', () => {
    expect(sealed.includes(Buffer.from('R. M.'))).toBe(false)
  })

  test('two seals of the same plaintext differ (a fresh IV each time)', () => {
    const again = seal(plaintext, dataKey, CLINIC)
    expect(again.equals(sealed)).toBe(false)
    expect(again.subarray(5, 17).equals(sealed.subarray(5, 17))).toBe(false)
  })

  test('every single-byte change anywhere in the file is detected', () => {
    for (let at = 0; at < sealed.length; at++) {
      const changed = Buffer.from(sealed)
      changed[at]! ^= 0x01
      const result = open(changed, dataKey, CLINIC)
      expect(result.ok, `byte ${at}`).toBe(false)
      expect(messageOf(result), `byte ${at}`).toBe(at < 4 ? NOT_SEALED_MESSAGE : TAMPERED_MESSAGE)
    }
  })

  test('a file cut at every length short of complete is detected', () => {
    for (let length = 0; length < sealed.length; length++) {
      const result = open(sealed.subarray(0, length), dataKey, CLINIC)
      expect(result.ok, `length ${length}`).toBe(false)
      // Below header + tag the file is plainly cut short; past that, authentication catches it.
      expect(messageOf(result), `length ${length}`).toBe(
        length < 4 + 1 + 12 + 16 ? CUT_SHORT_MESSAGE : TAMPERED_MESSAGE
      )
    }
  })

  test('bytes added at the end are detected', () => {
    const longer = Buffer.concat([sealed, Buffer.of(0)])
    expect(messageOf(open(longer, dataKey, CLINIC))).toBe(TAMPERED_MESSAGE)
  })

  test('another clinic’s file, or a session file in place of the registry, is refused', () => {
    expect(messageOf(open(sealed, dataKey, { ...CLINIC, clinicId: 'clinic-hillside' }))).toBe(
      TAMPERED_MESSAGE
    )
    expect(messageOf(open(sealed, dataKey, { ...CLINIC, kind: 'session' }))).toBe(TAMPERED_MESSAGE)
    // The fields are kept apart, so shifting characters between them does not match either.
    const shifted = { clinicId: 'clinic-riverside' + 'reg', kind: 'istry' }
    expect(messageOf(open(sealed, dataKey, shifted))).toBe(TAMPERED_MESSAGE)
  })

  test('a different data key is refused', () => {
    expect(messageOf(open(sealed, newDataKey(), CLINIC))).toBe(TAMPERED_MESSAGE)
  })

  test('a plain file, or one from a newer version of the app, is told apart', () => {
    const json = Buffer.from('{"version":3,"participants":[]}')
    expect(isSealed(json)).toBe(false)
    expect(messageOf(open(json, dataKey, CLINIC))).toBe(NOT_SEALED_MESSAGE)
    expect(messageOf(open(Buffer.from('{}'), dataKey, CLINIC))).toBe(NOT_SEALED_MESSAGE)
    const newer = Buffer.from(sealed)
    newer[4] = 2
    expect(messageOf(open(newer, dataKey, CLINIC))).toBe(NEWER_VERSION_MESSAGE)
  })
})
