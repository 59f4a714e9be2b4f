import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject
} from 'node:crypto'
import { z } from 'zod'
import type { AccessEntry } from '../../shared/domain/access-log'
import { Sha256Hex } from '../../shared/domain/access-log'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DecodedLine, LineCodec, LogCheckpoint, LogHead } from '../store/access-log'
import { writeFileAtomic } from '../store/atomic-write'
import { gcmOpen, gcmSeal, open, seal } from './crypto'

/**
 * The access log, sealed line by line.
 *
 * A refused sign-in must be written down before anyone has opened the records,
 * so some lines cannot wait for the data key. There are two kinds of line:
 *
 * - written while the records are open (nearly all): sealed with AES-256-GCM
 *   under a key derived from the data key (`seal`). Only a key holder can
 *   write or read one.
 * - written before anyone has opened the records (a refused sign-in): sealed
 *   to the log's public key (`box`: X25519 with an ephemeral key per line,
 *   HKDF-SHA256, then AES-256-GCM). Anyone running the app can add one; only a
 *   key holder can read it. The log's private key is kept in the keyring,
 *   sealed under the data key. Since the public key is in clear, such a line
 *   proves less: any entry other than a refused sign-in written this way was
 *   not written by the app and is reported as a break in the chain.
 *
 * A stored line keeps in clear only what the chain needs to go on without the
 * key — the entry's number and its hash — and both are authenticated by the
 * cipher, so neither can be changed without the line failing to open.
 */

const KEY_KIND = 'access-log-key'
const FORMAT = 1
const RAW_PUBLIC_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
/** DER prefix of an X25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const BASE64URL = /^[A-Za-z0-9_-]+$/

export const LogKeySchema = z.object({
  /** The X25519 public key, raw, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** The private key (PKCS#8 DER), sealed under the data key, base64. */
  privateKey: z.string().min(1)
})
export type LogKey = z.infer<typeof LogKeySchema>

const Position = {
  v: z.literal(FORMAT),
  seq: z.number().int().positive(),
  hash: Sha256Hex
}
const StoredLine = z.union([
  /** Sealed under the data key: iv, tag, ciphertext. */
  z.strictObject({ ...Position, seal: z.string().regex(BASE64URL) }),
  /** Sealed to the log's public key: ephemeral public key, iv, tag, ciphertext. */
  z.strictObject({ ...Position, box: z.string().regex(BASE64URL) })
])
type StoredLine = z.infer<typeof StoredLine>

/** A new key pair for the clinic's access log; the private half sealed under the data key. */
export function newLogKey(dataKey: Buffer, clinicId: string): LogKey {
  const pair = generateKeyPairSync('x25519')
  const raw = pair.publicKey
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_X25519_PREFIX.length)
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' })
  return {
    publicKey: Buffer.from(raw).toString('base64'),
    privateKey: seal(pkcs8, dataKey, { clinicId, kind: KEY_KIND }).toString('base64')
  }
}

function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== RAW_PUBLIC_BYTES) throw new Error('not an X25519 public key')
  return createPublicKey({
    key: Buffer.concat([SPKI_X25519_PREFIX, raw]),
    format: 'der',
    type: 'spki'
  })
}

function derive(secret: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, info, 32))
}

function lineData(clinicId: string, seq: number, hash: string): Buffer {
  return Buffer.from(`iop-facilitator access-log|v${FORMAT}|${clinicId}|${seq}|${hash}`, 'utf8')
}

/** A line's sealed bytes: iv, tag, ciphertext (crypto.ts's AES-256-GCM). */
function sealLine(key: Buffer, text: string, aad: Buffer): Buffer {
  const { iv, tag, ciphertext } = gcmSeal(key, Buffer.from(text, 'utf8'), aad)
  return Buffer.concat([iv, tag, ciphertext])
}

