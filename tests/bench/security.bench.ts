/**
 * What encryption costs: unwrapping the data key with a passphrase (scrypt,
 * the first sign-in of a run) against checking the passphrase hash alone (a
 * plain clinic's sign-in), sealing and opening a session file of the
 * five-year clinic's average size (the extra work on each draft autosave),
 * and draft autosave itself on the five-year clinic (`five-year-clinic.ts`)
 * written twice in the same run, once plain and once sealed with a keyring
 * (`sealed-clinic.ts`): `notes.saveDraft` through createCore and real files,
 * interleaved between the two, as `notes.bench.ts` times it. Numbers are
 * printed, never asserted. Run with `npx tsx tests/bench/security.bench.ts`.
 * All data is synthetic.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  isSealed,
  newDataKey,
  open,
  seal,
  unwrapKey,
  wrapKey
} from '../../src/main/security/crypto'
import { hashPassphrase, verifyPassphrase } from '../../src/main/services/passphrase'
import { fileName } from '../../src/main/store/session-files'
import { isClinicFile } from '../../src/main/security/clinic-file'
import { AccessLog } from '../../src/main/store/access-log'
import { newLogKey, SealedLogCodec } from '../../src/main/security/sealed-log'
import {
  call,
  kib,
  mib,
  noNotices,
  openCore,
  PASSPHRASE as CLINIC_PASSPHRASE,
  seed,
  firstSaves,
  quantile,
  repeat,
  summary,
  syntheticClinic,
  timed,
  timeTypingSaves,
  typingDraft,
  writeClinic
} from './five-year-clinic'
import { writeSealedClinic } from './sealed-clinic'

const PASSPHRASE = 'maple kettle harbor'

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log('IOP Facilitator security benchmark')
console.log(`machine: ${cpu}, ${os.cpus().length} cores, node ${process.version}`)

const key = newDataKey()
const wrapped = await wrapKey(key, PASSPHRASE)
const hash = await hashPassphrase(PASSPHRASE)
console.log(
  `sign-in, sealed clinic (unwrap the data key, scrypt N=2^15 r=8): ${summary(await repeat(10, () => unwrapKey(wrapped, PASSPHRASE)))}`
)
console.log(
  `sign-in, passphrase hash check (both clinics): ${summary(await repeat(10, () => verifyPassphrase(PASSPHRASE, hash)))}`
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
  `  seal (added to each autosave write): ${summary(await repeat(500, () => seal(text, key, context)))}`
)
console.log(
  `  open (added to each first read of the day): ${summary(await repeat(500, () => open(sealed, key, context)))}`
)
console.log(
  `  JSON.stringify of the same data, for scale: ${summary(await repeat(500, () => JSON.stringify(JSON.parse(text))))}`
)

// ---- Draft autosave on the five-year clinic, sealed against plain -----------

const WARM_UP = 50
const SAVES = 1_000

/** The text a counselor is typing into, as in notes.bench.ts. */
const typed = typingDraft()

function difference(sealedSamples: number[], plainSamples: number[]): string {
  const s = { median: quantile(sealedSamples, 0.5), p95: quantile(sealedSamples, 0.95) }
  const p = { median: quantile(plainSamples, 0.5), p95: quantile(plainSamples, 0.95) }
  const part = (name: string, a: number, b: number) => {
    const d = a - b
    return `${name} ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)} ms (${((a / b) * 100).toFixed(0)}% of plain)`
  }
  return `${part('median', s.median, p.median)}, ${part('p95', s.p95, p.p95)}`
}

