/**
 * The access log sealed line by line: a line can be added with the public key
 * alone (a refused sign-in before anyone has opened the records) and read only
 * with the data key; nothing in the file names anyone; a changed, forged or
 * swapped line is a break in the chain.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { AccessEntryInput } from '../../../src/shared/domain/access-log'
import { newDataKey } from '../../../src/main/security/crypto'
import {
  LOG_HEAD_FILE,
  newLogKey,
  SealedLogCodec,
  sealedLogHead,
  type LogKey
} from '../../../src/main/security/sealed-log'
import { AccessLog, ACCESS_LOG_FILE } from '../../../src/main/store/access-log'

const CLINIC = 'clinic-a'
let folder: string
let path: string
let dataKey: Buffer
let logKey: LogKey
let time: number

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-sealed-log-'))
  path = join(folder, ACCESS_LOG_FILE)
  dataKey = newDataKey()
  logKey = newLogKey(dataKey, CLINIC)
  time = Date.parse('2026-11-23T15:00:00Z')
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const clock = () => (time += 1_000)

function entry(over: Partial<AccessEntryInput> = {}): AccessEntryInput {
  return {
    staffId: 'staff-robin',
    staffName: 'Robin Okafor, LPC',
    action: 'open_participant',
    subject: 'participant C-101',
    detail: '',
    ...over
  }
}

const refused: AccessEntryInput = {
  staffId: 'staff-robin',
  staffName: 'Robin Okafor, LPC',
  action: 'sign_in_failed',
  subject: 'sign-in',
  detail: 'wrong passphrase (1 in a row)'
}

/** A codec holding the public key only (the app before anyone signs in). */
const closedCodec = () => new SealedLogCodec(CLINIC, logKey)
function openCodec(key = dataKey) {
  const codec = new SealedLogCodec(CLINIC, logKey)
  expect(codec.unlock(key)).toBe(true)
  return codec
}

async function lines(): Promise<string[]> {
  return (await readFile(path, 'utf8')).trimEnd().split('\n')
}

describe('the sealed access log', () => {
  test('entries written with the key read back in order, and the file names nobody', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    await log.append(entry())
    await log.append(entry({ action: 'sign_note', subject: 'note for participant C-102' }))
    const file = await readFile(path, 'utf8')
    expect(file).not.toMatch(/Robin|Okafor|C-101|C-102|participant|sign_note|staff-robin/)
    const reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries().map((e) => e.subject)).toEqual([
      'note for participant C-102',
      'participant C-101'
    ])
  })

  test('before sign-in a refusal is added to the chain without the key, and read once it is at hand', async () => {
    const first = await AccessLog.open(folder, clock, { codec: openCodec() })
    await first.append(entry({ action: 'sign_in', subject: 'sign-in' }))
    await first.append(entry({ action: 'sign_out', subject: 'sign-in' }))
    // The app starts again: nobody has signed in, the data key is not known.
    const closed = await AccessLog.open(folder, clock, { codec: closedCodec() })
    expect(closed.entries()).toEqual([])
    const written = await closed.append(refused)
    expect(written.seq).toBe(3)
    const reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries().map((e) => [e.seq, e.action])).toEqual([
      [3, 'sign_in_failed'],
      [2, 'sign_out'],
      [1, 'sign_in']
    ])
  })

  test('an entry other than a refused sign-in written without the key is not the app’s: a break', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    await log.append(entry())
    // Someone with the public key (it is in the keyring, in clear) adds an entry of their own.
    const forger = await AccessLog.open(folder, clock, { codec: closedCodec() })
    await forger.append(entry({ action: 'print', subject: 'notes for session 12' }))
    const reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
  })

  test('a changed character anywhere in a sealed line is a break', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    for (let i = 0; i < 3; i++) await log.append(entry({ subject: `participant C-10${i}` }))
    const original = await lines()
    const target = original[1]!
    // Every position of the box, the mac and the clear number and hash, in steps.
    for (let at = 0; at < target.length; at += 1) {
      const swapped = target[at] === 'A' ? 'B' : target[at] === '1' ? '2' : 'A'
      const changed = `${target.slice(0, at)}${swapped}${target.slice(at + 1)}`
      if (changed === target) continue
      await writeFile(path, `${[original[0], changed, original[2]].join('\n')}\n`)
      const reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
      const verdict = reopened.verify()
      expect(verdict.intact, `character ${at} changed`).toBe(false)
    }
  })

  test('lines swapped or one removed are breaks', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    for (let i = 0; i < 3; i++) await log.append(entry({ subject: `participant C-10${i}` }))
    const [a, b, c] = await lines()
    await writeFile(path, `${[a, c, b].join('\n')}\n`)
    let reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
    await writeFile(path, `${[a, c].join('\n')}\n`)
    reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 2 })
  })

  test('a line in clear put after the sealed ones is a break; lines from before sealing are kept', async () => {
    // A log from before sealing: plain lines, then the sealed ones continue its chain.
    const plain = await AccessLog.open(folder, clock)
    await plain.append(entry({ subject: 'participant C-001' }))
    const sealed = await AccessLog.open(folder, clock, { codec: openCodec() })
    await sealed.append(entry({ subject: 'participant C-002' }))
    let reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries()).toHaveLength(2)
    // A plain line added by hand after the sealed one.
    const again = await AccessLog.open(folder, clock)
    await again.append(entry({ subject: 'participant C-003' }))
    reopened = await AccessLog.open(folder, clock, { codec: openCodec() })
    expect(reopened.verify()).toMatchObject({ intact: false, firstBadSeq: 3 })
  })

  test('another clinic’s key and a wrong data key open nothing', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    await log.append(entry())
    expect(new SealedLogCodec(CLINIC, logKey).unlock(newDataKey())).toBe(false)
    const otherKey = newDataKey()
    const other = new SealedLogCodec('clinic-b', newLogKey(otherKey, 'clinic-b'))
    expect(other.unlock(otherKey)).toBe(true)
    const elsewhere = await AccessLog.open(folder, clock, { codec: other })
    expect(elsewhere.entries()).toEqual([])
    expect(elsewhere.verify()).toMatchObject({ intact: false, firstBadSeq: 1 })
  })

  test('the export gives each entry opened, in file order', async () => {
    const log = await AccessLog.open(folder, clock, { codec: openCodec() })
    await log.append(entry())
    await log.append(entry({ action: 'export', subject: 'access log' }))
    const text = await log.exportText()
    const exported = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; action: string })
    expect(exported.map((e) => [e.seq, e.action])).toEqual([
      [1, 'open_participant'],
      [2, 'export']
    ])
  })
})

