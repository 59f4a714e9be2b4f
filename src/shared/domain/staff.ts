import { z } from 'zod'
import { Id, requiredText, Timestamp } from './common'
import { weakPassphraseReason } from '../rules/passphrase'

export const StaffRole = z.enum(['counselor', 'supervisor', 'counselor_in_training'], {
  error: 'Choose a role: counselor, supervisor or counselor-in-training'
})
export type StaffRole = z.infer<typeof StaffRole>

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  counselor: 'Counselor',
  supervisor: 'Supervisor',
  counselor_in_training: 'Counselor-in-training (needs co-signature)'
}

export const PASSPHRASE_MIN_LENGTH = 10
export const PASSPHRASE_MAX_LENGTH = 200

/** Length over complexity: a long phrase is easier to remember and harder to guess. */
export const NewPassphrase = z
  .string({ error: 'Passphrase must be text' })
  .min(PASSPHRASE_MIN_LENGTH, `Use at least ${PASSPHRASE_MIN_LENGTH} characters for the passphrase`)
  .max(
    PASSPHRASE_MAX_LENGTH,
    `Passphrase is too long (${PASSPHRASE_MAX_LENGTH} characters at most)`
  )
  .superRefine((value, ctx) => {
    const reason = weakPassphraseReason(value)
    if (reason) ctx.addIssue({ code: 'custom', message: reason })
  })

export const StaffInput = z.strictObject({
  fullName: requiredText('Full name', 120),
  credentials: requiredText('Credentials', 40),
  role: StaffRole,
  isAdmin: z.boolean({ error: 'Administrator rights must be yes or no' }),
  passphrase: NewPassphrase
})
export type StaffInput = z.input<typeof StaffInput>

/** A staff member as every screen may see them: never the passphrase hash. */
export const Staff = z.object({
  id: Id,
  fullName: z.string(),
  credentials: z.string(),
  role: StaffRole,
  isAdmin: z.boolean(),
  active: z.boolean(),
  createdAt: Timestamp,
  disabledAt: Timestamp.nullable(),
  /** A counselor-in-training's supervisor, who co-signs their notes; null for everyone else. */
  supervisorId: Id.nullable().default(null)
})
export type Staff = z.infer<typeof Staff>

/** An administrator assigns a trainee to a supervisor, or removes the assignment (null). */
export const SupervisorAssignment = z.strictObject({
  staffId: Id,
  supervisorId: Id.nullable()
})
export type SupervisorAssignment = z.infer<typeof SupervisorAssignment>

export const PassphraseHash = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  keyLength: z.number().int().positive(),
  salt: z.string().min(1),
  hash: z.string().min(1)
})
export type PassphraseHash = z.infer<typeof PassphraseHash>

export const StoredStaff = Staff.extend({ passphrase: PassphraseHash })
export type StoredStaff = z.infer<typeof StoredStaff>

export function signatureName(staff: Pick<Staff, 'fullName' | 'credentials'>): string {
  return `${staff.fullName}, ${staff.credentials}`
}
