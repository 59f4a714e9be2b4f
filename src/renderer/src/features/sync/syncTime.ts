import { clinicDateTime, type TimeFormat } from '../../../../shared/rules/dates'

/** When something last happened with another computer, on the clinic's clock; "never" if not. */
export function whenText(at: string | null, timeZone: string, timeFormat: TimeFormat): string {
  return at === null ? 'Never' : clinicDateTime(Date.parse(at), timeZone, timeFormat)
}
