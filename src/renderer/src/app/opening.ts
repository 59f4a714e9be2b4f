import type { AppStatus, DirectoryEntry } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/result'
import { api } from '../api'

/**
 * What the first screen needs, asked for as the page's code starts to run: before React and
 * Mantine are evaluated, and both at once (issue 18, cold open). main.tsx imports this module
 * first, so these requests run in the main process while the rest of the code is evaluated.
 */
export interface Opening {
  status: Result<AppStatus> | null
  /** The sign-in screen's list; not asked for by the projector's page, which never shows it. */
  directory: Result<DirectoryEntry[]> | null
}

const onProjector = window.location.hash.startsWith('#/audience/')

const asked = {
  status: api().app.status(),
  directory: onProjector ? null : api().auth.directory()
}

const settled = <T>(call: Promise<Result<T>> | null): Promise<Result<T> | null> =>
  call ? call.catch(() => null) : Promise.resolve(null)

/**
 * The answers, once both are in, or whatever has come after `waitMs` (a main process still
 * opening its records): the app then draws its loader, and asks again through its queries.
 */
export function opening(waitMs: number): Promise<Opening> {
  const found: Opening = { status: null, directory: null }
  const both = Promise.all([
    settled(asked.status).then((r) => (found.status = r)),
    settled(asked.directory).then((r) => (found.directory = r))
  ])
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve({ ...found }), waitMs)
    void both.then(() => {
      window.clearTimeout(timer)
      resolve(found)
    })
  })
}
