import type { Enrollment } from '../domain/enrollment'
import type { Group } from '../domain/group'
import type { Participant } from '../domain/participant'
import { displayName } from './names'

export interface RosterEntry {
  enrollmentId: string
  participantId: string
  displayName: string
  fullName: string
  clientId: string
  joinDate: string
  exitDate: string | null
  participantStatus: Participant['status']
}

export interface Roster {
  groupId: string
  capacity: number
  current: RosterEntry[]
  past: RosterEntry[]
  openPlaces: number
}

/** A group's roster: who is enrolled now, who has left, how many places are free. */
export function buildRoster(
  group: Pick<Group, 'id' | 'capacity'>,
  enrollments: readonly Enrollment[],
  participants: readonly Participant[]
): Roster {
  const byId = new Map(participants.map((p) => [p.id, p]))
  const entries: RosterEntry[] = []
  for (const enrollment of enrollments) {
    if (enrollment.groupId !== group.id) continue
    const person = byId.get(enrollment.participantId)
    if (!person) continue
    entries.push({
      enrollmentId: enrollment.id,
      participantId: person.id,
      displayName: displayName(person),
      fullName: person.fullName,
      clientId: person.clientId,
      joinDate: enrollment.joinDate,
      exitDate: enrollment.exitDate,
      participantStatus: person.status
    })
  }
  const byName = (a: RosterEntry, b: RosterEntry) => a.displayName.localeCompare(b.displayName)
  const current = entries.filter((e) => e.exitDate === null).sort(byName)
  const past = entries
    .filter((e) => e.exitDate !== null)
    .sort((a, b) => (b.exitDate ?? '').localeCompare(a.exitDate ?? '') || byName(a, b))
  return {
    groupId: group.id,
    capacity: group.capacity,
    current,
    past,
    openPlaces: Math.max(0, group.capacity - current.length)
  }
}

/** Why a participant cannot join a group on a date, in plain words; null when they can. */
export function enrollmentProblem(
  group: Pick<Group, 'id' | 'capacity' | 'name'>,
  participant: Participant,
  joinDate: string,
  enrollments: readonly Enrollment[]
): string | null {
  if (participant.status === 'discharged') {
    return `${displayName(participant)} is discharged; readmit them before enrolling them in a group.`
  }
  if (joinDate < participant.admissionDate) {
    return `The join date cannot be before the admission date (${participant.admissionDate}).`
  }
  const inGroup = enrollments.filter((e) => e.groupId === group.id)
  if (inGroup.some((e) => e.participantId === participant.id && e.exitDate === null)) {
    return `${displayName(participant)} is already on the roster of ${group.name}.`
  }
  const current = inGroup.filter((e) => e.exitDate === null).length
  if (current >= group.capacity) {
    return `${group.name} is full (${group.capacity} places). End an enrolment or raise the capacity first.`
  }
  return null
}

/** Why an enrolment cannot end on a date; null when it can. */
export function endEnrollmentProblem(enrollment: Enrollment, exitDate: string): string | null {
  if (enrollment.exitDate !== null) return 'This enrolment has already ended.'
  if (exitDate < enrollment.joinDate) {
    return `The exit date cannot be before the join date (${enrollment.joinDate}).`
  }
  return null
}
