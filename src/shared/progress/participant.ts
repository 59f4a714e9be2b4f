import type { MeasureEntry, MeasureSchedule } from '../domain/measure'
import type { Participant } from '../domain/participant'
import type { GoalHistory, ParticipantProgress, ProgressSession } from '../domain/progress'
import type { SessionRecord } from '../domain/session'
import { measuresDue } from '../measures/schedule'
import { noteStatus } from '../notes/state'
import { displayName } from '../rules/names'
import { meetsDailyMinimum } from '../rules/requirements'
import { attendanceFigures } from '../session'
import { absenceRuns } from './absences'
import { weeklyHours, type DayMinutes } from './weeks'

const DAY_MS = 86_400_000

export interface ProgressInput {
  participant: Participant
  /** Ended sessions whose list holds the participant, with their group's name. */
  sessions: ReadonlyArray<{ record: SessionRecord; groupName: string }>
  measures: ReadonlyArray<MeasureEntry>
  schedules: ReadonlyArray<MeasureSchedule>
  settings: {
    lateAfterMinutes: number
    wrapUpMinutes: number
  }
  /** The daily minimum of a group's billing; null when it has none (90853). */
  dailyMinimumFor: (groupId: string) => number | null
  /** The weekly hours the participant's program requires; null when none. */
  weeklyHoursRequired: number | null
  timeZone: string
  /** The clinic's calendar date today. */
  today: string
  now: number
}

function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number]
    return Date.UTC(y, m - 1, day)
  }) as [number, number]
  return Math.round((b - a) / DAY_MS)
}

/**
 * Everything a participant's progress page shows, from the records alone:
 * each session with status, times, countable minutes and note state; hours per
 * week against the requirement; absences in a row; goals as signed notes
 * recorded them; measures and those due.
 */
export function participantProgress(input: ProgressInput): ParticipantProgress {
  const { participant: p, settings } = input
  const days: DayMinutes[] = []
  const sessions: ProgressSession[] = []
  const goalHistory = new Map<string, GoalHistory['history']>()
  const ordered = [...input.sessions].sort(
    (a, b) => a.record.date.localeCompare(b.record.date) || a.record.id.localeCompare(b.record.id)
  )
  for (const { record, groupName } of ordered) {
    const attendance = record.attendance.find((a) => a.participantId === p.id)
    if (!attendance) continue
    const dailyMinimumMinutes = input.dailyMinimumFor(record.groupId)
    const [figures] = attendanceFigures(record, [attendance], input.now, {
      ...settings,
      dailyMinimumMinutes: dailyMinimumMinutes ?? 0
    })
    const countableMinutes = figures?.countableMinutes ?? 0
    const note = record.notes.find((n) => n.participantId === p.id) ?? null
    const present = attendance.status === 'present'
    if (present) days.push({ date: record.date, minutes: countableMinutes })
    sessions.push({
      sessionId: record.id,
      groupId: record.groupId,
      groupName,
      date: record.date,
      status: attendance.status,
      late: figures?.late ?? false,
      leftEarly: figures?.leftEarly ?? false,
      walkIn: attendance.walkIn,
      timeIn: figures?.timeIn ?? null,
      timeOut: figures?.timeOut ?? null,
      countableMinutes,
      // A group without a daily minimum (billed per session) never makes a day short.
      meetsDailyMinimum:
        present && meetsDailyMinimum({ dailyMinimumMinutes }, countableMinutes) !== false,
      noteState: present || note ? noteStatus(note) : null,
      noteSignedAt: note?.signature?.at ?? null,
      lateEntry: note?.lateEntry ?? false,
      addenda: note?.addenda.length ?? 0
    })
    if (note && note.state !== 'draft') {
      for (const g of note.body.goals) {
        const list = goalHistory.get(g.goalId) ?? []
        list.push({
          sessionId: record.id,
          date: record.date,
          addressed: g.addressed,
          progress: g.progress
        })
        goalHistory.set(g.goalId, list)
      }
    }
  }
  const end = p.discharge && p.discharge.date < input.today ? p.discharge.date : input.today
  const from = p.admissionDate <= end ? p.admissionDate : end
  const marked = sessions.filter((s) => s.status !== 'unmarked')
  return {
    participant: {
      id: p.id,
      displayName: displayName(p),
      clientId: p.clientId,
      admissionDate: p.admissionDate,
      status: p.status,
      dischargeDate: p.discharge?.date ?? null,
      dischargeType: p.discharge?.type ?? null
    },
    today: input.today,
    daysInProgram: Math.max(0, daysBetween(p.admissionDate, end) + 1),
    sessions,
    attended: sessions.filter((s) => s.status === 'present').length,
    scheduled: marked.length,
    absences: absenceRuns(sessions.map((s) => ({ date: s.date, status: s.status }))),
    requiredWeeklyHours: input.weeklyHoursRequired ?? 0,
    weeks: weeklyHours({
      days,
      from,
      to: end,
      requiredHours: input.weeklyHoursRequired
    }).map((w) => ({ ...w, meetsRequirement: w.meetsRequirement ?? true })),
    goals: p.goals.map((g) => ({
      goalId: g.id,
      text: g.text,
      status: g.status,
      history: goalHistory.get(g.id) ?? []
    })),
    measures: [...input.measures].sort((a, b) => a.takenOn.localeCompare(b.takenOn)),
    measuresDue: measuresDue({
      schedules: [...input.schedules],
      admissionDate: p.admissionDate,
      today: input.today,
      taken: [...input.measures],
      dischargeDate: p.discharge?.date ?? null
    })
  }
}
