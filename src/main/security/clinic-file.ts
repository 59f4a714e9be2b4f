import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { Clinic } from '../../shared/domain/clinic'
import { UnreadableFile, type FileCodec } from '../store/codec'
import { isSealed, open, RecoveryWrappedKeySchema, seal, WrappedKeySchema } from './crypto'
import { LogKeySchema } from './sealed-log'
import { openWithAny } from './sealed-codec'
import { canonicalJson } from '../../shared/canonical-json'

/**
 * The clinic file (`registry.json`): the keyring and the registry in one file,
 * so one atomic rename commits both and no crash can leave them disagreeing.
 *
 *   { kind, format: 2, keyring, anchor, sealed, mac }
 *
 * - `keyring` is in clear because it is needed before anyone has the data key:
 *   the sign-in list and each staff member's copy of the data key wrapped with
 *   their passphrase, one wrapped with the recovery key, the log's public key.
 * - `anchor` is the number and hash of the access log's last entry when the file
 *   was written: one of the places the log's head is kept, so a log deleted or
 *   rolled back with its head record still shows.
 * - `sealed` is the registry, AES-256-GCM under the data key.
 * - `mac` authenticates the keyring, the anchor and the sealed bytes together
 *   under a key derived from the data key and the clinic's id: a keyring edited
 *   by hand (another clinic id, another staff list) or paired with another
 *   registry is refused as soon as the data key is at hand, and the file is
 *   then treated as damaged (set aside, the newest good copy restored).
 *
 * The keyring is a projection of the registry (see `keyringOf`): the wrapped
 * keys live in the registry's staff records, so every change to who may sign in
 * is one registry write.
 */
export const CLINIC_FILE_KIND = 'iop-facilitator clinic'
export const CLINIC_FILE_FORMAT = 2
const REGISTRY_KIND = 'registry'

export const KeyringStaff = z.strictObject({
  staffId: z.string().min(1).max(200),
  fullName: z.string().max(500),
  credentials: z.string().max(200),
  wrapped: WrappedKeySchema
})
export type KeyringStaff = z.infer<typeof KeyringStaff>

export const Keyring = z.strictObject({
  clinicId: z.string().min(1).max(200),
  clinic: Clinic,
  /** Only people who may sign in: disabling someone removes their copy of the key. */
  staff: z.array(KeyringStaff).max(10_000),
  recovery: RecoveryWrappedKeySchema,
  log: LogKeySchema.optional()
})
export type Keyring = z.infer<typeof Keyring>

export const LogAnchor = z.strictObject({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/)
})
export type LogAnchor = z.infer<typeof LogAnchor>

/** A journal line of the clinic file, inside its seal: the change and the log's head then. */
const JournalLine = z.strictObject({ anchor: LogAnchor.nullable(), text: z.string() })

const ClinicFileShape = z.strictObject({
  kind: z.literal(CLINIC_FILE_KIND),
  format: z.literal(CLINIC_FILE_FORMAT),
  keyring: Keyring,
  anchor: LogAnchor.nullable(),
  // Not checked as base64 here (megabytes, character by character): what does not decode to
  // records sealed under the key fails to open below.
  sealed: z.string().min(1),
  mac: z.string().regex(/^[0-9a-f]{64}$/)
})
type ClinicFileShape = z.infer<typeof ClinicFileShape>

/** What the registry holds of the keys: the clinic's id, the recovery copy, the log's key pair. */
export const ClinicKeys = z.object({
  clinicId: z.string().min(1),
  recovery: RecoveryWrappedKeySchema,
  log: LogKeySchema.optional(),
  /**
   * The keys the clinic used before its key was changed, newest first, each sealed under the
   * current key: files not yet sealed again, and the access log (whose lines stay under the key
   * it was begun with), still open.
   */
  previous: z.array(z.base64()).max(100).optional(),
  /** A change of key under way: the files still to seal again are finished at the next opening. */
  rotating: z.object({ startedAt: z.string() }).optional()
})
export type ClinicKeys = z.infer<typeof ClinicKeys>

