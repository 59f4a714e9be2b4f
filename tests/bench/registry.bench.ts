import { defaultTrackSchedules } from '../../src/shared/domain/measure'
/**
 * How the registry store performs at the size of a large clinic after five
 * years: 3 groups, 1,500 participants with 2–4 goals each, their enrolments,
 * ~10 staff. Prints the file size, the time to open it (createCore), and the
 * latency of single roster writes through the core. Numbers are printed, never
 * asserted. Run with `npm run bench`. All data is synthetic.
 */
import { DEFAULT_SESSION_SETTINGS } from '../../src/shared/domain/session'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore, type Core } from '../../src/main/core'
import { hashPassphrase } from '../../src/main/services/passphrase'
import { REGISTRY_VERSION, type Registry } from '../../src/main/store/registry'
import type { Enrollment } from '../../src/shared/domain/enrollment'
import type { Group } from '../../src/shared/domain/group'
import type { Participant, TreatmentGoal } from '../../src/shared/domain/participant'
import type { StoredStaff } from '../../src/shared/domain/staff'
import type { AppStatus } from '../../src/shared/ipc/contract'

const PARTICIPANTS = 1_500
const STAFF = 10
const OPENS = 20
const ROSTER_ROUNDS = 100 // each round: one enrollments.end and one enrollments.create
const PARTICIPANT_UPDATES = 100
const PASSPHRASE = 'synthetic bench passphrase'

const DAY = 86_400_000
const FIRST_DAY = Date.UTC(2026, 5, 1)
const TODAY = Date.UTC(2031, 5, 1, 15, 0, 0)
const now = () => TODAY

/** mulberry32, seeded: the same registry every run. */
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
const random = prng(20310601)
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const isoTime = (ms: number) => new Date(ms).toISOString()

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

