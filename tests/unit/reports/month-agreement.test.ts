/**
 * One source of truth for time: a generated month of sessions (four weeks of
 * the default plan, eight participants, late arrivals and early leavers at odd
 * seconds, absences) run through the core, then every participant's time in,
 * time out and countable minutes read back from each place a clinician or an
 * auditor sees them:
 *
 * - the end-of-session summary (the rows its screen shows),
 * - the note editor's attendance line (notes.session),
 * - the printed note (notes.print's HTML),
 * - the attendance report on screen (reports.run) and as CSV (reports.export),
 * - the participant's progress page (progress.participant),
 *
 * and the weekly-hours report against the sum of each person's days. Every
 * disagreement is counted and printed; there must be none.
 */
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openProtected } from '../../../src/main/services/exports'
import type { ParticipantProgress, Report } from '../../../src/shared/domain/progress'
import { DEFAULT_MEETING_DAYS } from '../../../src/shared/domain/group'
import type { SessionView } from '../../../src/shared/ipc/contract'
import { mondayOf } from '../../../src/shared/progress/weeks'
import { clinicTimeOfDay } from '../../../src/shared/rules/dates'
import { attendanceSummary } from '../../../src/shared/session'
import { removeFolders, setUpClinic, value } from '../core/helpers'
import { MIN, movingClinic, runDay, ZONE, type Clinic } from './clinic-day'

const PASSWORD = 'a month of sessions to check'
const PEOPLE = 8
/** Four clinic weeks from Monday 2 November 2026 (the clocks go back on the 1st). */
const MONDAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']
const OFFSET: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4 }

/** A small seeded generator, so the month is the same on every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** "09:17" from an ISO instant, on the clinic's clock; null stays null. */
const hhmm = (iso: string | null) => (iso ? clinicTimeOfDay(Date.parse(iso), ZONE) : null)

interface Seen {
  minutes: number | null
  timeIn: string | null
  timeOut: string | null
}

let clinic: Clinic
beforeAll(async () => {
  clinic = await movingClinic(await setUpClinic())
})
afterAll(removeFolders)

