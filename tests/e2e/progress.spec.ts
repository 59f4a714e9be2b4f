/**
 * A participant's progress after eight weeks: 24 three-hour sessions run on
 * their own days through the app's API (the shared clock moved from one to
 * the next), one late arrival, two absences in a row, three PHQ-9s. The
 * progress page shows the right hours in each week, the curriculum coverage
 * and the PHQ-9 chart with its text alternative; the attendance report is
 * exported as CSV and read back with a real CSV parser.
 */
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Page } from '@playwright/test'
import Papa from 'papaparse'
import type { SegmentInput } from '../../src/shared/domain/session'
import { expect, test, type AppClock } from './fixtures'
import { readPdfPages } from '../support/pdf-text'
import { advanceTo, completeSetup, finishAnimations, MINUTE, sevenZip, typeDate } from './steps'

const run = promisify(execFile)
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Monday 28 September 2026, 9:00 in Chicago (CDT, UTC−5). */
const FIRST_SESSION = Date.parse('2026-09-28T14:00:00Z')
const PERSON = { fullName: 'Jordan Testperson', preferredName: 'Jordy', clientId: 'C-101' }
const PEER = { fullName: 'Casey Samplewood', preferredName: '', clientId: 'C-102' }

/** A day of 180 countable minutes (no break), so a full week of three is 9 hours. */
function agenda(educational: string, skills: string): SegmentInput[] {
  return [
    {
      id: 'arrival',
      kind: 'arrival',
      title: 'Arrival',
      plannedMinutes: 10,
      countable: true,
      moduleId: null
    },
    {
      id: 'check-in',
      kind: 'check_in',
      title: 'Check-in',
      plannedMinutes: 30,
      countable: true,
      moduleId: null
    },
    {
      id: 'education',
      kind: 'educational',
      title: 'Education',
      plannedMinutes: 45,
      countable: true,
      moduleId: educational
    },
    {
      id: 'skills',
      kind: 'skills',
      title: 'Skills',
      plannedMinutes: 45,
      countable: true,
      moduleId: skills
    },
    {
      id: 'discussion',
      kind: 'discussion',
      title: 'Discussion',
      plannedMinutes: 40,
      countable: true,
      moduleId: null
    },
    {
      id: 'check-out',
      kind: 'check_out',
      title: 'Check-out',
      plannedMinutes: 10,
      countable: true,
      moduleId: null
    }
  ]
}

interface Seeded {
  groupId: string
  participantId: string
  modules: { educational: string[]; skills: string[] }
}

async function seedGroup(page: Page): Promise<Seeded> {
  return page.evaluate(
    async ({ people }) => {
      const need = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
        if (!r.ok) throw new Error(r.error.message)
        return r.value
      }
      const api = window.api
      const me = need(await api.app.status()).signedIn!
      const group = need(
        await api.groups.create({
          name: 'Morning Recovery',
          track: 'substance_use',
          admission: 'open',
          meetingDays: ['mon', 'wed', 'thu'],
          startTime: '09:00',
          defaultMinutes: 180,
          capacity: 12,
          facilitatorIds: [me.id]
        })
      )
      const ids: string[] = []
      for (const person of people) {
        const created = need(
          await api.participants.create({
            ...person,
            dateOfBirth: '1990-04-12',
            admissionDate: '2026-09-28',
            track: 'substance_use',
            status: 'active',
            discharge: null,
            goals: []
          })
        )
        need(
          await api.enrollments.create({
            groupId: group.id,
            participantId: created.id,
            joinDate: '2026-09-28'
          })
        )
        ids.push(created.id)
      }
      const library = need(await api.curriculum.list())
      const byKind = (kind: string) =>
        library
          .filter((m) => m.kind === kind)
          .map((m) => m.id)
          .sort()
      return {
        groupId: group.id,
        participantId: ids[0]!,
        modules: { educational: byKind('educational'), skills: byKind('skills') }
      }
    },
    { people: [PERSON, PEER] }
  )
}

type Day = 'present' | 'late' | 'absent'

