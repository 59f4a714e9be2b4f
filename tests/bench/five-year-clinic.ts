/**
 * The five-year synthetic clinic the benches share: 3 groups meeting three
 * times a week for 260 weeks (2,340 sessions), about 12 participants in each,
 * every session ended with its notes, generated straight to disk in the
 * store's own format (writing 28,000 notes through the services would fsync
 * each one) and opened with createCore. Seeded: the same clinic every run. All
 * data is synthetic.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from '../../src/main/core'
import { readShipped } from '../../src/main/services/curriculum'
import type { ServiceContext } from '../../src/main/services/context'
import { figureSettingsFor } from '../../src/main/services/requirements'
import { indexEntry as appIndexEntry } from '../../src/main/services/sessions'
import { hashPassphrase } from '../../src/main/services/passphrase'
import { fileText, PLAIN, type FileCodec } from '../../src/main/store/codec'
import { Registry, REGISTRY_VERSION } from '../../src/main/store/registry'
import { fileName, SESSION_FILE_VERSION } from '../../src/main/store/session-files'
import { starterCycle } from '../../src/shared/curriculum/cycle'
import type { CurriculumModule } from '../../src/shared/curriculum/module'
import type { Enrollment } from '../../src/shared/domain/enrollment'
import type { Group } from '../../src/shared/domain/group'
import { defaultTrackSchedules } from '../../src/shared/domain/measure'
import type { NoteBody, ProgressNote } from '../../src/shared/domain/note'
import type { Participant } from '../../src/shared/domain/participant'
import {
  DEFAULT_SESSION_SETTINGS,
  SessionRecord,
  type AttendanceRecord,
  type ModuleSnapshot,
  type Observation,
  type SessionEvent,
  type SessionIndexEntry
} from '../../src/shared/domain/session'
import type { StoredStaff } from '../../src/shared/domain/staff'
import type { AppStatus } from '../../src/shared/ipc/contract'
import { defaultAgenda } from '../../src/shared/session/default-agenda'
import type { AttendanceSettings } from '../../src/shared/session/countable'

export const WEEKS = 260 // five years
export const MEETING_DAYS = [0, 2, 3] // Monday, Wednesday, Thursday
export const PER_GROUP = 12
export const PASSPHRASE = 'synthetic bench passphrase'
export const CURRICULUM_DIR = fileURLToPath(new URL('../../resources/curriculum', import.meta.url))

export const MINUTE = 60_000
export const DAY = 86_400_000
export const FIRST_DAY = Date.UTC(2026, 5, 1) // a Monday
export const LAST_DAY = FIRST_DAY + ((WEEKS - 1) * 7 + MEETING_DAYS.at(-1)!) * DAY
/** The Friday after the last Thursday, 22:00 in Chicago: every session has ended. */
export const TODAY = LAST_DAY + DAY + 27 * 60 * MINUTE
export const now = () => TODAY

/** mulberry32, seeded: the same clinic every run. */
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
let random = prng(20310523)
/** Restarts the shared random sequence: what follows is the same every run. */
export function seed(value: number): void {
  random = prng(value)
}
/** A number in [0, 1) from the shared sequence. */
export const chance = () => random()
export const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
export const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
export const isoTime = (ms: number) => new Date(ms).toISOString()

