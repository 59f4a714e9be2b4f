/**
 * How long each free-text field may be, and what the form says as someone
 * nears or passes the limit. Nothing is ever cut off silently: a field over
 * its limit keeps every character typed or pasted, shows how far over it is,
 * and cannot be saved until it is shortened; the boundary's schema refuses
 * the same lengths with the same numbers.
 */
export const TEXT_LIMITS = {
  /** A line jotted about one person during the group. */
  observation: 500,
  /** What was done after a positive PHQ-9 item 9. */
  followUpNote: 500,
  /** A curriculum cycle's name. */
  cycleName: 80,
  /** An addendum to a signed note. */
  addendum: 5000
} as const

export interface TextLimitState {
  /** Characters as saved (spaces at either end are trimmed before saving). */
  count: number
  max: number
  over: boolean
  /** Always shown under the field: "123 of 500 characters". */
  description: string
  /** Shown only when over the limit. */
  error: string | null
}

export function textLimit(value: string, max: number): TextLimitState {
  const count = value.trim().length
  const over = count > max
  return {
    count,
    max,
    over,
    description: `${count} of ${max} characters`,
    error: over
      ? `Too long: ${count} characters, ${max} at most. Shorten it by ${count - max} to save it.`
      : null
  }
}
