/**
 * The peer-name check as a chart reviewer would trust it: every way another
 * member is called is caught (first name, surname with or without a title,
 * initials, preferred name, recorded nicknames), and the ordinary English
 * words that are also names ("will", "hope", "grace", "may", "frank") are
 * not, in lower case or starting a sentence. The figure printed: a table of
 * sentences with no false positive and no miss.
 */
import { describe, expect, it } from 'vitest'
import { findPeerNames, namesWritten, type NamedPerson } from '../../../src/shared/notes/names'

const person = (fullName: string, preferredName = '', nicknames: string[] = []): NamedPerson => ({
  fullName,
  preferredName,
  nicknames
})

/** The group around the note's participant, Casey: names that are also everyday words. */
const PEERS: NamedPerson[] = [
  person('Will Okafor', '', ['Billy']),
  person('Hope Martinez'),
  person('Grace Lindqvist', 'Gracie'),
  person('May Brown'),
  person('Frank Osei', '', ['Frankie']),
  person('Jordan Testperson', 'Jordy'),
  person('Joy Price')
]
const CASEY = person('Casey Samplewood')

/** Sentences a counselor writes where a word is also someone's name, and no one is named. */
const ORDINARY: string[] = [
  'Client will continue to attend group three times a week.',
  'Will continue to practise urge surfing before the next session.',
  'Expressed hope about returning to work.',
  'Showed grace when the group disagreed with her.',
  'May benefit from a referral for a sleep assessment.',
  'Was frank about a lapse on Saturday.',
  'Hope was a theme of the discussion today.',
  'Frank discussion of cravings followed the video.',
  'Grace under pressure was the skill practised.',
  'Plan: Will attend two mutual-help meetings before Monday.',
  'Wore a brown jacket and appeared well groomed.',
  'Reported a craving in May that passed within an hour.',
  'Next review is due on May 14.',
  'It may help to write the plan on a card.',
  'Said that her will to stay sober is strong.',
  'Spoke frankly about shame and guilt.',
  'Hopes to reconnect with family over the holidays.',
  'Goals include keeping hope alive during hard weeks.',
  'Billing for this group follows the per diem rule.',
  'Frank and open in the check-in round.',
  'Grace period for homework was extended by a week.',
  'Brown rice and vegetables came up in the meal-planning talk.',
  'Price of rent remains the main stressor.',
  'Described the joy of a sober weekend.',
  'Joy was the word chosen in the gratitude round.',
  'Hope for the future was the take-away.',
  'Will be reviewed with the supervisor on Thursday.',
  'Attends AA and NA meetings; UA negative per report.',
  'Denies SI or HI at this time.'
]

/** Sentences that name a peer, each with the words that must be caught. */
const MENTIONS: Array<[string, string[]]> = [
  ['Sat next to Will during the break.', ['Will']],
  ['Will Okafor offered a ride home.', ['Will Okafor']],
  ['Will said that evenings are the hardest.', ['Will']],
  ['Agreed with Hope about routines.', ['Hope']],
  ['Hope shared a story about her daughter.', ['Hope']],
  ['Thanked Grace for the feedback.', ['Grace']],
  ['Gracie laughed during the role-play.', ['Gracie']],
  ['Disagreed with May about meetings.', ['May']],
  ['May reported a lapse on Friday.', ['May']],
  ["Frank's comment upset the participant.", ['Frank']],
  ['Spoke with Ms. Okafor after group.', ['Okafor']],
  ['Sat with Mr. Osei at lunch.', ['Osei']],
  ['Lindqvist arrived late and sat by the door.', ['Lindqvist']],
  ['Ms. Brown helped set up the room.', ['Brown']],
  ['Role-played refusal with W.O. and did well.', ['W.O.']],
  ['Paired with WO for the exercise.', ['WO']],
  ['Billy gave feedback on the trigger map.', ['Billy']],
  ['Frankie was absent from the second half.', ['Frankie']],
  ['Jordy offered support after the check-in.', ['Jordy']],
  ['Sat beside jordan testperson in the circle.', ['jordan testperson']],
  ['Martinez described a similar trigger.', ['Martinez']],
  ['Talked with Frank Osei about rides.', ['Frank Osei']],
  ['Okafor’s advice was helpful, the participant said.', ['Okafor']],
  ['H.M. shared a relapse-prevention tip.', ['H.M.']],
  ['Grace Lindqvist and the participant practised together.', ['Grace Lindqvist']],
  ['Joy Price brought snacks for the group.', ['Joy Price']],
  ['Called Joy after group to check in.', ['Joy']],
  ['Practised the skill with J. T. before the break.', ['J. T.']],
  ['Described a conflict with Testperson’s brother.', ['Testperson']]
]