const FIRST = ['Alder', 'Brook', 'Cedar', 'Dale', 'Ember', 'Fern', 'Glen', 'Heath', 'Ivy', 'Juno']
const LAST = ['Testfield', 'Samplewood', 'Mockridge', 'Fauxley', 'Dummond', 'Placeholt']
const GOALS = [
  'Attend every group session',
  'Practise one coping skill a day',
  'Name three personal triggers',
  'Build a list of five supports',
  'Keep a daily mood log',
  'Complete a relapse-prevention plan'
]
const DATA = [
  'Client arrived on time and took part in the check-in round, rating their week as mixed.',
  'Reported two cravings since the last group, both in the evening after work.',
  'Described using the urge-surfing exercise once and calling a sponsor the second time.',
  'Listened attentively during the educational segment and asked how long cravings last.',
  'Shared that sleep has improved to about six hours a night since starting the routine.',
  'Identified payday and a particular route home as situations that raise the risk of use.',
  'Offered encouragement to a peer who was struggling with shame after a lapse.',
  'Completed the worksheet during skills training and read one item aloud to the group.',
  'Was quieter than usual in the discussion and said a family conflict had taken energy.',
  'Reported no use since the last session; the toxicology screen on Monday was negative.'
]
const ASSESSMENT = [
  'Client is engaged and shows growing understanding of the craving cycle.',
  'Insight into triggers is improving; the client links mood and risk more readily.',
  'Motivation for change remains high, though stress at home is a continuing risk factor.',
  'Coping skills are emerging but not yet used consistently outside of group.',
  'Affect was congruent with content; no signs of intoxication or withdrawal were observed.',
  'Progress toward the treatment-plan goal is steady and in line with the expected pace.',
  'Peer support appears to be a protective factor and is reinforced by the group.'
]
const PLAN = [
  'Continue to attend the IOP three times a week as scheduled.',
  'Practise urge surfing daily and record each craving in the log before the next group.',
  'Review the relapse-prevention plan with the primary counselor at the next individual session.',
  'Bring the completed trigger worksheet to Wednesday’s group.',
  'Follow up on the referral for a medication evaluation.',
  'Attend at least two community support meetings this week.'
]
const OBSERVATIONS = [
  'Shared a recent success in check-in',
  'Practised the breathing exercise with the group',
  'Offered a peer a phone number for a meeting',
  'Left the room briefly during the discussion',
  'Arrived a few minutes late, settled quickly'
] as const

/** Sentences from the bank until the text is at least `length` characters long. */
function prose(bank: readonly string[], length: number): string {
  const parts: string[] = []
  let size = 0
  while (size < length) {
    const sentence = pick(bank)
    parts.push(sentence)
    size += sentence.length + 1
  }
  return parts.join(' ')
}

export function noteBody(goalIds: string[]): NoteBody {
  return {
    sections: {
      data: prose(DATA, between(300, 500)),
      assessment: prose(ASSESSMENT, between(200, 400)),
      plan: prose(PLAN, between(150, 300))
    },
    goals: goalIds.slice(0, between(1, 2)).map((goalId) => ({
      goalId,
      addressed: true,
      progress: prose(ASSESSMENT, between(80, 160))
    })),
    risk: random() < 0.9 ? 'none' : 'low',
    riskText: random() < 0.3 ? 'Denies thoughts of harming self or others; no plan or intent.' : '',
    followUp: random() < 0.2 ? 'Check in about housing at the next individual session.' : ''
  }
}

export interface Clinic {
  registry: Registry
  sessions: SessionRecord[]
  /** The last session of the first group: ended, no notes yet. */
  target: SessionRecord
  adminId: string
}

function snapshot(module: CurriculumModule | undefined): ModuleSnapshot | null {
  if (!module) return null
  return {
    moduleId: module.id,
    version: module.version,
    title: module.title,
    slides: module.slides.map((s) => ({
      title: s.title,
      body: s.body,
      notes: s.notes,
      minutes: s.minutes
    }))
  }
}

/** What the registry keeps about a session: the app's own line, worked out at the bench's today. */
export function indexEntry(
  record: SessionRecord,
  settings: AttendanceSettings = { ...DEFAULT_SESSION_SETTINGS, dailyMinimumMinutes: 0 }
): SessionIndexEntry {
  return appIndexEntry(record, TODAY, settings)
}

export interface ClinicOptions {
  /** Sessions a newly admitted participant holds a seat for; 18 to 30 (6 to 10 weeks) unless given. */
  stay?: () => number
  /**
   * Some people absent from each session (about 4% excused, 4% unexcused),
   * with no note owed. Without it every seat is present at every session.
   */
  absences?: boolean
}

/**
 * Draws from the shared sequence: `seed` first for the same clinic every run.
 * With no options it is the clinic of the progress-note benchmark, draw for draw.
 */
