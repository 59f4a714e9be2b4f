/**
 * The warnings a counselor sees before signing: another member's name in the
 * note, a note that reads like a copy of another, required parts left empty,
 * and a risk rated without a follow-up written.
 */
import { describe, expect, it } from 'vitest'
import {
  emptyBody,
  NOTE_FORMATS,
  NOTE_SECTIONS,
  type NoteBody
} from '../../../src/shared/domain/note'
import {
  CLONE_THRESHOLD,
  findNames,
  individualText,
  missingRequired,
  preSignChecks,
  similarity,
  type PreSignInput
} from '../../../src/shared/notes/checks'

/** A note as a counselor might paste it for everyone, with only the name changed. */
function templated(name: string): string {
  return (
    `${name} attended the full three-hour session and arrived on time. ${name} participated actively in the ` +
    'discussion of cravings and their time course, described a recent urge to drink after a stressful shift at ' +
    'work, and practised urge surfing with the group. Affect was bright and speech was clear; no signs of ' +
    'intoxication were observed. The participant identified two coping strategies to use before the next ' +
    'session and agreed to call a sober support when cravings rise above a five.'
  )
}

const HONEST_A =
  'Attended the full session and arrived on time. Participated actively in the discussion of cravings and ' +
  'their time course, described a recent urge to drink after a stressful shift at work, and practised urge ' +
  'surfing with the group. Affect was bright and speech was clear; no signs of intoxication were observed.'

const HONEST_B =
  'Arrived fifteen minutes late after a bus delay and stayed to the end. Quiet during the discussion of ' +
  'cravings; when invited, said that evenings alone are the hardest time and that urges fade within half an ' +
  'hour if she leaves the house. Tried urge surfing but found it hard to stay with the feeling. Mood appeared ' +
  'low and she reported poor sleep.'

function dap(
  data: string,
  assessment = 'Engaged; insight growing.',
  plan = 'Continue IOP.'
): NoteBody {
  return { ...emptyBody('DAP'), sections: { data, assessment, plan } }
}

function input(overrides: Partial<PreSignInput> = {}): PreSignInput {
  return {
    format: 'DAP',
    body: dap(HONEST_A),
    otherParticipantNames: ['Jordan Testperson', 'Jordan'],
    otherNotesThisSession: [dap(HONEST_B)],
    previousNoteOfParticipant: null,
    ...overrides
  }
}

describe("findNames: another participant's name in the text", () => {
  it('finds a name as a whole word, whatever its case', () => {
    expect(findNames('Sat next to jordan and offered support.', ['Jordan'])).toEqual(['Jordan'])
    expect(findNames("Agreed with JORDAN's point.", ['Jordan'])).toEqual(['Jordan'])
  })

  it('does not find a name inside another word', () => {
    expect(findNames('Also said Alan helped, and Monday was hard.', ['Al', 'Mo'])).toEqual([])
    expect(findNames('Spoke with Al after group.', ['Al'])).toEqual(['Al'])
    expect(findNames('Mo-related', ['Mo'])).toEqual(['Mo'])
    expect(findNames('Jordan2', ['Jordan'])).toEqual([])
  })

  it('ignores accents on either side', () => {
    expect(findNames('Responded to Jose with warmth.', ['José'])).toEqual(['José'])
    expect(findNames('Responded to JOSÉ with warmth.', ['Jose'])).toEqual(['Jose'])
    expect(findNames('Zoë shared first.', ['Zoe'])).toEqual(['Zoe'])
  })

  it('matches a name of several words only as that phrase', () => {
    expect(findNames('Talked with Mary Ann about rides.', ['Mary Ann'])).toEqual(['Mary Ann'])
    expect(findNames('Talked with Mary\nAnn about rides.', ['Mary Ann'])).toEqual(['Mary Ann'])
    expect(findNames('Mary said that Ann was absent.', ['Mary Ann'])).toEqual([])
    expect(findNames('Talked with Mary Annette.', ['Mary Ann'])).toEqual([])
  })

  it('treats curly and straight apostrophes alike', () => {
    expect(findNames('Thanked O’Brien for the ride.', ["O'Brien"])).toEqual(["O'Brien"])
  })

  it('ignores one-letter names and empty names', () => {
    expect(findNames('J was quiet; a peer spoke.', ['J', 'a', '', '  '])).toEqual([])
  })

  it('returns each name once, as given, in the order given', () => {
    expect(findNames('Sam and Riley, then Sam again.', ['Riley', 'Sam', 'Riley', 'Casey'])).toEqual(
      ['Riley', 'Sam']
    )
  })
})

