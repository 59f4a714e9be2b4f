/**
 * Crash durability of the registry: a child process appends participants one
 * write at a time through the real store and acknowledges each write once its
 * promise resolves; the parent kills it with SIGKILL at random moments and
 * checks, after every kill, that the file still parses and holds every
 * acknowledged write (and at most the one write that was in flight).
 *
 * The kill delays come from a seeded PRNG; the seed is printed, and
 * DURABILITY_SEED=<seed> replays the same delays.
 */
import { acksOf, runAndKill } from '../../support/kill-child'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openRegistry, REGISTRY_VERSION } from '../../../src/main/store/registry'
import { isSealed, newDataKey, open } from '../../../src/main/security/crypto'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import { onDisk } from '../../support/on-disk'

const KILLS = 120
/**
 * A hundred child processes take a while on a loaded two-core machine; the test asserts what
 * is on disk after each kill, never how long anything took.
 */
const KILL_LOOP_TIMEOUT_MS = 240_000
/** Kill delays are drawn from [0, MAX_DELAY_MS) after the child's first acknowledgement. */
const MAX_DELAY_MS = 40
const DAY = 86_400_000
const START = Date.UTC(2031, 2, 3, 9, 0, 0)

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

interface ChildRun {
  /** The highest count the child acknowledged before it died. */
  lastAck: number
  /** The count the child found when it opened the registry. */
  startedAt: number
  signal: NodeJS.Signals | null
  stderr: string
}

/**
 * Starts a writer, waits for its first acknowledgement (so the kill lands while
 * it is writing, not while Node is still starting), waits `delayMs` more, then
 * kills it and collects everything it printed.
 */
async function runWriter(
  script: string,
  folder: string,
  delayMs: number,
  extra: string[] = []
): Promise<ChildRun> {
  const { out, signal, stderr } = await runAndKill(script, [folder, ...extra], delayMs)
  const acks = acksOf(out)
  const ready = /^ready (\d+)$/m.exec(out)
  return {
    lastAck: acks.length ? Math.max(...acks) : -1,
    startedAt: ready ? Number(ready[1]) : -1,
    signal,
    stderr
  }
}

let workDir: string
let script: string

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'iop-durability-'))
  script = join(workDir, 'writer-child.mjs')
  // One bundle, run with plain `node`: far cheaper than `node --import tsx` per child.
  await build({
    input: fileURLToPath(new URL('./fixtures/writer-child.ts', import.meta.url)),
    platform: 'node',
    logLevel: 'silent',
    output: { file: script, format: 'esm' }
  })
})

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

describe('registry writes survive SIGKILL', () => {
  test(
    `every acknowledged write is on disk after each of ${KILLS} kills`,
    async () => {
      const seed = process.env.DURABILITY_SEED
        ? Number(process.env.DURABILITY_SEED)
        : Math.floor(Math.random() * 2 ** 32)
      console.log(`durability seed: ${seed} (replay with DURABILITY_SEED=${seed})`)
      const random = prng(seed)
      const folder = join(workDir, 'data')
      let stored = 0
      let exactlyAcknowledged = 0
      let oneInFlight = 0

      for (let kill = 1; kill <= KILLS; kill++) {
        const delayMs = Math.floor(random() * MAX_DELAY_MS)
        const where = `seed ${seed}, kill ${kill} after ${delayMs} ms`
        const run = await runWriter(script, folder, delayMs)
        expect(run.signal, `${where}: the child ended on its own: ${run.stderr}`).toBe('SIGKILL')
        // The next child continues from the state the previous kill left.
        expect(run.startedAt, where).toBe(stored)
        expect(run.lastAck, where).toBeGreaterThan(stored)

        // The raw file and its journal, before the store gets a chance to repair anything.
        let raw: { kind: string; schemaVersion: number; data: { participants: { id: string }[] } }
        try {
          raw = await onDisk(folder, 'registry')
        } catch (error) {
          throw new Error(`${where}: registry.json and its journal do not read: ${String(error)}`)
        }
        expect(raw.kind, where).toBe('registry')
        expect(raw.schemaVersion, where).toBe(REGISTRY_VERSION)
        const count = raw.data.participants.length
        expect(count, `${where}: an acknowledged write was lost`).toBeGreaterThanOrEqual(
          run.lastAck
        )
        expect(count, `${where}: more than one unacknowledged write`).toBeLessThanOrEqual(
          run.lastAck + 1
        )
        // In order, none duplicated, none skipped.
        expect(
          raw.data.participants.map((p) => p.id),
          where
        ).toEqual(Array.from({ length: count }, (_, i) => `p-${i + 1}`))

        // The real store opens it as it is: no repair, no restore, same records.
        const registry = await openRegistry(folder, () => START + Math.floor(count / 10) * DAY)
        expect(registry.recovery, where).toEqual([])
        expect(registry.data, where).toEqual(raw.data)
        const leftovers = [
          ...(await readdir(folder)),
          ...(await readdir(join(folder, 'backups', 'registry')))
        ].filter((name) => name.endsWith('.tmp'))
        expect(leftovers, `${where}: temporary files left after open`).toEqual([])
        expect(existsSync(join(folder, 'damaged')), where).toBe(false)

        if (count === run.lastAck) exactlyAcknowledged++
        else oneInFlight++
        stored = count
      }

      console.log(
        `durability: ${KILLS} kills, ${stored} writes; file held exactly the acknowledged writes ` +
          `${exactlyAcknowledged} times and one unacknowledged write ${oneInFlight} times`
      )
    },
    KILL_LOOP_TIMEOUT_MS
  )
})

