import type { NotesOwedRow } from '../../shared/ipc/contract'
import {
  emptyBody,
  type GroupPart,
  type NoteBody,
  type NoteFormat,
  type ProgressNote
} from '../../shared/domain/note'
import type { SessionRecord } from '../../shared/domain/session'
import { RuleError, type Result } from '../../shared/result'
import { displayName } from '../../shared/rules/names'
import { preSignChecks } from '../../shared/notes/checks'
import type { NamedPerson } from '../../shared/notes/names'
import { prefilledBody, type NoteFacts } from '../../shared/notes/prefill'
import { safetyFacts, type RoundSafetyAnswer, type SafetyFact } from '../../shared/notes/risk'
import { clinicTimeOfDay } from '../../shared/rules/dates'
import {
  addAddendum,
  cosignNote,
  dueAt,
  editDraft,
  noteStatus,
  signNote,
  type Signer
} from '../../shared/notes/state'
import { attendanceFigures } from '../../shared/session/countable'
import { roundAnswersFor as roundsOf } from '../../shared/session/rounds'
import { figureSettingsFor } from './requirements'
import { sessionState } from '../../shared/session/state'
import { isoNow, type ServiceContext } from './context'
import { openSession, syncIndex } from './sessions'

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new RuleError(result.error.code, result.error.message)
  return result.value
}