describe('similarity: how alike two notes read', () => {
  it('is 1 for the same text, whatever the case, punctuation or spacing', () => {
    expect(similarity(HONEST_A, HONEST_A)).toBe(1)
    expect(similarity('Attended; on time!', '  attended   ON TIME ')).toBe(1)
  })

  it('is 0 when either note is empty: an empty draft copies nothing', () => {
    expect(similarity('', '')).toBe(0)
    expect(similarity('   ', '.')).toBe(0)
    expect(similarity(HONEST_A, '')).toBe(0)
  })

  it('the same note with the name swapped scores above the threshold', () => {
    const score = similarity(templated('Jordan'), templated('Riley'))
    expect(score).toBeGreaterThanOrEqual(CLONE_THRESHOLD)
    expect(score).toBeGreaterThan(0.88)
    expect(score).toBeLessThan(0.92)
  })

  it('a note with one word changed still scores above the threshold', () => {
    const edited = HONEST_A.replace('bright', 'flat')
    const score = similarity(HONEST_A, edited)
    expect(score).toBeGreaterThanOrEqual(CLONE_THRESHOLD)
    expect(score).toBeLessThan(0.9)
  })

  it('two honestly different notes about the same group score well below it', () => {
    const score = similarity(HONEST_A, HONEST_B)
    expect(score).toBeGreaterThan(0)
    expect(score).toBeLessThan(0.1)
  })

  it('is the same both ways and between 0 and 1', () => {
    const pairs: Array<[string, string]> = [
      [HONEST_A, HONEST_B],
      [templated('Jordan'), HONEST_A],
      ['on time', 'time on'],
      ['Quiet', 'quiet today in group']
    ]
    for (const [a, b] of pairs) {
      expect(similarity(a, b)).toBe(similarity(b, a))
      expect(similarity(a, b)).toBeGreaterThanOrEqual(0)
      expect(similarity(a, b)).toBeLessThanOrEqual(1)
    }
  })

  it('compares short notes by their words', () => {
    expect(similarity('on time', 'time on')).toBe(1)
    expect(similarity('Quiet', 'quiet today in group')).toBe(0.25)
  })
})

describe('missingRequired: the parts a format needs', () => {
  it.each(NOTE_FORMATS)('an empty %s note lists every section by its label', (format) => {
    expect(missingRequired(format, emptyBody(format))).toEqual(
      NOTE_SECTIONS[format].map((s) => s.label)
    )
  })

  it('lists the BIRP sections left empty, counting spaces alone as empty', () => {
    const body: NoteBody = {
      ...emptyBody('BIRP'),
      sections: {
        behavior: 'Engaged.',
        intervention: '  \n',
        response: 'Practised grounding.',
        plan: ''
      }
    }
    expect(missingRequired('BIRP', body)).toEqual(['Intervention', 'Plan'])
  })

  it('a filled DAP note misses nothing', () => {
    expect(missingRequired('DAP', dap(HONEST_A))).toEqual([])
  })

  it('judges by the format: a GIRP goal is required, a DAP note has none', () => {
    const body: NoteBody = {
      ...emptyBody('GIRP'),
      sections: {
        goal: '',
        intervention: 'Refusal role-play.',
        response: 'Tried it twice.',
        plan: 'Practise at home.'
      }
    }
    expect(missingRequired('GIRP', body)).toEqual(['Goal'])
    expect(missingRequired('SOAP', dap(HONEST_A))).toEqual(['Subjective', 'Objective'])
  })

  it('asks for the risk assessment once a risk is rated, not before', () => {
    expect(missingRequired('DAP', { ...dap(HONEST_A), risk: 'low', riskText: ' ' })).toEqual([
      'Risk assessment'
    ])
    expect(
      missingRequired('DAP', {
        ...dap(HONEST_A),
        risk: 'low',
        riskText: 'Denies SI; protective: daughter.'
      })
    ).toEqual([])
    expect(missingRequired('DAP', { ...dap(HONEST_A), risk: 'none', riskText: '' })).toEqual([])
  })
})