/** Runs one session on the day the clock stands at: plan, start, attendance, three hours, end. */
async function runSession(
  page: Page,
  clock: AppClock,
  seeded: Seeded,
  index: number,
  date: string,
  jordan: Day
): Promise<void> {
  const start = clock.now()
  const input = {
    groupId: seeded.groupId,
    participantId: seeded.participantId,
    date,
    segments: agenda(seeded.modules.educational[index]!, seeded.modules.skills[index]!),
    jordan,
    lateIn: new Date(start + 30 * MINUTE).toISOString()
  }
  const sessionId = await page.evaluate(async (i) => {
    const need = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
      if (!r.ok) throw new Error(r.error.message)
      return r.value
    }
    const api = window.api
    const me = need(await api.app.status()).signedIn!
    const session = need(
      await api.sessions.plan({
        groupId: i.groupId,
        date: i.date,
        facilitatorIds: [me.id],
        segments: i.segments
      })
    )
    need(await api.sessions.act({ sessionId: session.id, action: { type: 'start' } }))
    for (const person of session.attendance) {
      const isJordan = person.participantId === i.participantId
      // A late arrival is recorded when it happens, below.
      if (isJordan && i.jordan === 'late') continue
      need(
        await api.sessions.attendance({
          sessionId: session.id,
          participantId: person.participantId,
          status: isJordan && i.jordan === 'absent' ? 'absent_unexcused' : 'present',
          timeIn: null,
          timeOut: null
        })
      )
    }
    return session.id
  }, input)
  // The group runs its three hours, moving through its segments.
  for (const minutes of [10, 30, 45, 45, 40]) {
    await clock.advance(minutes * MINUTE)
    if (jordan === 'late' && minutes === 30) {
      // Jordan came in at 9:30, recorded during check-in.
      await page.evaluate(
        async (i) => {
          const r = await window.api.sessions.attendance({
            sessionId: i.sessionId,
            participantId: i.participantId,
            status: 'present',
            timeIn: i.lateIn,
            timeOut: null
          })
          if (!r.ok) throw new Error(r.error.message)
        },
        { sessionId, participantId: seeded.participantId, lateIn: input.lateIn }
      )
    }
    await page.evaluate(async (id) => {
      const r = await window.api.sessions.act({ sessionId: id, action: { type: 'next' } })
      if (!r.ok) throw new Error(r.error.message)
    }, sessionId)
  }
  await clock.advance(10 * MINUTE)
  await page.evaluate(async (id) => {
    const r = await window.api.sessions.act({ sessionId: id, action: { type: 'end' } })
    if (!r.ok) throw new Error(r.error.message)
  }, sessionId)
}

