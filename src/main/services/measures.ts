import {
  schedulesForTrack,
  type MeasureEntry,
  type MeasureInput,
  type MeasureSchedule,
  type TrackMeasureSchedules
} from '../../shared/domain/measure'
import { Track } from '../../shared/domain/common'
import { ITEM9_STEP_IDS } from '../../shared/measures/follow-up'
import { INSTRUMENTS } from '../../shared/measures/instruments'
import { measuresDue } from '../../shared/measures/schedule'
import { scoreMeasure } from '../../shared/measures/score'
import { clinicDate } from '../../shared/rules/dates'
import { displayName } from '../../shared/rules/names'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'

function today(ctx: ServiceContext): string {
  return clinicDate(ctx.now(), ctx.registry.data.clinic?.timeZone ?? 'UTC')
}

function participantOrThrow(ctx: ServiceContext, participantId: string) {
  const person = ctx.registry.data.participants.find((p) => p.id === participantId)
  if (!person) throw new RuleError('not_found', 'That participant was not found.')
  return person
}

/**
 * Records a measure as answered item by item: the score and band are worked
 * out here, never typed. A PHQ-9 with any answer above zero on item 9 marks
 * the participant for safety follow-up until a counselor records it done.
 */
export async function recordMeasure(
  ctx: ServiceContext,
  input: MeasureInput
): Promise<MeasureEntry> {
  const person = participantOrThrow(ctx, input.participantId)
  const actor = ctx.actor
  if (!actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  if (input.takenOn > today(ctx)) {
    throw new RuleError('invalid_input', 'A measure cannot be taken on a future date.')
  }
  if (input.takenOn < person.admissionDate) {
    throw new RuleError('invalid_input', 'A measure cannot be taken before the admission date.')
  }
  if (person.discharge && input.takenOn > person.discharge.date) {
    throw new RuleError('invalid_input', 'A measure cannot be taken after the discharge date.')
  }
  const scored = scoreMeasure(input.measureId, input.answers)
  if (!scored.ok) throw new RuleError(scored.error.code, scored.error.message)
  const difficulty = input.difficulty ?? null
  if (difficulty !== null && !INSTRUMENTS[input.measureId].difficulty) {
    throw new RuleError(
      'invalid_input',
      `The ${INSTRUMENTS[input.measureId].name} has no difficulty question.`
    )
  }
  const entry: MeasureEntry = {
    id: ctx.newId(),
    participantId: input.participantId,
    measureId: input.measureId,
    answers: [...input.answers],
    takenOn: input.takenOn,
    difficulty,
    total: scored.value.total,
    band: scored.value.band?.key ?? null,
    recordedBy: actor.id,
    recordedAt: isoNow(ctx),
    selfHarmFlag: scored.value.selfHarmFlag,
    followUp: null
  }
  await ctx.measures.update((draft) => {
    draft.entries.push(entry)
  })
  return entry
}

export function listMeasures(ctx: ServiceContext, participantId: string): MeasureEntry[] {
  participantOrThrow(ctx, participantId)
  return ctx.measures.data.entries
    .filter((e) => e.participantId === participantId)
    .sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.recordedAt.localeCompare(b.recordedAt))
}

/**
 * The private follow-up of a flagged answer, recorded as done with a short
 * line and the steps of the checklist the counselor ticked.
 */
export async function followUpDone(
  ctx: ServiceContext,
  input: { entryId: string; note: string; steps?: string[] | undefined }
): Promise<MeasureEntry> {
  const actor = ctx.actor
  if (!actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  const steps = [...new Set(input.steps ?? [])]
  if (steps.some((id) => !ITEM9_STEP_IDS.includes(id))) {
    throw new RuleError('invalid_input', 'That is not a step of the private follow-up.')
  }
  return ctx.measures.update((draft) => {
    const entry = draft.entries.find((e) => e.id === input.entryId)
    if (!entry) throw new RuleError('not_found', 'That measure was not found.')
    if (!entry.selfHarmFlag) {
      throw new RuleError('conflict', 'This measure did not call for a safety follow-up.')
    }
    if (entry.followUp) throw new RuleError('conflict', 'This follow-up is already recorded.')
    entry.followUp = { doneBy: actor.id, doneAt: isoNow(ctx), note: input.note, steps }
    return entry
  })
}

/** Every track's schedules, in the order of the tracks. */
export function measureSchedules(ctx: ServiceContext): TrackMeasureSchedules[] {
  const stored = ctx.registry.data.measureSchedules
  return Track.options.map((track) => ({
    track,
    schedules: schedulesForTrack(stored, track)
  }))
}

/** The schedules of the participants of one track. */
export function schedulesOf(ctx: ServiceContext, track: Track): MeasureSchedule[] {
  return schedulesForTrack(ctx.registry.data.measureSchedules, track)
}

/** Sets one track's schedules; the other tracks keep theirs. */
export async function setMeasureSchedules(
  ctx: ServiceContext,
  input: TrackMeasureSchedules
): Promise<TrackMeasureSchedules[]> {
  const ids = input.schedules.map((s) => s.measureId)
  if (new Set(ids).size !== ids.length) {
    throw new RuleError('invalid_input', 'Each measure can have one schedule.')
  }
  await ctx.registry.update((draft) => {
    const kept = draft.measureSchedules.filter((s) => s.track !== input.track)
    draft.measureSchedules = [...kept, { track: input.track, schedules: input.schedules }]
  })
  return measureSchedules(ctx)
}

/** Measures due today or overdue for active participants, and safety follow-ups still open. */
export function measuresOwed(ctx: ServiceContext) {
  const registry = ctx.registry.data
  const day = today(ctx)
  const entries = ctx.measures.data.entries
  const due = registry.participants
    .filter((p) => p.status === 'active')
    .flatMap((p) =>
      measuresDue({
        schedules: schedulesOf(ctx, p.track),
        admissionDate: p.admissionDate,
        today: day,
        taken: entries.filter((e) => e.participantId === p.id),
        dischargeDate: p.discharge?.date ?? null
      }).map((d) => ({
        participantId: p.id,
        displayName: displayName(p),
        clientId: p.clientId,
        ...d
      }))
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.displayName.localeCompare(b.displayName))
  const followUps = entries
    .filter((e) => e.selfHarmFlag && e.followUp === null)
    .map((e) => {
      const p = registry.participants.find((x) => x.id === e.participantId)
      return {
        entryId: e.id,
        participantId: e.participantId,
        displayName: p ? displayName(p) : 'Unknown',
        clientId: p?.clientId ?? '',
        measureId: e.measureId,
        takenOn: e.takenOn
      }
    })
  return { due, followUps }
}
