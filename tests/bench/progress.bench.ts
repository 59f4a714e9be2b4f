import { schedulesForTrack } from '../../src/shared/domain/measure'
/**
 * How long a participant's progress page and a year's attendance report take
 * to build in a clinic after five years: the five-year clinic of the notes
 * benchmark (`five-year-clinic.ts`: 3 groups, three sessions a week for 260
 * weeks, about 12 participants a session), with a roll call that has absences
 * (about 4% excused, 4% unexcused), late arrivals and early departures, stays
 * of 8 to 16 weeks (1 person in 25 stays 6 to 12 months), and a PHQ-9 every 4
 * weeks for everyone in `measures.json`.
 *
 * Times `progress.participant` for a participant with a twelve-week stay and
 * for the longest stay in the data, `progress.group`, and `reports.run` and
 * `reports.export` of the attendance report for one group over one calendar
 * year. Each is timed three ways: the first call of the day (the session files
 * it reads are opened for the first time that day; reading writes no daily
 * copy), right after the app opens (a new core each run: every file is read
 * and checked again), and again (files the app has opened stay open). Then
 * where the time goes: opening the files against computing. Numbers are
 * printed, never asserted. Run with `npm run bench`. All data is synthetic.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { Core } from '../../src/main/core'
import { MEASURES_VERSION, MeasuresFile } from '../../src/main/store/measures'
import { fileName, SessionFiles } from '../../src/main/store/session-files'
import type { MeasureEntry } from '../../src/shared/domain/measure'
import type {
  GroupDashboard,
  ParticipantProgress,
  Report,
  ReportRequest
} from '../../src/shared/domain/progress'
import { SessionRecord } from '../../src/shared/domain/session'
import { scoreMeasure } from '../../src/shared/measures/score'
import { participantProgress } from '../../src/shared/progress/participant'
import { weeklyHours } from '../../src/shared/progress/weeks'
import { PART2_NOTICE } from '../../src/shared/notes/part2-notice'
import { toCsv } from '../../src/shared/reports/csv'
import { clinicDate, clinicTimeOfDay } from '../../src/shared/rules/dates'
import { attendanceFigures } from '../../src/shared/session'
import {
  between,
  call,
  chance,
  DAY,
  FIRST_DAY,
  kib,
  LAST_DAY,
  machine,
  mib,
  noNotices,
  now,
  openCore,
  PASSPHRASE,
  pick,
  seed,
  summary,
  syntheticClinic,
  TODAY,
  writeClinic,
  type Clinic
} from './five-year-clinic'

const WARM_UP = 3
const RUNS = 30
/** Each of these opens the clinic and signs in again (scrypt): fewer, to keep the run short. */
const COLD_RUNS = 20
/** A typical stay: twelve weeks, three sessions a week. */
const TYPICAL = 36
const REPORT_YEAR = '2028'
const BREAKDOWN_RUNS = 5
const ZONE = 'America/Chicago'

// The heap after a full collection, for what the open session files keep.
v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc') as () => void
const heapUsed = () => {
  collect()
  collect()
  return process.memoryUsage().heapUsed
}

interface Stay {
  participantId: string
  groupId: string
  /** The sessions the person was on the list for, oldest first. */
  sessions: Array<{ date: string; present: boolean }>
}

/** Who was on which session's list, from the records themselves. */
function staysOf(clinic: Clinic): Map<string, Stay> {
  const stays = new Map<string, Stay>()
  const ordered = [...clinic.sessions].sort((a, b) => a.date.localeCompare(b.date))
  for (const record of ordered) {
    for (const a of record.attendance) {
      let stay = stays.get(a.participantId)
      if (!stay) {
        stay = { participantId: a.participantId, groupId: record.groupId, sessions: [] }
        stays.set(a.participantId, stay)
      }
      stay.sessions.push({ date: record.date, present: a.status === 'present' })
    }
  }
  return stays
}

/**
 * A PHQ-9 at admission and every 4 weeks (12 sessions) after, at the first
 * session the person is present for; scores drift down over the stay, and
 * now and then item 9 is above zero, followed up the same day.
 */