function signer(ctx: ServiceContext): Signer {
  const actor = ctx.actor
  if (!actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  return {
    id: actor.id,
    fullName: actor.fullName,
    credentials: actor.credentials,
    role: actor.role
  }
}

export function noteFormatFor(ctx: ServiceContext, groupId: string): NoteFormat {
  const registry = ctx.registry.data
  return (
    registry.noteFormats.find((f) => f.groupId === groupId)?.format ??
    registry.sessionSettings.defaultNoteFormat
  )
}

/** The format a group's notes are written in, refusing a group that does not exist. */
export function groupNoteFormat(ctx: ServiceContext, groupId: string): NoteFormat {
  if (!ctx.registry.data.groups.some((g) => g.id === groupId)) {
    throw new RuleError('not_found', 'That group was not found.')
  }
  return noteFormatFor(ctx, groupId)
}

export async function setNoteFormat(
  ctx: ServiceContext,
  input: { groupId: string; format: NoteFormat }
) {
  await ctx.registry.update((draft) => {
    if (!draft.groups.some((g) => g.id === input.groupId)) {
      throw new RuleError('not_found', 'That group was not found.')
    }
    draft.noteFormats = draft.noteFormats.filter((f) => f.groupId !== input.groupId)
    draft.noteFormats.push({ groupId: input.groupId, format: input.format })
  })
  return input.format
}

function sessionEnd(record: SessionRecord, now: number): string {
  const state = sessionState(record, now, { wrapUpMinutes: 5 })
  if (state.endedAt === null) {
    throw new RuleError('conflict', 'Notes are written after the session has ended. End it first.')
  }
  return new Date(state.endedAt).toISOString()
}

/** Everything the note editor shows for one session. */
export async function sessionNotes(ctx: ServiceContext, sessionId: string) {
  const { data } = await openSession(ctx, sessionId)
  const registry = ctx.registry.data
  const endedAt = sessionEnd(data, ctx.now())
  const settings = registry.sessionSettings
  const figures = attendanceFigures(
    data,
    data.attendance,
    ctx.now(),
    figureSettingsFor(ctx, data.groupId)
  )
  const state = sessionState(data, ctx.now(), settings)
  const modules = data.segments.flatMap((s) =>
    s.module && state.segments.some((x) => x.segmentId === s.id && x.actualMs > 0)
      ? [s.module.title]
      : []
  )
  const present = data.attendance.filter((a) => a.status === 'present')
  const group = registry.groups.find((g) => g.id === data.groupId)
  const format = noteFormatFor(ctx, data.groupId)
  const zone = registry.clinic?.timeZone ?? 'UTC'
  const timeFormat = registry.clinic?.timeFormat ?? '24h'
  const time = (iso: string | null) =>
    iso ? clinicTimeOfDay(Date.parse(iso), zone, timeFormat) : 'that day'
  return {
    sessionId,
    groupId: data.groupId,
    groupName: group?.name ?? '',
    date: data.date,
    startedAt: state.startedAt === null ? null : new Date(state.startedAt).toISOString(),
    endedAt,
    dueAt: dueAt(endedAt, settings.noteDueHours),
    presentCount: present.length,
    modules,
    format,
    facilitators: data.facilitatorIds.flatMap((id) => {
      const staff = registry.staff.find((s) => s.id === id)
      return staff ? [{ name: staff.fullName, credentials: staff.credentials }] : []
    }),
    groupPart: data.groupPart ?? suggestedGroupPart(modules),
    groupPartLocked: data.notes.some((n) => n.signature !== null),
    participants: data.attendance.map((a) => {
      const person = registry.participants.find((p) => p.id === a.participantId)
      const f = figures.find((x) => x.participantId === a.participantId)
      const goals = (person?.goals ?? []).map((g) => ({ id: g.id, text: g.text, status: g.status }))
      const safety = participantSafety(ctx, data, a.participantId)
      const measures = measuresGiven(ctx, data, a.participantId)
      const rounds = roundAnswersFor(data, a.participantId)
      const observations = data.observations
        .filter((o) => o.participantId === a.participantId)
        .map((o) => ({ at: o.at, tag: o.tag, text: o.text }))
      const facts: NoteFacts = {
        attendance: { late: f?.late ?? false, leftEarly: f?.leftEarly ?? false, walkIn: a.walkIn },
        rounds,
        observations: observations.map((o) => ({ ...o, time: time(o.at) })),
        measures,
        safety: safety.map((s) => ({ ...s, time: time(s.at) }))
      }
      return {
        participantId: a.participantId,
        displayName: person ? displayName(person) : 'Unknown',
        fullName: person?.fullName ?? '',
        preferredName: person?.preferredName ?? '',
        nicknames: person?.nicknames ?? [],
        clientId: person?.clientId ?? '',
        goals,
        attendance: {
          status: a.status,
          // Time in, time out and minutes as the summary and the reports show them.
          timeIn: f?.timeIn ?? null,
          timeOut: f?.timeOut ?? null,
          walkIn: a.walkIn,
          countableMinutes: f?.countableMinutes ?? 0,
          late: f?.late ?? false,
          leftEarly: f?.leftEarly ?? false
        },
        observations,
        rounds,
        measures,
        safety,
        /** Where a note not yet started begins: the day's facts in the format's sections. */
        prefill: prefilledBody(format, goals, facts),
        note: data.notes.find((n) => n.participantId === a.participantId) ?? null,
        status: noteStatus(data.notes.find((n) => n.participantId === a.participantId) ?? null)
      }
    })
  }
}

function suggestedGroupPart(modules: string[]): GroupPart {
  return {
    topics: modules.length ? `Curriculum modules: ${modules.join('; ')}.` : '',
    interventions: '',
    dynamics: '',
    notNames: []
  }
}

/** What the day recorded about one participant's safety: in session, in a round, in a measure. */
function participantSafety(
  ctx: ServiceContext,
  record: SessionRecord,
  participantId: string
): SafetyFact[] {
  const roundSafety: RoundSafetyAnswer[] = roundAnswersFor(record, participantId)
    .filter((r) => r.safety)
    .map((r) => ({ at: r.at, text: r.text }))
  return safetyFacts(record, ctx.measures.data.entries, participantId, roundSafety)
}

/** The measures the participant gave on the session's day. */
function measuresGiven(ctx: ServiceContext, record: SessionRecord, participantId: string) {
  return ctx.measures.data.entries
    .filter((e) => e.participantId === participantId && e.takenOn === record.date)
    .map((e) => ({ measureId: e.measureId, total: e.total, band: e.band }))
}

/**
 * The participant's turns in this session's check-in and check-out rounds,
 * one sentence each, with whether they raised a safety concern: read by the
 * note's pre-fill, the risk section and the printout.
 */
function roundAnswersFor(
  record: SessionRecord,
  participantId: string
): Array<{ round: 'check_in' | 'check_out'; at: string | null; text: string; safety: boolean }> {
  return roundsOf(record, participantId)
    .filter((r) => r.tookTurn || r.answers !== null)
    .map((r) => ({
      round: r.kind,
      at: r.answeredAt,
      text: r.sentence,
      safety: r.answers?.safetyConcern === true
    }))
}

/** Every way a participant is called, for the name check. */
function namedPerson(ctx: ServiceContext, participantId: string): NamedPerson {
  const p = ctx.registry.data.participants.find((x) => x.id === participantId)
  return {
    fullName: p?.fullName ?? '',
    preferredName: p?.preferredName ?? '',
    nicknames: p?.nicknames ?? []
  }
}

export async function saveGroupPart(
  ctx: ServiceContext,
  input: { sessionId: string; groupPart: GroupPart }
) {
  const document = await openSession(ctx, input.sessionId)
  sessionEnd(document.data, ctx.now())
  await document.update((draft) => {
    if (draft.notes.some((n) => n.signature !== null)) {
      throw new RuleError(
        'note_locked',
        'A note of this session is signed, so the group part is locked; add an addendum to a note instead.'
      )
    }
    draft.groupPart = input.groupPart
    draft.updatedAt = isoNow(ctx)
  })
  return document.data.groupPart!
}

/** Saves a draft as typed; creates the note on its first save. */
export async function saveDraft(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string; baseRevision: number; body: NoteBody }
): Promise<ProgressNote> {
  const me = signer(ctx)
  const document = await openSession(ctx, input.sessionId)
  sessionEnd(document.data, ctx.now())
  const format = noteFormatFor(ctx, document.data.groupId)
  const at = isoNow(ctx)
  let saved: ProgressNote | null = null
  await document.update((draft) => {
    if (!draft.attendance.some((a) => a.participantId === input.participantId)) {
      throw new RuleError('not_found', 'That person is not on this session’s list.')
    }
    const index = draft.notes.findIndex((n) => n.participantId === input.participantId)
    const current: ProgressNote =
      index >= 0
        ? draft.notes[index]!
        : {
            id: ctx.newId(),
            participantId: input.participantId,
            format,
            body: emptyBody(format),
            state: 'draft',
            revision: 0,
            authorId: me.id,
            signature: null,
            cosignature: null,
            lateEntry: false,
            overrides: [],
            addenda: [],
            createdAt: at,
            updatedAt: at
          }
    const next = value(editDraft(current, input.body, input.baseRevision, at))
    if (index >= 0) draft.notes[index] = next
    else draft.notes.push(next)
    saved = next
    draft.updatedAt = at
  })
  await syncIndex(ctx, document.data)
  return saved!
}

