import type { ContactKind } from '../domain/contacts'
import type { RiskLevel, SafetyProtocolKind } from '../domain/protocol'

/**
 * The crisis protocols, for the facilitator's screen only: never sent to the
 * audience page. Every word here is this project's own, written for a
 * clinician to review in one place; the facts behind the steps follow SAMHSA's
 * public-domain guidance (TIP 41 on group therapy, TIP 42 on co-occurring
 * conditions) and the general rules on duty to protect and mandated reporting,
 * which each state sets for itself.
 *
 * Each protocol has the same parts: steps (with words the facilitator can
 * say), whom to call (from the clinic's contacts in Settings), what to record,
 * and what each risk level means for it. A step with `forRisk` applies only at
 * those levels; once a level is chosen the others are set aside.
 */

export interface SafetyStep {
  id: string
  text: string
  /** Words the facilitator can use, in their own voice. */
  say?: string
  /** The risk levels the step applies to; every level when absent. */
  forRisk?: readonly RiskLevel[]
}

export interface SafetyProtocol {
  kind: SafetyProtocolKind
  title: string
  /** The protocol's name in a menu, short. */
  menuLabel: string
  /** Shown above the steps: the one thing to hold on to. */
  lead: string
  steps: SafetyStep[]
  /** Whom to call, most urgent first, from the clinic's contacts. */
  call: ContactKind[]
  /** What the record of this protocol holds. */
  record: string[]
  /** What each level means for this crisis, to help choose one. */
  risk: Record<RiskLevel, string>
}

const HIGH: readonly RiskLevel[] = ['high', 'imminent']

