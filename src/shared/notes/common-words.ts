/**
 * Given names, surnames and nicknames that are also ordinary English words.
 * Written in lower case such a word is the word ("will continue", "expressed
 * hope", "may benefit"), never a name; capitalised it is a name unless it only
 * starts a sentence (see names.ts). A name not listed here is a name whatever
 * its case, so "jordan" written in lower case is still caught.
 */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(
  `
  will may hope grace frank faith joy mark bill sue pat dawn art rob jack drew miles penny
  carol christian earl guy don dean gene ray nick norm chuck lance wade reed hunter cliff glen
  dale rocky rusty sandy sunny buddy max sky river jay kitty misty stormy crystal amber ruby pearl
  jade opal ivy holly iris lily rose violet daisy heather hazel olive fern willow sage autumn summer
  winter april june august star angel destiny harmony melody honor patience prudence charity mercy
  trinity liberty justice serenity precious bliss chase cash page rich young brown white black
  green gray grey king bishop cook baker hall wood woods hill stone rice price bell case ward fox
  long short little small strong best love swift wise duke prince major sharp lane park field
  banks walker porter mason turner fisher miller potter cole glass gold silver steel frost snow
  rain storm day knight noble moody hardy savage brave bright cross church temple bond moss marsh
  lake brook brooks rivers shore beach ford bush wolf lamb crane bird swan hawk fish bass pike
  drake rose sterling cannon carter chance clay cooper gale hart heart hale
  `
    .split(/\s+/)
    .filter(Boolean)
)

/** Months that are also names: "in May", "on June 3" are dates, not people. */
export const MONTH_NAMES: ReadonlySet<string> = new Set(['may', 'june', 'april', 'august'])

/** Words before a month when it is a date: "in May", "since April", "early June". */
export const MONTH_LEAD_WORDS: ReadonlySet<string> = new Set(
  'in on since until till by early late mid of next last this during before after through from'.split(
    ' '
  )
)

/**
 * What a person does in a note when they are the subject of a sentence:
 * "Will said", "Hope shared", "May reported". After a capitalised ordinary
 * word that starts a sentence, one of these makes it a name; "Will continue",
 * "Hope was a theme", "Frank discussion" stay ordinary words.
 */
export const PERSON_VERBS: ReadonlySet<string> = new Set(
  `
  said says shared shares reported reports stated states told tells asked asks agreed agrees
  disagreed disagrees arrived arrives left leaves spoke speaks described describes offered offers
  disclosed discloses admitted admits explained explains mentioned mentions laughed laughs cried
  cries joined joins attended attends talked talks thanked thanks helped helps gave gives came
  comes sat sits walked walks brought brings called calls texted texts suggested suggests
  answered answers replied replies responded responds interrupted interrupts yelled yells
  apologized apologised apologizes apologises encouraged encourages challenged challenges
  praised praises hugged hugs invited invites raised raises noted notes added adds
  `
    .split(/\s+/)
    .filter(Boolean)
)

/** Titles before a surname: "Ms. Okafor". The dot after them never ends a sentence. */
export const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'ms', 'mrs', 'mx', 'miss', 'dr'])

/**
 * Capital-letter pairs that mean something else in a clinical note, so a
 * participant's initials written without dots ("JO") are matched, but these
 * are not: AA, NA meetings, SI, UA, ER. Initials with dots ("S.I.") still are.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `
  AA NA CA GA OA SA MA AL MI SI HI AH VH UA BP HR ER ED MD DO NP PA RN PT OT ST SW MH OK AM PM
  TV ID IT US OR AN AS AT BE BY GO HE IF IN IS ME MY NO OF OH ON SO TO UP WE CBT DBT IOP SUD PHQ
  GAD MAT OD DUI DWI PO IV IM HIV HCV STD STI ADHD PTSD OCD ASAP FYI NB RE CC
  `
    .split(/\s+/)
    .filter(Boolean)
)
