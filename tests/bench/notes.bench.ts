/**
 * How long a progress-note draft takes to autosave in a clinic after five
 * years: 3 groups meeting three times a week for 260 weeks (2,340 sessions),
 * about 12 participants in each, so some 28,000 signed notes, each in its
 * session's own file. The same saves are made, interleaved in the same run, on
 * an empty clinic (one group, one session): a save writes only its session's
 * file, so the two must be close. Also prints the time to open the big clinic
 * and to list the notes owed. The clinic (`five-year-clinic.ts`) is generated
 * straight to disk in the store's own format (writing 28,000 notes through the
 * services would fsync each one), then opened with createCore. Numbers are
 * printed, never asserted. Run with `npm run bench`. All data is synthetic.
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ServiceContext } from '../../src/main/services/context'
import { syncIndex } from '../../src/main/services/sessions'
import { openRegistry, type Registry } from '../../src/main/store/registry'
import { fileName, SessionFiles } from '../../src/main/store/session-files'
import type { NotesOwedRow } from '../../src/shared/ipc/contract'
import {
  call,
  indexEntry,
  kib,
  machine,
  MEETING_DAYS,
  mib,
  noNotices,
  now,
  openCore,
  PASSPHRASE,
  PER_GROUP,
  seed,
  firstSaves,
  summary,
  syntheticClinic,
  timed,
  timeTypingSaves,
  typingDraft,
  WEEKS,
  writeClinic,
  type Clinic
} from './five-year-clinic'

const OPENS = 5
const WARM_UP = 20
const SAVES = 200
const OWED_WARM_UP = 20
const OWED_RUNS = 200
const REGISTRY_WRITES = 20

/** The empty clinic: the big one's staff, the target session's group and people, that session only. */
function emptyClinic(big: Clinic): Clinic {
  const people = new Set(big.target.attendance.map((a) => a.participantId))
  const registry: Registry = {
    ...big.registry,
    groups: big.registry.groups.filter((g) => g.id === big.target.groupId),
    participants: big.registry.participants.filter((p) => people.has(p.id)),
    enrollments: big.registry.enrollments.filter((e) => people.has(e.participantId)),
    sessions: [indexEntry(big.target)]
  }
  return { registry, sessions: [big.target], target: big.target, adminId: big.adminId }
}

/** The text a counselor is typing into, the same in both clinics. */
const typed = typingDraft()

console.log('IOP Facilitator progress-note benchmark (synthetic data)')
console.log(machine())