async function changeNote(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string },
  change: (note: ProgressNote, record: SessionRecord) => Result<ProgressNote>
): Promise<ProgressNote> {
  const document = await openSession(ctx, input.sessionId)
  let saved: ProgressNote | null = null
  await document.update((draft) => {
    const index = draft.notes.findIndex((n) => n.participantId === input.participantId)
    if (index < 0) throw new RuleError('not_found', 'There is no note for this person yet.')
    const next = value(change(draft.notes[index]!, draft))
    draft.notes[index] = next
    saved = next
    draft.updatedAt = isoNow(ctx)
  })
  await syncIndex(ctx, document.data)
  return saved!
}

/** The checks before signing, as warnings with plain messages. */
export async function checkNote(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string }
) {
  const { data } = await openSession(ctx, input.sessionId)
  const note = data.notes.find((n) => n.participantId === input.participantId)
  if (!note) throw new RuleError('not_found', 'There is no note for this person yet.')
  return preSignChecks({
    format: note.format,
    body: note.body,
    participant: namedPerson(ctx, input.participantId),
    others: data.attendance
      .filter((a) => a.participantId !== input.participantId)
      .map((a) => namedPerson(ctx, a.participantId)),
    groupPart: data.groupPart,
    otherNotesThisSession: data.notes
      .filter((n) => n.participantId !== input.participantId && n.format === note.format)
      .map((n) => n.body),
    previousNoteOfParticipant: await previousNote(ctx, data, input.participantId),
    safety: participantSafety(ctx, data, input.participantId)
  })
}

