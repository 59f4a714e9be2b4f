import type { AccessEntry, AccessLogFilter } from '../domain/access-log'
import { clinicDate } from './dates'

/**
 * Whether an access-log entry is one the filter asks for: its staff member, its action, its
 * day in the clinic's time zone (`from` and `to` inclusive), and text found in its subject,
 * detail or staff name, ignoring case. One rule for this computer's log and the others'.
 */
export function entryMatches(
  entry: AccessEntry,
  filter: AccessLogFilter,
  timeZone: string
): boolean {
  const { from, to, staffId, action } = filter
  const text = filter.text?.trim().toLowerCase() ?? ''
  if (staffId !== undefined && entry.staffId !== staffId) return false
  if (action !== undefined && entry.action !== action) return false
  if (from || to) {
    const day = clinicDate(Date.parse(entry.at), timeZone)
    if ((from && day < from) || (to && day > to)) return false
  }
  return (
    !text ||
    entry.subject.toLowerCase().includes(text) ||
    entry.detail.toLowerCase().includes(text) ||
    entry.staffName.toLowerCase().includes(text)
  )
}