const root = await mkdtemp(join(os.tmpdir(), 'iop-bench-notes-'))
try {
  seed(20310523)
  const generating = performance.now()
  const big = await syntheticClinic()
  const small = emptyClinic(big)
  const bigDir = join(root, 'five-years')
  const smallDir = join(root, 'empty')
  await mkdir(bigDir)
  await mkdir(smallDir)
  const sessionBytes = await writeClinic(bigDir, big)
  await writeClinic(smallDir, small)
  const notes = big.sessions.reduce((sum, s) => sum + s.notes.length, 0)
  const signed = big.sessions.reduce(
    (sum, s) => sum + s.notes.filter((n) => n.state === 'signed').length,
    0
  )
  const registrySize = (await stat(join(bigDir, 'registry.json'))).size
  const targetSize = (await stat(join(bigDir, 'sessions', `${fileName(big.target.id)}.json`))).size
  console.log(
    `five-year clinic: ${big.registry.groups.length} groups, ${big.sessions.length} sessions ` +
      `(${WEEKS} weeks × ${MEETING_DAYS.length} a week), ${big.registry.participants.length} participants, ` +
      `${notes.toLocaleString('en-US')} notes (${signed.toLocaleString('en-US')} signed); ` +
      `generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`
  )
  console.log(
    `on disk: registry.json ${mib(registrySize)}, session files ${mib(sessionBytes)} ` +
      `(${kib(sessionBytes / big.sessions.length)} each on average); the session written to: ` +
      `${kib(targetSize)} before its notes`
  )
  console.log(
    `empty clinic: 1 group, 1 session (the same one), ${small.registry.participants.length} participants, ` +
      `registry.json ${kib((await stat(join(smallDir, 'registry.json'))).size)}`
  )

  // Open: the first also writes the day's backups and copies the shipped curriculum.
  const firstOpen = performance.now()
  let bigCore = await openCore(bigDir)
  console.log(
    `open the five-year clinic (createCore), first of the day (takes the daily backup): ` +
      `${(performance.now() - firstOpen).toFixed(1)} ms`
  )
  const opens: number[] = []
  for (let i = 0; i < OPENS; i++) {
    bigCore = await timed(opens, () => openCore(bigDir))
  }
  console.log(`open the five-year clinic (createCore), later: ${summary(opens)}`)
  await noNotices(bigCore, 'the five-year clinic')
  const smallCore = await openCore(smallDir)
  await noNotices(smallCore, 'the empty clinic')
  for (const core of [bigCore, smallCore]) {
    await call(core, 'auth.signIn', { staffId: big.adminId, passphrase: PASSPHRASE })
  }
  // A session from the first year opens and reads back whole.
  const old = await call<{ participants: Array<{ status: string }> }>(bigCore, 'notes.session', {
    sessionId: big.sessions[100]!.id
  })
  if (old.participants.filter((p) => p.status === 'signed').length !== PER_GROUP) {
    throw new Error('an old session did not read back with its signed notes')
  }
  await noNotices(bigCore, 'an old session file')

  // The note editor opens the session first (which opens its file), then autosaves.
  const cores = [
    {
      name: 'five-year clinic',
      core: bigCore,
      dir: bigDir,
      first: [] as number[],
      typing: [] as number[]
    },
    {
      name: 'empty clinic',
      core: smallCore,
      dir: smallDir,
      first: [] as number[],
      typing: [] as number[]
    }
  ]
  for (const c of cores) await call(c.core, 'notes.session', { sessionId: big.target.id })
  const [writer, ...others] = big.target.attendance.map((a) => a.participantId)
  const ref = { sessionId: big.target.id, participantId: writer! }
  // First save of the first note (not timed), then the warm-up and the timed saves.
  const revision = await firstSaves(cores, ref, typed)
  const registryBefore = await Promise.all(cores.map((c) => stat(join(c.dir, 'registry.json'))))
  await timeTypingSaves(cores, ref, typed, revision, WARM_UP, SAVES)
  const registryAfter = await Promise.all(cores.map((c) => stat(join(c.dir, 'registry.json'))))
  // A new note: the first save adds the note's state to the registry's index, rewriting it.
  for (const [n, participantId] of others.entries()) {
    const order = n % 2 ? cores : [...cores].reverse()
    for (const c of order) {
      await timed(c.first, () =>
        call(c.core, 'notes.saveDraft', {
          sessionId: big.target.id,
          participantId,
          baseRevision: 0,
          body: typed(n)
        })
      )
    }
  }
  for (const [i, c] of cores.entries()) {
    const rewritten = registryAfter[i]!.mtimeMs !== registryBefore[i]!.mtimeMs
    console.log(
      `notes.saveDraft, ${c.name}, typing (a note that exists): ${summary(c.typing)}` +
        `; registry rewritten meanwhile: ${rewritten ? 'yes' : 'no'}`
    )
  }
  for (const c of cores) {
    console.log(`notes.saveDraft, ${c.name}, first save of a new note: ${summary(c.first)}`)
  }

  // The list of notes owed, from the registry's index alone.
  for (const mine of [false, true]) {
    let rows: NotesOwedRow[] = []
    for (let i = 0; i < OWED_WARM_UP; i++)
      rows = await call(bigCore, 'notes.owed', { mine, signedToo: true })
    const samples: number[] = []
    for (let i = 0; i < OWED_RUNS; i++) {
      rows = await timed(samples, () =>
        call<NotesOwedRow[]>(bigCore, 'notes.owed', { mine, signedToo: true })
      )
    }
    const open = rows.filter((r) => r.counts.not_started + r.counts.draft > 0).length
    console.log(
      `notes.owed {mine: ${mine}}, five-year clinic: ${summary(samples)}; ` +
        `${rows.length.toLocaleString('en-US')} rows (${open} with notes still to write), ` +
        `${kib(Buffer.byteLength(JSON.stringify(rows)))} as JSON`
    )
  }

  // What the index update in saveDraft costs: a no-op check, and a rewrite of the big registry.
  // Done on the store directly, after the cores above are no longer used.
  const registry = await openRegistry(bigDir, now)
  const files = new SessionFiles(join(bigDir, 'sessions'), now, () => undefined)
  const record = (await files.get(big.target.id)).data
  const ctx = { registry, now, sessions: files } as unknown as ServiceContext
  const checks: number[] = []
  for (let i = 0; i < OWED_WARM_UP + OWED_RUNS; i++) {
    const start = performance.now()
    await syncIndex(ctx, record)
    if (i >= OWED_WARM_UP) checks.push(performance.now() - start)
  }
  console.log(
    `syncIndex when nothing changed (each typing save), five-year clinic: ${summary(checks)}`
  )
  const rewrites: number[] = []
  for (let i = 0; i < REGISTRY_WRITES; i++) {
    await timed(rewrites, () => registry.update(() => undefined))
  }
  console.log(
    `one registry rewrite (what syncIndex costs when a note's state changes), ` +
      `${mib((await stat(join(bigDir, 'registry.json'))).size)}: ${summary(rewrites)}`
  )
  const sessionFiles = (await readdir(join(bigDir, 'sessions'))).filter((n) => n.endsWith('.json'))
  console.log(`session files at the end: ${sessionFiles.length}`)
} finally {
  await rm(root, { recursive: true, force: true })
}
