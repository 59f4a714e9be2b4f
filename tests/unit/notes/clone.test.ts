/**
 * The cloned-note check as an auditor would apply it: a note copied for
 * another participant (or from last week) with only the name, the pronouns or
 * a word or two changed is flagged, whichever free-text field it is in; two
 * notes honestly written about people of the same group, sharing the group's
 * stock phrases, are not. The figure printed: the table's flags and misses.
 */
import { describe, expect, it } from 'vitest'
import { emptyBody, type NoteBody } from '../../../src/shared/domain/note'
import {
  CLONE_THRESHOLD,
  compareNotes,
  isClone,
  normalisedWords,
  similarity
} from '../../../src/shared/notes/clone'
import type { NamedPerson } from '../../../src/shared/notes/names'

const people: NamedPerson[] = [
  { fullName: 'Jordan Testperson', preferredName: 'Jordy', nicknames: [] },
  { fullName: 'Riley Example', preferredName: '', nicknames: [] },
  { fullName: 'Morgan Fictional', preferredName: 'Mo', nicknames: [] }
]

function dap(data: string, more: Partial<NoteBody> = {}, assessment = '', plan = ''): NoteBody {
  return {
    ...emptyBody('DAP'),
    sections: {
      data,
      assessment: assessment || 'Engaged; insight into triggers is growing.',
      plan: plan || 'Continue IOP three days a week.'
    },
    risk: 'none',
    ...more
  }
}

const JORDAN =
  'Jordan attended the full session and arrived on time. He described a strong craving on Saturday ' +
  'after an argument with his brother and said he used urge surfing to get through it. He took part ' +
  'in the refusal role-play and gave feedback to peers. His affect was bright and his speech was clear.'

const HONEST_A =
  'Attended the full session and arrived on time. Participated actively in the discussion of cravings and ' +
  'their time course, described a recent urge to drink after a stressful shift at work, and practised urge ' +
  'surfing with the group. Affect was bright and speech was clear; no signs of intoxication were observed.'

const HONEST_B =
  'Arrived fifteen minutes late after a bus delay and stayed to the end. Quiet during the discussion of ' +
  'cravings; when invited, said that evenings alone are the hardest time and that urges fade within half an ' +
  'hour if she leaves the house. Tried urge surfing but found it hard to stay with the feeling. Mood appeared ' +
  'low and she reported poor sleep.'

const HONEST_C =
  'Attended the full session and arrived on time. Talked about a week without use and a plan to visit ' +
  'an old friend who still drinks; the group helped Mo think through how to leave early if needed. ' +
  'Practised a refusal line twice. Calm, well groomed, engaged throughout.'

const LONG_PLAN =
  'Attend three groups a week, practise urge surfing each evening, call a sober support before weekends, ' +
  'and bring the trigger log to the next individual session.'
const LONG_RISK =
  'Denies suicidal thoughts, plans or intent; no thoughts of harming others; protective factors include ' +
  'family support and stable housing; knows the 988 line.'
const LONG_PROGRESS =
  'Used the craving plan twice this week and called a sponsor once; reports that the plan is getting ' +
  'easier to follow and wants to keep the same steps.'

/** [what was done to the note, this note, the other note] — each must be flagged. */
const NEAR_DUPLICATES: Array<[string, NoteBody, NoteBody]> = [
  [
    'name and pronouns swapped (he to she)',
    dap(JORDAN),
    dap(
      JORDAN.replace('Jordan', 'Riley')
        .replace(/\bHe\b/g, 'She')
        .replace(/\bhe\b/g, 'she')
        .replace(/\bhis\b/g, 'her')
        .replace(/\bHis\b/g, 'Her')
    )
  ],
  [
    'pronouns only swapped',
    dap(JORDAN),
    dap(JORDAN.replace(/\bHe\b/g, 'She').replace(/\bhe\b/g, 'she'))
  ],
  [
    'the name written as "the participant"',
    dap(JORDAN),
    dap(JORDAN.replace('Jordan attended', 'The participant attended'))
  ],
  [
    'one day and one feeling changed',
    dap(JORDAN),
    dap(JORDAN.replace('Saturday', 'Sunday').replace('bright', 'flat'))
  ],
  [
    'a sentence added at the end',
    dap(HONEST_A),
    dap(`${HONEST_A} Left with a plan to call a sober support tonight.`)
  ],
  [
    'the same note with the name of a peer swapped in',
    dap(HONEST_C),
    dap(HONEST_C.replace('Mo', 'Jordy'))
  ],
  [
    'a note with a preferred name in one and the full name in the other',
    dap(JORDAN.replace('Jordan', 'Jordy')),
    dap(JORDAN.replace('Jordan', 'Jordan Testperson'))
  ],
  [
    'the same long plan under honestly different data',
    dap(HONEST_A, {}, '', LONG_PLAN),
    dap(HONEST_B, {}, '', LONG_PLAN)
  ],
  [
    'the same long risk assessment',
    dap(HONEST_A, { risk: 'low', riskText: LONG_RISK }),
    dap(HONEST_B, { risk: 'low', riskText: LONG_RISK.replace('family', 'her family') })
  ],
  [
    'the same goal progress',
    dap(HONEST_A, { goals: [{ goalId: 'g1', addressed: true, progress: LONG_PROGRESS }] }),
    dap(HONEST_B, { goals: [{ goalId: 'g2', addressed: true, progress: LONG_PROGRESS }] })
  ]
]

