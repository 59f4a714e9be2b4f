import type { AttendanceStatus } from '../domain/session'

/**
 * Absences in a row, the pattern programs follow up on.
 *
 * A run is consecutive scheduled sessions the person was absent from; excused
 * and unexcused absences count alike, since either way they missed the
 * programming. A session still 'unmarked' is skipped: it tells us nothing
 * about whether they came, so it neither breaks a run nor adds to one (and a
 * forgotten roll call cannot hide a pattern or invent one).
 */

export interface AbsenceRun {
  /** Date of the first and last missed session in the run. */
  from: string
  to: string
  /** Sessions missed in a row. */
  length: number
}

export interface AbsenceRuns {
  /** The run ending at the latest marked session; 0 if they were present at it. */
  current: number
  longest: number
  /** Runs of 2 or more, oldest first; a single missed session is not listed. */
  runs: AbsenceRun[]
}

export function absenceRuns(
  sessions: ReadonlyArray<{ date: string; status: AttendanceStatus }>
): AbsenceRuns {
  // A stable sort, so two sessions on one day keep the order they came in.
  const ordered = [...sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const all: AbsenceRun[] = []
  let open: AbsenceRun | null = null
  for (const { date, status } of ordered) {
    if (status === 'unmarked') continue
    if (status === 'present') {
      open = null
      continue
    }
    if (open) {
      open.to = date
      open.length += 1
    } else {
      open = { from: date, to: date, length: 1 }
      all.push(open)
    }
  }
  return {
    current: open?.length ?? 0,
    longest: all.reduce((max, run) => Math.max(max, run.length), 0),
    runs: all.filter((run) => run.length >= 2).map((run) => ({ ...run }))
  }
}