function phq9Entries(clinic: Clinic, stays: Map<string, Stay>): MeasureEntry[] {
  const entries: MeasureEntry[] = []
  const facilitators = new Map(clinic.registry.groups.map((g) => [g.id, g.facilitatorIds]))
  for (const stay of stays.values()) {
    const baseline = 0.6 + chance() * 1.8 // average answer at admission, 0 to 3
    let n = 0
    for (let due = 0; due < stay.sessions.length; due += 12) {
      const taken = stay.sessions.slice(due, due + 12).find((s) => s.present)
      if (!taken) continue
      const progress = due / Math.max(1, stay.sessions.length)
      const level = baseline * (1 - 0.5 * progress)
      const answers = Array.from({ length: 9 }, (_, item) =>
        item === 8
          ? chance() < 0.03
            ? 1
            : 0
          : Math.max(0, Math.min(3, Math.round(level + (chance() - 0.5) * 1.5)))
      )
      const score = scoreMeasure('phq9', answers)
      if (!score.ok) throw new Error(`a synthetic PHQ-9 did not score: ${score.error.message}`)
      const by = pick(facilitators.get(stay.groupId)!)
      const at = `${taken.date}T${String(between(14, 22)).padStart(2, '0')}:15:00.000Z`
      n += 1
      entries.push({
        id: `${stay.participantId}-phq9-${n}`,
        participantId: stay.participantId,
        measureId: 'phq9',
        answers,
        takenOn: taken.date,
        difficulty: null,
        total: score.value.total,
        band: score.value.band?.key ?? null,
        recordedBy: by,
        recordedAt: at,
        selfHarmFlag: score.value.selfHarmFlag,
        followUp: score.value.selfHarmFlag
          ? {
              doneBy: by,
              doneAt: at,
              note: 'Safety plan reviewed; denies plan or intent.',
              steps: []
            }
          : null
      })
    }
  }
  return entries
}

