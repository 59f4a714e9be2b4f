import type { MeasureEntry } from '../domain/measure'
import { emptyBody, type NoteBody, type NoteFormat } from '../domain/note'
import { OBSERVATION_TAG_LABELS, type ObservationTag } from '../domain/session'
import { MEASURE_INFO } from '../measures/instruments'
import type { SafetyFact } from './risk'

/**
 * A note starts from what happened: the participant's check-in and check-out
 * answers, what was observed of them in session, the measures they gave that
 * day and any safety event, written as plain lines into the section a
 * reviewer expects them in. The counselor edits from there; nothing here is
 * an assessment, and the risk level is never filled in.
 */

/** What the session and the measures recorded of one participant, times already on the clinic's clock. */
export interface NoteFacts {
  attendance: { late: boolean; leftEarly: boolean; walkIn: boolean }
  /** One sentence per round taken part in, e.g. "Check-in: mood 6 of 10; cravings 3 of 10." */
  rounds: ReadonlyArray<{ round: 'check_in' | 'check_out'; text: string }>
  observations: ReadonlyArray<{ time: string; tag: string | null; text: string }>
  measures: ReadonlyArray<Pick<MeasureEntry, 'measureId' | 'total' | 'band'>>
  safety: ReadonlyArray<SafetyFact & { time: string }>
}

/** Where the facts go in each format: what was reported, and what was seen. */
const PLACES: Record<NoteFormat, { reported: string; seen: string }> = {
  DAP: { reported: 'data', seen: 'data' },
  BIRP: { reported: 'behavior', seen: 'behavior' },
  GIRP: { reported: 'response', seen: 'response' },
  SOAP: { reported: 'subjective', seen: 'objective' }
}

export function prefilledBody(
  format: NoteFormat,
  goals: ReadonlyArray<{ id: string; text: string; status: string }>,
  facts: NoteFacts
): NoteBody {
  const body = emptyBody(format)
  const reported = [
    ...facts.rounds.filter((r) => r.round === 'check_in').map((r) => r.text),
    ...facts.rounds.filter((r) => r.round === 'check_out').map((r) => r.text)
  ]
  const seen = [
    attendanceLine(facts),
    observationLine(facts),
    measureLine(facts),
    safetyLine(facts)
  ]
  const place = PLACES[format]
  const sections: Record<string, string[]> = {}
  const add = (key: string, lines: Array<string | null>) => {
    sections[key] = [...(sections[key] ?? []), ...lines.filter((l): l is string => !!l)]
  }
  add(place.reported, reported)
  add(place.seen, seen)
  const open = goals.filter((g) => g.status !== 'met' && g.status !== 'discontinued')
  if (format === 'GIRP' && open.length > 0) {
    add('goal', [`Treatment-plan goals: ${open.map((g) => g.text).join('; ')}.`])
  }
  for (const [key, lines] of Object.entries(sections)) body.sections[key] = lines.join('\n')
  return {
    ...body,
    goals: open.map((g) => ({ goalId: g.id, addressed: false, progress: '' }))
  }
}

function attendanceLine(facts: NoteFacts): string | null {
  const parts = [
    facts.attendance.walkIn ? 'joined as a walk-in' : null,
    facts.attendance.late ? 'arrived late' : null,
    facts.attendance.leftEarly ? 'left early' : null
  ].filter(Boolean)
  return parts.length ? `Attendance: ${parts.join(', ')}.` : null
}

function observationLine(facts: NoteFacts): string | null {
  if (facts.observations.length === 0) return null
  const items = facts.observations.map((o) => {
    const tag = o.tag ? (OBSERVATION_TAG_LABELS[o.tag as ObservationTag] ?? o.tag) : ''
    const what = [tag, o.text.trim()].filter(Boolean).join(': ')
    return `${what} (${o.time})`
  })
  return `Observed in session: ${items.join('; ')}.`
}

function measureLine(facts: NoteFacts): string | null {
  if (facts.measures.length === 0) return null
  const items = facts.measures.map((m) => {
    const instrument = MEASURE_INFO[m.measureId]
    const band = instrument?.bands.find((b) => b.key === m.band)?.label
    return `${instrument?.name ?? m.measureId} ${m.total}${band ? ` (${band.toLowerCase()})` : ''}`
  })
  return `Measures given today: ${items.join('; ')}.`
}

function safetyLine(facts: NoteFacts): string | null {
  if (facts.safety.length === 0) return null
  return `Safety: ${facts.safety.map((s) => `${s.text.replace(/\.$/, '')} (${s.time})`).join('; ')}.`
}
