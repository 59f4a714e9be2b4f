/**
 * The day's copy made when a file is opened on a new day is the file as it stood, byte for
 * byte, copied by the operating system (not sealed and written again by the app: the first
 * sign-in of a day on a five-year clinic no longer pays for it). It is a copy of its own:
 * damage done to the file afterwards, even in place, leaves the copy whole, and the records
 * come back from it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { newDataKey } from '../../../src/main/security/crypto'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import { openRegistry } from '../../../src/main/store/registry'
import { syntheticParticipant } from './fixtures/participants'

const DAY = 86_400_000
const DAY_1 = Date.UTC(2031, 8, 1, 10, 0, 0)
let folder: string
let time = DAY_1
const now = () => time

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-daily-copy-'))
  time = DAY_1
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const participant = (id: string) => syntheticParticipant(id, DAY_1)

test('opened on a new day: the day’s copy is the file byte for byte, and survives the file being damaged in place', async () => {
  const codec = sealedCodec(newDataKey(), 'clinic-synthetic-1')
  const registry = await openRegistry(folder, now, codec)
  await registry.update((draft) => {
    draft.participants.push(participant('p-1'), participant('p-2'))
  })
  await registry.close()
  const file = join(folder, 'registry.json')
  const asClosed = await readFile(file)

  time = DAY_1 + DAY
  const nextDay = await openRegistry(folder, now, codec)
  expect(nextDay.data.participants).toHaveLength(2)
  const copy = join(folder, 'backups', 'registry', 'registry-2031-09-02.json')
  expect((await readFile(copy)).equals(asClosed)).toBe(true)
  await nextDay.close()

  // Damaged where it stands (the same file, written over), not replaced.
  await writeFile(file, 'not the records')
  const reopened = await openRegistry(folder, now, codec)
  expect(reopened.recovery.map((r) => r.kind)).toEqual(['restored_from_backup'])
  expect(reopened.data.participants.map((p) => p.id)).toEqual(['p-1', 'p-2'])
  expect((await readFile(copy)).equals(asClosed)).toBe(true)
  expect(await readdir(join(folder, 'damaged'))).toHaveLength(1)
})
