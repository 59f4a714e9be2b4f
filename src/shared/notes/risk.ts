import type { MeasureEntry } from '../domain/measure'
import type { NoteBody } from '../domain/note'
import type { SessionRecord } from '../domain/session'
import { SAFETY_PROTOCOLS } from '../session/safety'

/**
 * Risk is assessed, never defaulted: a note's risk level starts empty and the
 * note cannot be signed until the counselor chooses one. What the day
 * recorded about this participant's safety (steps opened in session, a safety
 * concern observed, a PHQ-9 item 9 above zero, a safety answer in a round) is
 * shown beside the risk section, and then "None identified" needs a written
 * reason: the reviewer reads why the record's own signal was judged no risk.
 */

export interface SafetyFact {
  /** When it was recorded; null when only the day is known (a measure). */
  at: string | null
  text: string
}

/** A safety answer given in a check-in or check-out round (see rounds on the session). */
export interface RoundSafetyAnswer {
  at: string | null
  text: string
}

export function safetyFacts(
  record: Pick<SessionRecord, 'safety' | 'observations' | 'date'>,
  measures: readonly MeasureEntry[],
  participantId: string,
  roundAnswers: readonly RoundSafetyAnswer[] = []
): SafetyFact[] {
  const facts: SafetyFact[] = []
  for (const checklist of record.safety) {
    if (checklist.participantId !== participantId) continue
    const protocol = SAFETY_PROTOCOLS[checklist.protocol]
    facts.push({
      at: checklist.openedAt,
      text: `Safety steps opened in session: ${protocol?.title ?? checklist.protocol}.`
    })
  }
  for (const o of record.observations) {
    if (o.participantId !== participantId) continue
    if (o.tag !== 'safety_concern' && o.tag !== 'arrived_impaired') continue
    const what = o.tag === 'safety_concern' ? 'Safety concern observed' : 'Arrived impaired'
    facts.push({ at: o.at, text: o.text.trim() ? `${what}: ${o.text.trim()}` : `${what}.` })
  }
  for (const entry of measures) {
    if (entry.participantId !== participantId || entry.takenOn !== record.date) continue
    if (entry.measureId !== 'phq9' || !entry.selfHarmFlag) continue
    const answer = entry.answers[8] ?? 0
    const followed = entry.followUp ? ' A private follow-up was recorded.' : ''
    facts.push({
      at: entry.recordedAt,
      text: `PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered ${answer} of 3.${followed}`
    })
  }
  for (const answer of roundAnswers) {
    facts.push({ at: answer.at, text: answer.text })
  }
  return facts.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
}

export type RiskProblem = 'not_assessed' | 'reason_needed' | 'assessment_empty'

/** What is missing from the risk section, if anything. */
export function riskProblem(body: NoteBody, facts: readonly SafetyFact[]): RiskProblem | null {
  const blankText = body.riskText.trim() === ''
  if (body.risk === null) return 'not_assessed'
  if (body.risk === 'none') return facts.length > 0 && blankText ? 'reason_needed' : null
  return blankText ? 'assessment_empty' : null
}

export const RISK_PROBLEM_LABELS: Record<RiskProblem, string> = {
  not_assessed: 'Risk level',
  reason_needed: 'Why no risk was identified',
  assessment_empty: 'Risk assessment'
}
