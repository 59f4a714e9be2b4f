import type { FollowUp } from '../domain/follow-up'
import { RISK_RANK, type RiskLevel } from '../domain/protocol'

type Listed = Pick<FollowUp, 'id' | 'status' | 'riskLevel' | 'createdAt' | 'dueOn'>

/** Open and due before today (the clinic's calendar date). */
export function isOverdue(followUp: Pick<FollowUp, 'status' | 'dueOn'>, today: string): boolean {
  return followUp.status === 'open' && followUp.dueOn < today
}

/**
 * The order Home lists them in: the most severe first, and within a level the
 * oldest first, so nothing urgent sinks under newer, milder ones.
 */
export function byUrgency<T extends Listed>(a: T, b: T): number {
  return (
    RISK_RANK[b.riskLevel] - RISK_RANK[a.riskLevel] ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  )
}

export function openFollowUps<T extends Listed>(all: readonly T[]): T[] {
  return all.filter((f) => f.status === 'open').sort(byUrgency)
}

/** What a participant's next note lists: their follow-ups still open, most urgent first. */
export function openFollowUpsFor<T extends Listed & { participantId: string }>(
  all: readonly T[],
  participantId: string
): T[] {
  return openFollowUps(all.filter((f) => f.participantId === participantId))
}

/** When a follow-up is due by default: the same day for high and imminent risk. */
export function defaultDueOn(risk: RiskLevel, today: string): string {
  const days: Record<RiskLevel, number> = { imminent: 0, high: 0, moderate: 1, low: 7 }
  const date = new Date(`${today}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days[risk])
  return date.toISOString().slice(0, 10)
}
