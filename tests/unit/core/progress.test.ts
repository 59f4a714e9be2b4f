/**
 * Measures, participant progress, reports and the printable progress summary,
 * all through the core as the app calls it. The clinic is in Chicago; the
 * clock is injected and moved by hand (each session day at 9:00 local, three
 * hours of group), never by sleeping. Each block of tests shares one
 * signed-in clinic (signing in is slow on purpose) and each test makes its own
 * groups and participants, so the file runs in a few seconds.
 *
 * - Measures: the PHQ-9 is scored from its answers (never typed), answers that
 *   do not fit are refused and nothing is stored, dates outside the stay are
 *   refused, an answer above zero on item 9 asks for a safety follow-up until
 *   one is recorded, and measures fall due at admission and then on schedule.
 * - Progress: sessions attended out of sessions scheduled, countable hours per
 *   week against the 9 required, days in program, absences in a row, and goals
 *   as signed notes recorded them.
 * - Reports: the attendance and billing report with its service code, CSV
 *   export (byte-order mark, Part 2 notice line, formulas neutralised), the
 *   discharges report with length of stay, and a backwards date range refused.
 * - Print: the progress summary with its chart and the Part 2 notice.
 */
import Papa from 'papaparse'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { openProtected } from '../../../src/main/services/exports'
import type { MeasureEntry } from '../../../src/shared/domain/measure'
import type { ParticipantProgress, Report } from '../../../src/shared/domain/progress'
import type { OutputOf, SessionView } from '../../../src/shared/ipc/contract'
import { PART2_NOTICE } from '../../../src/shared/notes/part2-notice'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import {
  copyClinic,
  CURRICULUM_DIR,
  ids,
  NOW,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  markPresent,
  type Template
} from './helpers'

const MIN = 60_000
const DAY = 86_400_000
/** Monday 23 November 2026, the helpers' "today". */
const MONDAY = '2026-11-23'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

type Owed = OutputOf<'measures.owed'>
type Export = OutputOf<'reports.export'>

const FILE_PASSWORD = 'call me for the password'

/** The CSV inside a protected export, opened with its password. */
async function csvOf(file: Export, password = FILE_PASSWORD): Promise<string> {
  expect(file.protected).toBe(true)
  expect(file.fileName.endsWith('.zip')).toBe(true)
  const opened = await openProtected(Buffer.from(file.base64, 'base64'), password)
  expect(opened.encrypted).toBe(true)
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(opened.bytes)
}
type Printed = OutputOf<'progress.print'>

/** 9:00 in Chicago on a November or December day (UTC−6). */
function nineAm(date: string): number {
  return Date.parse(`${date}T15:00:00Z`)
}

/** Three hours in which every minute counts: the usual day with the break counted too. */
function countableAgenda() {
  return defaultAgenda().map((segment) => ({ ...segment, countable: true }))
}

/** A copy of the clinic with the administrator signed in and a clock the test moves. */
async function clinic() {
  const clock = { now: NOW }
  const dir = await copyClinic(template.dir)
  const core: Core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return { core, clock }
}

/**
 * One signed-in clinic for a block of tests (signing in is slow on purpose),
 * each test making its own groups and participants; the clock goes back to
 * Monday 9:00 before every test.
 */
function sharedClinic(): () => { core: Core; clock: { now: number } } {
  let current: { core: Core; clock: { now: number } } | undefined
  beforeAll(async () => {
    current = await clinic()
  })
  beforeEach(() => {
    current!.clock.now = NOW
  })
  return () => current!
}

let groupNumber = 0
async function addGroup(core: Core, overrides: Record<string, unknown> = {}): Promise<string> {
  const group = await value<{ id: string }>(
    core.handle('groups.create', {
      name: `Evening Recovery ${++groupNumber}`,
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [template.adminId],
      ...overrides
    })
  )
  return group.id
}

let clientNumber = 100
/** A client ID no one else in the clinic has yet. */
const nextClientId = () => `A-${++clientNumber}`

/** Admits a participant and, given a group, enrols them from the admission date. */
async function admit(
  core: Core,
  groupId: string | null,
  overrides: Record<string, unknown> = {}
): Promise<string> {
  const fields = {
    fullName: 'Jordan Alvarez',
    preferredName: 'Jo',
    clientId: nextClientId(),
    dateOfBirth: '1990-05-04',
    admissionDate: MONDAY,
    track: 'substance_use',
    status: 'active',
    discharge: null,
    goals: [],
    ...overrides
  }
  const person = await value<{ id: string }>(core.handle('participants.create', fields))
  if (groupId) {
    await value(
      core.handle('enrollments.create', {
        groupId,
        participantId: person.id,
        joinDate: fields.admissionDate
      })
    )
  }
  return person.id
}

type Mark = 'present' | 'absent_excused' | 'absent_unexcused'

/**
 * Runs a whole three-hour session on a day: the clock goes to 9:00, the
 * facilitator plans it, takes the roll, starts, and ends it at noon.
 */
