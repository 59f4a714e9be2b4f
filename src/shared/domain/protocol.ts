import { z } from 'zod'

/**
 * The crises a facilitator may meet in a group, each with its own protocol
 * (the wording is in `src/shared/session/protocols.ts`), and the risk level
 * every protocol ends with.
 */
export const PROTOCOL_KINDS = [
  'suicidal_thoughts',
  'impaired',
  'harm_to_others',
  'abuse_disclosure',
  'medical_emergency',
  'withdrawal'
] as const
export const SafetyProtocolKind = z.enum(PROTOCOL_KINDS, { error: 'Choose a protocol' })
export type SafetyProtocolKind = z.infer<typeof SafetyProtocolKind>

export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const
export const RiskLevel = z.enum(RISK_LEVELS, {
  error: 'Choose a risk level: low, moderate, high or imminent'
})
export type RiskLevel = z.infer<typeof RiskLevel>

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent'
}

/** Higher is more severe. */
export const RISK_RANK: Record<RiskLevel, number> = { low: 0, moderate: 1, high: 2, imminent: 3 }
