import {
  ABBREVIATIONS,
  COMMON_WORD_NAMES,
  HONORIFICS,
  MONTH_LEAD_WORDS,
  MONTH_NAMES,
  PERSON_VERBS
} from './common-words'

/**
 * Finding another participant's name in a note, the way a chart reviewer
 * reads: every way a person is called (full name, first name, surname,
 * preferred name, recorded nicknames, initials such as "J.O." or "JO") is
 * looked for as whole words. A name that is also an ordinary English word
 * ("Will", "Hope", "May", "Frank", "Brown") counts only when capitalised, and
 * at the start of a sentence only with a sign that a person is meant: their
 * surname after it, a possessive ("Will's"), or a verb a person does ("Will
 * said", "Hope shared"). "Will continue", "Hope was a theme" and "in May" are
 * not names. The counselor can mark any match "not a name" for one note.
 */

/** Everything a clinic records about what a person is called. */
export interface NamedPerson {
  fullName: string
  preferredName: string
  nicknames: readonly string[]
}

export type NameKind =
  'full name' | 'first name' | 'surname' | 'preferred name' | 'nickname' | 'initials'

export interface NameMatch {
  /** Where the words are in the text, as UTF-16 offsets: text.slice(start, end). */
  start: number
  end: number
  /** The words as written. */
  text: string
  kind: NameKind
  /** Index of the person in the list given. */
  person: number
}

interface Term {
  words: string[]
  kind: NameKind
  person: number
  /** Every word is also an ordinary English word, so capitals and context decide. */
  common: boolean
}

interface Token {
  text: string
  folded: string
  start: number
  end: number
  possessive: boolean
  sentenceStart: boolean
}

const PARTICLES = new Set([
  'de',
  'da',
  'del',
  'della',
  'di',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'bin',
  'ibn'
])

/** Lower case without accents, one kind of apostrophe: how names and notes are compared. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
}

/** How a "not a name" choice is kept: "J. O." and "j.o." are the same choice. */
export function notNameKey(text: string): string {
  return fold(text).replace(/[.\s]+/g, '')
}

/**
 * Every place in `text` where one of `people` is named. `own` is the person
 * the note is about: a word that is also one of their own names is theirs,
 * never a peer's. `notNames` are the words the counselor marked "not a name"
 * for this note. Matches come in text order and never overlap.
 */
export function findPeerNames(
  text: string,
  people: readonly NamedPerson[],
  options: { own?: NamedPerson; notNames?: readonly string[] } = {}
): NameMatch[] {
  const ownWords = new Set(
    options.own ? termsOf(options.own, -1).map((t) => t.words.join(' ')) : []
  )
  const terms = people
    .flatMap((person, index) => termsOf(person, index))
    .filter((t) => !ownWords.has(t.words.join(' ')))
    .sort((a, b) => b.words.length - a.words.length)
  const found = [...wordMatches(text, terms), ...initialsMatches(text, people, options.own)]
  const dismissed = new Set((options.notNames ?? []).map(notNameKey))
  return withoutOverlaps(found).filter((m) => !dismissed.has(notNameKey(m.text)))
}

/** The distinct words found, as first written: what a warning lists. */
export function namesWritten(matches: readonly NameMatch[]): string[] {
  const seen = new Map<string, string>()
  for (const m of matches) if (!seen.has(notNameKey(m.text))) seen.set(notNameKey(m.text), m.text)
  return [...seen.values()]
}

