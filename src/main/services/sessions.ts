import type {
  Agenda,
  AttendanceRecord,
  Segment,
  SegmentInput,
  SessionIndexEntry,
  SessionPlanInput,
  SessionRecord
} from '../../shared/domain/session'
import { original } from 'immer'
import { takesModule } from '../../shared/domain/session'
import type { Registry } from '../store/registry'
import type { VersionedDocument } from '../store/versioned-document'
import { RuleError } from '../../shared/result'
import { displayName } from '../../shared/rules/names'
import { defaultAgenda } from '../../shared/session/default-agenda'
import { figureSettingsFor, requirementFor } from './requirements'
import { sessionHours } from '../../shared/session/hours'
import type { AttendanceSettings } from '../../shared/session/countable'
import { sessionState } from '../../shared/session/state'
import { audienceEvents } from '../../shared/session/rounds'
import { currentAgreements } from '../../shared/session/agreements'
import { modulesCovered } from '../../shared/curriculum/coverage'
import { isoNow, type ServiceContext } from './context'

type PlanFields = SessionPlanInput & { segments: Agenda }

export interface SessionPerson {
  participantId: string
  displayName: string
  clientId: string
}

/** A session as the facilitator's screen needs it: the record and who the ids are. */
export interface SessionView extends SessionRecord {
  groupName: string
  dailyMinimumMinutes: number | null
  people: SessionPerson[]
}

export function listSessions(ctx: ServiceContext, groupId: string): SessionIndexEntry[] {
  findGroup(ctx.registry.data, groupId)
  return ctx.registry.data.sessions
    .filter((s) => s.groupId === groupId)
    .sort(
      (a, b) => b.date.localeCompare(a.date) || (b.startedAt ?? '').localeCompare(a.startedAt ?? '')
    )
}

export function groupAgenda(ctx: ServiceContext, groupId: string): SegmentInput[] {
  findGroup(ctx.registry.data, groupId)
  const saved = ctx.registry.data.agendas.find((a) => a.groupId === groupId)
  return saved ? saved.segments : defaultAgenda()
}

export async function saveGroupAgenda(
  ctx: ServiceContext,
  input: { groupId: string; segments: Agenda }
): Promise<SegmentInput[]> {
  checkModules(ctx, input.segments)
  return ctx.registry.update((registry) => {
    findGroup(registry, input.groupId)
    const saved = registry.agendas.find((a) => a.groupId === input.groupId)
    if (saved) saved.segments = input.segments
    else registry.agendas.push({ groupId: input.groupId, segments: input.segments })
    return input.segments
  })
}

export async function planSession(ctx: ServiceContext, input: PlanFields): Promise<SessionView> {
  const registry = ctx.registry.data
  findGroup(registry, input.groupId)
  checkFacilitators(registry, input.facilitatorIds)
  const makeUpFor = input.makeUpFor ?? null
  if (makeUpFor !== null) checkMakeUp(registry, input.groupId, makeUpFor)
  const at = isoNow(ctx)
  const record: SessionRecord = {
    id: ctx.newId(),
    groupId: input.groupId,
    date: input.date,
    facilitatorIds: input.facilitatorIds,
    segments: withModules(ctx, input.segments),
    events: [],
    attendance: rosterOn(registry, input.groupId, input.date).map((participantId) =>
      unmarked(participantId, at)
    ),
    observations: [],
    safety: [],
    lastSeenAt: null,
    groupPart: null,
    notes: [],
    cancellation: null,
    makeUpFor,
    createdAt: at,
    updatedAt: at
  }
  // The file first: an index line must never point at a session that was not saved.
  const document = await ctx.sessions.create(record)
  await ctx.registry.update((draft) => {
    draft.sessions.push(indexEntry(record, ctx.now(), figureSettingsFor(ctx, record.groupId)))
  })
  return view(ctx, document.data)
}