test('a participant’s progress page and the attendance export after eight weeks', async ({
  app
}) => {
  test.skip(
    app.clock === null,
    'Needs the test host: the shared clock runs eight weeks of sessions'
  )
  test.setTimeout(120_000)
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  const seeded = await seedGroup(page)
  await clock.pauseAt(FIRST_SESSION - HOUR)
  // Eight weeks pass with nobody at the keyboard: the seeding runs from the projector's route,
  // where the automatic lock is not watching; the app's own screens come back at the end.
  await page.goto(`${new URL(page.url()).origin}/#/audience/seeding`)

  // Eight weeks of Mondays, Wednesdays and Thursdays; late once, absent twice in a row.
  const special: Record<string, Day> = {
    '2026-10-14': 'late',
    '2026-10-26': 'absent',
    '2026-10-28': 'absent'
  }
  let index = 0
  for (let week = 0; week < 8; week++) {
    for (const offset of [0, 2, 3]) {
      // 9:00 in Chicago: 14:00 UTC until 1 November, 15:00 UTC after (daylight saving ends).
      const day = new Date(FIRST_SESSION + (week * 7 + offset) * DAY)
      const date = day.toISOString().slice(0, 10)
      const nine = Date.parse(`${date}T${date >= '2026-11-01' ? '15' : '14'}:00:00Z`)
      await advanceTo(clock, nine)
      await runSession(page, clock, seeded, index, date, special[date] ?? 'present')
      index += 1
    }
  }

  // Three PHQ-9s, recorded on Monday 23 November for the days they were taken.
  await advanceTo(clock, Date.parse('2026-11-23T16:00:00Z'))
  await page.evaluate(async (participantId) => {
    const answers: Record<string, number[]> = {
      '2026-09-28': [2, 2, 2, 1, 2, 2, 1, 2, 0],
      '2026-10-26': [1, 1, 2, 1, 1, 1, 1, 1, 0],
      '2026-11-23': [1, 1, 1, 0, 1, 1, 1, 0, 0]
    }
    for (const [takenOn, list] of Object.entries(answers)) {
      const r = await window.api.measures.record({
        participantId,
        measureId: 'phq9',
        takenOn,
        answers: list
      })
      if (!r.ok) throw new Error(r.error.message)
    }
  }, seeded.participantId)

  // The progress page.
  await page.goto(`${new URL(page.url()).origin}/#/participants/${seeded.participantId}/progress`)
  await expect(page.getByRole('heading', { name: 'Progress · Jordy T.' })).toBeVisible()
  const glance = page.getByRole('region', { name: 'At a glance' })
  await expect(glance).toContainText('Days in program57')
  await expect(glance).toContainText('Sessions attended22 of 24')
  await expect(page.getByText('2 sessions from 2026-10-26 to 2026-10-28')).toBeVisible()

  // Hours per week: 9 in a full week, 8.5 with the late arrival, 3 in the week of the absences.
  const hours = page.getByRole('region', { name: 'Weekly countable hours' })
  await hours.getByRole('switch', { name: 'Show as table' }).check()
  const table = hours.getByRole('table', { name: 'Countable hours by week' })
  const expected: Array<[string, string, string]> = [
    ['2026-09-28', '9', 'Yes'],
    ['2026-10-05', '9', 'Yes'],
    ['2026-10-12', '8.5', 'No — below'],
    ['2026-10-19', '9', 'Yes'],
    ['2026-10-26', '3', 'No — below'],
    ['2026-11-02', '9', 'Yes'],
    ['2026-11-09', '9', 'Yes'],
    ['2026-11-16', '9', 'Yes'],
    ['2026-11-23', '0', 'This week, so far']
  ]
  await expect(table.getByRole('row')).toHaveCount(expected.length + 1)
  for (const [week, value, meets] of expected) {
    const row = table.getByRole('row').filter({ hasText: week })
    await expect(row.getByRole('cell')).toHaveText([week, value, meets])
  }

  // Coverage: a new module in each segment of every session attended.
  await expect(page.getByTestId('coverage-summary')).toHaveText('44 of 72 modules attended (61%)')

  // The PHQ-9 as a chart with its bands, and the same in words.
  const phq = page.getByRole('region', { name: 'PHQ-9 over time' })
  await expect(phq.getByTestId('summary-phq9')).toHaveText(
    'PHQ-9: 3 recorded; latest 6 (Mild) on 2026-11-23, down from 14 on 2026-09-28.'
  )
  await expect(phq.locator('.recharts-line-dots circle, .recharts-line-dot')).toHaveCount(3)
  await page.screenshot({ path: test.info().outputPath('progress-page.png'), fullPage: true })

  // The progress summary, printed to PDF by Chromium from the HTML Electron prints.
  const printed = await page.evaluate(async (participantId) => {
    const r = await window.api.progress.print({ participantId })
    if (!r.ok) throw new Error(r.error.message)
    return r.value.html
  }, seeded.participantId)
  const printer = await page.context().newPage()
  await printer.setContent(printed)
  const pdfPath = test.info().outputPath('progress-summary.pdf')
  await writeFile(pdfPath, await printer.pdf({ preferCSSPageSize: true }))
  await printer.close()
  const pages = await readPdfPages(pdfPath)
  const pdfText = pages.join('\n').replace(/\s+/g, ' ')
  expect(pdfText).toContain('Progress summary — Jordy T. (C-101)')
  expect(pdfText).toContain('Sessions attended 22 of 24')
  expect(pdfText).toContain('Weekly countable hours')
  expect(pdfText).toContain('PHQ-9: 2026-09-28 14, 2026-10-26 9, 2026-11-23 6. Latest 6 (Mild).')
  expect(pdfText).toContain('44 of 72 modules')
  expect(pages.length).toBeGreaterThanOrEqual(1)
  for (const pageText of pages) {
    expect(pageText.replace(/\s+/g, ' ')).toContain('42 CFR part 2')
  }

  // The attendance and billing report for the eight weeks, exported and read back as CSV.
  await page.getByRole('link', { name: 'Reports' }).click()
  const options = page.getByRole('form', { name: 'Report options' })
  await typeDate(options.getByLabel('From'), '2026-09-28')
  await typeDate(options.getByLabel('To'), '2026-11-23')
  await options.getByRole('button', { name: 'Show report' }).click()
  await expect(page.getByRole('table', { name: /^Attendance and billing/ })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('report.png'), fullPage: true })
  // The file is protected with a password the counselor chooses (the clinic's default rule).
  await options.getByRole('button', { name: 'Export CSV' }).click()
  await finishAnimations(clock)
  const save = page.getByRole('dialog', { name: 'Save the attendance and billing report' })
  const password = 'read out over the phone'
  await save.getByLabel('Password for this file').fill('too short')
  await save.getByLabel('Type the password again').fill('too short')
  await save.getByRole('button', { name: 'Save with this password' }).click()
  await expect(save.getByText(/at least 12 characters/)).toBeVisible()
  await save.getByLabel('Password for this file').fill(password)
  await save.getByLabel('Type the password again').fill(password)
  await page.screenshot({ path: test.info().outputPath('export-password.png') })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    save.getByRole('button', { name: 'Save with this password' }).click()
  ])
  expect(download.suggestedFilename()).toBe('attendance_2026-09-28_2026-11-23.zip')
  // Opened with 7-Zip, as the person receiving it would; nothing readable without the password.
  const zip = test.info().outputPath('attendance.zip')
  await download.saveAs(zip)
  expect((await readFile(zip)).toString('latin1')).not.toContain('C-101')
  const unzipped = test.info().outputPath('unzipped')
  await run(sevenZip(), ['x', '-y', `-p${password}`, `-o${unzipped}`, zip])
  const csv = await readFile(`${unzipped}/attendance_2026-09-28_2026-11-23.csv`, 'utf8')
  expect(csv.startsWith('\uFEFF# This record which has been disclosed to you')).toBe(true)
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    comments: '#',
    skipEmptyLines: true
  })
  expect(parsed.errors).toEqual([])
  expect(parsed.meta.fields).toEqual([
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
  ])
  const jordan = parsed.data.filter((row) => row['Client ID'] === 'C-101')
  expect(jordan).toHaveLength(24)
  expect(parsed.data).toHaveLength(48)
  expect(jordan[0]).toEqual({
    Date: '2026-09-28',
    Group: 'Morning Recovery',
    'Client ID': 'C-101',
    Participant: 'Jordan Testperson',
    Status: 'Present',
    'Time in': '09:00',
    'Time out': '12:00',
    'Countable minutes': '180',
    'Meets daily minimum': 'yes',
    'Service code': 'H0015',
    'Note status': 'Not started'
  })
  const late = jordan.find((row) => row.Date === '2026-10-14')!
  expect([
    late.Status,
    late['Time in'],
    late['Countable minutes'],
    late['Meets daily minimum']
  ]).toEqual(['Present, late arrival', '09:30', '150', 'no'])
  const absent = jordan.filter((row) => row.Status === 'Absent (unexcused)').map((r) => r.Date)
  expect(absent).toEqual(['2026-10-26', '2026-10-28'])
  // After daylight saving ends, 9:00 is still 9:00 in the clinic.
  expect(jordan.find((row) => row.Date === '2026-11-02')!['Time in']).toBe('09:00')
  app.expectNoErrors()
})
