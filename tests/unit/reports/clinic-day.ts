/**
 * A clinic run through the core as the app runs it, with a clock the test
 * moves by hand: groups made with the app's defaults, sessions walked segment
 * by segment on their planned minutes, people arriving and leaving when the
 * clock says so. Shared by the track-defaults and the month-agreement tests.
 */
import { createCore, type Core } from '../../../src/main/core'
import type { SegmentInput } from '../../../src/shared/domain/session'
import type { SessionView } from '../../../src/shared/ipc/contract'
import { zonedTimeToInstant } from '../../../src/shared/rules/dates'
import {
  copyClinic,
  CURRICULUM_DIR,
  ids,
  NOW,
  PASSPHRASE,
  value,
  type Template
} from '../core/helpers'

export const MIN = 60_000
export const ZONE = 'America/Chicago'

export interface Clinic {
  core: Core
  clock: { now: number }
  adminId: string
}

export async function movingClinic(template: Template): Promise<Clinic> {
  const clock = { now: NOW }
  const dir = await copyClinic(template.dir)
  const core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return { core, clock, adminId: template.adminId }
}

export interface DayPlan {
  groupId: string
  date: string
  /** Local start time, HH:MM. */
  start: string
  /** Everyone on the list: present from the start unless they arrive later, leave or are absent. */
  people: string[]
  absent?: ReadonlyArray<string>
  /** Milliseconds after the start at which someone comes in. */
  arrivals?: ReadonlyMap<string, number>
  /** Milliseconds after the start at which someone leaves for the day. */
  departures?: ReadonlyMap<string, number>
}

/**
 * Plans the day with the group's own agenda (the default one unless saved),
 * takes the roll, starts, moves through every segment at its planned minutes,
 * and ends. Nobody still in the room is given a time out: the close is theirs.
 */
export async function runDay(clinic: Clinic, plan: DayPlan): Promise<SessionView> {
  const { core, clock } = clinic
  const start = zonedTimeToInstant(plan.date, plan.start, ZONE)
  clock.now = start - 5 * MIN
  const segments = await value<SegmentInput[]>(
    core.handle('sessions.agenda', { groupId: plan.groupId })
  )
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: plan.groupId,
      date: plan.date,
      facilitatorIds: [clinic.adminId],
      segments
    })
  )
  const sessionId = session.id
  const mark = (participantId: string, status: string, timeOut: string | null = null) =>
    value<SessionView>(
      core.handle('sessions.attendance', {
        sessionId,
        participantId,
        status,
        timeIn: null,
        timeOut
      })
    )
  const absent = new Set(plan.absent ?? [])
  const arrivals = plan.arrivals ?? new Map<string, number>()
  const departures = plan.departures ?? new Map<string, number>()
  clock.now = start
  for (const id of plan.people) {
    if (absent.has(id)) await mark(id, 'absent_unexcused')
    else if (!arrivals.has(id)) await mark(id, 'present')
  }
  // Everything that happens after the start, in time order.
  type Step = { at: number; run: () => Promise<unknown> }
  const steps: Step[] = []
  let at = 0
  segments.forEach((segment, i) => {
    at += segment.plannedMinutes * MIN
    const last = i === segments.length - 1
    steps.push({
      at,
      run: () =>
        value(core.handle('sessions.act', { sessionId, action: { type: last ? 'end' : 'next' } }))
    })
  })
  for (const [id, offset] of arrivals) steps.push({ at: offset, run: () => mark(id, 'present') })
  for (const [id, offset] of departures) {
    steps.push({
      at: offset,
      run: async () => {
        const now = await value<SessionView>(core.handle('sessions.get', { sessionId }))
        const record = now.attendance.find((a) => a.participantId === id)!
        return value(
          core.handle('sessions.attendance', {
            sessionId,
            participantId: id,
            status: 'present',
            timeIn: record.timeIn,
            timeOut: new Date(clock.now).toISOString()
          })
        )
      }
    })
  }
  // In time order; at the same moment the segment change comes first (the sort is stable).
  steps.sort((a, b) => a.at - b.at)
  await value(core.handle('sessions.act', { sessionId, action: { type: 'start' } }))
  for (const step of steps) {
    clock.now = start + step.at
    await step.run()
  }
  return value<SessionView>(core.handle('sessions.get', { sessionId }))
}
