/**
 * The curriculum library at start-up and in search. Opens the library the way
 * the app does on first run (read every shipped module file, parse it, write
 * the clinic's library, build the search index) and again on a later start
 * (library already there), then times full-text searches across every
 * module. Figures are printed, never asserted. Run with
 * `npx tsx tests/bench/curriculum.bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { openCurriculum } from '../../src/main/services/curriculum'

const SHIPPED = fileURLToPath(new URL('../../resources/curriculum', import.meta.url))
const OPENS = 15
const SEARCHES = 2_000
const QUERIES = [
  'craving',
  'sleep',
  'trigger map',
  'naloxone',
  'ask for help',
  'values',
  'breathing',
  'boundaries',
  'shame',
  'budget',
  'xyzzy'
]

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`
}

async function main(): Promise<void> {
  const firstRun: number[] = []
  const laterRun: number[] = []
  let moduleCount = 0
  let library = null as Awaited<ReturnType<typeof openCurriculum>> | null
  for (let i = 0; i < OPENS; i++) {
    const dataDir = await mkdtemp(join(os.tmpdir(), 'iop-bench-curriculum-'))
    let t = performance.now()
    await openCurriculum({ dataDir, shippedDir: SHIPPED, now: Date.now })
    firstRun.push(performance.now() - t)
    t = performance.now()
    library = await openCurriculum({ dataDir, shippedDir: SHIPPED, now: Date.now })
    laterRun.push(performance.now() - t)
    moduleCount = library.list().length
    await rm(dataDir, { recursive: true, force: true })
  }
  const searches: number[] = []
  for (let i = 0; i < 200; i++) library!.search({ query: QUERIES[i % QUERIES.length] })
  for (let i = 0; i < SEARCHES; i++) {
    const t = performance.now()
    library!.search({ query: QUERIES[i % QUERIES.length] })
    searches.push(performance.now() - t)
  }
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`
  )
  console.log(`library: ${moduleCount} modules`)
  console.log(`open and index, first run (parse, write library): ${summary(firstRun)}`)
  console.log(`open and index, later start: ${summary(laterRun)}`)
  console.log(`full-text search over every module (${SEARCHES} searches): ${summary(searches)}`)
}

void main()
