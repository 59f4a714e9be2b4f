/**
 * Crash durability of a progress-note draft: a child process opens the real
 * core on a clinic with one ended session, signs in, and saves the draft of one
 * participant's note again and again as typing would (the Data section grows by
 * one word per save), printing `ack <revision>` once each save has resolved.
 * The parent kills it with SIGKILL at random moments and checks, after every
 * kill, that the session file still parses and holds the last acknowledged
 * draft or the one save that was in flight, never less; the next child then
 * continues from the draft and revision it reads back through the core.
 *
 * Each child starts on a later day than the one before, and its clock moves
 * on one day every five saves, so the session file's daily backups are
 * written, pruned and at times interrupted by a kill too.
 *
 * The kill delays come from a seeded PRNG; the seed is printed, and
 * DURABILITY_SEED=<seed> replays the same delays.
 */
import { acksOf, runAndKill } from '../../support/kill-child'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore } from '../../../src/main/core'
import { SESSION_FILE_VERSION, SessionFiles } from '../../../src/main/store/session-files'
import { isSealed, open as openSealed, unwrapKey } from '../../../src/main/security/crypto'
import { readKeyring } from '../../../src/main/security/keyring'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import type { RecoveryEvent } from '../../../src/main/store/versioned-document'
import type { ProgressNote } from '../../../src/shared/domain/note'
import type { SessionRecord } from '../../../src/shared/domain/session'
import type { AppStatus, SessionNotes, SessionView } from '../../../src/shared/ipc/contract'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import {
  CURRICULUM_DIR,
  ids,
  NOW,
  PASSPHRASE,
  removeFolders,
  setUpClinic,
  value
} from '../core/helpers'

const KILLS = 20
/** Kill delays are drawn from [0, MAX_DELAY_MS) after the child's first acknowledgement. */
const MAX_DELAY_MS = 40
const MIN = 60_000
const DAY = 86_400_000
/** The first child writes half an hour after the session ended. */
const WRITING_STARTS = NOW + 210 * MIN
/** Child `run` writes from day `run * DAYS_PER_RUN` on: far more days than one run's saves reach. */
const DAYS_PER_RUN = 100
/** The parent checks on the last day of a run's days, so no clock ever goes back. */
const checkedOn = (run: number) => WRITING_STARTS + ((run + 1) * DAYS_PER_RUN - 1) * DAY
/**
 * A note's text may hold 8,000 characters; after this many words the writer
 * clears the section and starts again, so the text stays well under the limit
 * however many saves a fast disk allows.
 */
const WORDS_BEFORE_CLEARING = 500

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

/**
 * The Data section saved with `revision`: "word1 word2 … wordN", one word more
 * than the revision before (or, after WORDS_BEFORE_CLEARING words, one word
 * again). Revision N always carries `draftText(N)`, so the file alone tells
 * which save it holds. The child's copy of this is in CHILD_SOURCE.
 */
function draftText(revision: number): string {
  const words = ((revision - 1) % WORDS_BEFORE_CLEARING) + 1
  return Array.from({ length: words }, (_, i) => `word${i + 1}`).join(' ')
}

/** What the child needs to find the clinic: read from a JSON file named on its command line. */
interface ChildInput {
  dataDir: string
  curriculumDir: string
  staffId: string
  passphrase: string
  sessionId: string
  participantId: string
  writingStarts: number
  daysPerRun: number
  wordsBeforeClearing: number
}

/**
 * The child, as plain ESM run by `node`. It imports the real `createCore` from
 * a bundle built once in `beforeAll`. The first save goes from revision 0 to
 * 1; each save's text is `draftText` of the revision it creates.
 */
