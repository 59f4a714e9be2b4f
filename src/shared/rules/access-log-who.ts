import type { AccessAction } from '../domain/access-log'

/**
 * Who an access-log entry names, in words. Entries carry the staff member's
 * name as it was; an entry written with nobody signed in (a restore at
 * start-up, a sign-in refused before anyone was known) says so rather than
 * showing a bare dash.
 */
export function accessLogWho(entry: { staffName: string; action: AccessAction }): string {
  if (entry.staffName.trim()) return entry.staffName
  if (entry.action === 'sign_in_failed') return 'Someone not on the staff list'
  if (entry.action === 'sign_out') return 'Not recorded (an entry from an earlier version)'
  return 'Nobody signed in: the app itself'
}
