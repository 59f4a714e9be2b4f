/**
 * The access log opens from its checkpoint: only the lines written since the
 * log was last found whole are read and checked as the app opens, and the
 * whole chain is checked after (in the background, or when an administrator
 * looks). Every kind of tampering is still found: at open when it touches the
 * lines after the checkpoint or the checkpoint's place, and by the whole check
 * anywhere before it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  AccessLog,
  ACCESS_LOG_FILE,
  type LineCodec,
  type LogCheckpoint,
  type LogCheckpointPosition
} from '../../../src/main/store/access-log'
import { GENESIS_HASH, type AccessEntry } from '../../../src/shared/domain/access-log'

const START = Date.UTC(2026, 10, 1, 15, 0, 0)
const clock = () => {
  let t = START
  return () => (t += 60_000)
}

let folder: string
let path: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-access-checkpoint-'))
  path = join(folder, ACCESS_LOG_FILE)
})
afterEach(() => rm(folder, { recursive: true, force: true }))

/** A checkpoint kept in memory (the app's is sealed under the data key). */
function memoryCheckpoint(): LogCheckpoint & { value: LogCheckpointPosition | null } {
  const store = {
    value: null as LogCheckpointPosition | null,
    read: async () => store.value,
    write: async (position: LogCheckpointPosition) => {
      store.value = position
    }
  }
  return store
}

/** The plain codec, counting the lines it reads. */
function countingCodec(): LineCodec & { decoded: number } {
  const codec = {
    decoded: 0,
    encode: (line: string) => line,
    decode: (line: string) => {
      codec.decoded += 1
      return { kind: 'entry' as const, canonical: line, sealed: false }
    }
  }
  return codec
}

async function logWith(count: number, checkpoint: LogCheckpoint) {
  const log = await AccessLog.open(folder, clock(), { checkpoint })
  for (let i = 0; i < count; i++) {
    await log.append({
      staffId: 's-1',
      staffName: 'Dana Reyes, LCSW',
      action: 'open_participant',
      subject: `participant C-${100 + i}`,
      detail: `step ${i + 1}`
    })
  }
  return log
}

const lines = async () => (await readFile(path, 'utf8')).split('\n').filter(Boolean)
const writeLines = (all: string[]) => writeFile(path, all.map((l) => `${l}\n`).join(''))

describe('opening from the checkpoint', () => {
  test('reads only the lines written since the log was last found whole', async () => {
    const checkpoint = memoryCheckpoint()
    await logWith(40, checkpoint)
    // The next opening finds 40 whole entries and sets the checkpoint after them.
    await AccessLog.open(folder, clock(), { checkpoint })
    expect(checkpoint.value).toMatchObject({ seq: 40 })
    const more = await AccessLog.open(folder, clock(), { checkpoint })
    await more.append({
      staffId: 's-2',
      staffName: 'Sam Ortiz, CADC',
      action: 'sign_in',
      subject: 'sign-in',
      detail: ''
    })

    const codec = countingCodec()
    const reopened = await AccessLog.open(folder, clock(), { checkpoint, codec })
    expect(codec.decoded).toBe(1)
    expect(reopened.verify()).toEqual({ intact: true })
    expect(reopened.lastPosition()?.seq).toBe(41)
    expect(reopened.whole).toBe(false)
    expect(await reopened.verifyWhole()).toEqual({ intact: true })
    expect(reopened.entries().map((e) => e.seq)).toHaveLength(41)
  })

  test('an edit to any entry is found: at open after the checkpoint, by the whole check before it', async () => {
    const checkpoint = memoryCheckpoint()
    await logWith(6, checkpoint)
    await AccessLog.open(folder, clock(), { checkpoint })
    const atCheckpoint = checkpoint.value!
    const original = await lines()
    for (let index = 0; index < original.length + 2; index++) {
      // Two more entries after the checkpoint, so some edits land after it.
      const all = [...original]
      let prev = JSON.parse(all.at(-1)!) as AccessEntry
      for (let extra = 0; extra < 2; extra++) {
        const { entryHash, canonicalLine } = await import('../../../src/main/store/access-log')
        const body = { ...prev, seq: prev.seq + 1, prev: prev.hash, detail: `later ${extra}` }
        const entry = { ...body, hash: entryHash(body) }
        all.push(canonicalLine(entry))
        prev = entry
      }
      const entry = JSON.parse(all[index]!) as AccessEntry
      all[index] = JSON.stringify({ ...entry, detail: `${entry.detail}!` })
      await writeLines(all)
      checkpoint.value = atCheckpoint
      const reopened = await AccessLog.open(folder, clock(), { checkpoint })
      const after = index >= atCheckpoint.seq
      if (after) {
        expect(reopened.verify(), `entry ${index + 1} at open`).toMatchObject({
          intact: false,
          firstBadSeq: index + 1
        })
      }
      expect(await reopened.verifyWhole(), `entry ${index + 1}, whole`).toMatchObject({
        intact: false,
        firstBadSeq: index + 1
      })
    }
  })

  test('a log cut short before its checkpoint, or replaced, is found at open', async () => {
    const checkpoint = memoryCheckpoint()
    await logWith(8, checkpoint)
    await AccessLog.open(folder, clock(), { checkpoint })
    const all = await lines()

    const end = checkpoint.value!
    await writeLines(all.slice(0, 5))
    // The clinic file's record of the log's end (an anchor) finds the cut, as without a checkpoint.
    const cut = await AccessLog.open(folder, clock(), { checkpoint, anchors: () => [end] })
    expect(cut.whole).toBe(true)
    expect(cut.verify()).toMatchObject({ intact: false, firstBadSeq: 6 })

    await writeFile(path, '')
    const emptied = await AccessLog.open(folder, clock(), {
      checkpoint,
      anchors: () => [end]
    })
    expect(emptied.verify()).toMatchObject({ intact: false, firstBadSeq: 1 })
  })

  test('a checkpoint that does not fit the file is set aside and the whole log read', async () => {
    const checkpoint = memoryCheckpoint()
    await logWith(3, checkpoint)
    checkpoint.value = { seq: 2, hash: GENESIS_HASH.replace(/0$/, '1'), offset: 5, keyed: false }
    const reopened = await AccessLog.open(folder, clock(), { checkpoint })
    expect(reopened.whole).toBe(true)
    expect(reopened.verify()).toEqual({ intact: true })
    expect(checkpoint.value).toMatchObject({ seq: 3 })
  })
})
