/**
 * A zip from outside the app is read with caps: a zip bomb (by size, by
 * expansion, by number of files), a truncated or damaged zip, and a file name
 * that would reach outside its folder are each refused, and a bomb is refused
 * before it is inflated, or within one small step of the lie it tells.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  bytesSource,
  checkEntries,
  listZip,
  unpackEntries,
  withFileSource,
  ZipRefused,
  type ZipLimits,
  type ZipProblem
} from '../../../src/main/store/bounded-zip'
import { writeCraftedZip, type CraftedEntry } from '../../support/crafted-zip'

/** Counts the inflating the reader does, so a test can see a bomb never was inflated. */
const inflating = vi.hoisted(() => ({ started: 0, produced: 0 }))
vi.mock('fflate', async (importOriginal) => {
  const real = await importOriginal<typeof import('fflate')>()
  class CountingInflate extends real.Inflate {
    constructor(callback: (data: Uint8Array, final: boolean) => void) {
      super((data, final) => {
        inflating.produced += data.length
        callback(data, final)
      })
      inflating.started++
    }
  }
  return { ...real, Inflate: CountingInflate }
})

const MiB = 1024 * 1024
const LIMITS: ZipLimits = {
  maxFileBytes: 50 * MiB,
  maxEntries: 10,
  maxEntryBytes: 8 * MiB,
  maxTotalBytes: 12 * MiB,
  maxRatio: 50
}

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-zip-'))
})
afterAll(() => rm(folder, { recursive: true, force: true }))

let made = 0
function crafted(entries: CraftedEntry[]): string {
  const path = join(folder, `crafted-${++made}.zip`)
  writeCraftedZip(path, entries)
  return path
}

/** `count` pieces of 1 MiB of zeros: what a zip bomb is made of. */
function* zeros(count: number): Generator<Uint8Array> {
  const piece = new Uint8Array(MiB)
  for (let i = 0; i < count; i++) yield piece
}

/** What a caller does: list, check, unpack every file. */
function unpack(path: string, limits = LIMITS): Promise<Map<string, Uint8Array>> {
  return withFileSource(path, async (source) => {
    const entries = await listZip(source, limits)
    checkEntries(entries, limits)
    return unpackEntries(source, entries)
  })
}

async function refusal(path: string, limits = LIMITS): Promise<ZipProblem> {
  inflating.started = 0
  inflating.produced = 0
  const error: unknown = await unpack(path, limits).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ZipRefused)
  return (error as ZipRefused).problem
}

describe('a zip from outside the app', () => {
  it('is read from its file, every file as it was packed', async () => {
    const files = {
      'manifest.json': strToU8('{"files":2}'),
      'registry.json': strToU8('{"participants":[]}'.repeat(500)),
      'sessions/session-1.json': new Uint8Array(0)
    }
    const path = join(folder, 'good.zip')
    await writeFile(path, zipSync(files))
    const unpacked = await unpack(path)
    expect(Object.fromEntries(unpacked)).toEqual(files)
  })

  it('refuses a bomb that declares its size, before inflating any of it', async () => {
    const bomb = crafted([{ name: 'registry.json', content: zeros(20) }])
    expect(await refusal(bomb)).toEqual({ kind: 'too_large', limit: 12 * MiB })
    expect(inflating.started).toBe(0)
    const oneTooLarge = crafted([{ name: 'registry.json', content: zeros(9) }])
    expect(await refusal(oneTooLarge)).toEqual({
      kind: 'entry_too_large',
      name: 'registry.json',
      limit: 8 * MiB
    })
    expect(inflating.started).toBe(0)
    const spread = crafted(
      Array.from({ length: 4 }, (_, i) => ({ name: `f-${i}`, content: zeros(4) }))
    )
    expect(await refusal(spread, { ...LIMITS, maxRatio: 2000 })).toEqual({
      kind: 'too_large',
      limit: 12 * MiB
    })
    expect(inflating.started).toBe(0)
  })

  it('refuses a file that expands too far for its packed size, before inflating it', async () => {
    // 4 MiB of zeros packs to a few kB: within the size caps, far beyond the ratio.
    const bomb = crafted([{ name: 'registry.json', content: zeros(4) }])
    expect(await refusal(bomb)).toEqual({ kind: 'ratio', name: 'registry.json', limit: 50 })
    expect(inflating.started).toBe(0)
  })

  it('stops a file that holds more than it declares within one small step', async () => {
    const liar = crafted([
      { name: 'manifest.json', content: '{}' },
      { name: 'registry.json', content: zeros(200), declaredSize: 1000 }
    ])
    expect(await refusal(liar)).toEqual({ kind: 'larger_than_declared', name: 'registry.json' })
    // 200 MiB were on offer; what was inflated before the refusal is a step, not the bomb.
    expect(inflating.produced).toBeLessThan(2 * MiB)
  })

  it('refuses a zip of too many files before reading their names', async () => {
    const many = crafted(Array.from({ length: 11 }, (_, i) => ({ name: `f-${i}`, content: 'x' })))
    expect(await refusal(many)).toEqual({ kind: 'too_many_entries', limit: 10 })
  })

  it('refuses a zip file larger than any it may be, without reading it', async () => {
    const path = join(folder, 'large.zip')
    await writeFile(path, new Uint8Array(2 * MiB))
    expect(await refusal(path, { ...LIMITS, maxFileBytes: MiB })).toEqual({
      kind: 'file_too_large',
      limit: MiB,
      size: 2 * MiB
    })
  })

  it.each(['../outside.json', 'sessions/../../outside.json', '/etc/cron.d/x', 'a\\..\\b', 'C:/x'])(
    'refuses a file named %s, which would reach outside its folder',
    async (name) => {
      const path = crafted([{ name, content: 'hello' }])
      expect(await refusal(path)).toEqual({ kind: 'unsafe_name', name })
    }
  )

  it('refuses a file packed in a way it cannot read', async () => {
    const path = crafted([{ name: 'registry.json', content: 'hello', method: 14 }])
    expect(await refusal(path)).toMatchObject({ kind: 'unsupported', method: 14 })
  })

  it('refuses a truncated zip, at any length', async () => {
    const zip = zipSync({
      'manifest.json': strToU8('{"files":1}'),
      'registry.json': strToU8('{"participants":[1,2,3]}'.repeat(200))
    })
    for (const length of [0, 10, 21, 100, zip.length - 30, zip.length - 1]) {
      const path = join(folder, `truncated-${length}.zip`)
      await writeFile(path, zip.subarray(0, length))
      expect((await refusal(path)).kind, `${length} bytes`).toMatch(/^(not_zip|damaged)$/)
    }
  })

  it('never does anything but read it or refuse it, whatever bytes are damaged', async () => {
    const files = {
      'manifest.json': strToU8('{"files":1}'),
      'registry.json': strToU8('{"participants":[1,2,3]}'.repeat(20))
    }
    const zip = zipSync(files)
    await fc.assert(
      fc.asyncProperty(
        fc.nat(zip.length - 1),
        fc.integer({ min: 0, max: 255 }),
        async (at, byte) => {
          const damaged = zip.slice()
          damaged[at] = byte
          const source = bytesSource(damaged)
          let outcome: unknown
          try {
            const entries = await listZip(source, LIMITS)
            checkEntries(entries, LIMITS)
            outcome = await unpackEntries(source, entries)
          } catch (error) {
            outcome = error
          }
          if (outcome instanceof Map) {
            // A byte that no check covers (a date, a version) changes nothing that is read.
            expect(Object.fromEntries(outcome)).toEqual(files)
          } else {
            expect(outcome).toBeInstanceOf(ZipRefused)
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})