describe('encrypted registry writes survive SIGKILL', () => {
  const ENCRYPTED_KILLS = 100
  test(
    `every acknowledged write decrypts after each of ${ENCRYPTED_KILLS} kills`,
    async () => {
      const seed = process.env.DURABILITY_SEED
        ? Number(process.env.DURABILITY_SEED) + 1
        : Math.floor(Math.random() * 2 ** 32)
      console.log(`encrypted durability seed: ${seed}`)
      const random = prng(seed)
      const folder = join(workDir, 'sealed')
      const file = join(folder, 'registry.json')
      const dataKey = newDataKey()
      const clinicId = 'clinic-synthetic-1'
      const codec = sealedCodec(dataKey, clinicId)
      let stored = 0

      for (let kill = 1; kill <= ENCRYPTED_KILLS; kill++) {
        const delayMs = Math.floor(random() * MAX_DELAY_MS)
        const where = `seed ${seed}, kill ${kill} after ${delayMs} ms`
        const run = await runWriter(script, folder, delayMs, [dataKey.toString('hex'), clinicId])
        expect(run.signal, `${where}: the child ended on its own: ${run.stderr}`).toBe('SIGKILL')
        expect(run.startedAt, where).toBe(stored)
        expect(run.lastAck, where).toBeGreaterThan(stored)

        // The raw bytes: sealed, no name in clear, and they open with the key.
        const bytes = await readFile(file)
        expect(isSealed(bytes), `${where}: registry.json is not sealed`).toBe(true)
        expect(bytes.includes(Buffer.from('Testperson')), where).toBe(false)
        const opened = open(bytes, dataKey, { clinicId, kind: 'registry' })
        if (!opened.ok)
          throw new Error(`${where}: registry.json does not decrypt: ${opened.error.message}`)
        const journal = await readFile(join(folder, 'registry.journal')).catch(() =>
          Buffer.alloc(0)
        )
        expect(journal.includes(Buffer.from('Testperson')), `${where}: a name in clear`).toBe(false)
        const raw = await onDisk<{ participants: { id: string }[] }>(folder, 'registry', codec)
        const count = raw.data.participants.length
        expect(count, `${where}: an acknowledged write was lost`).toBeGreaterThanOrEqual(
          run.lastAck
        )
        expect(count, where).toBeLessThanOrEqual(run.lastAck + 1)

        // Every daily backup decrypts too.
        for (const name of await readdir(join(folder, 'backups', 'registry'))) {
          if (name.endsWith('.tmp')) continue
          const backup = open(await readFile(join(folder, 'backups', 'registry', name)), dataKey, {
            clinicId,
            kind: 'registry'
          })
          expect(backup.ok, `${where}: backup ${name} does not decrypt`).toBe(true)
        }

        const registry = await openRegistry(
          folder,
          () => START + Math.floor(count / 10) * DAY,
          codec
        )
        expect(registry.recovery, where).toEqual([])
        expect(registry.data.participants.length, where).toBe(count)
        stored = count
      }
    },
    KILL_LOOP_TIMEOUT_MS
  )

  test('a wrong key or another clinic cannot read the file, and nothing is overwritten', async () => {
    const folder = join(workDir, 'sealed')
    const file = join(folder, 'registry.json')
    const before = await readFile(file)
    const wrong = open(before, newDataKey(), { clinicId: 'clinic-synthetic-1', kind: 'registry' })
    expect(wrong.ok).toBe(false)
    const elsewhere = open(before, Buffer.alloc(32, 7), { clinicId: 'another', kind: 'registry' })
    expect(elsewhere.ok).toBe(false)
    expect(await readFile(file)).toEqual(before)
  })
})