export async function updatePlan(
  ctx: ServiceContext,
  input: { sessionId: string; plan: PlanFields }
): Promise<SessionView> {
  const document = await openSession(ctx, input.sessionId)
  if (document.data.groupId !== input.plan.groupId) {
    throw new RuleError('invalid_input', 'A session cannot be moved to another group.')
  }
  if (document.data.cancellation) {
    throw new RuleError('conflict', 'This session was cancelled; plan a make-up session instead.')
  }
  if (document.data.events.some((e) => e.type === 'started')) {
    throw new RuleError(
      'conflict',
      'This session has started; change what is still to come from the running screen instead.'
    )
  }
  checkFacilitators(ctx.registry.data, input.plan.facilitatorIds)
  const segments = withModules(ctx, input.plan.segments)
  const roster = rosterOn(ctx.registry.data, input.plan.groupId, input.plan.date)
  await document.update((draft) => {
    const at = isoNow(ctx)
    draft.date = input.plan.date
    draft.facilitatorIds = input.plan.facilitatorIds
    draft.segments = segments
    // Nothing is marked before the start, so the list simply follows the roster of the new date.
    const marked = draft.attendance.filter((a) => a.status !== 'unmarked' || a.walkIn)
    const markedIds = new Set(marked.map((a) => a.participantId))
    draft.attendance = [
      ...marked,
      ...roster.filter((id) => !markedIds.has(id)).map((id) => unmarked(id, at))
    ]
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return view(ctx, document.data)
}

export async function getSession(ctx: ServiceContext, sessionId: string): Promise<SessionView> {
  const document = await openSession(ctx, sessionId)
  return view(ctx, document.data)
}

/**
 * The projector's share of a session: timing, slides and the group agreements;
 * never a person, an answer or a note.
 */
export async function audienceView(ctx: ServiceContext, sessionId: string) {
  const { data } = await openSession(ctx, sessionId)
  return {
    id: data.id,
    segments: data.segments.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      plannedMinutes: s.plannedMinutes,
      countable: s.countable,
      module: s.module
        ? {
            title: s.module.title,
            slides: s.module.slides.map((slide) => ({
              title: slide.title,
              body: slide.body,
              minutes: slide.minutes
            }))
          }
        : null
    })),
    events: audienceEvents(data.events),
    agreements: currentAgreements(ctx.registry.data.agreementVersions).items
  }
}

export async function openSession(
  ctx: ServiceContext,
  sessionId: string
): Promise<VersionedDocument<SessionRecord>> {
  if (!ctx.registry.data.sessions.some((s) => s.id === sessionId)) {
    throw new RuleError('not_found', 'That session was not found.')
  }
  return ctx.sessions.get(sessionId)
}

/** Keeps the registry's one-line summary in step with the session file. */
export async function syncIndex(ctx: ServiceContext, record: SessionRecord): Promise<void> {
  await syncIndexes(ctx, [record])
}

/** Brings the registry's lines for several sessions up to date in one change (none if none moved). */
export async function syncIndexes(
  ctx: ServiceContext,
  records: ReadonlyArray<SessionRecord>
): Promise<void> {
  const changed = records.flatMap((record) => {
    const next = indexEntry(record, ctx.now(), figureSettingsFor(ctx, record.groupId))
    const current = ctx.registry.data.sessions.find((s) => s.id === record.id)
    return current && JSON.stringify(current) === JSON.stringify(next) ? [] : [next]
  })
  if (changed.length === 0) return
  await ctx.registry.update((draft) => {
    // Positions read from the records as they were, not the draft: touching every line of the
    // draft would cost what five years of sessions cost, on every save.
    const at = new Map((original(draft.sessions) ?? []).map((s, i) => [s.id, i]))
    for (const next of changed) {
      const index = at.get(next.id)
      if (index !== undefined) draft.sessions[index] = next
      else draft.sessions.push(next)
    }
  })
}

export function view(ctx: ServiceContext, record: SessionRecord): SessionView {
  const registry = ctx.registry.data
  const group = registry.groups.find((g) => g.id === record.groupId)
  const people = record.attendance.flatMap((a) => {
    const person = registry.participants.find((p) => p.id === a.participantId)
    return person
      ? [{ participantId: person.id, displayName: displayName(person), clientId: person.clientId }]
      : []
  })
  return {
    ...record,
    groupName: group?.name ?? '',
    dailyMinimumMinutes: requirementFor(ctx, record.groupId).dailyMinimumMinutes,
    people
  }
}

export function unmarked(participantId: string, at: string, walkIn = false): AttendanceRecord {
  return { participantId, status: 'unmarked', timeIn: null, timeOut: null, walkIn, updatedAt: at }
}

/** Who is on the group's roster on a given day. */
export function rosterOn(registry: Registry, groupId: string, date: string): string[] {
  const active = new Set(
    registry.participants
      .filter((p) => p.status === 'active' || (p.discharge && p.discharge.date >= date))
      .map((p) => p.id)
  )
  return registry.enrollments
    .filter(
      (e) =>
        e.groupId === groupId &&
        e.joinDate <= date &&
        (e.exitDate === null || e.exitDate >= date) &&
        active.has(e.participantId)
    )
    .map((e) => e.participantId)
}