/** A group of two admitted on 2026-11-02: Jo (the default participant) and Kai Moreno. */
async function joAndKai(core: Core, name: string, clientIds: [string, string]) {
  const groupId = await addGroup(core, { name })
  const jo = await admit(core, groupId, { clientId: clientIds[0], admissionDate: '2026-11-02' })
  const kai = await admit(core, groupId, {
    fullName: 'Kai Moreno',
    preferredName: '',
    clientId: clientIds[1],
    admissionDate: '2026-11-02'
  })
  return { groupId, jo, kai }
}

async function runSession(
  core: Core,
  clock: { now: number },
  groupId: string,
  date: string,
  marks: Record<string, Mark>
): Promise<string> {
  clock.now = nineAm(date)
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId,
      date,
      facilitatorIds: [template.adminId],
      segments: countableAgenda()
    })
  )
  for (const [participantId, status] of Object.entries(marks)) {
    await value(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId,
        status,
        timeIn: null,
        timeOut: null
      })
    )
  }
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
  clock.now += 180 * MIN
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
  return session.id
}

function phq9(participantId: string, answers: number[], takenOn = MONDAY) {
  return { participantId, measureId: 'phq9', takenOn, answers }
}

const listMeasures = (core: Core, participantId: string) =>
  value<MeasureEntry[]>(core.handle('measures.list', { participantId }))

const progressOf = (core: Core, participantId: string) =>
  value<ParticipantProgress>(core.handle('progress.participant', { participantId }))