const CHILD_SOURCE = `
import { readFileSync, writeSync } from 'node:fs'
import { createCore } from './core.mjs'

const DAY = 86_400_000
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const run = Number(process.argv[3])
let saves = 0
const now = () => input.writingStarts + (run * input.daysPerRun + Math.floor(saves / 5)) * DAY

async function answer(promise) {
  const result = await promise
  if (!result.ok) throw new Error(result.error.code + ': ' + result.error.message)
  return result.value
}

function draftText(revision) {
  const words = ((revision - 1) % input.wordsBeforeClearing) + 1
  return Array.from({ length: words }, (_, i) => 'word' + (i + 1)).join(' ')
}

const core = await createCore({
  dataDir: input.dataDir,
  curriculumDir: input.curriculumDir,
  now,
  monotonic: now
})
await answer(core.handle('auth.signIn', { staffId: input.staffId, passphrase: input.passphrase }))
const notices = (await answer(core.handle('app.status', {}))).notices
const notes = await answer(core.handle('notes.session', { sessionId: input.sessionId }))
const note = notes.participants.find((p) => p.participantId === input.participantId).note
let revision = note ? note.revision : 0
writeSync(
  1,
  'ready ' +
    JSON.stringify({
      revision,
      data: note ? note.body.sections.data : null,
      state: note ? note.state : null,
      notices: notices.map((n) => n.kind + ': ' + n.message)
    }) +
    '\\n'
)
for (;;) {
  const next = revision + 1
  const saved = await answer(
    core.handle('notes.saveDraft', {
      sessionId: input.sessionId,
      participantId: input.participantId,
      baseRevision: revision,
      body: {
        sections: { data: draftText(next), assessment: 'Engaged.', plan: 'Attend Wednesday.' },
        goals: [],
        risk: 'none',
        riskText: '',
        followUp: ''
      }
    })
  )
  if (saved.revision !== next) throw new Error('saved revision ' + saved.revision + ', expected ' + next)
  revision = next
  saves++
  // Synchronous, so the line is in the pipe before the next save begins.
  writeSync(1, 'ack ' + next + '\\n')
}
`

interface ChildStart {
  revision: number
  data: string | null
  state: string | null
  notices: string[]
}

interface ChildRun {
  /** The highest revision the child acknowledged before it died; -1 for none. */
  lastAck: number
  /** What the child read back through the core when it started; null if it never said. */
  start: ChildStart | null
  signal: NodeJS.Signals | null
  stderr: string
}

/**
 * Starts a writer, waits for its first acknowledgement (so the kill lands while
 * it is saving, not while Node is still starting or scrypt is checking the
 * passphrase), waits `delayMs` more, then kills it and collects what it printed.
 */
async function runWriterAndKill(
  script: string,
  inputFile: string,
  run: number,
  delayMs: number
): Promise<ChildRun> {
  const { out, signal, stderr } = await runAndKill(script, [inputFile, String(run)], delayMs)
  const acks = acksOf(out)
  const ready = /^ready (.*)$/m.exec(out)
  return {
    lastAck: acks.length ? Math.max(...acks) : -1,
    start: ready ? (JSON.parse(ready[1]!) as ChildStart) : null,
    signal,
    stderr
  }
}

interface Clinic {
  dataDir: string
  adminId: string
  sessionId: string
  participantId: string
}

/**
 * A clinic with one group, one participant marked present, and a session run
 * for three hours and ended; all through the core, on the injected clock.
 */
async function clinicWithEndedSession(): Promise<Clinic> {
  const template = await setUpClinic()
  const clock = { now: NOW }
  const core = await createCore({
    dataDir: template.dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  const group = await value<{ id: string }>(
    core.handle('groups.create', {
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [template.adminId]
    })
  )
  await value(core.handle('notes.setFormat', { groupId: group.id, format: 'DAP' }))
  const person = await value<{ id: string }>(
    core.handle('participants.create', {
      fullName: 'Jordan Testperson',
      preferredName: '',
      clientId: 'C-1',
      dateOfBirth: '1990-01-01',
      admissionDate: '2026-11-01',
      track: 'substance_use',
      status: 'active',
      discharge: null,
      goals: []
    })
  )
  await value(
    core.handle('enrollments.create', {
      groupId: group.id,
      participantId: person.id,
      joinDate: '2026-11-02'
    })
  )
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: group.id,
      date: '2026-11-23',
      facilitatorIds: [template.adminId],
      segments: defaultAgenda()
    })
  )
  await value(
    core.handle('sessions.attendance', {
      sessionId: session.id,
      participantId: person.id,
      status: 'present',
      timeIn: null,
      timeOut: null
    })
  )
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
  clock.now += 180 * MIN
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
  // This core is dropped here: from now on only the children write the folder.
  return {
    dataDir: template.dir,
    adminId: template.adminId,
    sessionId: session.id,
    participantId: person.id
  }
}

