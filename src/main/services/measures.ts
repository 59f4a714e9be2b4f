import type { MeasureEntry, MeasureSchedule } from '../../shared/domain/measure'
import type { MeasureInput } from '../../shared/domain/measure'
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
  const entry: MeasureEntry = {
    id: ctx.newId(),
    participantId: input.participantId,
    measureId: input.measureId,
    answers: [...input.answers],
    takenOn: input.takenOn,
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

/** The safety follow-up of a flagged answer, recorded as done with a short line. */
export async function followUpDone(
  ctx: ServiceContext,
  input: { entryId: string; note: string }
): Promise<MeasureEntry> {
  const actor = ctx.actor
  if (!actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  let saved: MeasureEntry | null = null
  await ctx.measures.update((draft) => {
    const entry = draft.entries.find((e) => e.id === input.entryId)
    if (!entry) throw new RuleError('not_found', 'That measure was not found.')
    if (!entry.selfHarmFlag) {
      throw new RuleError('conflict', 'This measure did not call for a safety follow-up.')
    }
    if (entry.followUp) throw new RuleError('conflict', 'This follow-up is already recorded.')
    entry.followUp = { doneBy: actor.id, doneAt: isoNow(ctx), note: input.note }
    saved = entry
  })
  return saved!
}

export function measureSchedules(ctx: ServiceContext): MeasureSchedule[] {
  return ctx.registry.data.measureSchedules
}

export async function setMeasureSchedules(
  ctx: ServiceContext,
  input: { schedules: MeasureSchedule[] }
): Promise<MeasureSchedule[]> {
  const ids = input.schedules.map((s) => s.measureId)
  if (new Set(ids).size !== ids.length) {
    throw new RuleError('invalid_input', 'Each measure can have one schedule.')
  }
  await ctx.registry.update((draft) => {
    draft.measureSchedules = input.schedules
  })
  return ctx.registry.data.measureSchedules
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
        schedules: registry.measureSchedules,
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
