import { NOTE_SECTIONS, RISK_LABELS, type NoteBody, type NoteFormat } from '../domain/note'

/**
 * The checks run before a note is signed. Each gives a warning the counselor
 * may override (the override is kept with the note); none blocks signing on
 * its own, because the counselor knows things the text does not say.
 */

/**
 * Notes at or above this similarity are reported as cloned. Measured with
 * `similarity` (word 3-grams): the same text with one participant's name swapped
 * for another's changes only the few 3-grams around each name, so a note of
 * ordinary length (about 30 words or more per name mentioned) still scores
 * above 0.8; two notes honestly written about different people in the same
 * group share the group's wording here and there but few runs of three words,
 * and score well below it (under 0.3 in the tests).
 */
export const CLONE_THRESHOLD = 0.8

export type PreSignCheck = 'peer_name' | 'cloned' | 'required_empty' | 'risk_without_follow_up'

export interface PreSignWarning {
  check: PreSignCheck
  message: string
}

export interface PreSignInput {
  format: NoteFormat
  body: NoteBody
  /** Every way the others in the group are called: full names, first and preferred names. */
  otherParticipantNames: readonly string[]
  /** The other participants' notes of this session, in the same format. */
  otherNotesThisSession: readonly NoteBody[]
  previousNoteOfParticipant: NoteBody | null
}

/**
 * Which of `names` appear in `text` as whole words: case and accents do not
 * matter, a name of several words must appear as that phrase, and a name
 * inside a longer word is not the name ("Al" is not in "also", "Mo" not in
 * "Monday"). Names of fewer than two letters are ignored. Returns the names as
 * given, in the order given, each once.
 */
export function findNames(text: string, names: readonly string[]): string[] {
  const haystack = fold(text)
  const found: string[] = []
  for (const name of names) {
    if (found.includes(name)) continue
    const pattern = namePattern(name)
    if (pattern?.test(haystack)) found.push(name)
  }
  return found
}

/**
 * How alike two texts are, from 0 (nothing in common) to 1 (the same words in
 * the same order). Both are normalised (lower case, accents and punctuation
 * removed, spaces collapsed), cut into overlapping runs of three words, and
 * compared by Jaccard similarity: shared runs over all distinct runs. When
 * either text has fewer than three words the words themselves are compared.
 * Two empty texts score 0: an empty draft is not a clone of another.
 */
export function similarity(a: string, b: string): number {
  const wordsA = words(a)
  const wordsB = words(b)
  if (wordsA.length === 0 || wordsB.length === 0) return 0
  const byShingles = wordsA.length >= 3 && wordsB.length >= 3
  return jaccard(
    byShingles ? shingles(wordsA) : new Set(wordsA),
    byShingles ? shingles(wordsB) : new Set(wordsB)
  )
}

/** The individual part's sections in the format's order: what is compared for cloning. */
export function individualText(format: NoteFormat, body: NoteBody): string {
  return NOTE_SECTIONS[format].map((s) => body.sections[s.key] ?? '').join('\n')
}

/** Labels of the format's sections left empty, and the risk assessment when a risk is rated. */
export function missingRequired(format: NoteFormat, body: NoteBody): string[] {
  const missing = NOTE_SECTIONS[format]
    .filter((section) => isBlank(body.sections[section.key]))
    .map((section) => section.label)
  if (body.risk !== 'none' && isBlank(body.riskText)) missing.push('Risk assessment')
  return missing
}

export function preSignChecks(input: PreSignInput): PreSignWarning[] {
  const { format, body } = input
  const warnings: PreSignWarning[] = []

  const peers = peerNamesIn(body, input.otherParticipantNames)
  if (peers.length > 0) {
    const lead =
      peers.length === 1
        ? "Another participant's name appears in this note"
        : "Other participants' names appear in this note"
    warnings.push({
      check: 'peer_name',
      message: `${lead} (${peers.join(', ')}). Use "a peer" instead.`
    })
  }

  const own = individualText(format, body)
  const alikeThisSession = input.otherNotesThisSession
    .map((other) => similarity(own, individualText(format, other)))
    .filter((score) => score >= CLONE_THRESHOLD)
  if (alikeThisSession.length > 0) {
    const others =
      alikeThisSession.length === 1
        ? ''
        : ` (${alikeThisSession.length} notes of this session are at least ${percent(CLONE_THRESHOLD)} alike)`
    warnings.push({
      check: 'cloned',
      message:
        `The individual part is ${percent(Math.max(...alikeThisSession))} alike another participant's note from this session${others}. ` +
        "Auditors treat near-identical notes as cloned; describe this participant's own presentation and response."
    })
  }
  if (input.previousNoteOfParticipant !== null) {
    const score = similarity(own, individualText(format, input.previousNoteOfParticipant))
    if (score >= CLONE_THRESHOLD) {
      warnings.push({
        check: 'cloned',
        message:
          `The individual part is ${percent(score)} alike this participant's previous note. ` +
          'Auditors treat notes copied from session to session as cloned; describe what happened in this session.'
      })
    }
  }

  const missing = missingRequired(format, body)
  if (missing.length > 0) {
    warnings.push({
      check: 'required_empty',
      message:
        missing.length === 1
          ? `A required part is empty: ${missing[0]}.`
          : `Required parts are empty: ${missing.join(', ')}.`
    })
  }

  if ((body.risk === 'moderate' || body.risk === 'high') && isBlank(body.followUp)) {
    warnings.push({
      check: 'risk_without_follow_up',
      message:
        `Risk is rated ${RISK_LABELS[body.risk].toLowerCase()} but no follow-up is written. ` +
        'Record what was done and what comes next (for example a same-day assessment, a safety plan, a supervisor consulted).'
    })
  }

  return warnings
}

/** Each text is searched on its own, so a name cannot be pieced together across two sections. */
function peerNamesIn(body: NoteBody, names: readonly string[]): string[] {
  const texts = [
    ...Object.values(body.sections).map((text) => text ?? ''),
    body.riskText,
    body.followUp,
    ...body.goals.map((g) => g.progress)
  ]
  const found = new Set(texts.flatMap((text) => findNames(text, names)))
  const listed = names.filter((name, i) => found.has(name) && names.indexOf(name) === i)
  // "Jordan" found inside "Jordan Testperson" is the same mention: name the person once.
  return listed.filter(
    (name) => !listed.some((longer) => longer !== name && findNames(longer, [name]).length > 0)
  )
}

/** Lower case without accents, one kind of apostrophe: how names and notes are compared. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
}

function namePattern(name: string): RegExp | null {
  const parts = fold(name).split(/\s+/).filter(Boolean)
  const letters = parts.join('').match(/\p{L}/gu)?.length ?? 0
  if (letters < 2) return null
  const phrase = parts.map(escapeRegExp).join('\\s+')
  // Neither a letter nor a digit may touch the name on either side: whole words only.
  return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'u')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function words(text: string): string[] {
  return fold(text)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
}

function shingles(list: readonly string[]): Set<string> {
  const runs = new Set<string>()
  for (let i = 0; i + 3 <= list.length; i++) runs.add(list.slice(i, i + 3).join(' '))
  return runs
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const item of small) if (large.has(item)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === ''
}

/** Rounded down, so only identical text reads 100%. */
function percent(score: number): string {
  return `${Math.floor(score * 100 + 1e-9)}%`
}