/** Every `.tmp` file left in the session's folder or its backups. */
async function temporaryFiles(sessionsDir: string, sessionId: string): Promise<string[]> {
  return [
    ...(await readdir(sessionsDir)),
    ...(await readdir(join(sessionsDir, 'backups', `session-${sessionId}`)))
  ].filter((name) => name.endsWith('.tmp'))
}

let workDir: string
let script: string
let clinic: Clinic
let inputFile: string

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'iop-draft-durability-'))
  // The real core, bundled once and run with plain `node`: far cheaper than `node --import tsx` per child.
  await build({
    input: fileURLToPath(new URL('../../../src/main/core.ts', import.meta.url)),
    platform: 'node',
    logLevel: 'silent',
    // One file: the sync engine's lazily loaded PouchDB goes in it too.
    output: { file: join(workDir, 'core.mjs'), format: 'esm', codeSplitting: false }
  })
  script = join(workDir, 'draft-writer.mjs')
  await writeFile(script, CHILD_SOURCE)
  clinic = await clinicWithEndedSession()
  inputFile = join(workDir, 'child-input.json')
  const input: ChildInput = {
    dataDir: clinic.dataDir,
    curriculumDir: CURRICULUM_DIR,
    staffId: clinic.adminId,
    passphrase: PASSPHRASE,
    sessionId: clinic.sessionId,
    participantId: clinic.participantId,
    writingStarts: WRITING_STARTS,
    daysPerRun: DAYS_PER_RUN,
    wordsBeforeClearing: WORDS_BEFORE_CLEARING
  }
  await writeFile(inputFile, JSON.stringify(input))
}, 60_000)

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
  await removeFolders()
})