async function syntheticRegistry(): Promise<{ registry: Registry; adminId: string }> {
  const passphrase = await hashPassphrase(PASSPHRASE)
  const staff: StoredStaff[] = Array.from({ length: STAFF }, (_, i) => ({
    id: `staff-${i + 1}`,
    fullName: `${pick(FIRST)} ${pick(LAST)}-Staff${i + 1}`,
    credentials: pick(['LCSW', 'LPC', 'LADC', 'CADC']),
    role: i === 9 ? 'counselor_in_training' : i === 0 ? 'supervisor' : 'counselor',
    isAdmin: i < 2,
    active: i !== 8,
    createdAt: isoTime(FIRST_DAY),
    disabledAt: i === 8 ? isoTime(FIRST_DAY + 400 * DAY) : null,
    supervisorId: i === 9 ? 'staff-1' : null,
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
      capacity: 12,
      facilitatorIds: [`staff-${i + 2}`, `staff-${i + 5}`],
      createdAt: isoTime(FIRST_DAY),
      updatedAt: isoTime(FIRST_DAY)
    })
  )

  const participants: Participant[] = []
  const enrollments: Enrollment[] = []
  const span = TODAY - 60 * DAY - FIRST_DAY
  for (let n = 1; n <= PARTICIPANTS; n++) {
    const id = `participant-${n}`
    // The last 30 admitted are still in the program, ten to a group.
    const active = n > PARTICIPANTS - 30
    const admitted = active
      ? TODAY - between(1, 40) * DAY
      : FIRST_DAY + Math.floor((span * (n - 1)) / PARTICIPANTS)
    const discharged = admitted + between(28, 90) * DAY
    const goals: TreatmentGoal[] = Array.from({ length: between(2, 4) }, (_, g) => ({
      id: `${id}-goal-${g + 1}`,
      text: pick(GOALS),
      status: active ? pick(['not_started', 'in_progress'] as const) : pick(['met', 'revised'])
    }))
    participants.push({
      id,
      fullName: `${pick(FIRST)} ${pick(LAST)}${n}`,
      preferredName: random() < 0.2 ? pick(FIRST) : '',
      clientId: `SYN-${String(n).padStart(5, '0')}`,
      dateOfBirth: isoDate(Date.UTC(between(1950, 2005), between(0, 11), between(1, 28))),
      admissionDate: isoDate(admitted),
      track: groups[n % 3]!.track,
      status: active ? 'active' : 'discharged',
      discharge: active
        ? null
        : { date: isoDate(discharged), type: pick(['completed', 'stepped_down', 'withdrew']) },
      goals,
      createdAt: isoTime(admitted),
      updatedAt: isoTime(active ? admitted : discharged)
    })
    // One enrolment, sometimes a second in another group after a move.
    const moves = !active && random() < 0.3
    const moveDay = admitted + Math.floor((discharged - admitted) / 2)
    enrollments.push({
      id: `enrollment-${n}-1`,
      groupId: groups[n % 3]!.id,
      participantId: id,
      joinDate: isoDate(admitted),
      exitDate: active ? null : isoDate(moves ? moveDay : discharged),
      createdAt: isoTime(admitted)
    })
    if (moves) {
      enrollments.push({
        id: `enrollment-${n}-2`,
        groupId: groups[(n + 1) % 3]!.id,
        participantId: id,
        joinDate: isoDate(moveDay),
        exitDate: isoDate(discharged),
        createdAt: isoTime(moveDay)
      })
    }
  }
  const registry: Registry = {
    clinic: {
      name: 'Synthetic Bench Clinic',
      timeZone: 'America/Chicago',
      createdAt: isoTime(FIRST_DAY)
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
  return { registry, adminId: staff[0]!.id }
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const ms = (v: number) => `${v.toFixed(1)} ms`
  return `median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(sorted[sorted.length - 1]!)} (n=${samples.length})`
}

async function timed(samples: number[], run: () => Promise<unknown>): Promise<void> {
  const start = performance.now()
  await run()
  samples.push(performance.now() - start)
}

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const result = await core.handle(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

const cpu = os.cpus()[0]
console.log('IOP Facilitator registry benchmark (synthetic data)')
console.log(
  `machine: ${cpu?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}, ` +
    `${os.platform()} ${os.release()}`
)

const folder = await mkdtemp(join(os.tmpdir(), 'iop-bench-'))
try {
  const { registry, adminId } = await syntheticRegistry()
  const file = join(folder, 'registry.json')
  await writeFile(
    file,
    JSON.stringify({ kind: 'registry', schemaVersion: REGISTRY_VERSION, data: registry }, null, 2)
  )
  const size = (await stat(file)).size
  const goals = registry.participants.reduce((sum, p) => sum + p.goals.length, 0)
  console.log(
    `registry: ${registry.groups.length} groups, ${registry.participants.length} participants, ` +
      `${goals} goals, ${registry.enrollments.length} enrolments, ${registry.staff.length} staff`
  )
  console.log(
    `file size: ${(size / 2 ** 20).toFixed(2)} MiB (${size.toLocaleString('en-US')} bytes)`
  )

  // The first open also takes the day's backup; time the ones after it.
  const first = performance.now()
  let core = await createCore({ dataDir: folder, now })
  console.log(`first open (takes the daily backup): ${(performance.now() - first).toFixed(1)} ms`)
  const status = (await core.handle('app.status', {})) as { ok: true; value: AppStatus }
  if (status.value.notices.length > 0)
    throw new Error('the synthetic registry did not load cleanly')
  const opens: number[] = []
  for (let i = 0; i < OPENS; i++) {
    await timed(opens, async () => {
      core = await createCore({ dataDir: folder, now })
    })
  }
  console.log(`open (createCore): ${summary(opens)}`)

  const signInStart = performance.now()
  await call(core, 'auth.signIn', { staffId: adminId, passphrase: PASSPHRASE })
  console.log(`sign-in (scrypt, once): ${(performance.now() - signInStart).toFixed(1)} ms`)

  // Roster writes: end a current enrolment, then enrol the same person again.
  const ends: number[] = []
  const creates: number[] = []
  const today = isoDate(TODAY)
  for (let round = 0; round < ROSTER_ROUNDS; round++) {
    const group = registry.groups[round % 3]!
    const roster = (await call(core, 'groups.roster', { groupId: group.id })) as {
      current: { enrollmentId: string; participantId: string }[]
    }
    const leaving = roster.current[round % roster.current.length]!
    await timed(ends, () =>
      call(core, 'enrollments.end', { enrollmentId: leaving.enrollmentId, exitDate: today })
    )
    await timed(creates, () =>
      call(core, 'enrollments.create', {
        groupId: group.id,
        participantId: leaving.participantId,
        joinDate: today
      })
    )
  }
  console.log(`roster write, enrollments.end: ${summary(ends)}`)
  console.log(`roster write, enrollments.create: ${summary(creates)}`)
  console.log(`roster write, both: ${summary([...ends, ...creates])}`)

  const updates: number[] = []
  const active = registry.participants.filter((p) => p.status === 'active')
  for (let i = 0; i < PARTICIPANT_UPDATES; i++) {
    const { id, createdAt: _c, updatedAt: _u, ...fields } = active[i % active.length]!
    await timed(updates, () =>
      call(core, 'participants.update', {
        participantId: id,
        participant: { ...fields, preferredName: `Nick${i}` }
      })
    )
  }
  console.log(`participants.update: ${summary(updates)}`)
  const finalSize = (await stat(file)).size
  const backups = await readdir(join(folder, 'backups', 'registry'))
  console.log(
    `file size after writes: ${(finalSize / 2 ** 20).toFixed(2)} MiB; backups: ${backups.length}`
  )
} finally {
  await rm(folder, { recursive: true, force: true })
}
