import type { MeasureId } from '../domain/measure'

/**
 * The brief measures the program offers, each as its authors published it:
 * the instruction, every item in its own words, its answers with their
 * values, the total's range and, where the authors published them, the
 * severity bands.
 *
 * The wording of the published instruments (PHQ-9, GAD-7, PACS) must not be
 * altered — not shortened, not "plain-worded", not re-ordered. Their scores and
 * bands are only valid for the wording the authors validated. Each entry says
 * where its text comes from and on what terms it may be used.
 */

export interface ResponseOption {
  value: number
  label: string
}

export interface InstrumentItem {
  text: string
  options: ReadonlyArray<ResponseOption>
}

export interface SeverityBand {
  key: string
  label: string
  /** Inclusive. */
  min: number
  /** Inclusive. */
  max: number
}

export interface Instrument {
  id: MeasureId
  name: string
  /** What it is for, in a line. */
  purpose: string
  /** The instruction shown above the items. */
  stem: string
  items: ReadonlyArray<InstrumentItem>
  min: number
  max: number
  /** Contiguous, covering min..max exactly; empty when the authors published none. */
  bands: ReadonlyArray<SeverityBand>
  /** Index of the item whose non-zero answer calls for a same-day safety follow-up. */
  safetyItem: number | null
  /** The published source of the wording. */
  source: string
  /** The permission to use it, shown with the form. */
  release: string
}

const PHQ_OPTIONS: ReadonlyArray<ResponseOption> = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' }
]

const PHQ_RELEASE =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, ' +
  'with an educational grant from Pfizer Inc. No permission required to reproduce, ' +
  'translate, display or distribute.'

function phqItems(texts: ReadonlyArray<string>): InstrumentItem[] {
  return texts.map((text) => ({ text, options: PHQ_OPTIONS }))
}

/**
 * PHQ-9. Source: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a
 * brief depression severity measure. J Gen Intern Med 2001;16(9):606–613; the
 * wording is the form released with the notice in `release` (Pfizer, "No
 * permission required to reproduce, translate, display or distribute").
 * Bands 5/10/15/20 as published by the authors. Item 9 wording: the released
 * form reads "…better off dead or of hurting yourself in some way"; the
 * variant "…or thoughts of hurting yourself in some way" is a later
 * paraphrase and is not used. Do not alter the wording.
 */
