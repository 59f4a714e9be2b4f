import type { SessionSettings } from '../../../../shared/domain/session'

type Settings = SessionSettings

/** A setting that is a whole number, with its bounds; the schema checks them again. */
export interface WholeNumberField {
  key: keyof Settings
  label: string
  description: string
  min: number
  max: number
}

/** How a running session keeps time and warns: the running screen reads these. */
const RUNNING_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'wrapUpMinutes',
    label: 'Wrap-up warning (minutes)',
    description: 'How long before a segment’s end the timer warns that it is time to wrap up',
    min: 1,
    max: 30
  },
  {
    key: 'minimumSegmentMinutes',
    label: 'Shortest segment a rebalance may leave (minutes)',
    description:
      'When a segment runs over, a proposal to take time from later ones never shortens a segment below this',
    min: 1,
    max: 60
  },
  {
    key: 'cravingFlagAt',
    label: 'Flag a craving rating of at least (0–10)',
    description:
      'In a round, a craving rating this high or higher, and any safety concern, is flagged on the facilitator’s screen for a private follow-up',
    min: 0,
    max: 10
  }
]

/** What a payer or the program requires of a day, a week and a note. */
const REQUIREMENT_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'dailyMinimumMinutes',
    label: 'Daily minimum of countable minutes',
    description:
      'For groups billed per diem (H0015, S9480): payers commonly need 180 minutes for a day to count, which the default agenda gives; groups billed as 90853 have none. Check your payers’ rules',
    min: 0,
    max: 600
  },
  {
    key: 'lateAfterMinutes',
    label: 'Late arrival after (minutes)',
    description: 'Arriving more than this long after the start is recorded as a late arrival',
    min: 0,
    max: 60
  },
  {
    key: 'noteDueHours',
    label: 'Notes are due (hours after the session)',
    description: 'After this, a note shows as overdue, and signing it marks it a late entry',
    min: 1,
    max: 336
  }
]

const BACKUP_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'backupDays',
    label: 'Days of daily backups to keep',
    description:
      "One encrypted copy of each records file a day, in the data folder's backups folder",
    min: 2,
    max: 365
  }
]

const SECURITY_FIELDS: ReadonlyArray<WholeNumberField> = [
  {
    key: 'lockAfterMinutes',
    label: 'Lock the app after this many idle minutes',
    description:
      'With no key press or mouse move for this long, the app locks until the same person types their passphrase; Ctrl+L (⌘L) locks at once',
    min: 1,
    max: 60
  }
]

/** Weekly hours, by age group: half hours allowed. */
export const WEEKLY_HOURS_FIELDS: ReadonlyArray<{
  key: 'weeklyHoursRequired' | 'weeklyHoursAdolescent'
  label: string
  description: string
}> = [
  {
    key: 'weeklyHoursRequired',
    label: 'Countable hours required each week (adults)',
    description:
      'Adult IOP, any track: commonly 9. Groups billed as 90853 have no weekly requirement'
  },
  {
    key: 'weeklyHoursAdolescent',
    label: 'Countable hours required each week (adolescents)',
    description: 'Adolescent IOP: commonly 6'
  }
]

/**
 * The clinic's session settings are one record, shown in parts on the tabs
 * they belong to: how a running session keeps time (Groups), what payers and
 * the program require (Requirements and billing), how long daily copies are
 * kept (Backups) and locking and exports (Security).
 */
export type SessionSettingsPart = 'running' | 'requirements' | 'backups' | 'security'

export const PARTS: Record<
  SessionSettingsPart,
  {
    title: string
    description: string
    fields: ReadonlyArray<WholeNumberField>
    keys: Array<keyof Settings>
  }
> = {
  running: {
    title: 'Running a session',
    description: 'The running screen’s warnings, its chime, and what a round flags.',
    fields: RUNNING_FIELDS,
    keys: ['wrapUpMinutes', 'minimumSegmentMinutes', 'cravingFlagAt', 'chimeEnabled', 'chimeVolume']
  },
  requirements: {
    title: 'Requirements',
    description: 'What a day, a week and a note must meet; reports and Home check against these.',
    fields: REQUIREMENT_FIELDS,
    keys: [
      'dailyMinimumMinutes',
      'lateAfterMinutes',
      'noteDueHours',
      'weeklyHoursRequired',
      'weeklyHoursAdolescent',
      'defaultNoteFormat'
    ]
  },
  backups: {
    title: 'Daily copies',
    description: 'Made by themselves, on this computer.',
    fields: BACKUP_FIELDS,
    keys: ['backupDays']
  },
  security: {
    title: 'Locking and exports',
    description: 'When an unattended screen locks, and how files leaving the app are protected.',
    fields: SECURITY_FIELDS,
    keys: ['lockAfterMinutes', 'exportPolicy']
  }
}
