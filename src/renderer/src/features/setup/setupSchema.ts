import { z } from 'zod'
import { ClinicInput } from '../../../../shared/domain/clinic'
import { StaffInput } from '../../../../shared/domain/staff'

/** What the setup form checks before anything is sent: the same rules main applies, plus the repeat. */
export const SetupForm = z
  .object({
    clinic: ClinicInput,
    staff: StaffInput.extend({ confirm: z.string() })
  })
  .refine((v) => v.staff.passphrase === v.staff.confirm, {
    path: ['staff', 'confirm'],
    message: 'The two passphrases are not the same'
  })

export const StaffForm = StaffInput.extend({ confirm: z.string() }).refine(
  (v) => v.passphrase === v.confirm,
  { path: ['confirm'], message: 'The two passphrases are not the same' }
)