interface RegistryLike {
  clinic: z.infer<typeof Clinic> | null
  keys?: ClinicKeys | null
  staff: Array<{
    id: string
    fullName: string
    credentials: string
    active: boolean
    wrapped?: z.infer<typeof WrappedKeySchema> | undefined
  }>
}

/** The keyring as the registry says it: who may sign in, with their wrapped keys. */
export function keyringOf(registry: RegistryLike): Keyring | null {
  if (!registry.keys || !registry.clinic) return null
  return {
    clinicId: registry.keys.clinicId,
    clinic: registry.clinic,
    staff: registry.staff
      .filter((s) => s.active && s.wrapped)
      .map((s) => ({
        staffId: s.id,
        fullName: s.fullName,
        credentials: s.credentials,
        wrapped: s.wrapped!
      })),
    recovery: registry.keys.recovery,
    ...(registry.keys.log ? { log: registry.keys.log } : {})
  }
}

export { canonicalJson }

/** A key for one purpose, derived from the data key and bound to the clinic. */
export function purposeKey(dataKey: Buffer, clinicId: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.from(clinicId, 'utf8'), `IOP Facilitator ${purpose}`, 32)
  )
}

export function macOf(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex')
}

export function macMatches(key: Buffer, text: string, mac: string): boolean {
  const expected = Buffer.from(macOf(key, text), 'hex')
  const given = Buffer.from(mac, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function macText(
  keyring: Keyring,
  anchor: LogAnchor | null,
  sealed: Buffer,
  digest = digestOf(sealed)
): string {
  return `${CLINIC_FILE_KIND}|v${CLINIC_FILE_FORMAT}|${canonicalJson({ keyring, anchor })}|${digest}`
}

const digestOf = (sealed: Buffer) => createHash('sha256').update(sealed).digest('hex')

/**
 * What a clinic file holds that needs no key: its parsed shape, the sealed bytes decoded from
 * base64, and their digest. Kept from the read made as the app opens (the sign-in list comes
 * from it), and completed while the sign-in screen waits (`prepareClinicFile`), so signing in
 * only decrypts and parses the records (issue 18, first sign-in of the day). One file, matched
 * by its exact bytes, so nothing read from any other file is ever taken for it; let go of once
 * the records are opened.
 */
interface KeylessRead {
  bytes: Buffer
  shape: ClinicFileShape
  sealed?: Buffer
  digest?: string
}
let keyless: KeylessRead | null = null

function keylessOf(buffer: Buffer): KeylessRead | null {
  return keyless && keyless.bytes.equals(buffer) ? keyless : null
}

/** Decodes and digests the sealed part of the clinic file last read, ahead of a sign-in. */
export function prepareClinicFile(): void {
  const read = keyless
  if (!read) return
  read.sealed ??= Buffer.from(read.shape.sealed, 'base64')
  read.digest ??= digestOf(read.sealed)
}

/** The clinic file's keyless parts are no longer needed (the records are open, or the app closes). */
export function forgetClinicFileRead(): void {
  keyless = null
}

export type ClinicHeader = { keyring: Keyring; anchor: LogAnchor | null }

/** Reads the clear part of a clinic file, without any key: the keyring and the log anchor. */
export function readClinicHeader(bytes: Uint8Array): ClinicHeader | null {
  const shape = parseShape(bytes)
  return shape ? { keyring: shape.keyring, anchor: shape.anchor } : null
}

export function isClinicFile(bytes: Uint8Array): boolean {
  return parseShape(bytes) !== null
}

/** The same bytes as a Buffer, without a copy (a clinic file is megabytes). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function parseShape(bytes: Uint8Array): ClinicFileShape | null {
  const buffer = asBuffer(bytes)
  if (buffer[0] !== 0x7b /* { */) return null
  const known = keylessOf(buffer)
  if (known) return known.shape
  try {
    const parsed = ClinicFileShape.safeParse(JSON.parse(buffer.toString('utf8')))
    if (!parsed.success) return null
    keyless = { bytes: buffer, shape: parsed.data }
    return parsed.data
  } catch {
    return null
  }
}

