import {
  NOTE_SECTIONS,
  RISK_LABELS,
  type GroupPart,
  type NoteBody,
  type NoteFormat
} from '../domain/note'
import {
  CLONE_THRESHOLD,
  compareNotes,
  isClone,
  noteFields,
  type CloneScore,
  type NoteField
} from './clone'
import { findPeerNames, namesWritten, type NamedPerson } from './names'
import { RISK_PROBLEM_LABELS, riskProblem, type SafetyFact } from './risk'

/**
 * The checks run before a note is signed. Most give a warning the counselor
 * may override (the override is kept with the note), because the counselor
 * knows things the text does not say. Two block signing: a risk level never
 * chosen, and "None identified" without a reason on a day the record shows a
 * safety event. Risk is assessed, never assumed.
 */

export { CLONE_THRESHOLD, similarity } from './clone'

export type PreSignCheck =
  | 'peer_name'
  | 'group_part_name'
  | 'cloned'
  | 'required_empty'
  | 'risk_not_assessed'
  | 'risk_reason_needed'
  | 'risk_without_follow_up'

export interface PreSignWarning {
  check: PreSignCheck
  message: string
  /** A blocking finding cannot be overridden: the note is not signed until it is put right. */
  blocking: boolean
}

export interface PreSignInput {
  format: NoteFormat
  body: NoteBody
  /** The participant the note is about: their own names are not a peer's. */
  participant: NamedPerson
  /** Everyone else on the session's list. */
  others: readonly NamedPerson[]
  /** The shared part, printed in every note: no participant may be named in it. */
  groupPart: GroupPart | null
  /** The other participants' notes of this session, in the same format. */
  otherNotesThisSession: readonly NoteBody[]
  previousNoteOfParticipant: NoteBody | null
  /** What the day recorded about this participant's safety. */
  safety: readonly SafetyFact[]
}

/**
 * What is still to write before signing, by label: the format's empty
 * sections, then the risk section's gap (the level not chosen, a rated risk
 * without its assessment, or "None identified" without a reason on a day the
 * record shows a safety event).
 */
export function missingRequired(
  format: NoteFormat,
  body: NoteBody,
  safety: readonly SafetyFact[] = []
): string[] {
  const missing = NOTE_SECTIONS[format]
    .filter((section) => isBlank(body.sections[section.key]))
    .map((section) => section.label)
  const risk = riskProblem(body, safety)
  if (risk) missing.push(RISK_PROBLEM_LABELS[risk])
  return missing
}

export function groupPartTexts(part: GroupPart): NoteField[] {
  return [
    { label: 'Topics', text: part.topics },
    { label: 'Interventions used', text: part.interventions },
    { label: 'Group dynamics', text: part.dynamics }
  ]
}

export function preSignChecks(input: PreSignInput): PreSignWarning[] {
  const { format, body } = input
  const warnings: PreSignWarning[] = []
  const warn = (check: PreSignCheck, message: string, blocking = false) =>
    warnings.push({ check, message, blocking })

  const peers = peerNamesIn(input)
  if (peers.length > 0) {
    const lead =
      peers.length === 1
        ? "Another participant's name appears in this note"
        : "Other participants' names appear in this note"
    warn('peer_name', `${lead} (${peers.join(', ')}). Use "a peer" instead.`)
  }
  const inGroupPart = groupPartNames(input)
  if (inGroupPart.length > 0) {
    warn(
      'group_part_name',
      `The group part, printed in every participant's note, names someone (${inGroupPart.join(', ')}). ` +
        'Describe the group without names.'
    )
  }

  const everyone = [input.participant, ...input.others]
  const alikeThisSession = input.otherNotesThisSession
    .map((other) => compareNotes(format, body, other, everyone))
    .filter(isClone)
  if (alikeThisSession.length > 0) {
    const others =
      alikeThisSession.length === 1
        ? ''
        : ` (${alikeThisSession.length} notes of this session read alike)`
    warn(
      'cloned',
      `${cloneLead(alikeThisSession)} alike another participant's note from this session${others}. ` +
        "Auditors treat near-identical notes as cloned; describe this participant's own presentation and response."
    )
  }
  if (input.previousNoteOfParticipant !== null) {
    const score = compareNotes(format, body, input.previousNoteOfParticipant, everyone)
    if (isClone(score)) {
      warn(
        'cloned',
        `${cloneLead([score])} alike this participant's previous note. ` +
          'Auditors treat notes copied from session to session as cloned; describe what happened in this session.'
      )
    }
  }

  // The risk level itself is a blocking finding of its own, below.
  const missing = missingRequired(format, body).filter(
    (label) => label !== RISK_PROBLEM_LABELS.not_assessed
  )
  if (missing.length > 0) {
    warn(
      'required_empty',
      missing.length === 1
        ? `A required part is empty: ${missing[0]}.`
        : `Required parts are empty: ${missing.join(', ')}.`
    )
  }

  const risk = riskProblem(body, input.safety)
  if (risk === 'not_assessed') {
    warn(
      'risk_not_assessed',
      'The risk level has not been chosen. Assess risk and choose a level before signing; it is never assumed.',
      true
    )
  } else if (risk === 'reason_needed') {
    warn(
      'risk_reason_needed',
      'The record shows a safety event for this participant today, so "None identified" needs a written reason: ' +
        'say what was assessed and why no risk was found.',
      true
    )
  }

  if ((body.risk === 'moderate' || body.risk === 'high') && isBlank(body.followUp)) {
    warn(
      'risk_without_follow_up',
      `Risk is rated ${RISK_LABELS[body.risk].toLowerCase()} but no follow-up is written. ` +
        'Record what was done and what comes next (for example a same-day assessment, a safety plan, a supervisor consulted).'
    )
  }

  return warnings
}

/** "The individual part is 92%" or "Plan is 100%": the most alike part of the most alike note. */
function cloneLead(scores: readonly CloneScore[]): string {
  const whole = Math.max(...scores.map((s) => s.whole))
  if (whole >= CLONE_THRESHOLD) return `The individual part is ${percent(whole)}`
  const field = scores
    .flatMap((s) => (s.field ? [s.field] : []))
    .sort((a, b) => b.score - a.score)[0]!
  return `"${field.label}" is ${percent(field.score)}`
}

/** Each text is searched on its own, so a name cannot be pieced together across two fields. */
function peerNamesIn(input: PreSignInput): string[] {
  const options = { own: input.participant, notNames: input.body.notNames ?? [] }
  const matches = noteFields(input.format, input.body).flatMap((field) =>
    findPeerNames(field.text, input.others, options)
  )
  return namesWritten(matches)
}

function groupPartNames(input: PreSignInput): string[] {
  if (!input.groupPart) return []
  const everyone = [input.participant, ...input.others]
  const notNames = input.groupPart.notNames ?? []
  return namesWritten(
    groupPartTexts(input.groupPart).flatMap((field) =>
      findPeerNames(field.text, everyone, { notNames })
    )
  )
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === ''
}

/** Rounded down, so only identical text reads 100%. */
function percent(score: number): string {
  return `${Math.floor(score * 100 + 1e-9)}%`
}