describe('a progress-note draft survives SIGKILL while it is being saved', () => {
  test(`after each of ${KILLS} kills the draft holds the last acknowledged text (or the one in flight)`, async () => {
    const seed = process.env.DURABILITY_SEED
      ? Number(process.env.DURABILITY_SEED)
      : Math.floor(Math.random() * 2 ** 32)
    console.log(`draft durability seed: ${seed} (replay with DURABILITY_SEED=${seed})`)
    const random = prng(seed)
    const sessionsDir = join(clinic.dataDir, 'sessions')
    const file = join(sessionsDir, `session-${clinic.sessionId}.json`)
    // The clinic's records are sealed: the test opens them as the app does, with the key
    // the administrator's passphrase unwraps.
    const keyring = (await readKeyring(clinic.dataDir))!
    const unwrapped = await unwrapKey(keyring.staff[0]!.wrapped, PASSPHRASE)
    if (!unwrapped.ok) throw new Error(unwrapped.error.message)
    const sealing = { key: unwrapped.value, clinicId: keyring.clinicId }
    let stored = 0
    let exactlyAcknowledged = 0
    let oneInFlight = 0

    for (let kill = 1; kill <= KILLS; kill++) {
      const delayMs = Math.floor(random() * MAX_DELAY_MS)
      const where = `seed ${seed}, kill ${kill} after ${delayMs} ms`
      const run = await runWriterAndKill(script, inputFile, kill, delayMs)
      expect(run.signal, `${where}: the child ended on its own: ${run.stderr}`).toBe('SIGKILL')

      // The child continued from what the previous kill left, read back through the core.
      expect(run.start, `${where}: the child never said where it started`).not.toBeNull()
      expect(run.start!.notices, `${where}: the core reported a repair on open`).toEqual([])
      expect(run.start!.revision, where).toBe(stored)
      if (stored > 0) {
        expect(run.start!.state, where).toBe('draft')
        expect(run.start!.data, where).toBe(draftText(stored))
      }
      expect(run.lastAck, where).toBeGreaterThan(stored)

      // The raw file, before the store gets a chance to repair anything: sealed, and it opens.
      const bytes = await readFile(file)
      expect(isSealed(bytes), `${where}: the session file is not sealed`).toBe(true)
      const opened = openSealed(bytes, sealing.key, {
        clinicId: sealing.clinicId,
        kind: `session-${clinic.sessionId}`
      })
      if (!opened.ok) throw new Error(`${where}: the session file does not decrypt`)
      const text = opened.value.toString('utf8')
      let raw: { kind: string; schemaVersion: number; data: SessionRecord }
      try {
        raw = JSON.parse(text)
      } catch (error) {
        throw new Error(`${where}: the session file does not parse: ${String(error)}`)
      }
      expect(raw.kind, where).toBe(`session-${clinic.sessionId}`)
      expect(raw.schemaVersion, where).toBe(SESSION_FILE_VERSION)
      expect(raw.data.notes, `${where}: one note, for the one participant`).toHaveLength(1)
      const note: ProgressNote = raw.data.notes[0]!
      expect(note.participantId, where).toBe(clinic.participantId)
      expect(note.state, where).toBe('draft')
      expect(note.revision, `${where}: an acknowledged save was lost`).toBeGreaterThanOrEqual(
        run.lastAck
      )
      expect(note.revision, `${where}: more than one unacknowledged save`).toBeLessThanOrEqual(
        run.lastAck + 1
      )
      // The text is exactly the one saved with that revision: no mixture, no truncation.
      expect(note.body.sections.data, where).toBe(draftText(note.revision))

      // The real store opens it as it is: no repair, no restore, same records.
      const recovery: RecoveryEvent[] = []
      const files = new SessionFiles(
        sessionsDir,
        () => checkedOn(kill),
        (events) => recovery.push(...events),
        sealedCodec(sealing.key, sealing.clinicId)
      )
      const document = await files.get(clinic.sessionId)
      expect(recovery, where).toEqual([])
      expect(document.data, where).toEqual(raw.data)
      expect(
        await temporaryFiles(sessionsDir, clinic.sessionId),
        `${where}: temporary files left after open`
      ).toEqual([])
      expect(existsSync(join(sessionsDir, 'damaged')), where).toBe(false)

      if (note.revision === run.lastAck) exactlyAcknowledged++
      else oneInFlight++
      stored = note.revision
    }

    // A fresh core, as the app would open after the last crash, shows the same draft.
    const core = await createCore({
      dataDir: clinic.dataDir,
      now: () => checkedOn(KILLS),
      monotonic: () => checkedOn(KILLS),
      newId: ids,
      curriculumDir: CURRICULUM_DIR
    })
    await value(core.handle('auth.signIn', { staffId: clinic.adminId, passphrase: PASSPHRASE }))
    const status = await value<AppStatus>(core.handle('app.status', {}))
    expect(status.notices).toEqual([])
    const notes = await value<SessionNotes>(
      core.handle('notes.session', { sessionId: clinic.sessionId })
    )
    const row = notes.participants.find((p) => p.participantId === clinic.participantId)!
    expect(row.status).toBe('draft')
    expect(row.note).toMatchObject({ state: 'draft', revision: stored })
    expect(row.note!.body.sections.data).toBe(draftText(stored))

    console.log(
      `draft durability: ${KILLS} kills, ${stored} saves; the file held exactly the acknowledged ` +
        `draft ${exactlyAcknowledged} times and the one in flight ${oneInFlight} times`
    )
  }, 240_000)
})
