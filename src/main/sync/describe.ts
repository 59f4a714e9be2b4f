import { isolate } from '../../shared/rules/bidi'
import { MEASURE_INFO } from '../../shared/measures/instruments'

/**
 * Which record a conflict is about, in the clinic's words: "Progress note for Riley
 * Samplewood (C-104), group Evening SUD IOP, session of Mon, Nov 23, 2026". Written from the
 * decrypted records on this computer, for an administrator's screen only: names are in it, so
 * it never goes into a log, the access log's detail or anything that leaves the computer.
 */

/** What this computer knows of the people, groups and sessions a record points to. */
export interface RecordNames {
  participant(id: string): { fullName: string; clientId: string } | null
  group(id: string): { name: string } | null
  session(id: string): { groupId: string; date: string } | null
  staff(id: string): { fullName: string } | null
}

/** The names a registry holds, looked up by id. */
export function namesOf(registry: {
  participants: Array<{ id: string; fullName: string; clientId: string }>
  groups: Array<{ id: string; name: string }>
  sessions: Array<{ id: string; groupId: string; date: string }>
  staff: Array<{ id: string; fullName: string }>
}): RecordNames {
  const index = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]))
  const participants = index(registry.participants)
  const groups = index(registry.groups)
  const sessions = index(registry.sessions)
  const staff = index(registry.staff)
  return {
    participant: (id) => participants.get(id) ?? null,
    group: (id) => groups.get(id) ?? null,
    session: (id) => sessions.get(id) ?? null,
    staff: (id) => staff.get(id) ?? null
  }
}

/** A record as a conflict holds it, opened. */
export interface DescribedRecord {
  file: string
  list: string
  id: string
  body: unknown
}

const SESSION_PREFIX = 'session-'

/** What each list holds, as a person says it (one of them). */
export const RECORD_KINDS: Record<string, string> = {
  notes: 'Progress note',
  attendance: 'Attendance',
  observations: 'Observation',
  participants: 'Participant',
  groups: 'Group',
  enrollments: 'Enrolment',
  staff: 'Staff member',
  followUps: 'Safety follow-up',
  consents: 'Consent',
  entries: 'Measure',
  sessions: 'Session',
  safety: 'Safety checklist',
  groupPart: 'Group part of the notes'
}

/** The kind of record: "Progress note", "Attendance", "Participant". */
export function recordKind(record: Pick<DescribedRecord, 'file' | 'list'>): string {
  return (
    RECORD_KINDS[record.list] ??
    (record.file.startsWith(SESSION_PREFIX) ? 'Session record' : 'Clinic setting')
  )
}

/** The record named: its kind, whose it is, and the group and session it belongs to. */
export function describeRecord(record: DescribedRecord, names: RecordNames): string {
  const kind = recordKind(record)
  const body = (record.body ?? {}) as Record<string, unknown>
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null)
  const person = (id: string | null) => {
    if (!id) return null
    const known = names.participant(id)
    return known ? `${isolate(known.fullName)} (${isolate(known.clientId)})` : 'a participant'
  }
  const groupName = (id: string | null) => {
    const group = id ? names.group(id) : null
    return group ? `group ${isolate(group.name)}` : null
  }
  const sessionOf = (id: string | null) => {
    const session = id ? names.session(id) : null
    return session
      ? [groupName(session.groupId), `session of ${dayText(session.date)}`]
      : ['a session']
  }
  const parts = (...words: Array<string | null>) => words.filter(Boolean).join(', ')

  if (record.file.startsWith(SESSION_PREFIX)) {
    const where = sessionOf(record.file.slice(SESSION_PREFIX.length))
    const whose = person(text('participantId'))
    return parts(whose ? `${kind} for ${whose}` : kind, ...where)
  }
  switch (record.list) {
    case 'participants':
      return `${kind} ${person(record.id) ?? personFromBody(body)}`
    case 'groups':
      return `${kind} ${isolate(names.group(record.id)?.name ?? text('name') ?? '')}`.trim()
    case 'staff':
      return `${kind} ${isolate(names.staff(record.id)?.fullName ?? text('fullName') ?? '')}`.trim()
    case 'sessions':
      return parts('Session', ...sessionOf(record.id))
    case 'enrollments':
      return parts(`${kind} of ${person(text('participantId'))}`, groupName(text('groupId')))
    case 'entries': {
      const measure = MEASURE_INFO[text('measureId') as keyof typeof MEASURE_INFO]?.name
      const taken = text('takenOn')
      return parts(
        `${measure ?? kind} for ${person(text('participantId'))}`,
        taken ? `taken on ${dayText(taken)}` : null
      )
    }
    default: {
      const whose = person(text('participantId'))
      return whose ? `${kind} for ${whose}` : kind
    }
  }
}

function personFromBody(body: Record<string, unknown>): string {
  const name = typeof body.fullName === 'string' ? body.fullName : ''
  const id = typeof body.clientId === 'string' ? body.clientId : ''
  return name ? `${isolate(name)}${id ? ` (${isolate(id)})` : ''}` : ''
}

/** A calendar date as people read it: "Mon, Nov 23, 2026". */
function dayText(date: string): string {
  const at = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(at.getTime())) return date
  return at.toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC'
  })
}
