import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject
} from 'node:crypto'
import { z } from 'zod'
import type { AccessEntry } from '../../shared/domain/access-log'
import { Sha256Hex } from '../../shared/domain/access-log'
import type { DecodedLine, LineCodec } from '../store/access-log'
import { open, seal } from './crypto'

/**
 * The access log, sealed line by line.
 *
 * A refused sign-in must be written down before anyone has opened the records,
 * so lines cannot wait for the data key. Each line is therefore sealed to the
 * log's public key (X25519, an ephemeral key per line, HKDF-SHA256, then
 * AES-256-GCM): anyone running the app can add a line, only someone holding
 * the data key can read one. The log's private key is kept in the keyring,
 * sealed under the data key.
 *
 * A stored line keeps in clear only what the chain needs to go on without the
 * key — the entry's number and its hash — and both are authenticated by the
 * cipher, so neither can be changed without the line failing to open. Lines
 * written while the records are open also carry an HMAC under a key derived
 * from the data key: nobody without the key can write or rewrite such a line.
 * Only a refused sign-in may be written without it (that is the one entry made
 * before a key is at hand); any other entry without one was not written by the
 * app and is reported as a break in the chain.
 */

const KEY_KIND = 'access-log-key'
const FORMAT = 1
const RAW_PUBLIC_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
/** DER prefix of an X25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')

export const LogKeySchema = z.object({
  /** The X25519 public key, raw, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** The private key (PKCS#8 DER), sealed under the data key, base64. */
  privateKey: z.string().min(1)
})
export type LogKey = z.infer<typeof LogKeySchema>

const StoredLine = z.strictObject({
  v: z.literal(FORMAT),
  seq: z.number().int().positive(),
  hash: Sha256Hex,
  box: z.string().regex(/^[A-Za-z0-9_-]+$/),
  mac: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional()
})

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

function boxKey(shared: Buffer, ephemeralRaw: Buffer, logRaw: Buffer, clinicId: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      shared,
      Buffer.concat([ephemeralRaw, logRaw]),
      `iop-facilitator access-log line v${FORMAT}|${clinicId}`,
      32
    )
  )
}

function lineData(clinicId: string, seq: number, hash: string): Buffer {
  return Buffer.from(`iop-facilitator access-log|v${FORMAT}|${clinicId}|${seq}|${hash}`, 'utf8')
}

/** What the line codec needs to read lines as well as write them. */
interface Opened {
  privateKey: KeyObject
  macKey: Buffer
}

/**
 * The codec the access log writes and reads its lines with. Made with the
 * public key alone it writes lines and follows the chain; `unlock` with the
 * data key lets it read them and authenticate new ones.
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
      macKey: Buffer.from(
        hkdfSync(
          'sha256',
          dataKey,
          Buffer.alloc(0),
          `iop-facilitator access-log mac v${FORMAT}|${this.clinicId}`,
          32
        )
      )
    }
    return true
  }

  get canRead(): boolean {
    return this.opened !== null
  }

  encode(canonical: string, entry: AccessEntry): string {
    const ephemeral = generateKeyPairSync('x25519')
    const ephemeralRaw = ephemeral.publicKey
      .export({ format: 'der', type: 'spki' })
      .subarray(SPKI_X25519_PREFIX.length)
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: this.logPublic })
    const key = boxKey(shared, ephemeralRaw, this.logRaw, this.clinicId)
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(lineData(this.clinicId, entry.seq, entry.hash))
    const ciphertext = Buffer.concat([cipher.update(canonical, 'utf8'), cipher.final()])
    const box = Buffer.concat([ephemeralRaw, iv, cipher.getAuthTag(), ciphertext]).toString(
      'base64url'
    )
    const stored: z.infer<typeof StoredLine> = { v: FORMAT, seq: entry.seq, hash: entry.hash, box }
    if (this.opened) stored.mac = this.mac(entry.seq, entry.hash, box)
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
    const { seq, hash, box, mac } = parsed.data
    if (!this.opened) return { kind: 'closed', seq, hash }
    if (mac !== undefined) {
      const expected = Buffer.from(this.mac(seq, hash, box), 'utf8')
      const given = Buffer.from(mac, 'utf8')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new Error('the line was not written by this clinic’s app')
      }
    }
    const bytes = Buffer.from(box, 'base64url')
    // One spelling per box: a changed last character that decodes to the same bytes is a change too.
    if (bytes.toString('base64url') !== box) throw new Error('the line was changed')
    if (bytes.length < RAW_PUBLIC_BYTES + IV_BYTES + TAG_BYTES) throw new Error('cut short')
    const ephemeralRaw = bytes.subarray(0, RAW_PUBLIC_BYTES)
    const iv = bytes.subarray(RAW_PUBLIC_BYTES, RAW_PUBLIC_BYTES + IV_BYTES)
    const tag = bytes.subarray(RAW_PUBLIC_BYTES + IV_BYTES, RAW_PUBLIC_BYTES + IV_BYTES + TAG_BYTES)
    const ciphertext = bytes.subarray(RAW_PUBLIC_BYTES + IV_BYTES + TAG_BYTES)
    const shared = diffieHellman({
      privateKey: this.opened.privateKey,
      publicKey: publicKeyFromRaw(Buffer.from(ephemeralRaw))
    })
    const decipher = createDecipheriv(
      'aes-256-gcm',
      boxKey(shared, ephemeralRaw, this.logRaw, this.clinicId),
      iv
    )
    decipher.setAAD(lineData(this.clinicId, seq, hash))
    decipher.setAuthTag(tag)
    let canonical: string
    try {
      canonical = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
    } catch {
      throw new Error('the line was changed after it was written')
    }
    const inner = JSON.parse(canonical) as Partial<AccessEntry>
    if (inner.seq !== seq || inner.hash !== hash) {
      throw new Error('the line was changed after it was written')
    }
    if (mac === undefined && inner.action !== 'sign_in_failed') {
      throw new Error('the line was not written by this clinic’s app')
    }
    return { kind: 'entry', canonical, sealed: true }
  }

  private mac(seq: number, hash: string, box: string): string {
    return createHmac('sha256', this.opened!.macKey)
      .update(lineData(this.clinicId, seq, hash))
      .update(box, 'utf8')
      .digest('base64url')
  }
}