console.log('draft autosave on the five-year clinic, sealed against plain (synthetic data):')
const root = await mkdtemp(join(os.tmpdir(), 'iop-bench-security-'))
try {
  seed(20310523) // the clinic of notes.bench.ts, draw for draw
  const generating = performance.now()
  const big = await syntheticClinic()
  const plainDir = join(root, 'plain')
  const sealedDir = join(root, 'sealed')
  await mkdir(plainDir)
  await mkdir(sealedDir)
  const writing = performance.now()
  const sessionBytes = await writeClinic(plainDir, big)
  const plainWritten = performance.now()
  await writeSealedClinic(sealedDir, big)
  const sealedWritten = performance.now()
  const notes = big.sessions.reduce((sum, s) => sum + s.notes.length, 0)
  console.log(
    `  five-year clinic: ${big.sessions.length} sessions, ${notes.toLocaleString('en-US')} notes, ` +
      `registry.json ${mib((await stat(join(plainDir, 'registry.json'))).size)}, session files ` +
      `${mib(sessionBytes)}; generated in ${((writing - generating) / 1000).toFixed(1)} s, ` +
      `written plain in ${((plainWritten - writing) / 1000).toFixed(1)} s, ` +
      `sealed (with its keyring) in ${((sealedWritten - plainWritten) / 1000).toFixed(1)} s`
  )

  // Opening: the plain clinic opens its records in createCore, the sealed one at the first
  // sign-in (which unwraps the key). One run each, the first of the day (daily backups taken).
  const opening = performance.now()
  const plainCore = await openCore(plainDir)
  await call(plainCore, 'auth.signIn', { staffId: big.adminId, passphrase: CLINIC_PASSPHRASE })
  const plainOpen = performance.now() - opening
  const openingSealed = performance.now()
  const sealedCore = await openCore(sealedDir)
  await call(sealedCore, 'auth.signIn', { staffId: big.adminId, passphrase: CLINIC_PASSPHRASE })
  const sealedOpen = performance.now() - openingSealed
  await noNotices(plainCore, 'the plain five-year clinic')
  await noNotices(sealedCore, 'the sealed five-year clinic')
  console.log(
    `  open and first sign-in (one run, first of the day): plain ${plainOpen.toFixed(1)} ms, ` +
      `sealed ${sealedOpen.toFixed(1)} ms`
  )

  const cores = [
    {
      name: 'plain',
      core: plainCore,
      dir: plainDir,
      typing: [] as number[],
      first: [] as number[]
    },
    {
      name: 'sealed',
      core: sealedCore,
      dir: sealedDir,
      typing: [] as number[],
      first: [] as number[]
    }
  ]
  // The note editor opens the session first (which opens its file), then autosaves.
  for (const c of cores) await call(c.core, 'notes.session', { sessionId: big.target.id })
  const [writer, ...others] = big.target.attendance.map((a) => a.participantId)
  const ref = { sessionId: big.target.id, participantId: writer! }
  // First save of the first note (not timed: it takes the file's daily backup), then the warm-up.
  const revision = await firstSaves(cores, ref, typed)
  await timeTypingSaves(cores, ref, typed, revision, WARM_UP, SAVES)
  // A new note: its first save also rewrites the registry (7 MiB), sealed in the sealed clinic.
  // Every note still to start on the last day: the target session's others, and the other two
  // groups' sessions of that day (each opened first, not timed, as the editor does).
  const newNotes = [
    ...others.map((participantId) => ({ sessionId: big.target.id, participantId })),
    ...big.sessions
      .filter((s) => s.date === big.target.date && s.id !== big.target.id)
      .flatMap((s) =>
        s.attendance.map((a) => ({ sessionId: s.id, participantId: a.participantId }))
      )
  ]
  for (const [n, note] of newNotes.entries()) {
    const order = n % 2 ? cores : [...cores].reverse()
    for (const c of order) {
      if (note.sessionId !== big.target.id) {
        await call(c.core, 'notes.session', { sessionId: note.sessionId })
      }
      await timed(c.first, () =>
        call(c.core, 'notes.saveDraft', { ...note, baseRevision: 0, body: typed(n) })
      )
    }
  }

  // What was written really is sealed in the one and plain in the other.
  const target = join('sessions', `${fileName(big.target.id)}.json`)
  for (const c of cores) {
    for (const file of ['registry.json', target]) {
      const bytes = await readFile(join(c.dir, file))
      // The registry of a sealed clinic is the clinic file: its records sealed inside it.
      const sealed = isSealed(bytes) || isClinicFile(bytes)
      if (sealed !== (c.name === 'sealed')) {
        throw new Error(`${file} in the ${c.name} clinic is ${sealed ? '' : 'not '}sealed`)
      }
    }
  }
  const targetSize = (await stat(join(plainDir, target))).size
  const [plain, sealed] = cores as [(typeof cores)[0], (typeof cores)[0]]
  console.log(
    `  notes.saveDraft, typing (a note that exists; the session file is ${kib(targetSize)} at the end):`
  )
  console.log(`    plain:  ${summary(plain.typing)}`)
  console.log(`    sealed: ${summary(sealed.typing)}`)
  console.log(`    sealed − plain: ${difference(sealed.typing, plain.typing)}`)
  console.log(`  notes.saveDraft, first save of a new note (also rewrites the registry):`)
  console.log(`    plain:  ${summary(plain.first)}`)
  console.log(`    sealed: ${summary(sealed.first)}`)
  console.log(`    sealed − plain: ${difference(sealed.first, plain.first)}`)
} finally {
  await rm(root, { recursive: true, force: true })
}

// One access-log entry, appended and flushed to disk: in clear (a clinic from before sealing)
// against sealed to the log's key and authenticated with the data key; and reading the log back.
{
  console.log('access log, one entry appended (written and flushed to disk):')
  const logRoot = await mkdtemp(join(os.tmpdir(), 'iop-bench-log-'))
  try {
    const entry = {
      staffId: 'staff-bench',
      staffName: 'Synthetic Counselor, LPC',
      action: 'open_participant' as const,
      subject: 'participant SYN-0001',
      detail: ''
    }
    const sealedLog = new SealedLogCodec('clinic-bench', newLogKey(key, 'clinic-bench'))
    sealedLog.unlock(key)
    const logs = {
      plain: await AccessLog.open(join(logRoot, 'plain'), Date.now),
      sealed: await AccessLog.open(join(logRoot, 'sealed'), Date.now, { codec: sealedLog })
    }
    const appends = { plain: [] as number[], sealed: [] as number[] }
    for (let i = 0; i < 600; i++) {
      for (const name of ['plain', 'sealed'] as const) {
        const start = performance.now()
        await logs[name].append(entry)
        if (i >= 100) appends[name].push(performance.now() - start)
      }
    }
    console.log(`  plain:  ${summary(appends.plain)}`)
    console.log(`  sealed: ${summary(appends.sealed)}`)
    for (const name of ['plain', 'sealed'] as const) {
      const start = performance.now()
      await AccessLog.open(
        join(logRoot, name),
        Date.now,
        name === 'sealed' ? { codec: sealedLog } : {}
      )
      console.log(
        `  reading and checking the ${name} log of 600 entries: ${(performance.now() - start).toFixed(1)} ms`
      )
    }
  } finally {
    await rm(logRoot, { recursive: true, force: true })
  }
}
