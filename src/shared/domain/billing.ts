import { z } from 'zod'

/**
 * The service code a group's days are billed under, chosen per group: payers
 * and states differ. H0015 and S9480 are HCPCS per-diem codes; 90853 is the
 * CPT code for group psychotherapy.
 */
export const SERVICE_CODES = ['H0015', 'S9480', '90853'] as const
export const ServiceCode = z.enum(SERVICE_CODES, { error: 'Choose H0015, S9480 or 90853' })
export type ServiceCode = z.infer<typeof ServiceCode>

export const SERVICE_CODE_LABELS: Record<ServiceCode, string> = {
  H0015: 'H0015 — substance use intensive outpatient, per diem',
  S9480: 'S9480 — intensive outpatient psychiatric services, per diem',
  '90853': '90853 — group psychotherapy'
}

export const DEFAULT_SERVICE_CODE: ServiceCode = 'H0015'
