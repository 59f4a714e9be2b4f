import { z } from 'zod'

/**
 * Files a user takes out of the app on purpose — a report for the payer, the
 * access log for the compliance officer, notes or a progress summary saved as
 * PDF — hold confidential records. Each is put in a zip encrypted with
 * AES-256 under a password the user chooses, unless the clinic allows plain
 * files and the user chooses one.
 */

export const EXPORT_PASSWORD_MIN = 12
export const EXPORT_PASSWORD_MAX = 200

export const ExportPassword = z
  .string({ error: 'The password must be text' })
  .min(EXPORT_PASSWORD_MIN, `Use a password of at least ${EXPORT_PASSWORD_MIN} characters`)
  .max(EXPORT_PASSWORD_MAX, `At most ${EXPORT_PASSWORD_MAX} characters`)

/** What an export call may carry: the password for the file, or null for a plain file. */
export const ExportProtection = {
  password: ExportPassword.nullable().optional()
}

/** The clinic's rule for exported files. */
export const ExportPolicy = z.enum(['required', 'offered'], {
  error: 'Choose whether exported files need a password'
})
export type ExportPolicy = z.infer<typeof ExportPolicy>

export const EXPORT_POLICY_LABELS: Record<ExportPolicy, string> = {
  required: 'Always: every exported file has a password',
  offered: 'Offered: staff may save a file without one'
}

/** A file handed to the user to save. */
export const ExportFile = z.object({
  fileName: z.string(),
  base64: z.string(),
  mediaType: z.string(),
  /** Whether the file is a password-protected (AES-256) zip. */
  protected: z.boolean()
})
export type ExportFile = z.infer<typeof ExportFile>

export const PASSWORD_REQUIRED_MESSAGE =
  'Your clinic requires a password on every exported file. Choose one and give it to the person receiving the file another way.'