function openLine(key: Buffer, sealed: Buffer, aad: Buffer): string {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('cut short')
  const opened = gcmOpen(
    key,
    {
      iv: sealed.subarray(0, IV_BYTES),
      tag: sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      ciphertext: sealed.subarray(IV_BYTES + TAG_BYTES)
    },
    aad
  )
  if (!opened) throw new Error('the line was changed after it was written')
  return opened.toString('utf8')
}

/** The bytes of a base64url field, refusing a second spelling of the same bytes. */
function strictBytes(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url')
  if (bytes.toString('base64url') !== text) throw new Error('the line was changed')
  return bytes
}

/** What the line codec needs to read lines as well as write them. */
interface Opened {
  privateKey: KeyObject
  lineKey: Buffer
}

/**
 * The codec the access log writes and reads its lines with. Made with the
 * public key alone it writes `box` lines and follows the chain; `unlock` with
 * the data key lets it read every line and write `seal` lines.
 */
export class SealedLogCodec implements LineCodec {
  private readonly logRaw: Buffer
  private readonly logPublic: KeyObject
  private opened: Opened | null = null

  constructor(
    private readonly clinicId: string,
    private readonly logKey: LogKey
  ) {
    this.logRaw = Buffer.from(logKey.publicKey, 'base64')
    this.logPublic = publicKeyFromRaw(this.logRaw)
  }

  /** Opens the log's private key with the data key; false when the key does not fit. */
  unlock(dataKey: Buffer): boolean {
    const pkcs8 = open(Buffer.from(this.logKey.privateKey, 'base64'), dataKey, {
      clinicId: this.clinicId,
      kind: KEY_KIND
    })
    if (!pkcs8.ok) return false
    this.opened = {
      privateKey: createPrivateKey({ key: pkcs8.value, format: 'der', type: 'pkcs8' }),
      lineKey: derive(
        dataKey,
        Buffer.alloc(0),
        `iop-facilitator access-log line key v${FORMAT}|${this.clinicId}`
      )
    }
    return true
  }

  get canRead(): boolean {
    return this.opened !== null
  }

  encode(canonical: string, entry: AccessEntry): string {
    const aad = lineData(this.clinicId, entry.seq, entry.hash)
    const position = { v: FORMAT, seq: entry.seq, hash: entry.hash } as const
    let stored: StoredLine
    if (this.opened) {
      stored = {
        ...position,
        seal: sealLine(this.opened.lineKey, canonical, aad).toString('base64url')
      }
    } else {
      const ephemeral = generateKeyPairSync('x25519')
      const ephemeralRaw = ephemeral.publicKey
        .export({ format: 'der', type: 'spki' })
        .subarray(SPKI_X25519_PREFIX.length)
      const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: this.logPublic })
      const key = this.boxKey(shared, ephemeralRaw)
      const box = Buffer.concat([ephemeralRaw, sealLine(key, canonical, aad)])
      stored = { ...position, box: box.toString('base64url') }
    }
    return JSON.stringify(stored)
  }

  decode(line: string): DecodedLine {
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      throw new Error('not a line of the log')
    }
    if (json && typeof json === 'object' && 'prev' in json) {
      // A line from before the log was sealed: read as it is, and only before the first sealed one.
      return { kind: 'entry', canonical: line, sealed: false }
    }
    const parsed = StoredLine.safeParse(json)
    if (!parsed.success) throw new Error('not a line of the log')
    const stored = parsed.data
    const { seq, hash } = stored
    if (!this.opened) return { kind: 'closed', seq, hash }
    const aad = lineData(this.clinicId, seq, hash)
    let canonical: string
    let byKeyHolder: boolean
    if ('seal' in stored) {
      canonical = openLine(this.opened.lineKey, strictBytes(stored.seal), aad)
      byKeyHolder = true
    } else {
      const bytes = strictBytes(stored.box)
      if (bytes.length < RAW_PUBLIC_BYTES) throw new Error('cut short')
      const ephemeralRaw = bytes.subarray(0, RAW_PUBLIC_BYTES)
      const shared = diffieHellman({
        privateKey: this.opened.privateKey,
        publicKey: publicKeyFromRaw(Buffer.from(ephemeralRaw))
      })
      canonical = openLine(this.boxKey(shared, ephemeralRaw), bytes.subarray(RAW_PUBLIC_BYTES), aad)
      byKeyHolder = false
    }
    const inner = JSON.parse(canonical) as Partial<AccessEntry>
    if (inner.seq !== seq || inner.hash !== hash) {
      throw new Error('the line was changed after it was written')
    }
    if (!byKeyHolder && inner.action !== 'sign_in_failed') {
      throw new Error('the line was not written by this clinic’s app')
    }
    return { kind: 'entry', canonical, sealed: true, keyed: byKeyHolder }
  }

  private boxKey(shared: Buffer, ephemeralRaw: Buffer): Buffer {
    return derive(
      shared,
      Buffer.concat([ephemeralRaw, this.logRaw]),
      `iop-facilitator access-log box v${FORMAT}|${this.clinicId}`
    )
  }
}

