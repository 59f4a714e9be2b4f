/**
 * The warnings a counselor sees before signing: another member's name in the
 * note or in the group part, a note that reads like a copy of another,
 * required parts left empty, and a risk rated without a follow-up written;
 * and the two findings that refuse signing: a risk level never chosen, and
 * "None identified" without a reason on a day the record shows a safety event.
 * The name and clone rules themselves have their tables in names.test.ts and
 * clone.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  emptyBody,
  NOTE_FORMATS,
  NOTE_SECTIONS,
  type NoteBody
} from '../../../src/shared/domain/note'
import {
  missingRequired,
  preSignChecks,
  type PreSignInput,
  type PreSignWarning
} from '../../../src/shared/notes/checks'
import type { NamedPerson } from '../../../src/shared/notes/names'

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

/** A DAP note with a risk level chosen (none identified) unless a test says otherwise. */
function dap(
  data: string,
  assessment = 'Engaged; insight growing.',
  plan = 'Continue IOP.'
): NoteBody {
  return { ...emptyBody('DAP'), sections: { data, assessment, plan }, risk: 'none' }
}

const person = (fullName: string, preferredName = ''): NamedPerson => ({
  fullName,
  preferredName,
  nicknames: []
})

function input(overrides: Partial<PreSignInput> = {}): PreSignInput {
  return {
    format: 'DAP',
    body: dap(HONEST_A),
    participant: person('Casey Samplewood'),
    others: [person('Jordan Testperson')],
    groupPart: null,
    otherNotesThisSession: [dap(HONEST_B)],
    previousNoteOfParticipant: null,
    safety: [],
    ...overrides
  }
}

const warning = (check: PreSignWarning['check'], message: string, blocking = false) => ({
  check,
  message,
  blocking
})

