import type { SafetyProtocolKind } from '../domain/protocol'
import { PROTOCOLS } from './protocols'

export type { SafetyProtocol, SafetyStep } from './protocols'

/** The in-session protocols; their wording lives in `protocols.ts`. */
export const SAFETY_PROTOCOLS = PROTOCOLS

/**
 * The protocol an observation opens, if any. "Arrived impaired" always opens
 * its own; a safety concern opens the one the facilitator chose, none otherwise.
 */
export function protocolForTag(
  tag: string | null,
  chosen: SafetyProtocolKind | null = null
): SafetyProtocolKind | null {
  if (tag === 'safety_concern') return chosen
  if (tag === 'arrived_impaired') return chosen ?? 'impaired'
  return null
}