/** A make-up is for a cancelled session of the same group, and one make-up per cancellation. */
function checkMakeUp(registry: Registry, groupId: string, cancelledId: string): void {
  const cancelled = registry.sessions.find((s) => s.id === cancelledId)
  if (!cancelled || cancelled.groupId !== groupId || cancelled.status !== 'cancelled') {
    throw new RuleError(
      'invalid_input',
      'A make-up session is for a cancelled session of the same group.'
    )
  }
  if (registry.sessions.some((s) => s.makeUpFor === cancelledId)) {
    throw new RuleError('conflict', 'That cancelled session already has a make-up session.')
  }
}

/**
 * Who covered other modules than every one that ran (a late arrival, an early leaver, a
 * walk-in): only they are listed in the line; `coveredIn` gives everyone's.
 */
function coverageExceptions(
  record: SessionRecord,
  now: number,
  moduleIds: string[]
): Record<string, string[]> {
  const covered = modulesCovered(record, now)
  const all = [...moduleIds].sort().join('\n')
  const exceptions: Record<string, string[]> = {}
  for (const a of record.attendance) {
    if (a.status !== 'present') continue
    const own = covered[a.participantId] ?? []
    if ([...own].sort().join('\n') !== all) exceptions[a.participantId] = own
  }
  return exceptions
}

export function indexEntry(
  record: SessionRecord,
  now: number,
  settings: AttendanceSettings
): SessionIndexEntry {
  const state = sessionState(record, now, { wrapUpMinutes: 5 })
  const ran = new Set(state.segments.filter((s) => s.actualMs > 0).map((s) => s.segmentId))
  const moduleIds = record.segments.flatMap((s) =>
    s.module && ran.has(s.id) ? [s.module.moduleId] : []
  )
  return {
    id: record.id,
    groupId: record.groupId,
    date: record.date,
    status: record.cancellation
      ? 'cancelled'
      : state.status === 'paused'
        ? 'running'
        : state.status,
    startedAt: state.startedAt === null ? null : new Date(state.startedAt).toISOString(),
    endedAt: state.endedAt === null ? null : new Date(state.endedAt).toISOString(),
    moduleIds,
    coverage: state.status === 'ended' ? coverageExceptions(record, now, moduleIds) : {},
    noteStates: Object.fromEntries(record.notes.map((n) => [n.participantId, n.state])),
    notesExpected:
      state.status === 'ended'
        ? record.attendance.filter((a) => a.status === 'present').map((a) => a.participantId)
        : [],
    cancelReason: record.cancellation?.reason ?? null,
    makeUpFor: record.makeUpFor ?? null,
    figures: state.status === 'ended' ? sessionHours(record, now, settings) : null
  }
}

function withModules(ctx: ServiceContext, segments: Agenda): Segment[] {
  checkModules(ctx, segments)
  return segments.map((segment) => {
    if (!segment.moduleId) return { ...segment, module: null }
    const module = ctx.curriculum.get(segment.moduleId)
    if (!module) throw new RuleError('invalid_input', 'A chosen curriculum module was not found.')
    return {
      ...segment,
      module: {
        moduleId: module.id,
        version: module.version,
        title: module.title,
        slides: module.slides.map((s) => ({
          title: s.title,
          body: s.body,
          notes: s.notes,
          minutes: s.minutes
        }))
      }
    }
  })
}

function checkModules(ctx: ServiceContext, segments: Agenda): void {
  for (const segment of segments) {
    if (segment.moduleId === null) continue
    if (!takesModule(segment.kind)) {
      throw new RuleError(
        'invalid_input',
        `"${segment.title}" is not an educational or skills segment, so it cannot show a module.`
      )
    }
    if (!ctx.curriculum.get(segment.moduleId)) {
      throw new RuleError(
        'invalid_input',
        `The module chosen for "${segment.title}" is not in the curriculum library.`
      )
    }
  }
}

function checkFacilitators(registry: Registry, ids: readonly string[]): void {
  for (const id of ids) {
    const staff = registry.staff.find((s) => s.id === id)
    if (!staff)
      throw new RuleError('invalid_input', 'One of the chosen facilitators was not found.')
    if (!staff.active) {
      throw new RuleError('invalid_input', `${staff.fullName} is disabled and cannot facilitate.`)
    }
  }
}

function findGroup(registry: Registry, groupId: string) {
  const group = registry.groups.find((g) => g.id === groupId)
  if (!group) throw new RuleError('not_found', 'That group was not found.')
  return group
}