const PHQ9: Instrument = {
  id: 'phq9',
  name: 'PHQ-9',
  purpose: 'Depression: how often nine symptoms bothered the person over the last two weeks.',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: phqItems([
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way'
  ]),
  min: 0,
  max: 27,
  bands: [
    { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { key: 'mild', label: 'Mild', min: 5, max: 9 },
    { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { key: 'moderately_severe', label: 'Moderately severe', min: 15, max: 19 },
    { key: 'severe', label: 'Severe', min: 20, max: 27 }
  ],
  safetyItem: 8,
  source:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606–613.',
  release: PHQ_RELEASE
}

/**
 * GAD-7. Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure
 * for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med
 * 2006;166(10):1092–1097; released on the same terms as the PHQ-9. Its own
 * instruction reads "by the following problems" (the PHQ-9's adds "any of").
 * Bands 5/10/15 as published. Do not alter the wording.
 */
const GAD7: Instrument = {
  id: 'gad7',
  name: 'GAD-7',
  purpose: 'Anxiety: how often seven symptoms bothered the person over the last two weeks.',
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: phqItems([
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid as if something awful might happen'
  ]),
  min: 0,
  max: 21,
  bands: [
    { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { key: 'mild', label: 'Mild', min: 5, max: 9 },
    { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { key: 'severe', label: 'Severe', min: 15, max: 21 }
  ],
  safetyItem: null,
  source:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
  release: PHQ_RELEASE
}

/**
 * The program's own generic single-item craving rating, not a published
 * instrument: no permission is needed, and its bands are a program
 * convention, not validated clinical cut-offs.
 */
const CRAVING: Instrument = {
  id: 'craving',
  name: 'Craving rating (0–10)',
  purpose: 'How strong the strongest craving of the past day was, on a 0 to 10 scale.',
  stem: 'Choose one number from 0 to 10.',
  items: [
    {
      text: 'In the past 24 hours, how strong was your strongest craving?',
      options: Array.from({ length: 11 }, (_, value) => ({
        value,
        label: value === 0 ? 'None' : value === 10 ? 'The strongest you can imagine' : String(value)
      }))
    }
  ],
  min: 0,
  max: 10,
  bands: [
    { key: 'none', label: 'None', min: 0, max: 0 },
    { key: 'mild', label: 'Mild', min: 1, max: 3 },
    { key: 'moderate', label: 'Moderate', min: 4, max: 6 },
    { key: 'strong', label: 'Strong', min: 7, max: 10 }
  ],
  safetyItem: null,
  source: "The program's own generic item; not a published instrument.",
  release:
    "This program's own generic craving item, free to use. Its bands (0 none, 1–3 mild, 4–6 moderate, 7–10 strong) are a program convention, not validated clinical cut-offs."
}

/**
 * Penn Alcohol Craving Scale. Source: Flannery BA, Volpicelli JR, Pettinati HM.
 * Psychometric properties of the Penn Alcohol Craving Scale. Alcohol Clin Exp
 * Res 1999;23(8):1289–1295. Release: the PhenX Toolkit lists it as "freely
 * available; permission not required for use". Wording taken from the PhenX
 * protocol and a published form; see the VERIFY notes for what is not yet
 * checked against the paper's appendix. Do not alter the wording.
 *
 * No bands: the authors published none, and the cut-offs proposed since
 * (e.g. >20, ≥15) are research proposals, not severity bands, so none is
 * invented here. The score is read as a trend over the weeks.
 */
const PACS: Instrument = {
  id: 'pacs',
  name: 'Penn Alcohol Craving Scale',
  purpose:
    'Alcohol craving over the past week: how often, how strong, how long, how hard to resist.',
  stem: 'Please read each item carefully and circle the number that best describes your craving during the past week.',
  items: [
    {
      text: 'During the past week how often have you thought about drinking or about how good a drink would make you feel?',
      options: [
        { value: 0, label: 'Never (0 times during the past week)' },
        { value: 1, label: 'Rarely (1 to 2 times during the past week)' },
        { value: 2, label: 'Occasionally (3 to 4 times during the past week)' },
        {
          value: 3,
          label: 'Sometimes (5 to 10 times during the past week or 1 to 2 times per day)'
        },
        { value: 4, label: 'Often (11 to 20 times during the past week or 2 to 3 times per day)' },
        {
          value: 5,
          label: 'Most of the time (20 to 40 times during the past week or 3 to 6 times per day)'
        },
        {
          value: 6,
          label:
            'Nearly all the time (more than 40 times during the past week or more than 6 times per day)'
        }
      ]
    },
    {
      text: 'At its most severe point, how strong was your craving during the past week?',
      // VERIFY: anchors 0–5 seen in a published adaptation; anchor 6 is recalled
      // ("…would have drunk if able to"; the adaptation reads "…would have used if
      // available"), and the order is inferred. Check against Flannery et al. 1999.
      options: [
        { value: 0, label: 'None at all' },
        { value: 1, label: 'Slight, that is, a very mild urge' },
        { value: 2, label: 'Mild urge' },
        { value: 3, label: 'Moderate urge' },
        { value: 4, label: 'Strong urge, but easily controlled' },
        { value: 5, label: 'Strong urge and difficult to control' },
        { value: 6, label: 'Strong urge and would have drunk if able to' }
      ]
    },
    {
      text: 'During the past week, how much time have you spent thinking about drinking or about how good a drink would make you feel?',
      options: [
        { value: 0, label: 'None at all' },
        { value: 1, label: 'Less than 20 minutes' },
        { value: 2, label: '21 to 45 minutes' },
        { value: 3, label: '46 to 90 minutes' },
        { value: 4, label: '90 minutes to 3 hours' },
        { value: 5, label: 'Between 3 to 6 hours' },
        { value: 6, label: 'More than 6 hours' }
      ]
    },
    {
      // VERIFY: item text and anchors recalled, not seen in a primary source.
      text: 'During the past week how difficult would it have been to resist taking a drink if you had known a bottle were in your house?',
      options: [
        { value: 0, label: 'Not difficult at all' },
        { value: 1, label: 'Very mildly difficult' },
        { value: 2, label: 'Mildly difficult' },
        { value: 3, label: 'Moderately difficult' },
        { value: 4, label: 'Very difficult' },
        { value: 5, label: 'Extremely difficult' },
        { value: 6, label: 'Would not be able to resist' }
      ]
    },
    {
      text: 'Keeping in mind your responses to the previous questions, please rate your overall average alcohol craving for the past week.',
      // VERIFY: anchors recalled, not seen in a primary source.
      options: [
        { value: 0, label: 'Never thought about drinking and never had the urge to drink' },
        { value: 1, label: 'Rarely thought about drinking and rarely had the urge to drink' },
        {
          value: 2,
          label: 'Occasionally thought about drinking and occasionally had the urge to drink'
        },
        {
          value: 3,
          label: 'Sometimes thought about drinking and sometimes had the urge to drink'
        },
        { value: 4, label: 'Often thought about drinking and often had the urge to drink' },
        {
          value: 5,
          label:
            'Thought about drinking most of the time and had the urge to drink most of the time'
        },
        {
          value: 6,
          label:
            'Thought about drinking nearly all of the time and had the urge to drink nearly all of the time'
        }
      ]
    }
  ],
  min: 0,
  max: 30,
  bands: [],
  safetyItem: null,
  source:
    'Flannery BA, Volpicelli JR, Pettinati HM. Psychometric properties of the Penn Alcohol Craving Scale. Alcohol Clin Exp Res 1999;23(8):1289–1295.',
  release:
    'Penn Alcohol Craving Scale (Flannery, Volpicelli & Pettinati, 1999). Freely available; permission not required for use (PhenX Toolkit). No severity bands are published: read the score as a trend.'
}

export const INSTRUMENTS: Readonly<Record<MeasureId, Instrument>> = {
  phq9: PHQ9,
  gad7: GAD7,
  craving: CRAVING,
  pacs: PACS
}
