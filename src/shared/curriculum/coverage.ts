import type { AttendanceRecord } from '../domain/session'
import { WEEKDAYS, type Weekday } from '../domain/group'
import { clockOffset, parseTime } from '../session/clock'
import { replaySession } from '../session/state'
import type { SessionLog } from '../session/types'
import { cycleModules, type Cycle } from './cycle'

interface LogWithModules extends SessionLog {
  segments: ReadonlyArray<
    Omit<SessionLog['segments'][number], 'module'> & {
      module: { moduleId: string; slides: ReadonlyArray<{ minutes: number | null }> } | null
    }
  >
  attendance: ReadonlyArray<AttendanceRecord>
}

/**
 * Which modules each participant took part in during one ended session:
 * present, and in the room for at least half of the time the module's
 * segment actually ran. A skipped segment covers nothing.
 */
export function modulesCovered(record: LogWithModules, now: number): Record<string, string[]> {
  const runs: Array<Array<{ from: number; to: number }>> = record.segments.map(() => [])
  const replay = replaySession(record, now, (i, from, to) => runs[i]!.push({ from, to }))
  if (!replay.ended) return {}
  const jumps = replay.clockJumps
  const effective = (iso: string) => {
    const t = parseTime(iso)
    return t - clockOffset(jumps, t)
  }
  const covered: Record<string, string[]> = {}
  for (const person of record.attendance) {
    if (person.status !== 'present') continue
    const from = person.timeIn ? effective(person.timeIn) : -Infinity
    const to = person.timeOut ? effective(person.timeOut) : Infinity
    const ids: string[] = []
    record.segments.forEach((segment, i) => {
      if (!segment.module) return
      const ran = runs[i]!.reduce((t, r) => t + (r.to - r.from), 0)
      if (ran <= 0) return
      const inRoom = runs[i]!.reduce(
        (t, r) => t + Math.max(0, Math.min(r.to, to) - Math.max(r.from, from)),
        0
      )
      if (inRoom * 2 >= ran) ids.push(segment.module.moduleId)
    })
    if (ids.length) covered[person.participantId] = ids
  }
  return covered
}

/** The slot the group is at: the one after the last held session's modules, going round. */
export function nextSlotIndex(
  cycle: Pick<Cycle, 'slots'>,
  heldSessions: ReadonlyArray<{ moduleIds: readonly string[] }>
): number {
  for (let s = heldSessions.length - 1; s >= 0; s--) {
    const ids = heldSessions[s]!.moduleIds
    const slot = cycle.slots.findIndex(
      (x) =>
        (x.educationalModuleId !== null && ids.includes(x.educationalModuleId)) ||
        (x.skillsModuleId !== null && ids.includes(x.skillsModuleId))
    )
    if (slot >= 0) return (slot + 1) % cycle.slots.length
  }
  return 0
}

export interface Coverage {
  total: number
  covered: string[]
  missing: string[]
  /** Whole per cent of the cycle's modules attended. */
  percent: number
  /** Sessions the group must still hold, from where it is, before every missing module has come round. */
  sessionsToGo: number
  /** The date of the last of those sessions on the group's meeting days; null when nothing is missing. */
  estimatedCompletion: string | null
}

/**
 * A participant's progress through the cycle, and when they would finish if
 * they attend every session from today, as the group goes round its cycle.
 */
export function coverageOf(input: {
  cycle: Pick<Cycle, 'slots'>
  attendedModuleIds: ReadonlyArray<string>
  startSlot: number
  meetingDays: ReadonlyArray<Weekday>
  /** YYYY-MM-DD, the first day a session could be held. */
  from: string
}): Coverage {
  const all = cycleModules(input.cycle)
  const attended = new Set(input.attendedModuleIds)
  const covered = all.filter((id) => attended.has(id))
  const missing = all.filter((id) => !attended.has(id))
  const percent = all.length ? Math.floor((covered.length * 100) / all.length) : 0
  let sessionsToGo = 0
  if (missing.length) {
    const need = new Set(missing)
    const slots = input.cycle.slots
    for (let k = 0; k < slots.length && need.size; k++) {
      const slot = slots[(input.startSlot + k) % slots.length]!
      if (slot.educationalModuleId) need.delete(slot.educationalModuleId)
      if (slot.skillsModuleId) need.delete(slot.skillsModuleId)
      sessionsToGo = k + 1
    }
  }
  return {
    total: all.length,
    covered,
    missing,
    percent,
    sessionsToGo,
    estimatedCompletion: sessionsToGo
      ? nthMeetingDate(input.from, input.meetingDays, sessionsToGo)
      : null
  }
}

/** The n-th meeting date (1-based) on or after `from`. */
export function nthMeetingDate(
  from: string,
  days: ReadonlyArray<Weekday>,
  n: number
): string | null {
  if (days.length === 0 || n < 1) return null
  const date = new Date(`${from}T12:00:00Z`)
  let count = 0
  for (let guard = 0; guard < n * 7 + 7; guard++) {
    // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7]!
    if (days.includes(weekday) && ++count === n) return date.toISOString().slice(0, 10)
    date.setUTCDate(date.getUTCDate() + 1)
  }
  return null
}