describe('the name check on a table of sentences', () => {
  it('catches every real mention and flags no ordinary word', () => {
    const falsePositives = ORDINARY.filter(
      (sentence) => findPeerNames(sentence, PEERS, { own: CASEY }).length > 0
    )
    const misses = MENTIONS.filter(
      ([sentence, names]) =>
        JSON.stringify(findPeerNames(sentence, PEERS, { own: CASEY }).map((m) => m.text)) !==
        JSON.stringify(names)
    )
    console.log(
      `Name check: ${ORDINARY.length} ordinary sentences, ${MENTIONS.length} real mentions; ` +
        `${falsePositives.length} false positives, ${misses.length} misses`
    )
    expect(ORDINARY.length).toBeGreaterThanOrEqual(20)
    expect(MENTIONS.length).toBeGreaterThanOrEqual(20)
    expect(falsePositives).toEqual([])
    expect(misses).toEqual([])
  })
})

describe('findPeerNames: where a name is and what kind', () => {
  it('says where each name is, so the editor can mark it', () => {
    const text = 'Sat next to Will; Ms. Okafor joined later.'
    const found = findPeerNames(text, PEERS)
    expect(found.map((m) => [text.slice(m.start, m.end), m.kind])).toEqual([
      ['Will', 'first name'],
      ['Okafor', 'surname']
    ])
  })

  it('does not find a name inside another word', () => {
    const peers = [person('Al Example'), person('Mo Fictional')]
    expect(findPeerNames('Also said Alan helped, and Monday was hard.', peers)).toEqual([])
    expect(findPeerNames('Spoke with Al after group.', peers).map((m) => m.text)).toEqual(['Al'])
    expect(findPeerNames('Mo-related', peers).map((m) => m.text)).toEqual(['Mo'])
    expect(findPeerNames('Jordan2', PEERS)).toEqual([])
    expect(findPeerNames('Also mentioned Jordanian food.', PEERS)).toEqual([])
  })

  it('ignores accents and case for a name that is no ordinary word', () => {
    const peers = [person('José Ruiz'), person('Zoë Park')]
    const words = (text: string) => findPeerNames(text, peers).map((m) => m.text)
    expect(words('Responded to Jose with warmth.')).toEqual(['Jose'])
    expect(words('Responded to JOSÉ with warmth.')).toEqual(['JOSÉ'])
    expect(words('Zoe shared first.')).toEqual(['Zoe'])
    expect(words('Sat next to jose.')).toEqual(['jose'])
  })

  it('matches a name of several words only as that phrase', () => {
    const peers = [person('Mary Ann Smithfield', 'Mary Ann')]
    const words = (text: string) => findPeerNames(text, peers).map((m) => m.text)
    expect(words('Talked with Mary Ann about rides.')).toEqual(['Mary Ann'])
    expect(words('Talked with Mary\nAnn about rides.')).toEqual(['Mary\nAnn'])
    expect(words('Talked with Mary Annette.')).toEqual(['Mary'])
  })

  it('treats curly and straight apostrophes alike', () => {
    expect(
      findPeerNames('Thanked O’Brien for the ride.', [person("Sean O'Brien")]).map((m) => m.text)
    ).toEqual(['O’Brien'])
  })

  it("never flags the participant's own names, even when a peer shares one", () => {
    const own = person('Jordan Rivers')
    expect(findPeerNames('Jordan described a good week.', PEERS, { own })).toEqual([])
    expect(
      findPeerNames('Jordy described a good week.', PEERS, { own }).map((m) => m.text)
    ).toEqual(['Jordy'])
  })

  it('passes over the words marked "not a name" for this note', () => {
    const text = 'Talked about Hope Street shelter; Hope shared a worry.'
    expect(findPeerNames(text, PEERS).map((m) => m.text)).toEqual(['Hope', 'Hope'])
    expect(findPeerNames(text, PEERS, { notNames: ['hope'] })).toEqual([])
  })

  it('a two-letter initial pair that is a common abbreviation is matched only with dots', () => {
    const peers = [person('Sam Ingram')]
    expect(findPeerNames('Denies SI today.', peers)).toEqual([])
    expect(findPeerNames('Sat with S.I. today.', peers).map((m) => m.text)).toEqual(['S.I.'])
  })

  it('lists each name once, as first written', () => {
    const found = findPeerNames('Will said so; later Will agreed and WILL left.', PEERS)
    expect(namesWritten(found)).toEqual(['Will'])
  })
})