function termsOf(person: NamedPerson, index: number): Term[] {
  const name = tokenize(person.fullName).map((t) => t.folded)
  const terms: Array<Omit<Term, 'common' | 'person'>> = []
  if (name.length >= 2) terms.push({ words: name, kind: 'full name' })
  if (name[0]) terms.push({ words: [name[0]], kind: 'first name' })
  if (name.length >= 2) {
    const rest = name.slice(1)
    if (rest.length >= 2) terms.push({ words: rest, kind: 'surname' })
    for (const word of rest)
      if (!PARTICLES.has(word)) terms.push({ words: [word], kind: 'surname' })
  }
  const preferred = tokenize(person.preferredName).map((t) => t.folded)
  if (preferred.length) terms.push({ words: preferred, kind: 'preferred name' })
  for (const nickname of person.nicknames) {
    const words = tokenize(nickname).map((t) => t.folded)
    if (words.length) terms.push({ words, kind: 'nickname' })
  }
  const seen = new Set<string>()
  return terms.flatMap((term) => {
    const key = term.words.join(' ')
    if (seen.has(key) || key.replace(/[^\p{L}]/gu, '').length < 2) return []
    seen.add(key)
    return [{ ...term, person: index, common: term.words.every((w) => COMMON_WORD_NAMES.has(w)) }]
  })
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const pattern = /[\p{L}\p{M}\p{N}]+(?:['\u2018\u2019\u02bc`][\p{L}\p{M}\p{N}]+)*/gu
  for (const match of text.matchAll(pattern)) {
    let word = match[0]
    const start = match.index
    const possessive = /['\u2018\u2019\u02bc`]s$/iu.test(word) && word.length > 2
    if (possessive) word = word.slice(0, -2)
    const previous = tokens[tokens.length - 1]
    tokens.push({
      text: word,
      folded: fold(word),
      start,
      end: start + word.length,
      possessive,
      sentenceStart: previous === undefined || startsSentence(text, previous, start)
    })
  }
  return tokens
}

/** Whether the words between the previous token and this one end a sentence. */
function startsSentence(text: string, previous: Token, start: number): boolean {
  const gap = text.slice(previous.end + (previous.possessive ? 2 : 0), start)
  if (/[\n!?:"\u201c]/.test(gap)) return true
  if (!gap.includes('.')) return false
  // "Ms. Okafor", "J. Okafor", "e.g. Will": the dot after a title or an initial ends nothing.
  return !(HONORIFICS.has(previous.folded) || [...previous.folded].length === 1)
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word)
}

function wordMatches(text: string, terms: readonly Term[]): NameMatch[] {
  const tokens = tokenize(text)
  const matches: NameMatch[] = []
  for (let i = 0; i < tokens.length; i++) {
    const term = terms.find((t) => phraseAt(text, tokens, i, t) && accepted(tokens, i, t))
    if (!term) continue
    const last = tokens[i + term.words.length - 1]!
    matches.push({
      start: tokens[i]!.start,
      end: last.end,
      text: text.slice(tokens[i]!.start, last.end),
      kind: term.kind,
      person: term.person
    })
    i += term.words.length - 1
  }
  return matches
}

/** The term's words at token i, in a row, with only spaces or a hyphen between them. */
function phraseAt(text: string, tokens: readonly Token[], i: number, term: Term): boolean {
  return term.words.every((word, j) => {
    const token = tokens[i + j]
    if (!token || token.folded !== word) return false
    if (j === term.words.length - 1) return true
    const next = tokens[i + j + 1]
    return (
      !token.possessive && next !== undefined && /^[\s-]*$/.test(text.slice(token.end, next.start))
    )
  })
}

/** Whether an ordinary-word name at token i is meant as a person (see the top of this file). */
function accepted(tokens: readonly Token[], i: number, term: Term): boolean {
  if (!term.common) return true
  const first = tokens[i]!
  const n = term.words.length
  const words = tokens.slice(i, i + n)
  if (!isCapitalised(first.text)) return false
  if (n > 1 && words.every((t) => isCapitalised(t.text))) return true
  const last = words[n - 1]!
  const next = tokens[i + n]
  const previous = tokens[i - 1]
  const personCue = last.possessive || (next !== undefined && PERSON_VERBS.has(next.folded))
  if (previous && HONORIFICS.has(previous.folded)) return true
  if (n === 1 && MONTH_NAMES.has(first.folded) && !personCue) {
    const dated = next !== undefined && /^\d/.test(next.folded)
    if (dated || (previous !== undefined && MONTH_LEAD_WORDS.has(previous.folded))) return false
  }
  return first.sentenceStart ? personCue : true
}

/** "J.O.", "J. O.", "JO" for Jordan Okafor; three letters for a name of three words. */
function initialsMatches(
  text: string,
  people: readonly NamedPerson[],
  own: NamedPerson | undefined
): NameMatch[] {
  const ownInitials = new Set(own ? initialsOf(own) : [])
  const matches: NameMatch[] = []
  people.forEach((person, index) => {
    for (const letters of initialsOf(person)) {
      if (ownInitials.has(letters)) continue
      const dotted = [...letters].map((l) => `${l}\\.`).join('\\s?')
      const patterns = [`(?<![\\p{L}\\p{N}.])${dotted.slice(0, -2)}(?:\\.)?(?![\\p{L}\\p{N}])`]
      if (!ABBREVIATIONS.has(letters))
        patterns.push(`(?<![\\p{L}\\p{N}.])${letters}(?![\\p{L}\\p{N}])`)
      for (const source of patterns) {
        for (const m of text.matchAll(new RegExp(source, 'gu'))) {
          matches.push({
            start: m.index,
            end: m.index + m[0].length,
            text: m[0],
            kind: 'initials',
            person: index
          })
        }
      }
    }
  })
  return matches
}

function initialsOf(person: NamedPerson): string[] {
  const words = tokenize(person.fullName)
    .map((t) => t.folded)
    .filter((w) => !PARTICLES.has(w))
  if (words.length < 2) return []
  const letter = (w: string) => ([...w][0] ?? '').toUpperCase()
  const all = words.map(letter).join('')
  const firstLast = letter(words[0]!) + letter(words[words.length - 1]!)
  return [...new Set([firstLast, all])].filter((l) => /^\p{Lu}+$/u.test(l))
}

function withoutOverlaps(matches: readonly NameMatch[]): NameMatch[] {
  const ordered = [...matches].sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: NameMatch[] = []
  for (const m of ordered) {
    const last = kept[kept.length - 1]
    if (last && m.start < last.end) continue
    kept.push(m)
  }
  return kept
}
