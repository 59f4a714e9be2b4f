import { NOTE_SECTIONS, type NoteBody, type NoteFormat } from '../domain/note'
import { findPeerNames, fold, type NamedPerson } from './names'

/**
 * The cloned-note check: how alike two notes read once what legitimately
 * differs between two people's copies of one text is taken out. Every
 * free-text field is compared (the format's sections, goal progress, risk,
 * follow-up); names of the session's participants become one placeholder and
 * pronouns another, so "Jordan … he" and "Riley … she" read the same.
 */

/**
 * Notes at or above this similarity (word 3-grams after normalising) are
 * reported as cloned. In the table of tests/unit/notes/clone.test.ts a copied
 * note with a word or two changed or a sentence added scores 0.8 or more, a
 * name or pronoun swap 1.0; notes honestly written about different people of
 * the same group, sharing stock phrases ("attended the full session",
 * "continue IOP"), score 0.2 at most. The threshold sits between the two.
 */
export const CLONE_THRESHOLD = 0.5

/** A single field this long or longer is compared on its own too (words, after normalising). */
export const FIELD_MIN_WORDS = 12

/**
 * One long field at or above this is a copy even when the rest of the note
 * differs (the same plan or risk text pasted under honest data): a copied
 * field with a word added scores about 0.8, honest fields under 0.1.
 */
export const FIELD_CLONE_THRESHOLD = 0.6

const PRONOUNS = new Set([
  'he',
  'she',
  'they',
  'him',
  'her',
  'them',
  'his',
  'hers',
  'their',
  'theirs',
  'himself',
  'herself',
  'themself',
  'themselves',
  'xe',
  'xem',
  'xyr',
  'ze',
  'zir'
])
const TITLES = new Set(['mr', 'ms', 'mrs', 'mx', 'miss'])
/** How a note refers to its own participant without a name: read as a name. */
const STAND_INS = new Set(['client', 'participant', 'patient', 'member'])

export interface NoteField {
  label: string
  text: string
}

/** Every free-text field of a note, labelled, in the order the note prints them. */
export function noteFields(format: NoteFormat, body: NoteBody): NoteField[] {
  return [
    ...NOTE_SECTIONS[format].map((s) => ({ label: s.label, text: body.sections[s.key] ?? '' })),
    ...body.goals.map((g, i) => ({ label: `Goal ${i + 1} progress`, text: g.progress })),
    { label: 'Risk assessment', text: body.riskText },
    { label: 'Follow-up', text: body.followUp }
  ]
}

/**
 * The words of a text as compared: names of `people` replaced by one
 * placeholder, pronouns by another, titles dropped; lower case, no accents,
 * no punctuation.
 */
export function normalisedWords(text: string, people: readonly NamedPerson[] = []): string[] {
  let marked = ''
  let from = 0
  for (const m of findPeerNames(text, people)) {
    marked += `${text.slice(from, m.start)} \uE000name `
    from = m.end
  }
  marked += text.slice(from)
  return fold(marked)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\uE000]+/gu, ' ')
    .split(' ')
    .filter((w, i, all) => w && !TITLES.has(w) && !(w === 'the' && STAND_INS.has(all[i + 1] ?? '')))
    .map((w) =>
      w === '\uE000name' || STAND_INS.has(w) ? '·name' : PRONOUNS.has(w) ? '·pronoun' : w
    )
}

/**
 * How alike two texts are, from 0 (nothing in common) to 1 (the same words in
 * the same order), after normalising: overlapping runs of three words
 * compared by Jaccard similarity (shared runs over all distinct runs). When
 * either text has fewer than three words the words themselves are compared.
 * An empty text scores 0: an empty draft is not a clone of another.
 */
export function similarity(a: string, b: string, people: readonly NamedPerson[] = []): number {
  return wordSimilarity(normalisedWords(a, people), normalisedWords(b, people))
}

export interface CloneScore {
  /** The whole note's free text. */
  whole: number
  /** The most alike single long field, with its label; null when no field is long enough. */
  field: { label: string; score: number } | null
}

/** How alike two notes are, as a whole and field by field. */
export function compareNotes(
  format: NoteFormat,
  a: NoteBody,
  b: NoteBody,
  people: readonly NamedPerson[]
): CloneScore {
  const fieldsA = noteFields(format, a).map((f) => ({
    ...f,
    words: normalisedWords(f.text, people)
  }))
  const fieldsB = noteFields(format, b).map((f) => ({
    ...f,
    words: normalisedWords(f.text, people)
  }))
  const whole = wordSimilarity(
    fieldsA.flatMap((f) => f.words),
    fieldsB.flatMap((f) => f.words)
  )
  let field: CloneScore['field'] = null
  for (const f of fieldsA) {
    const other = fieldsB.find((g) => g.label === f.label)
    if (!other || f.words.length < FIELD_MIN_WORDS || other.words.length < FIELD_MIN_WORDS) continue
    const score = wordSimilarity(f.words, other.words)
    if (field === null || score > field.score) field = { label: f.label, score }
  }
  return { whole, field }
}

/** Whether a comparison reads as a copy, and what to say about it. */
export function isClone(score: CloneScore): boolean {
  return (
    score.whole >= CLONE_THRESHOLD ||
    (score.field !== null && score.field.score >= FIELD_CLONE_THRESHOLD)
  )
}

function wordSimilarity(wordsA: readonly string[], wordsB: readonly string[]): number {
  if (wordsA.length === 0 || wordsB.length === 0) return 0
  const byShingles = wordsA.length >= 3 && wordsB.length >= 3
  return jaccard(
    byShingles ? shingles(wordsA) : new Set(wordsA),
    byShingles ? shingles(wordsB) : new Set(wordsB)
  )
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