describe('the head record: entries cut off the end of the log', () => {
  const withHead = (key: Buffer | null = dataKey) => ({
    codec: key ? openCodec(key) : closedCodec(),
    head: sealedLogHead(folder, CLINIC, key)
  })

  test('the last entries removed from the file are noticed, and the next entry does not hide it', async () => {
    const log = await AccessLog.open(folder, clock, withHead())
    for (let i = 0; i < 4; i++) await log.append(entry({ subject: `participant C-10${i}` }))
    const [a, b] = await lines()
    await writeFile(path, `${[a, b].join('\n')}\n`)
    const reopened = await AccessLog.open(folder, clock, withHead())
    expect(reopened.verify()).toEqual({
      intact: false,
      firstBadSeq: 3,
      reason:
        'Entries 3 to 4 are missing from the end of the log: the app had written up to entry 4.'
    })
    // Entries go on being written; the break stays where it was found.
    await reopened.append(entry())
    await reopened.append(entry())
    const later = await AccessLog.open(folder, clock, withHead())
    expect(later.verify()).toMatchObject({ intact: false, firstBadSeq: 4 })
    expect(later.entries()).toHaveLength(4)
  })

  test('an intact log with its head record is intact; a refusal before sign-in leaves the record as it was', async () => {
    const log = await AccessLog.open(folder, clock, withHead())
    await log.append(entry())
    const headBefore = await readFile(join(folder, LOG_HEAD_FILE))
    const closed = await AccessLog.open(folder, clock, withHead(null))
    await closed.append(refused)
    expect((await readFile(join(folder, LOG_HEAD_FILE))).equals(headBefore)).toBe(true)
    const reopened = await AccessLog.open(folder, clock, withHead())
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.entries().map((e) => e.action)).toEqual(['sign_in_failed', 'open_participant'])
  })

  test('a removed or doctored head record is reported, not ignored', async () => {
    const log = await AccessLog.open(folder, clock, withHead())
    await log.append(entry())
    await log.append(entry())
    const headPath = join(folder, LOG_HEAD_FILE)
    const head = await readFile(headPath)
    head.writeUInt8(head.readUInt8(head.length - 1) ^ 0x01, head.length - 1)
    await writeFile(headPath, head)
    let reopened = await AccessLog.open(folder, clock, withHead())
    expect(reopened.verify()).toMatchObject({
      intact: false,
      reason: expect.stringMatching(/record of the last entry it wrote is missing or damaged/)
    })
    await rm(headPath)
    reopened = await AccessLog.open(folder, clock, withHead())
    expect(reopened.verify()).toMatchObject({ intact: false })
    // Writing on (a sign-in, say) does not make the report go away.
    await reopened.append(entry())
    const after = await AccessLog.open(folder, clock, withHead())
    expect(after.verify()).toMatchObject({
      intact: false,
      reason: expect.stringMatching(/missing or damaged/)
    })
  })
})