/** The participant's note from their last earlier session of this group, for the cloned-note check. */
async function previousNote(ctx: ServiceContext, record: SessionRecord, participantId: string) {
  const earlier = ctx.registry.data.sessions
    .filter(
      (s) =>
        s.groupId === record.groupId &&
        s.id !== record.id &&
        s.status === 'ended' &&
        (s.endedAt ?? '') < (record.updatedAt ?? '') &&
        s.noteStates[participantId] !== undefined
    )
    .sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''))[0]
  if (!earlier) return null
  const document = await openSession(ctx, earlier.id).catch(() => null)
  return document?.data.notes.find((n) => n.participantId === participantId)?.body ?? null
}

export async function sign(
  ctx: ServiceContext,
  input: {
    sessionId: string
    participantId: string
    overrides: Array<{ check: string; message: string }>
  }
) {
  const me = signer(ctx)
  const findings = await checkNote(ctx, input)
  const blocking = findings.filter((f) => f.blocking)
  if (blocking.length) {
    throw new RuleError('invalid_input', blocking.map((f) => f.message).join(' '))
  }
  const unanswered = findings.filter(
    (f) => !input.overrides.some((o) => o.check === f.check && o.message === f.message)
  )
  if (unanswered.length) {
    throw new RuleError(
      'conflict',
      `Before signing, read and confirm: ${unanswered.map((f) => f.message).join(' ')}`
    )
  }
  const settings = ctx.registry.data.sessionSettings
  return changeNote(ctx, input, (note, record) =>
    signNote(note, me, {
      at: isoNow(ctx),
      dueAt: dueAt(sessionEnd(record, ctx.now()), settings.noteDueHours),
      overrides: input.overrides
    })
  )
}

export function cosign(ctx: ServiceContext, input: { sessionId: string; participantId: string }) {
  const me = signer(ctx)
  return changeNote(ctx, input, (note) => cosignNote(note, me, isoNow(ctx)))
}

export function addendum(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string; text: string }
) {
  const me = signer(ctx)
  return changeNote(ctx, input, (note) =>
    addAddendum(note, me, { id: ctx.newId(), text: input.text, at: isoNow(ctx) })
  )
}

/** Sessions whose notes are all signed, listed at most, newest first. */
export const SIGNED_SESSIONS_LISTED = 100

/**
 * Notes owed, from the registry's index alone: never opens a session file.
 * Sessions with a note still to write or co-sign always; those whose notes
 * are all signed only when asked, and only the latest few.
 */
export function notesOwed(ctx: ServiceContext, input: { mine: boolean; signedToo: boolean }) {
  const registry = ctx.registry.data
  const hours = registry.sessionSettings.noteDueHours
  const me = ctx.actor?.id
  const rows: NotesOwedRow[] = []
  for (const s of registry.sessions) {
    if (s.status !== 'ended' || !s.endedAt) continue
    if (input.mine) {
      const group = registry.groups.find((g) => g.id === s.groupId)
      if (!group || !me || !group.facilitatorIds.includes(me)) continue
    }
    const counts = { not_started: 0, draft: 0, awaiting_cosignature: 0, signed: 0 }
    for (const id of s.notesExpected) counts[s.noteStates[id] ?? 'not_started'] += 1
    rows.push({
      sessionId: s.id,
      groupId: s.groupId,
      groupName: registry.groups.find((g) => g.id === s.groupId)?.name ?? '',
      date: s.date,
      endedAt: s.endedAt,
      dueAt: dueAt(s.endedAt, hours),
      counts
    })
  }
  rows.sort((a, b) => b.endedAt.localeCompare(a.endedAt))
  const open = (r: (typeof rows)[number]) =>
    r.counts.not_started + r.counts.draft + r.counts.awaiting_cosignature > 0
  const done = input.signedToo ? rows.filter((r) => !open(r)).slice(0, SIGNED_SESSIONS_LISTED) : []
  const keep = new Set([...rows.filter(open), ...done])
  return rows.filter((r) => keep.has(r))
}
