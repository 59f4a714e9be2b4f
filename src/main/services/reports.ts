import type { ServiceCode } from '../../shared/domain/billing'
import { DISCHARGE_TYPE_LABELS } from '../../shared/domain/participant'
import type { Report, ReportRequest } from '../../shared/domain/progress'
import { REPORT_LABELS } from '../../shared/domain/progress'
import { ATTENDANCE_STATUS_LABELS } from '../../shared/domain/session'
import { dueAt, noteStatus } from '../../shared/notes/state'
import { PART2_NOTICE } from '../../shared/notes/part2-notice'
import { mondayOf, weeklyHours, type DayMinutes } from '../../shared/progress/weeks'
import { csvFileName, toCsv } from '../../shared/reports/csv'
import { clinicDateTime, clinicTimeOfDay } from '../../shared/rules/dates'
import { RuleError } from '../../shared/result'
import { attendanceText, meetsDailyMinimum } from '../../shared/rules/requirements'
import { attendanceFigures, sessionState } from '../../shared/session'
import type { ServiceContext } from './context'
import { clinicZone, endedSessions } from './progress'
import { openSession, syncIndexes } from './sessions'
import { hoursRules, sessionHours } from '../../shared/session/hours'
import type { SessionFigures, SessionIndexEntry, SessionRecord } from '../../shared/domain/session'
import { figureSettingsFor, requirementFor, serviceCodeFor } from './requirements'

export { serviceCodeFor } from './requirements'

const NOTE_STATE_LABELS = {
  not_started: 'Not started',
  draft: 'Draft',
  awaiting_cosignature: 'Awaiting co-signature',
  signed: 'Signed'
} as const

export function groupServiceCode(ctx: ServiceContext, groupId: string): ServiceCode {
  if (!ctx.registry.data.groups.some((g) => g.id === groupId)) {
    throw new RuleError('not_found', 'That group was not found.')
  }
  return serviceCodeFor(ctx, groupId)
}

export async function setServiceCode(
  ctx: ServiceContext,
  input: { groupId: string; code: ServiceCode }
): Promise<ServiceCode> {
  groupServiceCode(ctx, input.groupId)
  await ctx.registry.update((draft) => {
    draft.serviceCodes = draft.serviceCodes.filter((c) => c.groupId !== input.groupId)
    draft.serviceCodes.push({ groupId: input.groupId, code: input.code })
  })
  return input.code
}

function groupsInScope(ctx: ServiceContext, groupId: string | null) {
  const groups = ctx.registry.data.groups
  if (groupId === null) return groups
  const group = groups.find((g) => g.id === groupId)
  if (!group) throw new RuleError('not_found', 'That group was not found.')
  return [group]
}

/**
 * The figures of each ended session, from the registry's line for it. A line
 * without figures (written before they were kept) or with figures worked out
 * under rules the clinic has since changed is worked out again from the
 * session file, and the line is brought up to date, once.
 */
async function hoursOf(
  ctx: ServiceContext,
  sessions: ReadonlyArray<SessionIndexEntry>
): Promise<Array<{ session: SessionIndexEntry; hours: SessionFigures }>> {
  const result: Array<{ session: SessionIndexEntry; hours: SessionFigures }> = []
  const stale: SessionRecord[] = []
  for (const session of sessions) {
    const settings = figureSettingsFor(ctx, session.groupId)
    if (session.figures && session.figures.rules === hoursRules(settings)) {
      result.push({ session, hours: session.figures })
      continue
    }
    const { data } = await openSession(ctx, session.id)
    stale.push(data)
    result.push({ session, hours: sessionHours(data, ctx.now(), settings) })
  }
  await syncIndexes(ctx, stale)
  return result.sort((a, b) => a.session.date.localeCompare(b.session.date))
}