describe('missingRequired: the parts a format needs', () => {
  it.each(NOTE_FORMATS)('an empty %s note lists every section, then the risk level', (format) => {
    expect(missingRequired(format, emptyBody(format))).toEqual([
      ...NOTE_SECTIONS[format].map((s) => s.label),
      'Risk level'
    ])
  })

  it('lists the BIRP sections left empty, counting spaces alone as empty', () => {
    const body: NoteBody = {
      ...emptyBody('BIRP'),
      risk: 'none',
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
      risk: 'low',
      riskText: 'Denies SI.',
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

  it('asks for the risk assessment once a risk is rated', () => {
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
  })

  it('"None identified" needs a reason only on a day with a safety event', () => {
    const none = { ...dap(HONEST_A), risk: 'none' as const, riskText: '' }
    const event = [{ at: '2026-11-23T15:40:00.000Z', text: 'Safety concern observed.' }]
    expect(missingRequired('DAP', none)).toEqual([])
    expect(missingRequired('DAP', none, event)).toEqual(['Why no risk was identified'])
    expect(
      missingRequired('DAP', { ...none, riskText: 'Assessed privately; denies intent.' }, event)
    ).toEqual([])
  })
})

describe('preSignChecks: what the counselor is warned about before signing', () => {
  it('a complete, individual note raises no warning', () => {
    expect(preSignChecks(input())).toEqual([])
  })

  it("another participant's name in a section is flagged, with the name", () => {
    const body = dap(`${HONEST_A} Sat next to Jordan Testperson.`)
    expect(preSignChecks(input({ body }))).toEqual([
      warning(
        'peer_name',
        'Another participant\'s name appears in this note (Jordan Testperson). Use "a peer" instead.'
      )
    ])
  })

  it('two people are both named, and a first name on its own is caught too', () => {
    const body = dap(`${HONEST_A} Jordan and Sam Example gave feedback.`)
    const others = [person('Jordan Testperson'), person('Sam Example')]
    expect(preSignChecks(input({ body, others }))).toEqual([
      warning(
        'peer_name',
        'Other participants\' names appear in this note (Jordan, Sam Example). Use "a peer" instead.'
      )
    ])
  })

  it('names are looked for in the risk text, the follow-up and the goal progress too', () => {
    const at = (body: Partial<NoteBody>) =>
      preSignChecks(input({ body: { ...dap(HONEST_A), ...body } })).map((w) => w.message)
    const one = 'Another participant\'s name appears in this note (Jordan). Use "a peer" instead.'
    expect(at({ risk: 'low', riskText: 'Jordan offered a ride home.' })).toEqual([one])
    expect(at({ followUp: 'Check in with Jordan too.' })).toEqual([one])
    expect(
      at({ goals: [{ goalId: 'g1', addressed: true, progress: 'Practised with Jordan.' }] })
    ).toEqual([one])
  })

  it('ordinary words are not names: "will continue", "expressed hope"', () => {
    const body = dap(`${HONEST_A} Will continue to attend; expressed hope about work.`)
    const others = [person('Will Okafor'), person('Hope Martinez')]
    expect(preSignChecks(input({ body, others }))).toEqual([])
  })

  it('a word marked "not a name" for this note is passed over', () => {
    const body = { ...dap(`${HONEST_A} Volunteers at the Hope Street shelter.`) }
    const others = [person('Hope Martinez')]
    expect(preSignChecks(input({ body, others })).map((w) => w.check)).toEqual(['peer_name'])
    expect(preSignChecks(input({ body: { ...body, notNames: ['Hope'] }, others }))).toEqual([])
  })

  it('a name in the group part, which every note prints, is flagged, whoever it is', () => {
    const groupPart = {
      topics: 'Cravings.',
      interventions: 'Role-play led by Casey.',
      dynamics: 'Supportive.'
    }
    expect(preSignChecks(input({ groupPart }))).toEqual([
      warning(
        'group_part_name',
        "The group part, printed in every participant's note, names someone (Casey). Describe the group without names."
      )
    ])
    expect(preSignChecks(input({ groupPart: { ...groupPart, notNames: ['casey'] } }))).toEqual([])
  })

  it('a note copied for another participant of this session is flagged with the percentage', () => {
    const warnings = preSignChecks(
      input({
        body: dap(templated('Riley')),
        otherNotesThisSession: [dap(HONEST_B), dap(templated('Sam'))]
      })
    )
    expect(warnings.map((w) => w.check)).toEqual(['cloned'])
    expect(warnings[0]?.message).toMatch(
      /^The individual part is 9\d% alike another participant's note from this session\. /
    )
  })

  it('says how many notes of the session are alike when there are several', () => {
    const [found] = preSignChecks(
      input({
        body: dap(templated('Riley')),
        otherNotesThisSession: [dap(templated('Sam')), dap(templated('Riley'))]
      })
    )
    expect(found?.message).toContain('100% alike')
    expect(found?.message).toContain('(2 notes of this session read alike)')
  })

  it('one long field pasted into another note is named', () => {
    const plan =
      'Attend three groups a week, practise urge surfing each evening, call a sober support before weekends.'
    const [found] = preSignChecks(
      input({
        body: dap(HONEST_A, 'Engaged.', plan),
        otherNotesThisSession: [dap(HONEST_B, 'Quiet.', plan)]
      })
    )
    expect(found?.message).toMatch(/^"Plan" is 100% alike another participant's note/)
  })

  it("a copy of the participant's previous note is flagged as such", () => {
    const previous = dap(HONEST_A.replace('bright', 'flat'))
    const warnings = preSignChecks(input({ previousNoteOfParticipant: previous }))
    expect(warnings).toEqual([
      warning(
        'cloned',
        expect.stringMatching(
          /^The individual part is 8\d% alike this participant's previous note\. /
        ) as unknown as string
      )
    ])
  })

  it('an honestly different previous note is not flagged', () => {
    expect(preSignChecks(input({ previousNoteOfParticipant: dap(HONEST_B) }))).toEqual([])
  })

  it('empty required parts are listed by label', () => {
    const body: NoteBody = { ...dap(HONEST_A, '', ' '), risk: 'low', riskText: '', followUp: '' }
    expect(preSignChecks(input({ body }))).toEqual([
      warning('required_empty', 'Required parts are empty: Assessment, Plan, Risk assessment.')
    ])
    expect(preSignChecks(input({ body: dap(HONEST_A, 'Engaged.', '') }))).toEqual([
      warning('required_empty', 'A required part is empty: Plan.')
    ])
  })

  it('a risk level never chosen refuses signing: risk is assessed, not assumed', () => {
    const found = preSignChecks(input({ body: { ...dap(HONEST_A), risk: null } }))
    expect(found).toEqual([
      warning(
        'risk_not_assessed',
        'The risk level has not been chosen. Assess risk and choose a level before signing; it is never assumed.',
        true
      )
    ])
  })

  it('"None identified" on a day with a safety event refuses signing until a reason is written', () => {
    const safety = [{ at: null, text: 'PHQ-9 item 9 answered 1 of 3.' }]
    const none: NoteBody = { ...dap(HONEST_A), risk: 'none', riskText: '' }
    expect(preSignChecks(input({ body: none, safety }))).toEqual([
      warning(
        'risk_reason_needed',
        'The record shows a safety event for this participant today, so "None identified" needs a written reason: ' +
          'say what was assessed and why no risk was found.',
        true
      )
    ])
    const reasoned = { ...none, riskText: 'Assessed privately after group; denies intent or plan.' }
    expect(preSignChecks(input({ body: reasoned, safety }))).toEqual([])
    expect(preSignChecks(input({ body: none }))).toEqual([])
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