describe('preSignChecks: what the counselor is warned about before signing', () => {
  it('a complete, individual note raises no warning', () => {
    expect(preSignChecks(input())).toEqual([])
  })

  it("another participant's name in a section is flagged, with the name", () => {
    const body = dap(`${HONEST_A} Sat next to Jordan Testperson.`)
    expect(preSignChecks(input({ body }))).toEqual([
      {
        check: 'peer_name',
        message:
          'Another participant\'s name appears in this note (Jordan Testperson). Use "a peer" instead.'
      }
    ])
  })

  it('two people are both named, and a first name on its own is caught too', () => {
    const body = dap(`${HONEST_A} Jordan and Sam Example gave feedback.`)
    const names = ['Jordan Testperson', 'Jordan', 'Sam Example', 'Sam']
    expect(preSignChecks(input({ body, otherParticipantNames: names }))).toEqual([
      {
        check: 'peer_name',
        message:
          'Other participants\' names appear in this note (Jordan, Sam Example). Use "a peer" instead.'
      }
    ])
  })

  it('names are looked for in the risk text, the follow-up and the goal progress too', () => {
    const at = (body: Partial<NoteBody>) =>
      preSignChecks(input({ body: { ...dap(HONEST_A), ...body } })).map((w) => w.message)
    const one = 'Another participant\'s name appears in this note (Jordan). Use "a peer" instead.'
    expect(at({ risk: 'low', riskText: 'Jordan offered a ride home.' })).toEqual([one])
    expect(at({ followUp: 'Check in with Jordan too.' })).toEqual([one])
    expect(
      at({ goals: [{ goalId: 'g1', addressed: true, progress: 'Practised with jordan.' }] })
    ).toEqual([one])
  })

  it('a name inside another word is not flagged', () => {
    const body = dap(`${HONEST_A} Also mentioned Jordanian food.`)
    expect(preSignChecks(input({ body, otherParticipantNames: ['Al', 'Jordan'] }))).toEqual([])
  })

  it('a note copied for another participant of this session is flagged with the percentage', () => {
    const warnings = preSignChecks(
      input({
        body: dap(templated('Riley')),
        otherNotesThisSession: [dap(HONEST_B), dap(templated('Sam'))]
      })
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.check).toBe('cloned')
    expect(warnings[0]?.message).toMatch(
      /^The individual part is 9\d% alike another participant's note from this session\. /
    )
  })

  it('says how many notes of the session are alike when there are several', () => {
    const [warning] = preSignChecks(
      input({
        body: dap(templated('Riley')),
        otherNotesThisSession: [dap(templated('Sam')), dap(templated('Riley'))]
      })
    )
    expect(warning?.message).toContain('100% alike')
    expect(warning?.message).toContain('(2 notes of this session are at least 80% alike)')
  })

  it("a copy of the participant's previous note is flagged as such", () => {
    const previous = dap(HONEST_A.replace('bright', 'flat'))
    const warnings = preSignChecks(input({ previousNoteOfParticipant: previous }))
    expect(warnings).toEqual([
      {
        check: 'cloned',
        message: expect.stringMatching(
          /^The individual part is 8\d% alike this participant's previous note\. /
        ) as string
      }
    ])
  })

  it('an honestly different previous note is not flagged', () => {
    expect(preSignChecks(input({ previousNoteOfParticipant: dap(HONEST_B) }))).toEqual([])
  })

  it("the individual part compared is the format's sections, in order", () => {
    const text = individualText('DAP', dap(HONEST_A))
    expect(text.split('\n')).toEqual([HONEST_A, 'Engaged; insight growing.', 'Continue IOP.'])
  })

  it('empty required parts are listed by label', () => {
    const body: NoteBody = { ...dap(HONEST_A, '', ' '), risk: 'low', riskText: '', followUp: '' }
    expect(preSignChecks(input({ body }))).toEqual([
      {
        check: 'required_empty',
        message: 'Required parts are empty: Assessment, Plan, Risk assessment.'
      }
    ])
    expect(preSignChecks(input({ body: dap(HONEST_A, 'Engaged.', '') }))).toEqual([
      { check: 'required_empty', message: 'A required part is empty: Plan.' }
    ])
  })

  it('a moderate risk without a follow-up is flagged', () => {
    const body: NoteBody = {
      ...dap(HONEST_A),
      risk: 'moderate',
      riskText: 'Passive SI, no plan.',
      followUp: '  '
    }
    expect(preSignChecks(input({ body })).map((w) => w.check)).toEqual(['risk_without_follow_up'])
    expect(preSignChecks(input({ body }))[0]?.message).toMatch(
      /^Risk is rated moderate but no follow-up is written\./
    )
  })

  it('a high risk with a follow-up, or a low risk without one, is not flagged', () => {
    const high: NoteBody = {
      ...dap(HONEST_A),
      risk: 'high',
      riskText: 'Active SI with plan.',
      followUp: 'Stayed with client; emergency evaluation arranged; supervisor consulted.'
    }
    const low: NoteBody = { ...dap(HONEST_A), risk: 'low', riskText: 'Denies SI.', followUp: '' }
    expect(preSignChecks(input({ body: high }))).toEqual([])
    expect(preSignChecks(input({ body: low }))).toEqual([])
  })

  it('several problems come in a fixed order: names, clones, empty parts, risk', () => {
    const body: NoteBody = {
      ...dap(templated('Jordan'), ''),
      risk: 'high',
      riskText: 'Active SI.',
      followUp: ''
    }
    const checks = preSignChecks(
      input({
        body,
        otherNotesThisSession: [dap(templated('Sam'), '')],
        previousNoteOfParticipant: dap(templated('Jordan'), '')
      })
    ).map((w) => w.check)
    expect(checks).toEqual([
      'peer_name',
      'cloned',
      'cloned',
      'required_empty',
      'risk_without_follow_up'
    ])
  })
})