export async function syntheticClinic(options: ClinicOptions = {}): Promise<Clinic> {
  const stay = options.stay ?? (() => between(18, 30))
  const { shipped } = await readShipped(CURRICULUM_DIR)
  const modules = new Map(shipped.map((s) => [s.module.id, s.module]))
  const cycle = starterCycle(shipped.map((s) => s.module))
  const passphrase = await hashPassphrase(PASSPHRASE)
  const staff: StoredStaff[] = Array.from({ length: 8 }, (_, i) => ({
    id: `staff-${i + 1}`,
    fullName: `${pick(FIRST)} ${pick(LAST)}-Staff${i + 1}`,
    credentials: pick(['LCSW', 'LPC', 'LADC', 'CADC']),
    role: i === 0 ? 'supervisor' : 'counselor',
    isAdmin: i === 0,
    active: true,
    createdAt: isoTime(FIRST_DAY - 30 * DAY),
    disabledAt: null,
    supervisorId: null,
    passphrase
  }))
  const groups: Group[] = (['substance_use', 'mental_health', 'co_occurring'] as const).map(
    (track, i) => ({
      id: `group-${i + 1}`,
      name: `${['Morning', 'Afternoon', 'Evening'][i]} IOP`,
      track,
      ageGroup: 'adult',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: ['09:00', '13:00', '17:30'][i]!,
      defaultMinutes: 180,
      capacity: PER_GROUP,
      // The administrator who signs in facilitates the first group only.
      facilitatorIds: [`staff-${2 * i + 1}`, `staff-${2 * i + 2}`],
      createdAt: isoTime(FIRST_DAY - 30 * DAY),
      updatedAt: isoTime(FIRST_DAY - 30 * DAY)
    })
  )
  // 9:00, 13:00 and 17:30 in Chicago (summer time), in UTC.
  const startOffset = [14 * 60, 18 * 60, 22 * 60 + 30].map((m) => m * MINUTE)

  const participants: Participant[] = []
  const enrollments: Enrollment[] = []
  const sessions: SessionRecord[] = []
  const firstSeen = new Map<string, number>()
  const lastSeen = new Map<string, number>()
  for (const [g, group] of groups.entries()) {
    // Rolling admission: each seat is taken for 6 to 10 weeks, then by someone new.
    const seats = Array.from({ length: PER_GROUP }, () => ({ id: '', left: 0 }))
    let k = 0
    for (let week = 0; week < WEEKS; week++) {
      for (const offset of MEETING_DAYS) {
        const day = FIRST_DAY + (week * 7 + offset) * DAY
        for (const seat of seats) {
          if (seat.left === 0) {
            seat.id = `participant-${participants.length + 1}`
            seat.left = stay()
            const goals = Array.from({ length: between(2, 3) }, (_, n) => ({
              id: `${seat.id}-goal-${n + 1}`,
              text: pick(GOALS),
              status: 'in_progress' as const
            }))
            participants.push({
              id: seat.id,
              fullName: `${pick(FIRST)} ${pick(LAST)}${participants.length + 1}`,
              preferredName: random() < 0.2 ? pick(FIRST) : '',
              clientId: `SYN-${String(participants.length + 1).padStart(5, '0')}`,
              dateOfBirth: isoDate(Date.UTC(between(1950, 2005), between(0, 11), between(1, 28))),
              admissionDate: isoDate(day),
              track: group.track,
              status: 'active',
              discharge: null,
              goals,
              createdAt: isoTime(day - DAY),
              updatedAt: isoTime(day - DAY)
            })
            firstSeen.set(seat.id, day)
          }
          seat.left -= 1
          lastSeen.set(seat.id, day)
        }
        sessions.push(
          heldSession(
            group,
            day + startOffset[g]!,
            k,
            seats.map((s) => s.id),
            { modules, cycle },
            options.absences ?? false
          )
        )
        k += 1
      }
    }
    // Whoever holds a seat after the last session is still in the program.
    const current = new Set(seats.map((s) => s.id))
    for (const person of participants.filter((p) => p.track === group.track)) {
      const id = person.id
      const left = !current.has(id)
      if (left) {
        person.status = 'discharged'
        person.discharge = {
          date: isoDate(lastSeen.get(id)!),
          type: pick(['completed', 'completed', 'stepped_down', 'withdrew'] as const)
        }
        person.updatedAt = isoTime(lastSeen.get(id)! + DAY)
      }
      enrollments.push({
        id: `enrollment-${id}`,
        groupId: group.id,
        participantId: id,
        joinDate: isoDate(firstSeen.get(id)!),
        exitDate: left ? isoDate(lastSeen.get(id)!) : null,
        createdAt: isoTime(firstSeen.get(id)! - DAY)
      })
    }
  }

  // The last meeting day's sessions have no notes yet; the day before's are half done.
  const lastDay = isoDate(LAST_DAY)
  const dayBefore = isoDate(LAST_DAY - DAY)
  for (const record of sessions) {
    if (record.date === lastDay) record.notes = []
    if (record.date === dayBefore) {
      record.notes = record.notes
        .slice(0, 10)
        .map((note, i) => (i < 7 ? note : { ...note, state: 'draft', signature: null }))
    }
  }
  const target = sessions.find((s) => s.groupId === 'group-1' && s.date === lastDay)!
  const registry: Registry = {
    clinic: {
      name: 'Synthetic Bench Clinic',
      timeZone: 'America/Chicago',
      createdAt: isoTime(FIRST_DAY - 30 * DAY)
    },
    staff,
    groups,
    participants,
    enrollments,
    sessions: [],
    sessionSettings: { ...DEFAULT_SESSION_SETTINGS },
    agendas: [],
    noteFormats: [],
    serviceCodes: [],
    measureSchedules: defaultTrackSchedules(),
    agreementVersions: [],
    agreementAcknowledgements: [],
    consents: [],
    followUps: [],
    clinicContacts: []
  }
  // Each session's line as the app writes it when the session ends, figures included.
  const ctx = { registry: { data: registry } } as unknown as ServiceContext
  registry.sessions = sessions.map((record) =>
    indexEntry(record, figureSettingsFor(ctx, record.groupId))
  )
  return { registry, sessions, target, adminId: staff[0]!.id }
}