export const PROTOCOLS: Record<SafetyProtocolKind, SafetyProtocol> = {
  suicidal_thoughts: {
    kind: 'suicidal_thoughts',
    title: 'Someone shared thoughts of suicide or self-harm',
    menuLabel: 'Thoughts of suicide or self-harm',
    lead: 'Stay calm. Keep the group safe and steady, then check in with the person privately.',
    steps: [
      {
        id: 'acknowledge',
        text: 'Thank them for telling the group, calmly. Do not ask for details in front of everyone.',
        say: 'Thank you for trusting us with that. I want to hear more, just the two of us, in a few minutes.'
      },
      {
        id: 'continue',
        text: 'Keep the group going: hand over to your co-facilitator or start a structured activity.'
      },
      {
        id: 'assess',
        text: 'Meet with the person privately as soon as you can and assess their risk.',
        say: 'Are you having thoughts of ending your life? Have you thought about how, or when? Is there anything that keeps you going?'
      },
      {
        id: 'low-risk',
        forRisk: ['low'],
        text: 'If the risk is low: go over who they can reach tonight, give them the 988 call-or-text line, and agree when you will next check in.',
        say: 'If these thoughts get stronger before we meet again, you can call or text 988 at any hour, or come to us.'
      },
      {
        id: 'high-risk',
        forRisk: HIGH,
        text: 'If the risk is high: stay with them and arrange an emergency evaluation now.',
        say: 'I am going to stay with you while we get you some help right now.'
      },
      {
        id: 'safety-plan',
        forRisk: ['moderate'],
        text: 'If the risk is moderate: same-day assessment and a written safety plan — warning signs, their own coping steps, places and people that distract, people they can ask for help, professionals and the 988 call-or-text line, and making the means safer.'
      },
      { id: 'supervisor', text: 'Talk it over with your supervisor.' },
      { id: 'follow-up', text: 'Set a time to follow up with the person.' },
      { id: 'document', text: 'Write down what happened and what you did.' }
    ],
    call: ['crisis_line', 'emergency', 'supervisor'],
    record: [
      'What the person said, in their words where you can',
      'The risk level you reached and why',
      'The safety plan or emergency referral, and who else was told',
      'When you will follow up'
    ],
    risk: {
      low: 'Passing thoughts, no plan or intent, reasons for living, support at hand.',
      moderate: 'Thoughts that keep coming back, perhaps a vague plan, no intent to act now.',
      high: 'A plan and access to the means, or a recent attempt, or intent they cannot rule out.',
      imminent: 'Intends to act soon and has the means: do not leave them alone.'
    }
  },
  impaired: {
    kind: 'impaired',
    title: 'Someone seems to be under the influence',
    menuLabel: 'Under the influence',
    lead: 'Keep the group safe, and speak with the person privately and without judgement.',
    steps: [
      { id: 'group-safe', text: 'Keep the group safe and steady; carry on with the session.' },
      {
        id: 'private',
        text: 'Speak with the person privately.',
        say: 'I am glad you came. You seem to be having a hard time today; can we talk for a minute outside?'
      },
      {
        id: 'medical',
        text: 'Check for medical risk; call for medical help if there are signs of overdose or danger.'
      },
      { id: 'no-driving', text: 'Make sure they do not drive; help arrange a safe way home.' },
      {
        id: 'invite-back',
        text: 'Invite them back to talk it through when they are ready.',
        say: 'Today is not a good day to stay in group, and that is not the end of anything. Come back on Wednesday and we will talk it through.'
      },
      { id: 'document', text: 'Write down what happened and what you did.' }
    ],
    call: ['medical', 'emergency', 'supervisor'],
    record: [
      'What you saw and heard (speech, balance, smell, what they told you)',
      'Any medical check and its result',
      'How they got home, and who took them',
      'When they were invited back'
    ],
    risk: {
      low: 'Mildly affected, alert, a safe way home arranged.',
      moderate: 'Clearly affected; needs someone to take them home and a check later today.',
      high: 'Very drowsy, confused or mixing substances: medical check now.',
      imminent: 'Signs of overdose: start the medical emergency protocol.'
    }
  },
  harm_to_others: {
    kind: 'harm_to_others',
    title: 'Someone threatened to harm another person',
    menuLabel: 'Threat of harm to others',
    lead: 'Safety first: the group, yourself, the person. Then assess privately and consult before deciding.',
    steps: [
      {
        id: 'safety',
        text: 'Keep everyone safe: keep your voice low, leave space and an open exit, and ask a colleague to stay near.',
        say: 'I can hear how angry you are. Let us step out and talk it over, just the two of us.'
      },
      {
        id: 'continue',
        text: 'Keep the group going with your co-facilitator, or pause it if anyone is in danger.'
      },
      {
        id: 'assess',
        text: 'Assess privately: who is the person they named, what did they say they would do, do they have a plan or a weapon, have they acted before.',
        say: 'Help me understand: who are you thinking of, and what do you think you might do?'
      },
      {
        id: 'emergency',
        forRisk: HIGH,
        text: 'If harm seems likely soon: call 911, do not try to hold the person, and keep others away from them.'
      },
      {
        id: 'consult',
        text: 'Consult your supervisor before the person leaves, if you can.'
      },
      {
        id: 'duty',
        forRisk: ['moderate', ...HIGH],
        text: 'Decide with your supervisor whether your state’s duty-to-warn or duty-to-protect rule applies: warning the person named, telling the police, or arranging a hospital evaluation.'
      },
      {
        id: 'plan',
        forRisk: ['low', 'moderate'],
        text: 'Agree a plan with the person for the next days: people to call, places to avoid, and when you will meet again.'
      },
      {
        id: 'document',
        text: 'Write down what was said, what you assessed, whom you consulted and what you did.'
      }
    ],
    call: ['emergency', 'supervisor'],
    record: [
      'The threat in the person’s own words, and who it named',
      'Plan, means and history of violence, as assessed',
      'Whom you consulted, and whether a warning or report was made (to whom, when)',
      'The plan agreed and when you will follow up'
    ],
    risk: {
      low: 'Anger spoken aloud, no one named, no plan or means.',
      moderate: 'Someone named, but no plan or means; the person can agree a plan.',
      high: 'A named person, a plan or access to a weapon, or a history of violence.',
      imminent: 'About to act, or armed: call 911 now.'
    }
  },
  abuse_disclosure: {
    kind: 'abuse_disclosure',
    title: 'Someone disclosed abuse of a child or an older or dependent adult',
    menuLabel: 'Disclosure of child or elder abuse',
    lead: 'Listen, do not investigate. A mandated report is made within your state’s deadline.',
    steps: [
      {
        id: 'listen',
        text: 'Listen calmly and thank them. Do not ask for details in front of the group.',
        say: 'Thank you for telling me. I would like to talk with you about this privately after group.'
      },
      {
        id: 'no-investigation',
        text: 'In private, let them say what they want to say. Do not question them for details, look for proof or confront anyone: that is for the investigators.'
      },
      {
        id: 'limits',
        text: 'Tell them honestly that you must report it, as the group agreements say, and what happens next.',
        say: 'What you told me is one of the things I am required to report, so that someone can make sure everyone is safe. I will tell you what I am doing.'
      },
      {
        id: 'danger',
        forRisk: HIGH,
        text: 'If a child or adult is in danger now, call 911 first.'
      },
      {
        id: 'report',
        text: 'Make the report to child or adult protective services within your state’s deadline (often at once by phone, then in writing).'
      },
      { id: 'supervisor', text: 'Tell your supervisor the same day.' },
      {
        id: 'document',
        text: 'Write down what was said, in their words, with the date and time; not your conclusions.'
      }
    ],
    call: ['child_protective', 'adult_protective', 'emergency', 'supervisor'],
    record: [
      'What was said, in the person’s own words, and when',
      'Who may be at risk (no conclusions about what happened)',
      'The report: agency, date and time, the reference number, whom you spoke with',
      'Who else was told'
    ],
    risk: {
      low: 'Something in the past, the person at risk now safe; a report is still made.',
      moderate: 'Harm may be going on; report today.',
      high: 'Harm is going on and the person at risk is reachable by the one harming them.',
      imminent: 'Someone is in danger right now: call 911.'
    }
  },
  medical_emergency: {
    kind: 'medical_emergency',
    title: 'Medical emergency or suspected overdose',
    menuLabel: 'Medical emergency or overdose',
    lead: 'Call 911 first. Give naloxone if opioids may be involved. Stay with the person until help arrives.',
    steps: [
      {
        id: 'call',
        text: 'Call 911, or have someone call, and say where you are. Ask someone to meet the responders at the door.',
        say: 'You, please call 911 and tell them someone is not breathing well at this address. You, please wait at the door.'
      },
      {
        id: 'check',
        text: 'Check if they respond and are breathing. Signs of opioid overdose: very small pupils, slow or no breathing, blue or grey lips, no response.'
      },
      {
        id: 'naloxone',
        text: 'If opioids may be involved, give naloxone as its pack shows. It does no harm if they are not. Give a second dose after 2–3 minutes if there is no response.'
      },
      {
        id: 'recovery',
        text: 'If they are breathing, lay them on their side in the recovery position. If they are not, follow the 911 call-taker’s instructions.'
      },
      {
        id: 'stay',
        text: 'Stay with them until responders arrive; naloxone can wear off before the opioids do.',
        say: 'Help is on its way. I am staying right here with you.'
      },
      {
        id: 'group',
        text: 'Move the rest of the group to another room with your co-facilitator, and check in with them afterwards.'
      },
      {
        id: 'handover',
        text: 'Hand over to the responders: what you saw, the time, what you gave and when.'
      },
      { id: 'document', text: 'Write down what happened, the times, and what you gave.' }
    ],
    call: ['emergency', 'medical', 'supervisor'],
    record: [
      'What you saw, and the time it started',
      'Naloxone or first aid given, with the times',
      'When responders arrived and where the person was taken',
      'Who was told (supervisor, emergency contact with consent)'
    ],
    risk: {
      low: 'A brief episode (a faint, a panic attack) that has passed; checked by medical staff.',
      moderate: 'Symptoms that need a medical check today.',
      high: 'Needs urgent medical care; an ambulance called.',
      imminent: 'Not breathing, not responding, or a suspected overdose.'
    }
  },
  withdrawal: {
    kind: 'withdrawal',
    title: 'Someone shows signs of acute withdrawal',
    menuLabel: 'Acute withdrawal',
    lead: 'Withdrawal from alcohol or sedatives (benzodiazepines) can be dangerous: arrange a medical evaluation today, and the person does not go home alone.',
    steps: [
      {
        id: 'private',
        text: 'Speak with the person privately and without judgement.',
        say: 'You look unwell today. Can you tell me what you have used, and when you last used it?'
      },
      {
        id: 'signs',
        text: 'Ask and look: what they stopped, how much they had been using, when they last used; shaking, sweating, racing heart, vomiting, confusion, seeing or hearing things.'
      },
      {
        id: 'emergency',
        forRisk: HIGH,
        text: 'A seizure, confusion, seeing or hearing things, or a very fast heart: call 911 now.'
      },
      {
        id: 'medical',
        text: 'Arrange a medical evaluation today, with your medical contact or an urgent care or emergency service.'
      },
      {
        id: 'not-alone',
        text: 'Make sure they do not drive and do not go home alone: a support person, a ride, or an escort to the evaluation.'
      },
      { id: 'supervisor', text: 'Tell your supervisor.' },
      {
        id: 'document',
        text: 'Write down what you saw, what they told you, and what was arranged.'
      }
    ],
    call: ['medical', 'emergency', 'supervisor'],
    record: [
      'The substance stopped, how much, and when last used, as the person told you',
      'The signs you saw',
      'The medical evaluation arranged (where, when) and how they got there',
      'Who they left with'
    ],
    risk: {
      low: 'Mild discomfort, opioids or stimulants only, a safe plan for the day.',
      moderate: 'Clear signs of withdrawal; medical evaluation today.',
      high: 'Alcohol or sedative withdrawal with marked signs, or a past withdrawal seizure.',
      imminent: 'A seizure, confusion or hallucinations: call 911.'
    }
  }
}

/** The steps that apply at a risk level (all of them before one is chosen). */
export function stepsFor(protocol: SafetyProtocol, risk: RiskLevel | null): SafetyStep[] {
  if (risk === null) return protocol.steps
  return protocol.steps.filter((s) => !s.forRisk || s.forRisk.includes(risk))
}
