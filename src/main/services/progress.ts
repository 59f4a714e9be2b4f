import { schedulesForTrack } from '../../shared/domain/measure'
import type { GroupDashboard, ParticipantProgress } from '../../shared/domain/progress'
import type { SessionRecord } from '../../shared/domain/session'
import { participantProgress } from '../../shared/progress/participant'
import { weekStartOf } from '../../shared/progress/weeks'
import { clinicDate } from '../../shared/rules/dates'
import { RuleError } from '../../shared/result'
import { attendanceFigures } from '../../shared/session'
import type { ServiceContext } from './context'
import { figureSettingsFor, requirementFor } from './requirements'
import { openSession } from './sessions'

const WEEK_MS = 7 * 86_400_000

export function clinicZone(ctx: ServiceContext): string {
  return ctx.registry.data.clinic?.timeZone ?? 'UTC'
}

export function clinicToday(ctx: ServiceContext): string {
  return clinicDate(ctx.now(), clinicZone(ctx))
}

/** Opens the files of the given ended sessions, with their group's name, oldest first. */
export async function endedSessions(
  ctx: ServiceContext,
  ids: Iterable<string>
): Promise<Array<{ record: SessionRecord; groupName: string }>> {
  const registry = ctx.registry.data
  const result: Array<{ record: SessionRecord; groupName: string }> = []
  for (const id of ids) {
    const { data } = await openSession(ctx, id)
    const group = registry.groups.find((g) => g.id === data.groupId)
    result.push({ record: data, groupName: group?.name ?? '' })
  }
  return result.sort((a, b) => a.record.date.localeCompare(b.record.date))
}

/**
 * The ended sessions a participant was on the list for: their groups' sessions
 * while enrolled, and any session they were present at as a walk-in. Read from
 * the registry's index, so only those files are opened.
 */
export function sessionIdsFor(ctx: ServiceContext, participantId: string): string[] {
  const registry = ctx.registry.data
  const enrolments = registry.enrollments.filter((e) => e.participantId === participantId)
  return registry.sessions
    .filter(
      (s) =>
        s.status === 'ended' &&
        (s.notesExpected.includes(participantId) ||
          enrolments.some(
            (e) =>
              e.groupId === s.groupId &&
              e.joinDate <= s.date &&
              (e.exitDate === null || s.date <= e.exitDate)
          ))
    )
    .map((s) => s.id)
}

/**
 * The weekly hours a participant's program requires: their current group's
 * (the latest enrolment's), null when that group has no weekly requirement.
 */
function weeklyHoursOf(ctx: ServiceContext, participantId: string): number | null {
  const enrolments = ctx.registry.data.enrollments
    .filter((e) => e.participantId === participantId)
    .sort((a, b) => a.joinDate.localeCompare(b.joinDate))
  const latest = enrolments[enrolments.length - 1]
  if (!latest) return ctx.registry.data.sessionSettings.weeklyHoursRequired
  return requirementFor(ctx, latest.groupId).weeklyHours
}

export async function progressOf(
  ctx: ServiceContext,
  participantId: string
): Promise<ParticipantProgress> {
  const registry = ctx.registry.data
  const participant = registry.participants.find((p) => p.id === participantId)
  if (!participant) throw new RuleError('not_found', 'That participant was not found.')
  const sessions = await endedSessions(ctx, sessionIdsFor(ctx, participantId))
  return participantProgress({
    participant,
    sessions,
    measures: ctx.measures.data.entries.filter((e) => e.participantId === participantId),
    schedules: schedulesForTrack(registry.measureSchedules, participant.track),
    settings: registry.sessionSettings,
    dailyMinimumFor: (groupId) => requirementFor(ctx, groupId).dailyMinimumMinutes,
    weeklyHoursRequired: weeklyHoursOf(ctx, participantId),
    timeZone: clinicZone(ctx),
    today: clinicToday(ctx),
    now: ctx.now()
  })
}

/**
 * The group's page at a glance: census this month, attendance rate and
 * average countable hours in each of the last 12 weeks, notes owed.
 */
export async function groupDashboard(
  ctx: ServiceContext,
  groupId: string
): Promise<GroupDashboard> {
  const registry = ctx.registry.data
  if (!registry.groups.some((g) => g.id === groupId)) {
    throw new RuleError('not_found', 'That group was not found.')
  }
  const zone = clinicZone(ctx)
  const today = clinicToday(ctx)
  const month = today.slice(0, 7)
  const enrolments = registry.enrollments.filter((e) => e.groupId === groupId)
  const people = new Set(enrolments.map((e) => e.participantId))
  const members = registry.participants.filter((p) => people.has(p.id))
  const current = new Set(
    enrolments
      .filter((e) => e.joinDate <= today && (e.exitDate === null || e.exitDate >= today))
      .map((e) => e.participantId)
  )
  const census = {
    active: members.filter((p) => p.status === 'active' && current.has(p.id)).length,
    admittedThisMonth: members.filter((p) => p.admissionDate.startsWith(month)).length,
    dischargedThisMonth: members.filter((p) => p.discharge?.date.startsWith(month)).length
  }

  // Twelve weeks back from this one, by the clinic's calendar.
  const weekStarts: string[] = []
  for (let i = 11; i >= 0; i--) weekStarts.push(weekStartOf(ctx.now() - i * WEEK_MS, zone))
  const first = weekStarts[0]!
  const ended = registry.sessions.filter(
    (s) => s.groupId === groupId && s.status === 'ended' && s.date >= first && s.date <= today
  )
  const byWeek = new Map(
    weekStarts.map((w) => [
      w,
      { sessions: 0, marked: 0, present: 0, minutes: 0, people: new Set<string>() }
    ])
  )
  for (const { record } of await endedSessions(
    ctx,
    ended.map((s) => s.id)
  )) {
    const week = byWeek.get(weekStartOfDate(record.date, weekStarts))
    if (!week) continue
    week.sessions += 1
    const figures = attendanceFigures(
      record,
      record.attendance,
      ctx.now(),
      figureSettingsFor(ctx, groupId)
    )
    for (const [i, a] of record.attendance.entries()) {
      if (a.status === 'unmarked') continue
      week.marked += 1
      week.people.add(a.participantId)
      if (a.status === 'present') {
        week.present += 1
        week.minutes += figures[i]?.countableMinutes ?? 0
      }
    }
  }
  const notesOwed = registry.sessions
    .filter((s) => s.groupId === groupId && s.status === 'ended')
    .reduce(
      (sum, s) =>
        sum +
        s.notesExpected.filter((id) => {
          const state = s.noteStates[id]
          return state === undefined || state === 'draft'
        }).length,
      0
    )
  return {
    groupId,
    month,
    census,
    requiredWeeklyHours: requirementFor(ctx, groupId).weeklyHours ?? 0,
    weeks: weekStarts.map((weekStart) => {
      const w = byWeek.get(weekStart)!
      return {
        weekStart,
        sessions: w.sessions,
        attendanceRate: w.marked === 0 ? null : w.present / w.marked,
        averageHours: w.people.size === 0 ? null : w.minutes / 60 / w.people.size
      }
    }),
    notesOwed
  }
}

/** The week (from the list) a calendar date falls in. */
function weekStartOfDate(date: string, weekStarts: readonly string[]): string {
  let found = weekStarts[0]!
  for (const w of weekStarts) if (w <= date) found = w
  return found
}
