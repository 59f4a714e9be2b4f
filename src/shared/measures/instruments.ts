import type { MeasureId, RecordedMeasureId } from '../domain/measure'

/**
 * The brief measures the program offers, each as its authors published it:
 * the instruction, every item in its own words, its answers with their
 * values, the total's range and, where the authors published them, the
 * severity bands.
 *
 * The wording of the published instruments (PHQ-9, GAD-7) must not be
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
  /**
   * An unscored question asked after the items when any problem was marked
   * (the PHQ-9's difficulty question), in the program's own words; recorded
   * with the measure, never added to the total.
   */
  difficulty?: InstrumentItem
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
  difficulty: {
    // The program's own wording of the form's closing, unscored question; its
    // meaning is the same: how much the problems marked above got in the way.
    text: 'If you marked any of these problems, how hard have they made it for you to do your work, look after things at home, or get along with other people?',
    options: [
      { value: 0, label: 'Not hard at all' },
      { value: 1, label: 'Somewhat hard' },
      { value: 2, label: 'Very hard' },
      { value: 3, label: 'Extremely hard' }
    ]
  },
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
 * The Penn Alcohol Craving Scale (Flannery, Volpicelli & Pettinati, 1999) is
 * no longer offered: its item and answer wording could not be checked word for
 * word against the published scale, and a score is only valid for the wording
 * its authors validated. Results recorded before it was withdrawn stay
 * readable (history, charts, printed summaries), under this name and range.
 */
const PACS_RETIRED: MeasureInfo = {
  id: 'pacs',
  name: 'Penn Alcohol Craving Scale (no longer offered)',
  min: 0,
  max: 30,
  bands: []
}

export const INSTRUMENTS: Readonly<Record<MeasureId, Instrument>> = {
  phq9: PHQ9,
  gad7: GAD7,
  craving: CRAVING
}

/** What a chart, a history or a printout needs of any recorded measure, offered or withdrawn. */
export interface MeasureInfo {
  id: RecordedMeasureId
  name: string
  min: number
  max: number
  bands: ReadonlyArray<SeverityBand>
}

function infoOf(instrument: Instrument): MeasureInfo {
  const { id, name, min, max, bands } = instrument
  return { id, name, min, max, bands }
}

export const MEASURE_INFO: Readonly<Record<RecordedMeasureId, MeasureInfo>> = {
  phq9: infoOf(PHQ9),
  gad7: infoOf(GAD7),
  craving: infoOf(CRAVING),
  pacs: PACS_RETIRED
}
