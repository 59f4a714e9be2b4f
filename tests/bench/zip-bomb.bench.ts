/**
 * A backup that would unpack to 1 GiB, chosen for a restore: what it costs
 * the app to refuse it. Each zip is backup-shaped (a manifest and a records
 * file) and is written piece by piece, never whole in memory; it is chosen
 * through the same dialog stand-in the tests use and previewed, then restored,
 * through createCore. Printed: the refusal, the time, and the peak memory
 * above the baseline (goal: under 100 MB). A sound backup of the same clinic
 * is restored for comparison. Numbers are printed, never asserted.
 * Run with `npx tsx tests/bench/zip-bomb.bench.ts`. All data is synthetic.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore, type PickedFile } from '../../src/main/core'
import type { Result } from '../../src/shared/result'
import { writeCraftedZip, type CraftedEntry } from '../support/crafted-zip'

const MiB = 1024 * 1024
const GiB = 1024 * MiB
const PASSPHRASE = 'maple kettle harbor'

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log('IOP Facilitator zip bomb benchmark')
console.log(`machine: ${cpu}, ${os.cpus().length} cores, node ${process.version}`)

const folder = await mkdtemp(join(os.tmpdir(), 'iop-zip-bomb-'))
const dataDir = join(folder, 'data')
let next: PickedFile | null = null
const core = await createCore({ dataDir, curriculumDir: null, chooseFile: async () => next })

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await core.handle(channel, input)) as Result<T>
}

const setUp = await call<{ id: string }>('setup.complete', {
  clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
  staff: {
    fullName: 'Robin Okafor',
    credentials: 'LPC',
    role: 'counselor',
    isAdmin: true,
    passphrase: PASSPHRASE
  }
})
if (!setUp.ok) throw new Error(setUp.error.message)

/** One MiB of what a session file's log looks like in clear, repeated to make a bomb. */
const RECORDS_MIB = (() => {
  const line = '{"type":"slide_shown","at":"2026-11-23T15:00:00.000Z","moduleId":"edu-01-brain"},\n'
  return Buffer.from(line.repeat(Math.ceil(MiB / line.length)).slice(0, MiB))
})()
function* mebibytes(count: number): Generator<Uint8Array> {
  for (let i = 0; i < count; i++) yield RECORDS_MIB
}

const manifest = (bytes: number) =>
  JSON.stringify({
    app: 'IOP Facilitator',
    format: 1,
    createdAt: '2026-11-23T15:00:00.000Z',
    clinicName: 'Riverside Recovery Center',
    counts: { participants: 0, groups: 0, sessions: 0, notes: 0, measures: 0 },
    files: [{ path: 'registry.json', bytes, sha256: '0'.repeat(64) }]
  })

function craft(name: string, entries: CraftedEntry[]): string {
  const path = join(folder, name)
  const started = performance.now()
  writeCraftedZip(path, entries)
  console.log(`  made ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return path
}

/** The data folder's files and sizes: a refused restore must leave it exactly so. */
async function listing(): Promise<string> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true })
  const rows: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    rows.push(`${path}:${(await stat(path)).size}`)
  }
  return rows.sort().join('\n')
}

/** Runs `work`, sampling memory every millisecond; the peaks above what was in use before. */
async function measured<T>(work: () => Promise<T>) {
  ;(globalThis as { gc?: () => void }).gc?.()
  const before = process.memoryUsage()
  let rss = before.rss
  let heap = before.heapUsed + before.arrayBuffers
  const sample = () => {
    const now = process.memoryUsage()
    rss = Math.max(rss, now.rss)
    heap = Math.max(heap, now.heapUsed + now.arrayBuffers)
  }
  const timer = setInterval(sample, 1)
  const started = performance.now()
  try {
    const value = await work()
    sample()
    return {
      value,
      ms: performance.now() - started,
      rss: (rss - before.rss) / MiB,
      heap: (heap - before.heapUsed - before.arrayBuffers) / MiB
    }
  } finally {
    clearInterval(timer)
  }
}

async function restoreOf(label: string, path: string, refused = true): Promise<void> {
  const zipBytes = (await stat(path)).size
  console.log(`${label} (a ${(zipBytes / 1024).toFixed(0)} KiB zip):`)
  const before = await listing()
  for (const channel of ['backups.preview', 'backups.restore']) {
    next = { path, name: 'backup.zip' }
    const chosen = await call<{ token: string }>('files.choose', { kind: 'backup' })
    if (!chosen.ok) throw new Error(chosen.error.message)
    const run = await measured(() => call(channel, { file: chosen.value.token }))
    const outcome = run.value.ok ? 'accepted' : `refused: "${run.value.error.message}"`
    console.log(
      `  ${channel}: ${outcome} in ${run.ms.toFixed(0)} ms; peak memory above baseline: RSS ${run.rss.toFixed(1)} MiB, heap and buffers ${run.heap.toFixed(1)} MiB (goal < 100 MB)`
    )
  }
  if (refused) {
    console.log(`  data folder unchanged: ${(await listing()) === before ? 'yes' : 'NO'}`)
  }
}

try {
  console.log('making the zips (each unpacks to 1 GiB; written a MiB at a time):')
  const honest = craft('says-its-size.zip', [
    { name: 'manifest.json', content: manifest(GiB) },
    { name: 'registry.json', content: mebibytes(1024) }
  ])
  const liar = craft('lies-about-its-size.zip', [
    { name: 'manifest.json', content: manifest(64 * 1024) },
    { name: 'registry.json', content: mebibytes(1024), declaredSize: 64 * 1024 }
  ])
  const spread = craft('spread-over-many-files.zip', [
    { name: 'manifest.json', content: manifest(MiB) },
    ...Array.from({ length: 1024 }, (_, i) => ({
      name: `sessions/session-${i}.json`,
      content: [RECORDS_MIB]
    }))
  ])
  await restoreOf('a 1 GiB backup whose table of contents says so', honest)
  await restoreOf('a 1 GiB backup that declares 64 KiB', liar)
  await restoreOf('1 GiB over 1,024 session files of 1 MiB each', spread)
  console.log('and one within the size caps:')
  const dense = craft('expands-too-far.zip', [
    { name: 'manifest.json', content: manifest(190 * MiB) },
    { name: 'registry.json', content: mebibytes(190) }
  ])
  await restoreOf('190 MiB of records text that packs about 290 times smaller', dense)

  const made = await call<{ base64: string }>('backups.create', {})
  if (!made.ok) throw new Error(made.error.message)
  const sound = join(folder, 'sound.zip')
  await writeFile(sound, Buffer.from(made.value.base64, 'base64'))
  await restoreOf('for comparison, a sound backup of this clinic', sound, false)
} finally {
  await rm(folder, { recursive: true, force: true })
}