/**
 * One ended three-hour session of the default agenda, every note signed; every
 * seat present unless `absences`. About 1 in 10 of those present arrives 11 to
 * 25 minutes late, 1 in 20 leaves 20 to 60 minutes early.
 */
function heldSession(
  group: Group,
  start: number,
  k: number,
  people: string[],
  curriculum: { modules: Map<string, CurriculumModule>; cycle: ReturnType<typeof starterCycle> },
  absences: boolean
): SessionRecord {
  const id = `${group.id}-${isoDate(start)}`
  const slot = curriculum.cycle.slots[k % curriculum.cycle.slots.length]!
  const segments = defaultAgenda().map((s) => {
    const moduleId =
      s.kind === 'educational'
        ? slot.educationalModuleId
        : s.kind === 'skills'
          ? slot.skillsModuleId
          : null
    const module = moduleId ? snapshot(curriculum.modules.get(moduleId)) : null
    return { ...s, moduleId: module ? moduleId : null, module }
  })
  const events: SessionEvent[] = [{ type: 'started', at: isoTime(start) }]
  let at = start
  for (const [i, segment] of segments.entries()) {
    if (i > 0) events.push({ type: 'segment_changed', at: isoTime(at), segmentId: segment.id })
    const slides = segment.module?.slides.length ?? 0
    for (let s = 0; s < slides; s++) {
      const shown = at + Math.floor(((segment.plannedMinutes * MINUTE) / slides) * s) + 1_000
      events.push({ type: 'slide_shown', at: isoTime(shown), segmentId: segment.id, slideIndex: s })
    }
    at += segment.plannedMinutes * MINUTE
  }
  events.push({ type: 'ended', at: isoTime(at) })
  const end = at
  const facilitators = group.facilitatorIds
  const attendance = people.map((participantId): AttendanceRecord => {
    // Drawn only with absences, so the clinic without them stays the same draw for draw.
    const roll = absences ? random() : 1
    if (roll < 0.08) {
      return {
        participantId,
        status: roll < 0.04 ? 'absent_excused' : 'absent_unexcused',
        timeIn: null,
        timeOut: null,
        walkIn: false,
        updatedAt: isoTime(start)
      }
    }
    return {
      participantId,
      status: 'present',
      timeIn: isoTime(start + (random() < 0.1 ? between(11, 25) : -between(1, 10)) * MINUTE),
      timeOut: random() < 0.05 ? isoTime(end - between(20, 60) * MINUTE) : null,
      walkIn: false,
      updatedAt: isoTime(start)
    }
  })
  const present = attendance.filter((a) => a.status === 'present').map((a) => a.participantId)
  const observations: Observation[] = Array.from(
    { length: present.length > 0 ? between(2, 5) : 0 },
    (_, n) => ({
      id: `${id}-obs-${n + 1}`,
      participantId: pick(present),
      at: isoTime(start + between(10, 170) * MINUTE),
      tag:
        random() < 0.7 ? pick(['shared_in_check_in', 'practised_skill', 'supported_peer']) : null,
      text: pick(OBSERVATIONS),
      byStaffId: pick(facilitators)
    })
  )
  const titles = segments.flatMap((s) => (s.module ? [s.module.title] : []))
  const notes: ProgressNote[] = present.map((participantId, n) => {
    const author = facilitators[n % facilitators.length]!
    const written = end + between(15, 600) * MINUTE
    const signed = written + between(5, 40) * MINUTE
    const goals = [1, 2, 3].map((g) => `${participantId}-goal-${g}`)
    return {
      id: `${id}-note-${n + 1}`,
      participantId,
      format: 'DAP',
      body: noteBody(goals.slice(0, 2)),
      state: 'signed',
      revision: between(4, 60),
      authorId: author,
      signature: {
        staffId: author,
        name: `Counselor ${author}`,
        credentials: 'LPC',
        at: isoTime(signed)
      },
      cosignature: null,
      lateEntry: false,
      overrides: [],
      addenda: [],
      createdAt: isoTime(written),
      updatedAt: isoTime(signed)
    }
  })
  return {
    id,
    groupId: group.id,
    date: isoDate(start - 6 * 60 * MINUTE), // the clinic's (Chicago) date
    facilitatorIds: facilitators,
    segments,
    events,
    attendance,
    observations,
    safety: [],
    lastSeenAt: isoTime(end),
    groupPart: {
      topics: `Curriculum modules: ${titles.join('; ')}. ${prose(DATA, 120)}`,
      interventions: prose(ASSESSMENT, between(200, 350)),
      dynamics: prose(DATA, between(200, 350))
    },
    notes,
    createdAt: isoTime(start - 3 * DAY),
    updatedAt: isoTime(end + DAY)
  }
}