async function signedIn(dataDir: string): Promise<Core> {
  const core = await openCore(dataDir)
  await call(core, 'auth.signIn', { staffId: adminId, passphrase: PASSPHRASE })
  return core
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1]!
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`

/**
 * Generates the clinic and writes it to `dir`, then keeps only what the timing
 * needs: five years of records held in memory would otherwise make every
 * garbage collection of the run slower than the app's.
 */
async function prepare(dir: string) {
  seed(20310523)
  const generating = performance.now()
  const clinic = await syntheticClinic({
    stay: () => (chance() < 0.04 ? between(78, 156) : between(24, 48)),
    absences: true
  })
  const stays = staysOf(clinic)
  seed(9) // the measures: their own sequence
  const measures = phq9Entries(clinic, stays)
  const measuresFile = MeasuresFile.safeParse({ entries: measures })
  if (!measuresFile.success) throw new Error(`the measures are not valid: ${measuresFile.error}`)
  const sessionBytes = await writeClinic(dir, clinic)
  await writeFile(
    join(dir, 'measures.json'),
    JSON.stringify(
      { kind: 'measures', schemaVersion: MEASURES_VERSION, data: measuresFile.data },
      null,
      2
    )
  )
  const rows = clinic.sessions.flatMap((s) => s.attendance)
  const count = (status: string) => rows.filter((a) => a.status === status).length
  const late = clinic.sessions.reduce((sum, s) => {
    const start = Date.parse(s.events.find((e) => e.type === 'started')!.at)
    return (
      sum +
      s.attendance.filter((a) => a.timeIn && Date.parse(a.timeIn) > start + 10 * 60_000).length
    )
  }, 0)
  const lengths = [...stays.values()].map((s) => s.sessions.length).sort((a, b) => a - b)
  console.log(
    `five-year clinic: ${clinic.registry.groups.length} groups, ${clinic.sessions.length} sessions, ` +
      `${clinic.registry.participants.length} participants (stays of ${lengths[0]} to ` +
      `${lengths.at(-1)} sessions, median ${median(lengths)}), ` +
      `${clinic.sessions.reduce((sum, s) => sum + s.notes.length, 0).toLocaleString('en-US')} notes, ` +
      `${measures.length.toLocaleString('en-US')} PHQ-9s; generated in ` +
      `${((performance.now() - generating) / 1000).toFixed(1)} s`
  )
  console.log(
    `roll call: ${rows.length.toLocaleString('en-US')} places, ${count('present').toLocaleString('en-US')} present ` +
      `(${late.toLocaleString('en-US')} late), ${count('absent_excused').toLocaleString('en-US')} absent excused, ` +
      `${count('absent_unexcused').toLocaleString('en-US')} absent unexcused`
  )
  console.log(
    `on disk: registry.json ${mib((await stat(join(dir, 'registry.json'))).size)}, session files ` +
      `${mib(sessionBytes)} (${kib(sessionBytes / clinic.sessions.length)} each on average), ` +
      `measures.json ${kib((await stat(join(dir, 'measures.json'))).size)}`
  )

  // Who and what is timed. The four read disjoint sets of session files, so on a
  // newly opened core each one opens its own files.
  const longest = [...stays.values()].reduce((a, b) =>
    b.sessions.length > a.sessions.length ? b : a
  )
  const groupIds = clinic.registry.groups.map((g) => g.id)
  const reportGroup = groupIds.find((g) => g !== longest.groupId)!
  const otherGroup = groupIds.find((g) => g !== longest.groupId && g !== reportGroup)!
  const lastTwelveWeeks = new Date(LAST_DAY - 13 * 7 * DAY).toISOString().slice(0, 10)
  const middle = (FIRST_DAY + LAST_DAY) / 2
  const candidates = [...stays.values()].filter(
    (s) => s.groupId === otherGroup && s.sessions.at(-1)!.date < lastTwelveWeeks
  )
  const nearest = Math.min(...candidates.map((s) => Math.abs(s.sessions.length - TYPICAL)))
  const typical = candidates
    .filter((s) => Math.abs(s.sessions.length - TYPICAL) === nearest)
    .reduce((a, b) =>
      Math.abs(Date.parse(b.sessions[0]!.date) - middle) <
      Math.abs(Date.parse(a.sessions[0]!.date) - middle)
        ? b
        : a
    )
  const report: ReportRequest = {
    kind: 'attendance',
    from: `${REPORT_YEAR}-01-01`,
    to: `${REPORT_YEAR}-12-31`,
    groupId: reportGroup
  }
  const reportSessions = clinic.sessions.filter(
    (s) => s.groupId === reportGroup && s.date >= report.from && s.date <= report.to
  )
  const reportRows = reportSessions.reduce((sum, s) => sum + s.attendance.length, 0)
  const groupName = (id: string) => clinic.registry.groups.find((g) => g.id === id)!.name
  const who = (s: Stay) =>
    `${s.sessions.length} sessions (${s.sessions[0]!.date} to ${s.sessions.at(-1)!.date}, ` +
    `${groupName(s.groupId)})`
  console.log(`typical participant: ${who(typical)}; longest stay: ${who(longest)}`)
  console.log(
    `attendance report: ${groupName(reportGroup)}, ${report.from} to ${report.to}: ` +
      `${reportSessions.length} sessions, ${reportRows.toLocaleString('en-US')} rows; ` +
      `group page: ${groupName(otherGroup)}`
  )

  // For the breakdown: the longest stay's records, to compute its page from memory.
  const longestRecords = clinic.sessions
    .filter((s) => s.attendance.some((a) => a.participantId === longest.participantId))
    .map((record) => ({ record, groupName: groupName(record.groupId) }))
  return {
    adminId: clinic.adminId,
    typical,
    longest,
    otherGroup,
    report,
    reportRows,
    reportSessions: reportSessions.map((s) => ({ id: s.id, attendance: s.attendance })),
    longestRecords,
    longestPerson: clinic.registry.participants.find((p) => p.id === longest.participantId)!,
    longestMeasures: measures.filter((m) => m.participantId === longest.participantId),
    schedules: schedulesForTrack(clinic.registry.measureSchedules, 'substance_use'),
    settings: clinic.registry.sessionSettings
  }
}

console.log('IOP Facilitator progress and reports benchmark (synthetic data)')
console.log(machine())

let adminId = ''
const root = await mkdtemp(join(os.tmpdir(), 'iop-bench-progress-'))
try {
  const dir = join(root, 'five-years')
  await mkdir(dir)
  const plan = await prepare(dir)
  adminId = plan.adminId
  const { typical, longest, otherGroup, report, reportRows, reportSessions, longestRecords } = plan
  const person = plan.longestPerson

  const figures = [
    {
      name: `progress.participant, typical stay (${typical.sessions.length} sessions)`,
      run: (core: Core) =>
        call<ParticipantProgress>(core, 'progress.participant', {
          participantId: typical.participantId
        }),
      check: (value: unknown) => checkProgress(value as ParticipantProgress, typical)
    },
    {
      name: `progress.participant, longest stay (${longest.sessions.length} sessions)`,
      run: (core: Core) =>
        call<ParticipantProgress>(core, 'progress.participant', {
          participantId: longest.participantId
        }),
      check: (value: unknown) => checkProgress(value as ParticipantProgress, longest)
    },
    {
      name: 'progress.group (last 12 weeks)',
      run: (core: Core) => call<GroupDashboard>(core, 'progress.group', { groupId: otherGroup }),
      check: (value: unknown) => {
        const page = value as GroupDashboard
        const held = page.weeks.reduce((sum, w) => sum + w.sessions, 0)
        return `${held} sessions over ${page.weeks.length} weeks, ${page.census.active} active`
      }
    },
    {
      name: `reports.run attendance, one group-year (${reportSessions.length} sessions)`,
      run: (core: Core) => call<Report>(core, 'reports.run', report),
      check: (value: unknown) => {
        const result = value as Report
        if (result.rows.length !== reportRows) {
          throw new Error(`the report has ${result.rows.length} rows, not ${reportRows}`)
        }
        const countable = result.rows.filter((r) => typeof r[7] === 'number' && r[7] > 0).length
        return `${result.rows.length.toLocaleString('en-US')} rows, ${countable.toLocaleString('en-US')} with countable minutes`
      }
    }
  ]

  function checkProgress(page: ParticipantProgress, stay: Stay): string {
    if (page.sessions.length !== stay.sessions.length) {
      throw new Error(
        `the page lists ${page.sessions.length} sessions, not ${stay.sessions.length}`
      )
    }
    const present = page.sessions.filter((s) => s.status === 'present')
    if (present.some((s) => s.countableMinutes <= 0)) {
      throw new Error('a session the participant was present at counts no minutes')
    }
    if (page.measures.length === 0) throw new Error('the page has no measures')
    return (
      `${page.sessions.length} sessions (${page.attended} attended, ` +
      `${page.sessions.filter((s) => s.late).length} late, longest absence run ${page.absences.longest}), ` +
      `${page.weeks.length} weeks, ${page.measures.length} PHQ-9s, ` +
      `${page.goals.reduce((sum, g) => sum + g.history.length, 0)} goal entries; ` +
      `${kib(Buffer.byteLength(JSON.stringify(page)))} as JSON`
    )
  }

  // 1. The first call of the day: each session file read is opened for the first time today.
  const opening = performance.now()
  const core = await signedIn(dir)
  console.log(
    `open the clinic (createCore, first of the day) and sign in: ${ms(performance.now() - opening)}`
  )
  await noNotices(core, 'the five-year clinic')
  const first: number[] = []
  for (const figure of figures) {
    const start = performance.now()
    const value = await figure.run(core)
    first.push(performance.now() - start)
    console.log(`${figure.name}: ${figure.check(value)}`)
  }
  await noNotices(core, 'the session files')

  // 2. Again, on the same core: every file is already open. In rounds, one of
  // each call a round, so a slow spell of the machine falls on all of them alike.
  const warm = figures.map(() => [] as number[])
  const exported: number[] = []
  let csv = { fileName: '', base64: '', rowCount: 0 }
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    for (const [i, figure] of figures.entries()) {
      const start = performance.now()
      await figure.run(core)
      if (run >= WARM_UP) warm[i]!.push(performance.now() - start)
    }
    const start = performance.now()
    csv = await call<typeof csv>(core, 'reports.export', {
      ...report,
      password: 'a password for the bench file'
    })
    if (run >= WARM_UP) exported.push(performance.now() - start)
  }

  // 3. Right after the app opens: a new core for each run, so every file is read again.
  const cold = figures.map(() => [] as number[])
  const opens: number[] = []
  for (let run = 0; run < WARM_UP + COLD_RUNS; run++) {
    const start = performance.now()
    const fresh = await signedIn(dir)
    if (run >= WARM_UP) opens.push(performance.now() - start)
    for (const [i, figure] of figures.entries()) {
      const start = performance.now()
      await figure.run(fresh)
      if (run >= WARM_UP) cold[i]!.push(performance.now() - start)
    }
  }

  console.log('')
  for (const [i, figure] of figures.entries()) {
    console.log(`${figure.name}:`)
    console.log(`  first of the day (each file opened for the first time): ${ms(first[i]!)}`)
    console.log(`  just after the app opens: ${summary(cold[i]!)}`)
    console.log(`  again (files already open): ${summary(warm[i]!)}`)
  }
  console.log(
    `reports.export of the same (files already open), in a password-protected zip: ${summary(exported)}; ` +
      `${csv.rowCount.toLocaleString('en-US')} rows, ${kib(Buffer.from(csv.base64, 'base64').length)} zipped (${csv.fileName})`
  )
  console.log(`(open the clinic and sign in, for each run above: ${summary(opens)})`)

  // 4. Where the time goes, for the report's files: opening each as the app does
  // (SessionFiles.get: folder checks, read, parse, schema check, backup
  // bookkeeping), and within that the read, JSON.parse, the schema check, and
  // what listing the whole sessions folder for each file would cost (what each
  // open did before the folder was swept once a run).
  const ids = reportSessions.map((s) => s.id)
  const sessionsDir = join(dir, 'sessions')
  const paths = ids.map((id) => join(sessionsDir, `${fileName(id)}.json`))
  const parts = {
    open: [] as number[],
    read: [] as number[],
    parse: [] as number[],
    check: [] as number[],
    list: [] as number[]
  }
  let listed = 0
  for (let run = 0; run < WARM_UP + BREAKDOWN_RUNS; run++) {
    const files = new SessionFiles(sessionsDir, now, () => undefined)
    let start = performance.now()
    for (const id of ids) await files.get(id)
    const open = performance.now() - start
    let read = 0
    let parse = 0
    let check = 0
    for (const path of paths) {
      start = performance.now()
      const text = await readFile(path, 'utf8')
      const t1 = performance.now()
      const raw = JSON.parse(text) as { data: unknown }
      const t2 = performance.now()
      if (!SessionRecord.safeParse(raw.data).success) throw new Error(`${path} is not valid`)
      const t3 = performance.now()
      read += t1 - start
      parse += t2 - t1
      check += t3 - t2
    }
    start = performance.now()
    for (let i = 0; i < ids.length; i++) listed = (await readdir(sessionsDir)).length
    const list = performance.now() - start
    if (run >= WARM_UP) {
      parts.open.push(open)
      parts.read.push(read)
      parts.parse.push(parse)
      parts.check.push(check)
      parts.list.push(list)
    }
  }
  // The report's clock times: two per present row, each a new Intl.DateTimeFormat.
  const presentRows = reportSessions.flatMap((s) =>
    s.attendance.filter((a) => a.status === 'present')
  )
  const clock: number[] = []
  // The longest stay's page computed from records already in memory, and its
  // weekly hours (the time-zone arithmetic) alone.
  const days = longestRecords.flatMap(({ record }) =>
    attendanceFigures(record, record.attendance, TODAY, plan.settings)
      .filter((f) => f.participantId === longest.participantId && f.timeIn !== null)
      .map((f) => ({ date: record.date, minutes: f.countableMinutes }))
  )
  const pageOnly: number[] = []
  const hoursOnly: number[] = []
  const csvOnly: number[] = []
  const table = await call<Report>(core, 'reports.run', report)
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    let start = performance.now()
    for (const a of presentRows) {
      clinicTimeOfDay(Date.parse(a.timeIn!), ZONE)
      clinicTimeOfDay(Date.parse(a.timeOut ?? a.timeIn!), ZONE)
    }
    if (run >= WARM_UP) clock.push(performance.now() - start)
    start = performance.now()
    participantProgress({
      participant: person,
      sessions: longestRecords,
      measures: plan.longestMeasures,
      schedules: plan.schedules,
      settings: plan.settings,
      dailyMinimumFor: () => plan.settings.dailyMinimumMinutes,
      weeklyHoursRequired: plan.settings.weeklyHoursRequired,
      timeZone: ZONE,
      today: clinicDate(TODAY, ZONE),
      now: TODAY
    })
    if (run >= WARM_UP) pageOnly.push(performance.now() - start)
    start = performance.now()
    weeklyHours({
      days,
      from: person.admissionDate,
      to: person.discharge?.date ?? clinicDate(TODAY, ZONE),
      requiredHours: plan.settings.weeklyHoursRequired
    })
    if (run >= WARM_UP) hoursOnly.push(performance.now() - start)
    start = performance.now()
    toCsv({ header: table.header, rows: table.rows, notice: PART2_NOTICE })
    if (run >= WARM_UP) csvOnly.push(performance.now() - start)
  }
  const reportIndex = figures.length - 1
  const opened = median(parts.open)
  const accounted = median(parts.read) + median(parts.parse) + median(parts.check)
  console.log('')
  console.log(`where the time goes (medians):`)
  console.log(
    `  opening the report's ${ids.length} session files (SessionFiles.get, one after another, ` +
      `n=${BREAKDOWN_RUNS}): ${ms(opened)} (${ms(opened / ids.length)} a file), of which ` +
      `reading ${ms(median(parts.read))}, JSON.parse ${ms(median(parts.parse))}, ` +
      `schema check ${ms(median(parts.check))}; the rest, ${ms(opened - accounted)}, is folder ` +
      `work (existence and backup checks; the sessions folder of ${listed.toLocaleString('en-US')} ` +
      `entries is listed once a run now, where listing it for each file took ` +
      `${ms(median(parts.list))} for ${ids.length} listings)`
  )
  console.log(
    `  computing the report once its files are open: ${ms(median(warm[reportIndex]!))}, of ` +
      `which its ${(presentRows.length * 2).toLocaleString('en-US')} clock times ` +
      `(clinicTimeOfDay, a new Intl.DateTimeFormat each) ${ms(median(clock))}; ` +
      `writing its CSV (toCsv) ${ms(median(csvOnly))}`
  )
  console.log(
    `  computing the longest stay's page from records in memory (participantProgress): ` +
      `${ms(median(pageOnly))}, of which its weekly hours (weeklyHours over ` +
      `${days.length} days) ${ms(median(hoursOnly))}`
  )

  // What the open files keep: the app holds every session file it has opened until it quits.
  const before = heapUsed()
  const holding = await signedIn(dir)
  const afterOpen = heapUsed()
  await figures[reportIndex]!.run(holding)
  const afterReport = heapUsed()
  console.log(
    `heap kept by the report's ${ids.length} open session files: ` +
      `${mib(afterReport - afterOpen)} (${kib((afterReport - afterOpen) / ids.length)} a file; ` +
      `the opened clinic itself: ${mib(afterOpen - before)})`
  )
  await noNotices(holding, 'the last core') // and keeps it alive until measured
  console.log(`process memory (RSS) at the end: ${mib(process.memoryUsage().rss)}`)
} finally {
  await rm(root, { recursive: true, force: true })
}