export const LOG_HEAD_FILE = 'access-log.head'
const HEAD_KIND = 'access-log-head'

const HeadRecord = z.strictObject({ seq: z.number().int().positive(), hash: Sha256Hex })

/**
 * The access log's head record: the number and hash of the last entry written
 * with the records open, sealed under the data key in `access-log.head`, so
 * entries cut off the end of the log show. Without the data key (nobody has
 * opened the records) it is neither read nor written.
 */
export function sealedLogHead(
  dataDir: string,
  clinicId: string,
  dataKey: Buffer | null,
  /** Keys from before a change of key: a head record not yet sealed again opens with one. */
  previous: Buffer[] = []
): LogHead {
  const path = join(dataDir, LOG_HEAD_FILE)
  const context = { clinicId, kind: HEAD_KIND }
  return {
    read: async () => {
      if (!dataKey) return { state: 'unavailable' }
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch {
        return { state: 'missing' }
      }
      const opened = [dataKey, ...previous]
        .map((key) => open(bytes, key, context))
        .find((attempt) => attempt.ok) ?? { ok: false as const }
      if (!opened.ok) return { state: 'missing' }
      try {
        const parsed = HeadRecord.safeParse(JSON.parse(opened.value.toString('utf8')))
        return parsed.success ? { state: 'found', position: parsed.data } : { state: 'missing' }
      } catch {
        return { state: 'missing' }
      }
    },
    write: async (position) => {
      if (!dataKey) return false
      await writeFileAtomic(path, seal(JSON.stringify(position), dataKey, context))
      return true
    }
  }
}

export const LOG_CHECKPOINT_FILE = 'access-log.checkpoint'
const CHECKPOINT_KIND = 'access-log-checkpoint'
const CheckpointRecord = z.strictObject({
  seq: z.number().int().positive(),
  hash: Sha256Hex,
  offset: z.number().int().positive(),
  keyed: z.boolean()
})

/**
 * Where the access log was last found whole, sealed under the data key (so only the app can
 * move it): the log then opens checking only the lines written after it. Without the key it
 * reads as no checkpoint, and the whole log is read.
 */
export function sealedLogCheckpoint(
  dataDir: string,
  clinicId: string,
  dataKey: Buffer | null
): LogCheckpoint {
  const path = join(dataDir, LOG_CHECKPOINT_FILE)
  const context = { clinicId, kind: CHECKPOINT_KIND }
  return {
    read: async () => {
      if (!dataKey) return null
      const bytes = await readFile(path).catch(() => null)
      if (!bytes) return null
      const opened = open(bytes, dataKey, context)
      if (!opened.ok) return null
      try {
        const parsed = CheckpointRecord.safeParse(JSON.parse(opened.value.toString('utf8')))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    write: async (position) => {
      if (!dataKey) return
      await writeFileAtomic(path, seal(JSON.stringify(position), dataKey, context))
    }
  }
}