/** Notes honestly written about different people of one group — none may be flagged. */
const HONEST_PAIRS: Array<[string, NoteBody, NoteBody]> = [
  ['two different accounts of the same discussion', dap(HONEST_A), dap(HONEST_B)],
  ['the same opening line, then their own story', dap(HONEST_A), dap(HONEST_C)],
  ['a different person in the same session', dap(JORDAN), dap(HONEST_B)],
  ['another pair from the same group', dap(JORDAN), dap(HONEST_C)],
  ['the same short plan', dap(HONEST_B), dap(HONEST_C)],
  [
    'the same short risk line',
    dap(HONEST_A, { risk: 'none', riskText: 'Denies SI and HI.' }),
    dap(HONEST_C, { risk: 'none', riskText: 'Denies SI and HI.' })
  ],
  [
    'the same goal addressed in their own words',
    dap(HONEST_A, {
      goals: [{ goalId: 'g1', addressed: true, progress: 'Used the craving plan twice this week.' }]
    }),
    dap(HONEST_B, {
      goals: [{ goalId: 'g1', addressed: true, progress: 'Has not tried the craving plan yet.' }]
    })
  ]
]

describe('the clone check on a table of notes', () => {
  it('flags every near-duplicate and no honest pair', () => {
    const score = (a: NoteBody, b: NoteBody) => compareNotes('DAP', a, b, people)
    const missed = NEAR_DUPLICATES.filter(([, a, b]) => !isClone(score(a, b))).map(([what]) => what)
    const wronglyFlagged = HONEST_PAIRS.filter(([, a, b]) => isClone(score(a, b))).map(
      ([what]) => what
    )
    const highestHonest = Math.max(...HONEST_PAIRS.map(([, a, b]) => score(a, b).whole))
    const lowestCopy = Math.min(
      ...NEAR_DUPLICATES.map(([, a, b]) => {
        const s = score(a, b)
        return Math.max(s.whole, s.field?.score ?? 0)
      })
    )
    console.log(
      `Clone check: ${NEAR_DUPLICATES.length} near-duplicates, ${HONEST_PAIRS.length} honest pairs; ` +
        `${NEAR_DUPLICATES.length - missed.length} flagged, ${missed.length} missed, ` +
        `${wronglyFlagged.length} honest pairs flagged; highest honest ${highestHonest.toFixed(2)}, ` +
        `lowest copy ${lowestCopy.toFixed(2)} (threshold ${CLONE_THRESHOLD})`
    )
    expect(missed).toEqual([])
    expect(wronglyFlagged).toEqual([])
  })

  it('a he-to-she swap, 0.63 alike word for word, reads as the same note once pronouns are set aside', () => {
    const she = JORDAN.replace(/\bHe\b/g, 'She').replace(/\bhe\b/g, 'she')
    expect(similarity(JORDAN, she)).toBe(1)
  })
})

describe('normalisedWords: what is compared', () => {
  it('names become one placeholder, pronouns another, titles go', () => {
    expect(normalisedWords('Ms. Testperson said she would call Riley.', people)).toEqual([
      '·name',
      'said',
      '·pronoun',
      'would',
      'call',
      '·name'
    ])
  })

  it('case, accents and punctuation do not matter', () => {
    expect(similarity('Attended; on time!', '  attended   ON TIME ')).toBe(1)
    expect(similarity('Café visit', 'cafe VISIT')).toBe(1)
  })

  it('an empty note is alike nothing', () => {
    expect(similarity('', '')).toBe(0)
    expect(similarity(HONEST_A, ' . ')).toBe(0)
  })

  it('is the same both ways and between 0 and 1', () => {
    for (const [a, b] of [
      [HONEST_A, HONEST_B],
      [JORDAN, HONEST_C],
      ['on time', 'time on']
    ] as const) {
      expect(similarity(a, b, people)).toBe(similarity(b, a, people))
      expect(similarity(a, b, people)).toBeGreaterThanOrEqual(0)
      expect(similarity(a, b, people)).toBeLessThanOrEqual(1)
    }
  })
})
