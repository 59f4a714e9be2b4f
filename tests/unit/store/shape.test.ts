/**
 * A records file carries the shape of the records it was written with. A sealed file of the
 * very same shape was written by this app under the clinic's key and opens without every
 * record being checked again (the first sign-in of a five-year clinic no longer spends a
 * fifth of a second on it). Anything else is checked record by record as before: a plain
 * file, which anyone can edit, even when it claims the current shape; and a sealed file
 * written under an older shape.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { newDataKey } from '../../../src/main/security/crypto'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import { openRegistry, Registry, REGISTRY_VERSION } from '../../../src/main/store/registry'
import { shapeOf } from '../../../src/main/store/versioned-document'
import { syntheticParticipant } from './fixtures/participants'

const now = () => Date.UTC(2031, 8, 1, 10, 0, 0)
let folder: string
const file = () => join(folder, 'registry.json')

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-shape-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const participant = (id: string) => syntheticParticipant(id, now())

const registrySpec = { version: REGISTRY_VERSION, schema: Registry }

test('a sealed file is written with the shape of its records, compact, and reads back the same', async () => {
  const codec = sealedCodec(newDataKey(), 'clinic-synthetic-1')
  const registry = await openRegistry(folder, now, codec)
  await registry.update((draft) => {
    draft.participants.push(participant('p-1'))
  })
  await registry.close()
  const text = codec.decode(await readFile(file()), 'registry')
  expect(text).not.toContain('\n  ')
  expect(JSON.parse(text).shape).toBe(shapeOf(registrySpec))
  const reopened = await openRegistry(folder, now, codec)
  expect(reopened.recovery).toEqual([])
  expect(reopened.data.participants.map((p) => p.fullName)).toEqual(['Avery Synthetic p-1'])
})

test('a plain file that claims the current shape is still checked: a record edited by hand out of shape is not let in', async () => {
  const registry = await openRegistry(folder, now)
  await registry.update((draft) => {
    draft.participants.push(participant('p-1'))
  })
  await registry.close()
  const envelope = JSON.parse(await readFile(file(), 'utf8'))
  expect(envelope.shape).toBe(shapeOf(registrySpec))
  envelope.data.participants[0].track = 'not a track'
  await writeFile(file(), JSON.stringify(envelope, null, 2))

  const reopened = await openRegistry(folder, now)
  expect(reopened.recovery.map((r) => r.kind)).toContain('restored_from_backup')
  expect(reopened.data.participants.every((p) => p.track === 'mental_health')).toBe(true)
  expect(await readdir(join(folder, 'damaged'))).toHaveLength(1)
})

test('a sealed file of an older shape is checked record by record, so fields added since get their defaults', async () => {
  const codec = sealedCodec(newDataKey(), 'clinic-synthetic-1')
  const registry = await openRegistry(folder, now, codec)
  await registry.update((draft) => {
    draft.participants.push(participant('p-1'))
  })
  await registry.close()
  const envelope = JSON.parse(codec.decode(await readFile(file()), 'registry'))
  // As written by the version before: another shape, and a list it did not have yet.
  envelope.shape = `${REGISTRY_VERSION}:an-older-shape`
  delete envelope.data.consents
  await writeFile(file(), codec.encode(JSON.stringify(envelope), 'registry'))

  const reopened = await openRegistry(folder, now, codec)
  expect(reopened.recovery).toEqual([])
  expect(reopened.data.consents).toEqual([])
  expect(reopened.data.participants).toHaveLength(1)
})