/** A report for a date range and one group or all: rows as shown on screen and exported. */
export async function runReport(ctx: ServiceContext, request: ReportRequest): Promise<Report> {
  const registry = ctx.registry.data
  const groups = groupsInScope(ctx, request.groupId)
  const groupIds = new Set(groups.map((g) => g.id))
  const zone = clinicZone(ctx)
  const settings = registry.sessionSettings
  const person = (id: string) => registry.participants.find((p) => p.id === id)
  const timeFormat = registry.clinic?.timeFormat ?? '24h'
  const time = (iso: string | null) =>
    iso ? clinicTimeOfDay(Date.parse(iso), zone, timeFormat) : null
  const when = (iso: string | null) =>
    iso ? clinicDateTime(Date.parse(iso), zone, timeFormat) : null
  const inRange = registry.sessions.filter(
    (s) =>
      groupIds.has(s.groupId) &&
      s.status === 'ended' &&
      s.date >= request.from &&
      s.date <= request.to
  )
  const base = {
    kind: request.kind,
    title: `${REPORT_LABELS[request.kind]}, ${request.from} to ${request.to}`,
    // Substance-use records are in it when a group in scope, or anyone in it, is on such a track.
    part2: groups.some((g) => g.track !== 'mental_health'),
    cancelledSessions: registry.sessions.filter(
      (s) =>
        groupIds.has(s.groupId) &&
        s.status === 'cancelled' &&
        s.date >= request.from &&
        s.date <= request.to
    ).length
  }
  const involved = new Set<string>()
  const part2For = () =>
    base.part2 || [...involved].some((id) => person(id)?.track !== 'mental_health')

  if (request.kind === 'attendance') {
    const rows: Report['rows'] = []
    for (const { record, groupName } of await endedSessions(
      ctx,
      inRange.map((s) => s.id)
    )) {
      const figures = attendanceFigures(
        record,
        record.attendance,
        ctx.now(),
        figureSettingsFor(ctx, record.groupId)
      )
      const requirement = requirementFor(ctx, record.groupId)
      for (const [i, a] of record.attendance.entries()) {
        const p = person(a.participantId)
        const f = figures[i]!
        involved.add(a.participantId)
        const present = a.status === 'present'
        const note = record.notes.find((n) => n.participantId === a.participantId) ?? null
        rows.push([
          record.date,
          groupName,
          p?.clientId ?? '',
          p?.fullName ?? '',
          attendanceText(ATTENDANCE_STATUS_LABELS[a.status], f),
          present ? time(f.timeIn) : null,
          present ? time(f.timeOut) : null,
          f.countableMinutes,
          present ? meetsDailyMinimum(requirement, f.countableMinutes) : null,
          requirement.serviceCode,
          present || note ? NOTE_STATE_LABELS[noteStatus(note)] : null
        ])
      }
    }
    return {
      ...base,
      part2: part2For(),
      header: [
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
      ],
      rows
    }
  }

  if (request.kind === 'weekly_hours') {
    // Each person's days, with what their groups require of a week: read from the registry's
    // line for each session (kept as sessions end), so no session file is opened.
    const byPerson = new Map<
      string,
      { days: DayMinutes[]; late: string[]; early: string[]; required: Array<number | null> }
    >()
    for (const { session, hours } of await hoursOf(ctx, inRange)) {
      const required = requirementFor(ctx, session.groupId).weeklyHours
      const late = new Set(hours.late)
      const leftEarly = new Set(hours.leftEarly)
      for (const [participantId, minutes] of Object.entries(hours.minutes)) {
        const entry = byPerson.get(participantId) ?? {
          days: [],
          late: [],
          early: [],
          required: []
        }
        entry.required.push(required)
        if (minutes !== null) {
          entry.days.push({ date: session.date, minutes })
          if (late.has(participantId)) entry.late.push(session.date)
          if (leftEarly.has(participantId)) entry.early.push(session.date)
        }
        byPerson.set(participantId, entry)
      }
    }
    const rows: Report['rows'] = []
    const people = [...byPerson.keys()]
      .map((id) => ({ id, p: person(id) }))
      .sort((a, b) => (a.p?.clientId ?? '').localeCompare(b.p?.clientId ?? ''))
    for (const { id, p } of people) {
      involved.add(id)
      const entry = byPerson.get(id)!
      // Someone in groups with different rules is held to the highest of them.
      const requirements = entry.required.filter((r): r is number => r !== null)
      const requiredHours = requirements.length === 0 ? null : Math.max(...requirements)
      for (const week of weeklyHours({
        days: entry.days,
        from: request.from,
        to: request.to,
        requiredHours,
        emptyWeeks: request.emptyWeeks ?? false
      })) {
        const inWeek = (date: string) => mondayOf(date) === week.weekStart
        rows.push([
          p?.clientId ?? '',
          p?.fullName ?? '',
          week.weekStart,
          entry.days.filter((d) => inWeek(d.date)).length,
          entry.late.filter(inWeek).length,
          entry.early.filter(inWeek).length,
          Math.round((week.minutes / 60) * 100) / 100,
          requiredHours,
          week.meetsRequirement
        ])
      }
    }
    return {
      ...base,
      part2: part2For(),
      header: [
        'Client ID',
        'Participant',
        'Week starting',
        'Sessions attended',
        'Late arrivals',
        'Left early',
        'Countable hours',
        'Required hours',
        'Meets requirement'
      ],
      rows
    }
  }

  if (request.kind === 'notes') {
    const rows: Report['rows'] = []
    for (const { record, groupName } of await endedSessions(
      ctx,
      inRange.map((s) => s.id)
    )) {
      const ended = sessionState(record, ctx.now(), settings).endedAt
      const due =
        ended === null ? null : dueAt(new Date(ended).toISOString(), settings.noteDueHours)
      for (const a of record.attendance) {
        const note = record.notes.find((n) => n.participantId === a.participantId) ?? null
        if (a.status !== 'present' && !note) continue
        const state = noteStatus(note)
        if (state === 'signed' && !note?.lateEntry) continue
        const p = person(a.participantId)
        involved.add(a.participantId)
        rows.push([
          record.date,
          groupName,
          p?.clientId ?? '',
          p?.fullName ?? '',
          NOTE_STATE_LABELS[state],
          when(due),
          when(note?.signature?.at ?? null),
          note?.lateEntry ?? false
        ])
      }
    }
    return {
      ...base,
      part2: part2For(),
      header: [
        'Session date',
        'Group',
        'Client ID',
        'Participant',
        'Note status',
        'Due',
        'Signed',
        'Late entry'
      ],
      rows
    }
  }

  // Discharges in the range, of people enrolled at some time in a group in scope.
  const enrolled = new Set(
    registry.enrollments.filter((e) => groupIds.has(e.groupId)).map((e) => e.participantId)
  )
  const discharged = registry.participants
    .filter(
      (p) =>
        p.discharge &&
        p.discharge.date >= request.from &&
        p.discharge.date <= request.to &&
        (request.groupId === null ? true : enrolled.has(p.id))
    )
    .sort((a, b) => a.discharge!.date.localeCompare(b.discharge!.date))
  return {
    ...base,
    part2:
      request.groupId === null
        ? discharged.some((p) => p.track !== 'mental_health') || base.part2
        : base.part2,
    header: [
      'Client ID',
      'Participant',
      'Admission date',
      'Discharge date',
      'Discharge type',
      'Length of stay (days)'
    ],
    rows: discharged.map((p) => [
      p.clientId,
      p.fullName,
      p.admissionDate,
      p.discharge!.date,
      DISCHARGE_TYPE_LABELS[p.discharge!.type],
      lengthOfStay(p.admissionDate, p.discharge!.date)
    ])
  }
}

/** Days from admission to discharge, counting both (a same-day discharge is 1 day). */
export function lengthOfStay(admission: string, discharge: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number]
    return Date.UTC(y, m - 1, dd)
  }
  return Math.round((day(discharge) - day(admission)) / 86_400_000) + 1
}

/** The same report as a CSV file that opens cleanly in Excel, with the Part 2 notice when due. */
export async function exportReport(ctx: ServiceContext, request: ReportRequest) {
  const report = await runReport(ctx, request)
  return {
    fileName: csvFileName(request.kind, request.from, request.to),
    csv: toCsv({
      header: report.header,
      rows: report.rows,
      ...(report.part2 ? { notice: PART2_NOTICE } : {})
    }),
    rowCount: report.rows.length
  }
}