/**
 * Written as the store writes them (`DurableJsonFile`: an envelope, as `fileText` makes it,
 * through the codec: plain unless given, or sealed with a data key). Returns the session files' size as text.
 */
export async function writeClinic(
  folder: string,
  clinic: Clinic,
  codec: FileCodec = PLAIN
): Promise<number> {
  const registry = Registry.safeParse(clinic.registry)
  if (!registry.success) throw new Error(`the synthetic registry is not valid: ${registry.error}`)
  await writeFile(
    join(folder, 'registry.json'),
    codec.encode(
      fileText(codec, { kind: 'registry', schemaVersion: REGISTRY_VERSION, data: clinic.registry }),
      'registry'
    )
  )
  await mkdir(join(folder, 'sessions'), { recursive: true })
  let bytes = 0
  const queue = [...clinic.sessions]
  const worker = async () => {
    for (let record = queue.pop(); record; record = queue.pop()) {
      const checked = SessionRecord.safeParse(record)
      if (!checked.success) throw new Error(`session ${record.id} is not valid: ${checked.error}`)
      const name = fileName(record.id)
      const text = fileText(codec, {
        kind: name,
        schemaVersion: SESSION_FILE_VERSION,
        data: record
      })
      bytes += Buffer.byteLength(text)
      await writeFile(join(folder, 'sessions', `${name}.json`), codec.encode(text, name))
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  return bytes
}

/** The sample at quantile `q` (0.5: the median), nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export function summary(samples: number[]): string {
  const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`
  return `median ${ms(quantile(samples, 0.5))}, p95 ${ms(quantile(samples, 0.95))}, max ${ms(Math.max(...samples))} (n=${samples.length})`
}

export async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const value = await run()
  samples.push(performance.now() - start)
  return value
}

/** `task` run `runs` times one after another; the time each took. */
export async function repeat(runs: number, task: () => unknown): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) await timed(samples, async () => task())
  return samples
}

