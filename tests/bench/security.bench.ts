/**
 * What encryption costs: unwrapping the data key with a passphrase (scrypt,
 * the first sign-in of a run) against checking the passphrase hash alone (a
 * plain clinic's sign-in), and sealing and opening a session file of the
 * five-year clinic's average size (the extra work on each draft autosave).
 * Numbers are printed, never asserted. Run with `npx tsx tests/bench/security.bench.ts`.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { newDataKey, open, seal, unwrapKey, wrapKey } from '../../src/main/security/crypto'
import { hashPassphrase, verifyPassphrase } from '../../src/main/services/passphrase'

const PASSPHRASE = 'maple kettle harbor'

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`
}

async function timed(runs: number, task: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await task()
    samples.push(performance.now() - start)
  }
  return samples
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log('IOP Facilitator security benchmark')
console.log(`machine: ${cpu}, ${os.cpus().length} cores, node ${process.version}`)

const key = newDataKey()
const wrapped = await wrapKey(key, PASSPHRASE)
const hash = await hashPassphrase(PASSPHRASE)
console.log(
  `sign-in, sealed clinic (unwrap the data key, scrypt N=2^15 r=8): ${summary(await timed(10, () => unwrapKey(wrapped, PASSPHRASE)))}`
)
console.log(
  `sign-in, passphrase hash check (both clinics): ${summary(await timed(10, () => verifyPassphrase(PASSPHRASE, hash)))}`
)

// A session file of the five-year clinic's average size (51.5 KiB), as JSON text.
const text = JSON.stringify({
  kind: 'session-x',
  schemaVersion: 1,
  data: { notes: Array.from({ length: 12 }, (_, i) => ({ i, body: 'x'.repeat(4_300) })) }
})
const context = { clinicId: 'clinic-bench', kind: 'session-x' }
for (let i = 0; i < 50; i++) open(seal(text, key, context), key, context)
const sealed = seal(text, key, context)
console.log(`session file of ${(text.length / 1024).toFixed(1)} KiB:`)
console.log(
  `  seal (added to each autosave write): ${summary(await timed(500, () => seal(text, key, context)))}`
)
console.log(
  `  open (added to each first read of the day): ${summary(await timed(500, () => open(sealed, key, context)))}`
)
console.log(
  `  JSON.stringify of the same data, for scale: ${summary(await timed(500, () => JSON.stringify(JSON.parse(text))))}`
)
