import type { SafetyProtocolKind } from '../domain/session'

export interface SafetyStep {
  id: string
  text: string
}

export interface SafetyProtocol {
  kind: SafetyProtocolKind
  title: string
  /** Shown above the steps: why the facilitator is seeing this. */
  lead: string
  steps: SafetyStep[]
}

/**
 * The in-session safety steps, for the facilitator's screen only: never sent
 * to the audience page. The wording is this project's own.
 */
export const SAFETY_PROTOCOLS: Record<SafetyProtocolKind, SafetyProtocol> = {
  suicidal_thoughts: {
    kind: 'suicidal_thoughts',
    title: 'Someone shared thoughts of suicide or self-harm',
    lead: 'Stay calm. Keep the group safe and steady, then check in with the person privately.',
    steps: [
      {
        id: 'acknowledge',
        text: 'Thank them for telling the group, calmly. Do not ask for details in front of everyone.'
      },
      {
        id: 'continue',
        text: 'Keep the group going: hand over to your co-facilitator or start a structured activity.'
      },
      {
        id: 'assess',
        text: 'Meet with the person privately as soon as you can and assess their risk.'
      },
      {
        id: 'high-risk',
        text: 'If the risk is high: stay with them and arrange an emergency evaluation now.'
      },
      {
        id: 'safety-plan',
        text: 'If the risk is moderate: same-day assessment and a written safety plan — warning signs, their own coping steps, places and people that distract, people they can ask for help, professionals and the 988 call-or-text line, and making the means safer.'
      },
      { id: 'supervisor', text: 'Talk it over with your supervisor.' },
      { id: 'follow-up', text: 'Set a time to follow up with the person.' },
      { id: 'document', text: 'Write down what happened and what you did.' }
    ]
  },
  impaired: {
    kind: 'impaired',
    title: 'Someone seems to be under the influence',
    lead: 'Keep the group safe, and speak with the person privately and without judgement.',
    steps: [
      { id: 'group-safe', text: 'Keep the group safe and steady; carry on with the session.' },
      { id: 'private', text: 'Speak with the person privately.' },
      {
        id: 'medical',
        text: 'Check for medical risk; call for medical help if there are signs of overdose or danger.'
      },
      { id: 'no-driving', text: 'Make sure they do not drive; help arrange a safe way home.' },
      { id: 'invite-back', text: 'Invite them back to talk it through when they are ready.' },
      { id: 'document', text: 'Write down what happened and what you did.' }
    ]
  }
}

/** The protocol an observation opens, if any. */
export function protocolForTag(tag: string | null): SafetyProtocolKind | null {
  if (tag === 'safety_concern') return 'suicidal_thoughts'
  if (tag === 'arrived_impaired') return 'impaired'
  return null
}