/**
 * The registry's codec: writes the clinic file (keyring projected from the
 * records being written, the log's current head, the sealed registry, the MAC),
 * and reads one back only when the MAC holds under the data key. It also reads
 * a registry sealed by the version before (the keyring then was `keyring.json`).
 */
export class ClinicFileCodec implements FileCodec {
  readonly authenticates = true
  /** The header of the file last read or written: the keyring the records now stand on. */
  header: ClinicHeader | null = null
  /**
   * The last file read had a keyring that did not hold (changed by hand, or damaged) over
   * records that did: the keyring was rebuilt from the records, and the next write mends it.
   */
  rebuilt = false

  private previous: Buffer[] = []
  /**
   * The file last read, kept for one more read of the same bytes and then dropped: signing in
   * first checks that the key opens the records, then opens them, and the file is decrypted
   * once for both.
   */
  private lastRead: {
    bytes: Buffer
    dataKey: Buffer
    text: string
    whole: unknown
    records: RegistryLike
    header: ClinicHeader
    rebuilt: boolean
  } | null = null

  constructor(
    private dataKey: Buffer,
    /** The clinic id to read a file of the earlier format with (from `keyring.json`). */
    private readonly legacyClinicId: string | null,
    private readonly anchor: () => LogAnchor | null
  ) {}

  /** From the next write on, the file is sealed under `key`; `previous` still read. */
  useKey(key: Buffer, previous: Buffer[]): void {
    this.dataKey = key
    this.previous = previous
  }

  get key(): Buffer {
    return this.dataKey
  }

  private keepNextRead = false

  /** Keep the next file read (its text and records) for `lastRecords` and `takeLastRead`. */
  rememberNextRead(): void {
    this.keepNextRead = true
  }

  /** The records of the file `other` last read, for this codec's next read of the same bytes. */
  takeLastRead(other: ClinicFileCodec): void {
    this.lastRead = other.lastRead
    other.lastRead = null
  }

  /** The text last decoded, parsed, for the one reader that takes it. */
  private parsed: { text: string; value: unknown } | null = null

  takeParsed(text: string): unknown {
    const parsed = this.parsed
    this.parsed = null
    return parsed && parsed.text === text ? parsed.value : undefined
  }

  /** The records (parsed) of the file last read, until it is read again by `takeLastRead`'s taker. */
  get lastRecords(): RegistryLike | null {
    return this.lastRead?.records ?? null
  }

  /**
   * Journal lines: sealed one by one under the data key, bound to the clinic the file is of.
   * Each carries the access log's head as it was, so the anchor stays current between two
   * writes of the whole file: reading a line moves the header's anchor on to it.
   */
  readonly entry = {
    encode: (text: string, kind: string): Uint8Array =>
      seal(JSON.stringify({ anchor: this.anchor(), text }), this.dataKey, {
        clinicId: this.entryClinicId(),
        kind
      }),
    decode: (bytes: Uint8Array, kind: string): string => {
      const opened = openWithAny(Buffer.from(bytes), [this.dataKey, ...this.previous], {
        clinicId: this.entryClinicId(),
        kind
      })
      if (!opened.ok) throw new UnreadableFile(opened.error.message)
      const line = JournalLine.safeParse(JSON.parse(opened.value.toString('utf8')))
      if (!line.success) throw new UnreadableFile('not a journal line')
      const { anchor, text } = line.data
      const header = this.header
      if (header && !this.rebuilt && anchor && (header.anchor?.seq ?? 0) < anchor.seq) {
        this.header = { ...header, anchor }
      }
      return text
    }
  }

  private entryClinicId(): string {
    const clinicId = this.header?.keyring.clinicId ?? this.legacyClinicId
    if (!clinicId) throw new UnreadableFile('the clinic file has not been read yet')
    return clinicId
  }

