/**
 * What a counselor does the same day when a participant marks PHQ-9 item 9
 * above zero: a private, one-to-one follow-up, not the steps for a disclosure
 * in the group room. Shown to the counselor only (the measure form, the home
 * screen), never sent to the projector. Written for this program.
 */

export interface FollowUpStep {
  id: string
  text: string
}

export interface FollowUpChecklist {
  title: string
  lead: string
  steps: ReadonlyArray<FollowUpStep>
}

export const ITEM9_FOLLOW_UP: FollowUpChecklist = {
  title: 'Private follow-up today: PHQ-9 item 9 was above zero',
  lead: 'The person marked thoughts of being better off dead or of hurting themselves. Speak with them on their own today, before they leave.',
  steps: [
    {
      id: 'private',
      text: 'Find a private room and a few unhurried minutes with the person, away from the group.'
    },
    {
      id: 'ask',
      text: 'Ask directly and calmly about the thoughts they marked: how often and how recent, any plan or intent, access to means, and any past attempts.'
    },
    {
      id: 'protective',
      text: 'Ask what is keeping them safe now: reasons for living, people who support them, and their own ways of coping.'
    },
    {
      id: 'risk-level',
      text: 'Decide the risk level (low, moderate, high or imminent) and write it down.'
    },
    {
      id: 'high-risk',
      text: 'If the risk is high or imminent: stay with them and arrange an emergency evaluation now; they do not leave alone.'
    },
    {
      id: 'safety-plan',
      text: 'If the risk is moderate: write a safety plan with them today — warning signs, their own coping steps, people and places that help, people to ask for help, professionals and the 988 call-or-text line, and making means safer.'
    },
    { id: 'supervisor', text: 'Consult your supervisor today.' },
    { id: 'next-contact', text: 'Agree when the next check-in will be, and who will make it.' },
    {
      id: 'record',
      text: 'Record below what was done; the follow-up stays on the home screen until it is.'
    }
  ]
}

export const ITEM9_STEP_IDS: ReadonlyArray<string> = ITEM9_FOLLOW_UP.steps.map((s) => s.id)