describe('every place that shows time agrees, over a month of real-looking sessions', () => {
  it('summary, note, printout, report, CSV and progress page agree on every participant', async () => {
    const { core } = clinic
    const next = random(16)
    const group = await value<{ id: string }>(
      core.handle('groups.create', {
        name: 'Month of Mornings',
        track: 'substance_use',
        admission: 'open',
        meetingDays: DEFAULT_MEETING_DAYS,
        startTime: '09:00',
        defaultMinutes: 195,
        capacity: 12,
        facilitatorIds: [clinic.adminId]
      })
    )
    const people: Array<{ id: string; clientId: string }> = []
    for (let i = 0; i < PEOPLE; i++) {
      const clientId = `M-${300 + i}`
      const person = await value<{ id: string }>(
        core.handle('participants.create', {
          fullName: `Sample Person ${String.fromCharCode(65 + i)}`,
          preferredName: '',
          clientId,
          dateOfBirth: '1985-06-07',
          admissionDate: MONDAYS[0],
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
          joinDate: MONDAYS[0]
        })
      )
      people.push({ id: person.id, clientId })
    }

    // The month: each day some arrive late, some leave early, some are absent, at odd seconds.
    const sessions: SessionView[] = []
    let late = 0
    let early = 0
    for (const monday of MONDAYS) {
      for (const day of DEFAULT_MEETING_DAYS) {
        const arrivals = new Map<string, number>()
        const departures = new Map<string, number>()
        const absent: string[] = []
        for (const p of people) {
          const roll = next()
          if (roll < 0.1) absent.push(p.id)
          else {
            if (roll < 0.4) arrivals.set(p.id, Math.floor(next() * 70 * MIN) + 1_000)
            if (next() < 0.3) departures.set(p.id, (90 + Math.floor(next() * 100)) * MIN + 17_000)
          }
        }
        late += arrivals.size
        early += departures.size
        sessions.push(
          await runDay(clinic, {
            groupId: group.id,
            date: addDays(monday, OFFSET[day]!),
            start: '09:00',
            people: people.map((p) => p.id),
            absent,
            arrivals,
            departures
          })
        )
      }
    }
    const after = Date.parse('2026-11-30T18:00:00Z')
    clinic.clock.now = after

    // Each place's figures, keyed by session and participant.
    const places = new Map<string, Map<string, Seen>>()
    const see = (place: string, sessionId: string, clientId: string, seen: Seen) => {
      const map = places.get(place) ?? new Map<string, Seen>()
      map.set(`${sessionId} ${clientId}`, seen)
      places.set(place, map)
    }
    const clientOf = (id: string) => people.find((p) => p.id === id)!.clientId
    const settings = await value<{ lateAfterMinutes: number; wrapUpMinutes: number }>(
      core.handle('clinic.sessionSettings', {})
    )
    const byDate = new Map(sessions.map((s) => [s.date, s.id]))

    for (const ended of sessions) {
      const sessionId = ended.id
      const view = await value<SessionView>(core.handle('sessions.get', { sessionId }))
      for (const row of attendanceSummary(view, view.attendance, after, {
        ...settings,
        dailyMinimumMinutes: view.dailyMinimumMinutes
      })) {
        see('summary', sessionId, clientOf(row.participantId), {
          minutes: row.countableMinutes,
          timeIn: hhmm(row.timeIn),
          timeOut: hhmm(row.timeOut)
        })
      }
      const notes = await value<{
        participants: Array<{
          participantId: string
          attendance: {
            status: string
            timeIn: string | null
            timeOut: string | null
            countableMinutes: number
          }
        }>
      }>(core.handle('notes.session', { sessionId }))
      for (const p of notes.participants) {
        const present = p.attendance.status === 'present'
        see('note', sessionId, clientOf(p.participantId), {
          minutes: present ? p.attendance.countableMinutes : null,
          timeIn: hhmm(p.attendance.timeIn),
          timeOut: hhmm(p.attendance.timeOut)
        })
        if (!present) continue
        await value(
          core.handle('notes.saveDraft', {
            sessionId,
            participantId: p.participantId,
            baseRevision: 0,
            body: {
              sections: { data: 'Took part in the skills practice.' },
              goals: [],
              risk: 'none',
              riskText: '',
              followUp: ''
            }
          })
        )
      }
      const printed = await value<{ html: string }>(
        core.handle('notes.print', { sessionId, participantId: null })
      )
      for (const article of printed.html.split('<article').slice(1)) {
        const fact = (label: string) =>
          new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(article)?.[1] ?? null
        const time = (label: string) => /^(\d\d:\d\d)/.exec(fact(label) ?? '')?.[1] ?? null
        see('printout', sessionId, fact('Client ID')!, {
          minutes: Number(fact('Countable minutes')),
          timeIn: time('Time in'),
          timeOut: time('Time out')
        })
      }
    }

    const range = { from: MONDAYS[0]!, to: addDays(MONDAYS[3]!, 6), groupId: group.id }
    const report = await value<Report>(core.handle('reports.run', { kind: 'attendance', ...range }))
    const at = (name: string) => report.header.indexOf(name)
    for (const row of report.rows) {
      const present = String(row[at('Status')]).startsWith('Present')
      see('report', byDate.get(row[at('Date')] as string)!, row[at('Client ID')] as string, {
        minutes: present ? (row[at('Countable minutes')] as number) : null,
        timeIn: row[at('Time in')] as string | null,
        timeOut: row[at('Time out')] as string | null
      })
    }
    const file = await value<{ base64: string }>(
      core.handle('reports.export', { kind: 'attendance', ...range, password: PASSWORD })
    )
    const opened = await openProtected(Buffer.from(file.base64, 'base64'), PASSWORD)
    const csv = Papa.parse<Record<string, string>>(
      new TextDecoder('utf-8').decode(opened.bytes).replace(/^\uFEFF/, ''),
      { header: true, comments: '#', skipEmptyLines: true }
    ).data
    for (const row of csv) {
      const present = row['Status']!.startsWith('Present')
      see('CSV', byDate.get(row['Date']!)!, row['Client ID']!, {
        minutes: present ? Number(row['Countable minutes']) : null,
        timeIn: row['Time in'] || null,
        timeOut: row['Time out'] || null
      })
    }
    for (const p of people) {
      const progress = await value<ParticipantProgress>(
        core.handle('progress.participant', { participantId: p.id })
      )
      for (const s of progress.sessions) {
        const present = s.status === 'present'
        see('progress page', s.sessionId, p.clientId, {
          minutes: present ? s.countableMinutes : null,
          timeIn: hhmm(s.timeIn),
          timeOut: hhmm(s.timeOut)
        })
      }
    }

    // Compare every place with the summary, for every participant at every session.
    const summary = places.get('summary')!
    const disagreements: string[] = []
    let compared = 0
    for (const [place, seen] of places) {
      if (place === 'summary') continue
      for (const [key, expected] of summary) {
        // The printout holds only present participants (only they have notes).
        if (place === 'printout' && expected.minutes === null) continue
        compared += 1
        const got = seen.get(key)
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          disagreements.push(
            `${place} ${key}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`
          )
        }
      }
    }

    // The weekly report adds up exactly the days of the attendance report.
    const weekly = await value<Report>(
      core.handle('reports.run', { kind: 'weekly_hours', ...range })
    )
    const w = (name: string) => weekly.header.indexOf(name)
    for (const row of weekly.rows) {
      const days = report.rows.filter(
        (r) =>
          r[at('Client ID')] === row[w('Client ID')] &&
          mondayOf(r[at('Date')] as string) === row[w('Week starting')]
      )
      const minutes = days.reduce((t, r) => t + (r[at('Countable minutes')] as number), 0)
      const lateDays = days.filter((r) => String(r[at('Status')]).includes('late arrival')).length
      const earlyDays = days.filter((r) => String(r[at('Status')]).includes('left early')).length
      compared += 1
      if (
        Math.round((minutes / 60) * 100) / 100 !== row[w('Countable hours')] ||
        lateDays !== row[w('Late arrivals')] ||
        earlyDays !== row[w('Left early')]
      ) {
        disagreements.push(`weekly ${row[w('Client ID')]} ${row[w('Week starting')]}`)
      }
    }

    const presentDays = [...summary.values()].filter((s) => s.minutes !== null).length
    const lateRows = report.rows.filter((r) => String(r[at('Status')]).includes('late arrival'))
    console.log(
      `a month: ${sessions.length} sessions, ${PEOPLE} participants, ${presentDays} days present, ` +
        `${late} late arrivals and ${early} early leavers generated; ${compared} figures compared ` +
        `across summary, note, printout, report, CSV, progress page and weekly report: ` +
        `${disagreements.length} disagreements`
    )
    for (const d of disagreements.slice(0, 10)) console.log(`  ${d}`)
    expect(summary.size).toBe(sessions.length * PEOPLE)
    expect(late).toBeGreaterThan(10)
    expect(early).toBeGreaterThan(10)
    // Reports name late arrivals and early leavers, never a bare "Present".
    expect(lateRows.length).toBeGreaterThan(0)
    expect(disagreements).toEqual([])
    // Nobody present is left without a time out once the session has ended.
    expect([...summary.values()].filter((s) => s.minutes !== null && s.timeOut === null)).toEqual(
      []
    )
  }, 300_000)
})
