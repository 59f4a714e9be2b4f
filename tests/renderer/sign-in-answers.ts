import type { AppStatus, DirectoryEntry } from '../../src/shared/ipc/contract'

/** The app's status with a clinic set up and nobody signed in: the sign-in screen's case. */
export const SIGNED_OUT: AppStatus = {
  setUp: true,
  clinic: {
    name: 'Riverside Synthetic Clinic',
    timeZone: 'America/Chicago',
    timeFormat: '12h',
    createdAt: '2026-01-05T15:00:00.000Z'
  },
  signedIn: null,
  locked: false,
  notices: [],
  dataDir: '/tmp/clinic',
  canSavePdf: false,
  lockedOut: null
}

/** Who can sign in (synthetic names). */
export const STAFF: DirectoryEntry[] = [
  { id: 'staff-1', fullName: 'Robin Okafor', credentials: 'LPC' },
  { id: 'staff-2', fullName: 'Dana Whitfield', credentials: 'LCSW' }
]
