/**
 * The recovery key as a person handles it: groups of characters separated by
 * dashes, one of which setup asks to have typed back (proof it was written
 * down or printed, not just seen).
 */

/** The key's groups, in order: "AB12-CD34" → ["AB12", "CD34"]. */
export function keyGroups(key: string): string[] {
  return key
    .split('-')
    .map((g) => g.trim())
    .filter((g) => g.length > 0)
}

/** What a person typed, as the key writes it: capitals, no spaces or dashes. */
function normalised(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

/** Whether `typed` is group `n` of the key (counted from 1), ignoring case and spaces. */
export function typedGroupMatches(key: string, n: number, typed: string): boolean {
  const group = keyGroups(key)[n - 1]
  return group !== undefined && normalised(typed) === group.toUpperCase()
}

/**
 * Which group to ask for: never the first or the last (the ones a glance
 * remembers), chosen by `random` in [0, 1).
 */
export function groupToAskFor(key: string, random: number): number {
  const count = keyGroups(key).length
  if (count <= 2) return count
  const middle = count - 2
  return 2 + Math.min(middle - 1, Math.floor(random * middle))
}

export interface RecoveryKeySheet {
  recoveryKey: string
  clinicName: string
  /** The day it was printed, as the clinic writes dates. */
  printedOn: string
}

/** The printed sheet's words, in order; the key and the clinic only, never a record. */
export function recoveryKeySheetText(sheet: RecoveryKeySheet): {
  title: string
  lines: string[]
} {
  return {
    title: `Recovery key · ${sheet.clinicName}`,
    lines: [
      `Printed on ${sheet.printedOn}.`,
      'This key opens the clinic’s encrypted records in IOP Facilitator if every staff passphrase is lost. The app does not keep it, and nobody can make it again.',
      'Keep this sheet in a locked place away from the computer: the clinic’s safe, or a sealed envelope held by the program director. Do not keep it on the computer, in email or in a photo.',
      'If this sheet may have been seen by someone who should not have it, an administrator changes the clinic’s data key in Settings, which makes a new recovery key and retires this one.'
    ]
  }
}