describe('measures', () => {
  const here = sharedClinic()

  test('a PHQ-9 answered item by item gets its total and band worked out: 12 is moderate', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    const entry = await value<MeasureEntry>(
      core.handle('measures.record', phq9(jo, [2, 2, 2, 2, 1, 1, 1, 1, 0]))
    )
    expect(entry).toMatchObject({
      measureId: 'phq9',
      takenOn: MONDAY,
      total: 12,
      band: 'moderate',
      selfHarmFlag: false,
      followUp: null,
      recordedBy: template.adminId
    })
    expect(await listMeasures(core, jo)).toEqual([entry])
  })

  test('a PHQ-9 with the wrong number of answers, or an answer off its scale, is refused and nothing is stored', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    const tooFew = await refusal(
      core.handle('measures.record', phq9(jo, [1, 1, 1, 1, 1, 1, 1, 1])),
      'invalid_input'
    )
    expect(tooFew.message).toBe('PHQ-9 needs 9 answers, each 0 to 3')
    // 4 is a number some measures use, but not one of the PHQ-9's choices.
    const offScale = await refusal(
      core.handle('measures.record', phq9(jo, [4, 0, 0, 0, 0, 0, 0, 0, 0])),
      'invalid_input'
    )
    expect(offScale.message).toBe('PHQ-9 needs 9 answers, each 0 to 3')
    // Beyond anything any measure here uses: refused before it reaches scoring.
    const wild = await refusal(
      core.handle('measures.record', phq9(jo, [11, 0, 0, 0, 0, 0, 0, 0, 0])),
      'invalid_input'
    )
    expect(wild.message).toMatch(/cannot be above 10/)
    await refusal(
      core.handle('measures.record', phq9(jo, [1, 0, 0, 0, 0, 0, 0, 0, -1])),
      'invalid_input'
    )
    expect(await listMeasures(core, jo)).toEqual([])
  })

  test('a measure dated in the future or before admission is refused', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    const answers = [1, 1, 1, 1, 1, 1, 1, 1, 0]
    const future = await refusal(
      core.handle('measures.record', phq9(jo, answers, '2026-11-24')),
      'invalid_input'
    )
    expect(future.message).toBe('A measure cannot be taken on a future date.')
    const early = await refusal(
      core.handle('measures.record', phq9(jo, answers, '2026-11-22')),
      'invalid_input'
    )
    expect(early.message).toBe('A measure cannot be taken before the admission date.')
    expect(await listMeasures(core, jo)).toEqual([])
  })

  test('an answer above zero on PHQ-9 item 9 asks for a safety follow-up until one is recorded', async () => {
    const { core } = here()
    const jo = await admit(core, null, { clientId: 'C-FLAG' })
    const flagged = await value<MeasureEntry>(
      core.handle('measures.record', phq9(jo, [0, 0, 0, 0, 0, 0, 0, 0, 1]))
    )
    expect(flagged).toMatchObject({ total: 1, band: 'minimal', selfHarmFlag: true })
    const followUps = async () =>
      (await value<Owed>(core.handle('measures.owed', {}))).followUps.filter(
        (f) => f.participantId === jo
      )
    expect(await followUps()).toEqual([
      {
        entryId: flagged.id,
        participantId: jo,
        displayName: 'Jo A.',
        clientId: 'C-FLAG',
        measureId: 'phq9',
        takenOn: MONDAY
      }
    ])
    // Nothing to write is not a follow-up.
    await refusal(
      core.handle('measures.followUpDone', { entryId: flagged.id, note: '   ' }),
      'invalid_input'
    )
    // A step that is not on the private checklist is refused.
    await refusal(
      core.handle('measures.followUpDone', {
        entryId: flagged.id,
        note: 'Done',
        steps: ['continue-group']
      }),
      'invalid_input'
    )
    const done = await value<MeasureEntry>(
      core.handle('measures.followUpDone', {
        entryId: flagged.id,
        note: 'Met privately after group; safety plan reviewed.',
        steps: ['private', 'ask', 'risk-level', 'safety-plan', 'ask']
      })
    )
    expect(done.followUp).toEqual({
      doneBy: template.adminId,
      doneAt: new Date(NOW).toISOString(),
      note: 'Met privately after group; safety plan reviewed.',
      steps: ['private', 'ask', 'risk-level', 'safety-plan']
    })
    expect(await followUps()).toEqual([])
    // Recorded once: a second time is refused.
    await refusal(
      core.handle('measures.followUpDone', { entryId: flagged.id, note: 'Again' }),
      'conflict'
    )
  })

  test('a follow-up cannot be recorded on a measure that did not call for one', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    const plain = await value<MeasureEntry>(
      core.handle('measures.record', phq9(jo, [3, 3, 3, 3, 3, 3, 3, 3, 0]))
    )
    expect(plain).toMatchObject({ total: 24, band: 'severe', selfHarmFlag: false })
    const error = await refusal(
      core.handle('measures.followUpDone', { entryId: plain.id, note: 'Checked in.' }),
      'conflict'
    )
    expect(error.message).toBe('This measure did not call for a safety follow-up.')
    expect((await listMeasures(core, jo))[0]!.followUp).toBeNull()
  })

  test('a substance-use participant admitted today owes the PHQ-9, GAD-7 and craving rating; a PHQ-9 taken today clears it until four weeks later', async () => {
    const { core, clock } = here()
    const jo = await admit(core, null)
    const dueFor = async () =>
      (await value<Owed>(core.handle('measures.owed', {}))).due
        .filter((d) => d.participantId === jo)
        .map((d) => [d.measureId, d.dueOn, d.reason, d.overdueDays])

    expect(await dueFor()).toEqual([
      ['phq9', MONDAY, 'admission', 0],
      ['gad7', MONDAY, 'admission', 0],
      ['craving', MONDAY, 'admission', 0]
    ])
    await value(core.handle('measures.record', phq9(jo, [1, 1, 1, 1, 1, 1, 1, 1, 0])))
    expect((await dueFor()).map(([id]) => id)).toEqual(['gad7', 'craving'])
    // The progress page says the same.
    expect((await progressOf(core, jo)).measuresDue.map((d) => d.measureId)).toEqual([
      'gad7',
      'craving'
    ])

    clock.now += 27 * DAY
    expect((await dueFor()).map(([id]) => id)).not.toContain('phq9')
    clock.now += DAY // four weeks after the PHQ-9
    expect(await dueFor()).toContainEqual(['phq9', '2026-12-21', 'interval', 0])
  })

  test('measures fall due by the participant’s own track: no craving rating in mental health', async () => {
    const { core } = here()
    const sam = await admit(core, null, { track: 'mental_health' })
    const due = (await value<Owed>(core.handle('measures.owed', {}))).due
      .filter((d) => d.participantId === sam)
      .map((d) => d.measureId)
    expect(due).toEqual(['phq9', 'gad7'])
    expect((await progressOf(core, sam)).measuresDue.map((d) => d.measureId)).toEqual([
      'phq9',
      'gad7'
    ])
  })

  test('the Penn Alcohol Craving Scale can no longer be recorded', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    await refusal(
      core.handle('measures.record', {
        participantId: jo,
        measureId: 'pacs',
        takenOn: MONDAY,
        answers: [1, 1, 1, 1, 1]
      }),
      'invalid_input'
    )
    expect(await listMeasures(core, jo)).toEqual([])
  })

  test('the PHQ-9 records its difficulty question without adding it to the score', async () => {
    const { core } = here()
    const jo = await admit(core, null)
    const entry = await value<MeasureEntry>(
      core.handle('measures.record', { ...phq9(jo, [1, 1, 1, 0, 0, 0, 0, 0, 0]), difficulty: 2 })
    )
    expect(entry).toMatchObject({ total: 3, difficulty: 2, band: 'minimal' })
    // Not answered: recorded as not answered.
    const plain = await value<MeasureEntry>(
      core.handle('measures.record', phq9(jo, [1, 1, 1, 0, 0, 0, 0, 0, 0]))
    )
    expect(plain.difficulty).toBeNull()
    // The GAD-7 has no such question.
    const error = await refusal(
      core.handle('measures.record', {
        participantId: jo,
        measureId: 'gad7',
        takenOn: MONDAY,
        answers: [1, 0, 0, 0, 0, 0, 0],
        difficulty: 1
      }),
      'invalid_input'
    )
    expect(error.message).toBe('The GAD-7 has no difficulty question.')
  })

  test('only an administrator can change the measure schedules, one track at a time', async () => {
    const { core } = await clinic()
    type Schedules = OutputOf<'measures.schedules'>
    const defaults = await value<Schedules>(core.handle('measures.schedules', {}))
    const of = (list: Schedules, track: string) => list.find((s) => s.track === track)?.schedules
    expect(of(defaults, 'substance_use')).toEqual([
      { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
      { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
      { measureId: 'craving', atAdmission: true, everyWeeks: 1 }
    ])
    expect(of(defaults, 'mental_health')).toEqual([
      { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
      { measureId: 'gad7', atAdmission: true, everyWeeks: 4 }
    ])
    const counselor = await value<{ id: string }>(
      core.handle('staff.create', {
        fullName: 'Morgan Ellis',
        credentials: 'CADC',
        role: 'counselor',
        isAdmin: false,
        passphrase: 'willow canoe sunrise'
      })
    )
    await value(core.handle('auth.signOut', {}))
    await value(
      core.handle('auth.signIn', { staffId: counselor.id, passphrase: 'willow canoe sunrise' })
    )
    const onlyPhq9 = {
      track: 'co_occurring',
      schedules: [{ measureId: 'phq9', atAdmission: true, everyWeeks: 2 }]
    }
    const error = await refusal(core.handle('measures.setSchedules', onlyPhq9), 'forbidden')
    expect(error.message).toBe('Only an administrator can do that.')
    // A counselor can still read them, unchanged.
    expect(await value(core.handle('measures.schedules', {}))).toEqual(defaults)

    await value(core.handle('auth.signOut', {}))
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const saved = await value<Schedules>(core.handle('measures.setSchedules', onlyPhq9))
    expect(of(saved, 'co_occurring')).toEqual(onlyPhq9.schedules)
    // The other tracks keep theirs.
    expect(of(saved, 'substance_use')).toEqual(of(defaults, 'substance_use'))
    expect(of(saved, 'mental_health')).toEqual(of(defaults, 'mental_health'))
    // One schedule per measure.
    await refusal(
      core.handle('measures.setSchedules', {
        track: 'co_occurring',
        schedules: [...onlyPhq9.schedules, { measureId: 'phq9', atAdmission: false, everyWeeks: 1 }]
      }),
      'invalid_input'
    )
  })
})

describe('participant progress', () => {
  const here = sharedClinic()

  /** Jo, admitted on Monday 23 November; Evening Recovery meets Monday, Wednesday and Thursday. */
  async function firstWeek() {
    const { core, clock } = here()
    const groupId = await addGroup(core)
    const jo = await admit(core, groupId, {
      goals: [{ id: 'goal-attend', text: 'Attend three groups a week', status: 'in_progress' }]
    })
    return { core, clock, groupId, jo }
  }

  test('admission day is day 1 in the program', async () => {
    const { core, jo } = await firstWeek()
    const progress = await progressOf(core, jo)
    expect(progress).toMatchObject({
      today: MONDAY,
      daysInProgram: 1,
      attended: 0,
      scheduled: 0,
      sessions: []
    })
  })

  test('two of three sessions in a week: attended 2 of 3, six countable hours, short of the nine required', async () => {
    const { core, clock, groupId, jo } = await firstWeek()
    await runSession(core, clock, groupId, '2026-11-23', { [jo]: 'present' })
    await runSession(core, clock, groupId, '2026-11-25', { [jo]: 'present' })
    await runSession(core, clock, groupId, '2026-11-26', { [jo]: 'absent_unexcused' })

    const progress = await progressOf(core, jo)
    expect(progress.today).toBe('2026-11-26')
    expect(progress.daysInProgram).toBe(4)
    expect(progress.attended).toBe(2)
    expect(progress.scheduled).toBe(3)
    expect(progress.requiredWeeklyHours).toBe(9)
    expect(progress.weeks).toEqual([{ weekStart: MONDAY, minutes: 360, meetsRequirement: false }])
    expect(
      progress.sessions.map((s) => [s.date, s.status, s.countableMinutes, s.meetsDailyMinimum])
    ).toEqual([
      ['2026-11-23', 'present', 180, true],
      ['2026-11-25', 'present', 180, true],
      ['2026-11-26', 'absent_unexcused', 0, false]
    ])
    // A single missed session is not yet a pattern.
    expect(progress.absences).toEqual({ current: 1, longest: 1, runs: [] })
  })

  test('two absences in a row, over the weekend, show as a run', async () => {
    const { core, clock, groupId, jo } = await firstWeek()
    await runSession(core, clock, groupId, '2026-11-23', { [jo]: 'present' })
    await runSession(core, clock, groupId, '2026-11-25', { [jo]: 'present' })
    await runSession(core, clock, groupId, '2026-11-26', { [jo]: 'absent_unexcused' })
    await runSession(core, clock, groupId, '2026-11-30', { [jo]: 'absent_excused' })

    const progress = await progressOf(core, jo)
    expect(progress.absences).toEqual({
      current: 2,
      longest: 2,
      runs: [{ from: '2026-11-26', to: '2026-11-30', length: 2 }]
    })
    expect(progress.weeks).toEqual([
      { weekStart: MONDAY, minutes: 360, meetsRequirement: false },
      { weekStart: '2026-11-30', minutes: 0, meetsRequirement: false }
    ])
    expect(progress.daysInProgram).toBe(8)

    // Back on Wednesday: the run is over but stays on the record.
    await runSession(core, clock, groupId, '2026-12-02', { [jo]: 'present' })
    const later = await progressOf(core, jo)
    expect(later.absences.current).toBe(0)
    expect(later.absences.runs).toEqual([{ from: '2026-11-26', to: '2026-11-30', length: 2 }])
  })

  test('a goal ticked in a signed note appears in the goal’s history; a draft does not', async () => {
    const { core, clock, groupId, jo } = await firstWeek()
    const monday = await runSession(core, clock, groupId, '2026-11-23', { [jo]: 'present' })
    const wednesday = await runSession(core, clock, groupId, '2026-11-25', { [jo]: 'present' })
    const note = (progress: string) => ({
      sections: {
        data: 'Shared a plan for the weekend.',
        assessment: 'Engaged and hopeful.',
        plan: 'Attend Thursday.'
      },
      goals: [{ goalId: 'goal-attend', addressed: true, progress }],
      risk: 'none',
      riskText: '',
      followUp: ''
    })
    const signed = { sessionId: monday, participantId: jo }
    await value(
      core.handle('notes.saveDraft', {
        ...signed,
        baseRevision: 0,
        body: note('Came to both groups so far.')
      })
    )
    const findings = await value<Array<{ check: string; message: string }>>(
      core.handle('notes.check', signed)
    )
    await value(core.handle('notes.sign', { ...signed, overrides: findings }))
    // Wednesday's note is only a draft: not yet part of the record.
    await value(
      core.handle('notes.saveDraft', {
        sessionId: wednesday,
        participantId: jo,
        baseRevision: 0,
        body: note('Still a draft.')
      })
    )

    const progress = await progressOf(core, jo)
    expect(progress.goals).toEqual([
      {
        goalId: 'goal-attend',
        text: 'Attend three groups a week',
        status: 'in_progress',
        history: [
          {
            sessionId: monday,
            date: '2026-11-23',
            addressed: true,
            progress: 'Came to both groups so far.'
          }
        ]
      }
    ])
    expect(progress.sessions.map((s) => s.noteState)).toEqual(['signed', 'draft'])
  })
})

describe('reports', () => {
  const here = sharedClinic()
  const RANGE = { from: '2026-11-01', to: '2026-11-30' }
  const HEADER = [
    'Date',
    'Group',
    'Client ID',
    'Participant',
    'Status',
    'Time in',
    'Time out',
    'Countable minutes',
    'Meets daily minimum',
    'Service code',
    'Note status'
  ]

  /**
   * Evening Recovery (substance use) with Jo and a second participant whose
   * name a spreadsheet would read as a formula, two sessions this week; and
   * Morning Mood (mental health) with one participant and one session.
   */
  let built: Awaited<ReturnType<typeof buildReportingClinic>> | undefined
  async function reportingClinic() {
    built ??= await buildReportingClinic()
    built.clock.now = nineAm('2026-11-27')
    return built
  }
  async function buildReportingClinic() {
    const { core, clock } = here()
    const groupId = await addGroup(core, { name: 'Evening Recovery' })
    const jo = await admit(core, groupId, { clientId: 'C-100' })
    const formula = await admit(core, groupId, {
      fullName: '=HYPERLINK("x")',
      preferredName: '',
      clientId: 'C-101'
    })
    await runSession(core, clock, groupId, '2026-11-23', { [jo]: 'present', [formula]: 'present' })
    await runSession(core, clock, groupId, '2026-11-25', {
      [jo]: 'present',
      [formula]: 'absent_unexcused'
    })
    const moodId = await addGroup(core, {
      name: 'Morning Mood',
      track: 'mental_health',
      meetingDays: ['tue']
    })
    const sam = await admit(core, moodId, {
      fullName: 'Sam Whitfield',
      preferredName: '',
      clientId: 'M-200',
      admissionDate: '2026-11-24',
      track: 'mental_health'
    })
    await runSession(core, clock, moodId, '2026-11-24', { [sam]: 'present' })
    clock.now = nineAm('2026-11-27')
    return { core, clock, groupId, moodId, jo, formula, sam }
  }

  test('attendance lists each participant at each session, billed under the group’s service code', async () => {
    const { core, groupId } = await reportingClinic()
    const run = () =>
      value<Report>(core.handle('reports.run', { kind: 'attendance', ...RANGE, groupId }))

    const before = await run()
    expect(before.header).toEqual(HEADER)
    expect(before.title).toBe('Attendance and billing, 2026-11-01 to 2026-11-30')
    expect(before.part2).toBe(true)
    expect(before.rows).toEqual([
      [
        '2026-11-23',
        'Evening Recovery',
        'C-100',
        'Jordan Alvarez',
        'Present',
        '09:00',
        '12:00',
        180,
        true,
        'H0015',
        'Not started'
      ],
      [
        '2026-11-23',
        'Evening Recovery',
        'C-101',
        '=HYPERLINK("x")',
        'Present',
        '09:00',
        '12:00',
        180,
        true,
        'H0015',
        'Not started'
      ],
      [
        '2026-11-25',
        'Evening Recovery',
        'C-100',
        'Jordan Alvarez',
        'Present',
        '09:00',
        '12:00',
        180,
        true,
        'H0015',
        'Not started'
      ],
      [
        '2026-11-25',
        'Evening Recovery',
        'C-101',
        '=HYPERLINK("x")',
        'Absent (unexcused)',
        null,
        null,
        0,
        null,
        'H0015',
        null
      ]
    ])

    expect(await value(core.handle('groups.serviceCode', { groupId }))).toBe('H0015')
    expect(await value(core.handle('groups.setServiceCode', { groupId, code: 'S9480' }))).toBe(
      'S9480'
    )
    expect(await value(core.handle('groups.serviceCode', { groupId }))).toBe('S9480')
    const after = await run()
    expect(after.rows.map((row) => row[9])).toEqual(['S9480', 'S9480', 'S9480', 'S9480'])
    // All groups: the mental-health group keeps its track's default code, S9480.
    const all = await value<Report>(
      core.handle('reports.run', { kind: 'attendance', ...RANGE, groupId: null })
    )
    expect(all.rows.map((row) => [row[0], row[1], row[9]])).toEqual([
      ['2026-11-23', 'Evening Recovery', 'S9480'],
      ['2026-11-23', 'Evening Recovery', 'S9480'],
      ['2026-11-24', 'Morning Mood', 'S9480'],
      ['2026-11-25', 'Evening Recovery', 'S9480'],
      ['2026-11-25', 'Evening Recovery', 'S9480']
    ])
  })

  test('a substance-use group’s export opens with the Part 2 notice; a mental-health group’s has none', async () => {
    const { core, groupId, moodId } = await reportingClinic()
    const sud = await value<Export>(
      core.handle('reports.export', {
        kind: 'attendance',
        ...RANGE,
        groupId,
        password: FILE_PASSWORD
      })
    )
    expect(sud.fileName).toBe('attendance_2026-11-01_2026-11-30.zip')
    expect(sud.rowCount).toBe(4)
    const sudCsv = await csvOf(sud)
    expect(sudCsv.startsWith('\uFEFF# ')).toBe(true)
    const lines = sudCsv.slice(1).split('\r\n')
    expect(lines[0]).toBe(`# ${PART2_NOTICE.replace(/\n/g, ' ')}`)
    expect(lines[1]).toBe(HEADER.join(','))
    expect(lines).toHaveLength(2 + 4)

    const mood = await value<Export>(
      core.handle('reports.export', {
        kind: 'attendance',
        ...RANGE,
        groupId: moodId,
        password: FILE_PASSWORD
      })
    )
    expect(mood.rowCount).toBe(1)
    const moodCsv = await csvOf(mood)
    expect(moodCsv.startsWith('\uFEFF' + HEADER.join(','))).toBe(true)
    expect(moodCsv).not.toContain('42 CFR')
    expect(moodCsv.split('\r\n')[1]).toBe(
      '2026-11-24,Morning Mood,M-200,Sam Whitfield,Present,09:00,12:00,180,yes,S9480,Not started'
    )
  })

  test('an export needs a password unless the clinic allows plain files; a wrong password opens nothing', async () => {
    const { core, groupId } = await reportingClinic()
    const request = { kind: 'attendance' as const, ...RANGE, groupId }
    const refused = await refusal(core.handle('reports.export', request), 'password_required')
    expect(refused.message).toMatch(/requires a password/)
    await refusal(
      core.handle('reports.export', { ...request, password: 'too short' }),
      'invalid_input'
    )
    const file = await value<Export>(
      core.handle('reports.export', { ...request, password: FILE_PASSWORD })
    )
    // Nothing of the records is readable in the zip without the password.
    const bytes = Buffer.from(file.base64, 'base64')
    expect(bytes.toString('latin1')).not.toMatch(/Evening Recovery|C-100|42 CFR|Present/)
    await expect(openProtected(bytes, 'not the password at all')).rejects.toThrow()

    // An administrator allows plain files: a file without a password is then a plain CSV.
    const settings = await value<Record<string, unknown>>(core.handle('clinic.sessionSettings', {}))
    await value(
      core.handle('clinic.updateSessionSettings', { ...settings, exportPolicy: 'offered' })
    )
    const plain = await value<Export>(core.handle('reports.export', request))
    expect(plain.protected).toBe(false)
    expect(plain.fileName).toBe('attendance_2026-11-01_2026-11-30.csv')
    expect(Buffer.from(plain.base64, 'base64').toString('utf8')).toContain('42 CFR')
    const log = await value<{ entries: { action: string; detail: string }[] }>(
      core.handle('audit.list', { action: 'export' })
    )
    expect(log.entries.slice(0, 2).map((e) => e.detail.split('; ').at(-1))).toEqual([
      'file without a password',
      'file protected with a password'
    ])
    await value(
      core.handle('clinic.updateSessionSettings', { ...settings, exportPolicy: 'required' })
    )
  })

  test('a name a spreadsheet would read as a formula is exported as plain text', async () => {
    const { core, groupId } = await reportingClinic()
    const csv = await csvOf(
      await value<Export>(
        core.handle('reports.export', {
          kind: 'attendance',
          ...RANGE,
          groupId,
          password: FILE_PASSWORD
        })
      )
    )
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
    const parsed = Papa.parse<string[]>(csv.slice(1), { comments: '#', skipEmptyLines: true })
    expect(parsed.data[0]).toEqual(HEADER)
    expect(parsed.data.filter((row) => row[2] === 'C-101').map((row) => row[3])).toEqual([
      `'=HYPERLINK("x")`,
      `'=HYPERLINK("x")`
    ])
  })

  test('the discharges report gives the length of stay, counting admission and discharge days', async () => {
    const { core, clock } = here()
    const groupId = await addGroup(core)
    const fields = {
      fullName: 'Casey Samplewood',
      preferredName: '',
      clientId: 'C-300',
      dateOfBirth: '1985-02-14',
      admissionDate: '2026-11-02',
      track: 'substance_use',
      goals: []
    }
    const casey = await admit(core, groupId, { ...fields, status: 'active', discharge: null })
    await admit(core, groupId) // Jo, still in the program
    await value(
      core.handle('participants.update', {
        participantId: casey,
        participant: {
          ...fields,
          status: 'discharged',
          discharge: { date: '2026-11-20', type: 'completed' }
        }
      })
    )
    clock.now = nineAm('2026-11-27')
    const report = await value<Report>(
      core.handle('reports.run', { kind: 'discharges', ...RANGE, groupId })
    )
    expect(report.header).toEqual([
      'Client ID',
      'Participant',
      'Admission date',
      'Discharge date',
      'Discharge type',
      'Length of stay (days)'
    ])
    expect(report.rows).toEqual([
      ['C-300', 'Casey Samplewood', '2026-11-02', '2026-11-20', 'Completed program', 19]
    ])
    expect(report.part2).toBe(true)
    // Outside the range: not listed.
    const december = await value<Report>(
      core.handle('reports.run', {
        kind: 'discharges',
        from: '2026-12-01',
        to: '2026-12-31',
        groupId
      })
    )
    expect(december.rows).toEqual([])
  })

  test('a range that ends before it starts is refused', async () => {
    const { core } = here()
    const error = await refusal(
      core.handle('reports.run', {
        kind: 'attendance',
        from: '2026-11-30',
        to: '2026-11-01',
        groupId: null
      }),
      'invalid_input'
    )
    expect(error.message).toMatch(/start date must be on or before the end date/)
    await refusal(
      core.handle('reports.export', {
        kind: 'weekly_hours',
        from: '2026-11-30',
        to: '2026-11-01',
        groupId: null
      }),
      'invalid_input'
    )
  })
})

describe('weekly hours report', () => {
  const here = sharedClinic()
  const RANGE = { from: '2026-11-01', to: '2026-11-30', groupId: null }

  /** A session from 9:00 to noon; `late` arrive `minutesLate` after the start. */
  async function sessionWith(
    core: Core,
    clock: { now: number },
    groupId: string,
    date: string,
    onTime: string[],
    late: string[] = [],
    minutesLate = 0
  ) {
    clock.now = nineAm(date)
    const session = await value<SessionView>(
      core.handle('sessions.plan', {
        groupId,
        date,
        facilitatorIds: [template.adminId],
        segments: countableAgenda()
      })
    )
    const mark = (participantId: string) =>
      value(
        core.handle('sessions.attendance', {
          sessionId: session.id,
          participantId,
          status: 'present',
          timeIn: null,
          timeOut: null
        })
      )
    for (const id of onTime) await mark(id)
    await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
    clock.now += minutesLate * MIN
    for (const id of late) await mark(id)
    clock.now = nineAm(date) + 180 * MIN
    await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
  }

  async function weekly(core: Core, emptyWeeks?: boolean) {
    const report = await value<Report>(
      core.handle('reports.run', {
        kind: 'weekly_hours',
        ...RANGE,
        ...(emptyWeeks === undefined ? {} : { emptyWeeks })
      })
    )
    const at = (name: string) => report.header.indexOf(name)
    return report.rows.map((r) => ({
      client: r[at('Client ID')],
      week: r[at('Week starting')],
      sessions: r[at('Sessions attended')],
      late: r[at('Late arrivals')],
      hours: r[at('Countable hours')]
    }))
  }

  test('only the weeks someone attended are rows, unless weeks with nothing attended are asked for', async () => {
    const { core, clock } = here()
    const { groupId, jo, kai } = await joAndKai(core, 'Weekly Hours Group', ['C-W1', 'C-W2'])
    await sessionWith(core, clock, groupId, '2026-11-04', [jo])
    await sessionWith(core, clock, groupId, '2026-11-23', [jo, kai])
    await sessionWith(core, clock, groupId, '2026-11-25', [jo])
    clock.now = nineAm('2026-11-30')

    expect(await weekly(core)).toEqual([
      { client: 'C-W1', week: '2026-11-02', sessions: 1, late: 0, hours: 3 },
      { client: 'C-W1', week: '2026-11-23', sessions: 2, late: 0, hours: 6 },
      { client: 'C-W2', week: '2026-11-23', sessions: 1, late: 0, hours: 3 }
    ])
    // Asked for: every week of the range for each of them, the empty ones at 0 hours.
    const all = await weekly(core, true)
    expect(all.map((r) => `${r.client} ${r.week} ${r.hours}`)).toEqual([
      'C-W1 2026-10-26 0',
      'C-W1 2026-11-02 3',
      'C-W1 2026-11-09 0',
      'C-W1 2026-11-16 0',
      'C-W1 2026-11-23 6',
      'C-W1 2026-11-30 0',
      'C-W2 2026-10-26 0',
      'C-W2 2026-11-02 0',
      'C-W2 2026-11-09 0',
      'C-W2 2026-11-16 0',
      'C-W2 2026-11-23 3',
      'C-W2 2026-11-30 0'
    ])
  })

  test('after the clinic changes when an arrival counts as late, the weekly report follows the new rule, as the attendance report does', async () => {
    const { core, clock } = here()
    const groupId = await addGroup(core, { name: 'Late Rule Group' })
    const jo = await admit(core, groupId, { clientId: 'C-L1', admissionDate: '2026-11-02' })
    const kai = await admit(core, groupId, {
      fullName: 'Kai Moreno',
      preferredName: '',
      clientId: 'C-L2',
      admissionDate: '2026-11-02'
    })
    await sessionWith(core, clock, groupId, '2026-11-23', [kai], [jo], 12)
    clock.now = nineAm('2026-11-30')
    const attendanceStatus = async () => {
      const report = await value<Report>(
        core.handle('reports.run', { kind: 'attendance', ...RANGE, groupId })
      )
      return report.rows.map((r) => r[report.header.indexOf('Status')])
    }
    const late = async () =>
      (await weekly(core)).filter((r) => r.client === 'C-L1').map((r) => r.late)

    // Twelve minutes after the start is late under the default rule (more than 10 minutes).
    expect(await late()).toEqual([1])
    expect(await attendanceStatus()).toContain('Present, late arrival')

    const settings = await value<Record<string, unknown>>(core.handle('clinic.sessionSettings', {}))
    await value(core.handle('clinic.updateSessionSettings', { ...settings, lateAfterMinutes: 15 }))
    expect(await attendanceStatus()).not.toContain('Present, late arrival')
    expect(await late()).toEqual([0])
  })
})

describe('curriculum coverage', () => {
  const here = sharedClinic()

  test('someone who arrived after the educational segment covered only the skills module; someone there throughout covered both', async () => {
    const { core, clock } = here()
    const { groupId, jo, kai } = await joAndKai(core, 'Coverage Group', ['C-CV1', 'C-CV2'])
    const library = await value<Array<{ id: string; title: string; kind: string }>>(
      core.handle('curriculum.list', {})
    )
    const education = library.find((m) => m.kind === 'educational')!
    const skills = library.find((m) => m.kind === 'skills')!
    const date = '2026-11-23'
    clock.now = nineAm(date)
    const session = await value<SessionView>(
      core.handle('sessions.plan', {
        groupId,
        date,
        facilitatorIds: [template.adminId],
        segments: countableAgenda().map((segment) => ({
          ...segment,
          moduleId:
            segment.kind === 'educational'
              ? education.id
              : segment.kind === 'skills'
                ? skills.id
                : null
        }))
      })
    )
    const act = (action: { type: string }) =>
      value(core.handle('sessions.act', { sessionId: session.id, action }))
    const arrives = (participantId: string) => markPresent(core, session.id, participantId)
    await arrives(jo)
    await act({ type: 'start' })
    // Arrival 10, check-in 30, the educational segment 50, then the break: Kai comes in during it.
    for (const minutes of [10, 30, 50]) {
      clock.now += minutes * MIN
      await act({ type: 'next' })
    }
    clock.now += 5 * MIN
    await arrives(kai)
    for (const minutes of [10, 50, 30]) {
      clock.now += minutes * MIN
      await act({ type: 'next' })
    }
    clock.now += 10 * MIN
    await act({ type: 'end' })

    const covered = async (participantId: string) => {
      const groups = await value<Array<{ covered: Array<{ moduleId: string }> }>>(
        core.handle('curriculum.coverage', { participantId })
      )
      return groups.flatMap((g) => g.covered.map((m) => m.moduleId)).sort()
    }
    expect(await covered(jo)).toEqual([education.id, skills.id].sort())
    expect(await covered(kai)).toEqual([skills.id])
  })
})

describe('printable progress summary', () => {
  const here = sharedClinic()

  test('shows the short name, client ID and weekly hours chart, with the Part 2 notice on a substance-use record', async () => {
    const { core, clock } = here()
    const groupId = await addGroup(core)
    const jo = await admit(core, groupId, { clientId: 'C-PRINT' })
    await runSession(core, clock, groupId, '2026-11-23', { [jo]: 'present' })
    const printed = await value<Printed>(core.handle('progress.print', { participantId: jo }))
    expect(printed.file).toBeNull() // no desktop to print with in the core alone
    expect(printed.html).toContain('Jo A.')
    expect(printed.html).toContain('C-PRINT')
    expect(printed.html).toContain('Weekly countable hours')
    expect(printed.html).toContain('<svg')
    expect(printed.html).toContain('42 CFR part 2')
    expect(printed.html).toContain(
      'This record which has been disclosed to you is protected by Federal confidentiality rules'
    )
  })

  test('a mental-health record prints without the Part 2 notice', async () => {
    const { core } = here()
    const sam = await admit(core, null, {
      fullName: 'Sam Whitfield',
      preferredName: '',
      clientId: 'M-PRINT',
      track: 'mental_health'
    })
    const printed = await value<Printed>(core.handle('progress.print', { participantId: sam }))
    expect(printed.html).toContain('Sam W.')
    expect(printed.html).not.toContain('This record which has been disclosed to you')
  })
})