  encode(text: string, kind: string, data?: unknown): Uint8Array {
    const registry = envelopeData(data) ?? envelopeData(JSON.parse(text))
    const keyring = registry ? keyringOf(registry) : null
    if (!keyring) {
      // Records of the version before, not yet upgraded (a copy made as they are opened):
      // kept in that version's form, which the keyring file beside them still opens.
      if (this.legacyClinicId)
        return seal(text, this.dataKey, { clinicId: this.legacyClinicId, kind })
      throw new Error('the clinic file needs the clinic and its keys')
    }
    const sealed = seal(text, this.dataKey, { clinicId: keyring.clinicId, kind })
    const anchor = this.anchor()
    const mac = macOf(
      purposeKey(this.dataKey, keyring.clinicId, 'clinic file'),
      macText(keyring, anchor, sealed)
    )
    const file: ClinicFileShape = {
      kind: CLINIC_FILE_KIND,
      format: CLINIC_FILE_FORMAT,
      keyring,
      anchor,
      sealed: sealed.toString('base64'),
      mac
    }
    this.header = { keyring, anchor }
    return Buffer.from(JSON.stringify(file), 'utf8')
  }

  decode(bytes: Uint8Array, kind: string): string {
    const buffer = asBuffer(bytes)
    const last = this.lastRead
    this.lastRead = null
    this.parsed = null
    if (last && last.dataKey.equals(this.dataKey) && last.bytes.equals(buffer)) {
      this.header = last.header
      this.rebuilt = last.rebuilt
      this.parsed = { text: last.text, value: last.whole }
      return last.text
    }
    if (isSealed(buffer)) {
      if (!this.legacyClinicId) throw new UnreadableFile('no keyring for this file')
      const opened = open(buffer, this.dataKey, { clinicId: this.legacyClinicId, kind })
      if (!opened.ok) throw new UnreadableFile(opened.error.message)
      return opened.value.toString('utf8')
    }
    const shape = parseShape(buffer)
    if (!shape) throw new UnreadableFile('not a clinic file')
    const known = keylessOf(buffer)
    const sealed = known?.sealed ?? Buffer.from(shape.sealed, 'base64')
    // A copy made before the clinic's key was changed opens with the key of its time. The
    // records authenticate themselves (AES-256-GCM under the data key, the clinic's id bound
    // in); only then can a keyring that fails its MAC be rebuilt from them. Each key is tried
    // once: the records are decrypted once.
    let dataKey = this.dataKey
    let opened = open(sealed, dataKey, { clinicId: shape.keyring.clinicId, kind })
    for (const k of this.previous) {
      if (opened.ok) break
      const tried = open(sealed, k, { clinicId: shape.keyring.clinicId, kind })
      if (tried.ok) {
        dataKey = k
        opened = tried
      }
    }
    if (!opened.ok) throw new UnreadableFile(opened.error.message)
    const key = purposeKey(dataKey, shape.keyring.clinicId, 'clinic file')
    const macHolds = macMatches(
      key,
      macText(shape.keyring, shape.anchor, sealed, known?.sealed ? known.digest : undefined),
      shape.mac
    )
    const text = opened.value.toString('utf8')
    const whole: unknown = JSON.parse(text)
    const inner = envelopeData(whole)
    const projected = inner ? keyringOf(inner) : null
    if (!inner || !projected || projected.clinicId !== shape.keyring.clinicId) {
      throw new UnreadableFile('the keyring does not match the records')
    }
    const matches = canonicalJson(projected) === canonicalJson(shape.keyring)
    this.rebuilt = !macHolds || !matches
    // An anchor that is not authenticated is not trusted.
    this.header = { keyring: projected, anchor: this.rebuilt ? null : shape.anchor }
    if (!this.keepNextRead) {
      this.parsed = { text, value: whole }
      return text
    }
    this.keepNextRead = false
    this.lastRead = {
      bytes: buffer,
      dataKey: this.dataKey,
      text,
      whole,
      records: inner,
      header: this.header,
      rebuilt: this.rebuilt
    }
    return text
  }
}

function envelopeData(value: unknown): RegistryLike | null {
  if (!value || typeof value !== 'object') return null
  const data = (value as { data?: unknown }).data
  if (!data || typeof data !== 'object') return null
  return data as RegistryLike
}

export const REGISTRY_FILE_KIND = REGISTRY_KIND