/**
 * The text a counselor is typing into: long sections, growing a few characters per save.
 * Its own seed, so every clinic of a run is sent the same text.
 */
export function typingDraft(): (n: number) => NoteBody {
  seed(7)
  const base = noteBody([])
  return (n) => ({
    ...base,
    sections: {
      ...base.sections,
      data: `${base.sections.data} ${'word '.repeat(n).trim()}`.slice(0, 8_000)
    }
  })
}

/** A clinic whose draft autosaves are timed, and its samples. */
export interface AutosaveTimings {
  name: string
  core: Core
  typing: number[]
  first: number[]
}

/** The first save of the note in each clinic (not timed); the revision each clinic now holds. */
export async function firstSaves(
  clinics: AutosaveTimings[],
  ref: { sessionId: string; participantId: string },
  typed: (n: number) => NoteBody
): Promise<Map<string, number>> {
  const revision = new Map<string, number>()
  for (const c of clinics) {
    const note = await call<{ revision: number }>(c.core, 'notes.saveDraft', {
      ...ref,
      baseRevision: 0,
      body: typed(0)
    })
    revision.set(c.name, note.revision)
  }
  return revision
}

/**
 * Autosaves of a note that exists, as typing makes them: `warmUp` untimed, then `saves` timed
 * into each clinic's `typing`. Interleaved, alternating which goes first, so all see the same disk.
 */
export async function timeTypingSaves(
  clinics: AutosaveTimings[],
  ref: { sessionId: string; participantId: string },
  typed: (n: number) => NoteBody,
  revision: Map<string, number>,
  warmUp: number,
  saves: number
): Promise<void> {
  for (let i = 1; i <= warmUp + saves; i++) {
    const order = i % 2 ? clinics : [...clinics].reverse()
    for (const c of order) {
      const save = () =>
        call<{ revision: number }>(c.core, 'notes.saveDraft', {
          ...ref,
          baseRevision: revision.get(c.name)!,
          body: typed(i)
        })
      const note = i > warmUp ? await timed(c.typing, save) : await save()
      revision.set(c.name, note.revision)
    }
  }
}

export async function call<T = unknown>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.handle(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

/** The app on the clinic's folder; `at`, another moment than the bench's today (a later day). */
export const openCore = (dataDir: string, at = TODAY) =>
  createCore({
    dataDir,
    now: () => at,
    monotonic: () => at,
    newId: () => crypto.randomUUID(),
    curriculumDir: CURRICULUM_DIR
  })

export async function noNotices(core: Core, what: string): Promise<void> {
  const status = (await core.handle('app.status', {})) as { ok: true; value: AppStatus }
  if (status.value.notices.length > 0) {
    throw new Error(`${what} did not load cleanly: ${status.value.notices[0]!.message}`)
  }
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
export const kib = (bytes: number) => `${(bytes / 2 ** 10).toFixed(1)} KiB`

/** The machine line every benchmark prints. */
export function machine(): string {
  const cpu = os.cpus()[0]
  return (
    `machine: ${cpu?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}, ` +
    `${os.platform()} ${os.release()}`
  )
}
