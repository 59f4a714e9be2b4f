import type { AgreementItem } from '../domain/agreements'

/**
 * The group agreements shipped with the app (version 1), in plain words for a
 * clinician to review and the clinic to change in Settings. Written for this
 * project. The limits of confidentiality follow the usual legal duties (risk
 * of harm, abuse of a child or an older or dependent adult, a court order, a
 * medical emergency); a clinic checks them against its own state's law.
 */
export const DEFAULT_AGREEMENTS: readonly AgreementItem[] = [
  {
    heading: 'What is said here stays here',
    text: 'Who comes to group and what people share stays in this room. You are always free to talk about your own experience.'
  },
  {
    heading: 'When staff must share information',
    text: 'Staff keep what you say private, except where the law requires them to act: if someone may harm themselves or someone else; if a child, or an older or dependent adult, may be abused or neglected; if a court orders it; or in a medical emergency. Whenever they can, staff will tell you first what they need to do.'
  },
  {
    heading: 'Come to group sober',
    text: 'Come free of alcohol and of drugs not prescribed to you. If you have used today, tell a staff member privately: you will be treated with respect, and together you will work out what is safe.'
  },
  {
    heading: 'Be on time',
    text: 'Arrive on time and stay to the end. If you will be late or must leave early, let staff know.'
  },
  {
    heading: 'Phones away',
    text: 'Put your phone on silent and out of sight. Step out if a call cannot wait. No photos or recordings of the group.'
  },
  {
    heading: 'Respect',
    text: 'Treat everyone with respect, whatever their background, beliefs or stage of recovery. No threats, violence or put-downs.'
  },
  {
    heading: 'One voice at a time',
    text: 'Let each person finish. No side conversations, and no advice or comments on someone’s share unless they ask for them.'
  },
  {
    heading: 'You may pass',
    text: 'You can always say “pass”. Share what you are ready to share.'
  }
]
