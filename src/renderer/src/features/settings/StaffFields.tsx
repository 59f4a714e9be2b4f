import { Autocomplete, Checkbox, PasswordInput, Select, Stack, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { PASSPHRASE_MIN_LENGTH, STAFF_ROLE_LABELS } from '../../../../shared/domain/staff'
import { options } from '../../components/labels'

export const CREDENTIAL_SUGGESTIONS = [
  'LPC',
  'LPCC',
  'LCSW',
  'LMSW',
  'LMFT',
  'LMHC',
  'LADC',
  'LAC',
  'CADC',
  'CAC',
  'PhD',
  'PsyD',
  'MD'
]

export interface StaffFieldValues {
  fullName: string
  credentials: string
  role: string
  isAdmin: boolean
  passphrase: string
  confirm: string
}

export function emptyStaffFields(): StaffFieldValues {
  return {
    fullName: '',
    credentials: '',
    role: 'counselor',
    isAdmin: false,
    passphrase: '',
    confirm: ''
  }
}

/**
 * The fields of one staff member, for setup and for Settings. `prefix` is where
 * they sit in the form's values (e.g. "staff." inside the setup form).
 */
export function StaffFields<V>({
  form,
  prefix,
  adminLocked
}: {
  form: UseFormReturnType<V>
  prefix: string
  adminLocked?: boolean
}) {
  const field = (name: keyof StaffFieldValues) => `${prefix}${name}`
  return (
    <Stack gap="sm">
      <TextInput
        label="Full name"
        autoComplete="off"
        required
        {...form.getInputProps(field('fullName'))}
        key={form.key(field('fullName'))}
      />
      <Autocomplete
        label="Credentials"
        description="As they appear in your signature, e.g. LPC, LCSW, LADC, CADC"
        data={CREDENTIAL_SUGGESTIONS}
        required
        {...form.getInputProps(field('credentials'))}
        key={form.key(field('credentials'))}
      />
      <Select
        label="Role"
        data={options(STAFF_ROLE_LABELS)}
        allowDeselect={false}
        required
        {...form.getInputProps(field('role'))}
        key={form.key(field('role'))}
      />
      <Checkbox
        label="Administrator (can add and disable staff and change clinic settings)"
        disabled={adminLocked}
        {...form.getInputProps(field('isAdmin'), { type: 'checkbox' })}
        key={form.key(field('isAdmin'))}
      />
      <PasswordInput
        label="Passphrase"
        description={`At least ${PASSPHRASE_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
        autoComplete="new-password"
        required
        {...form.getInputProps(field('passphrase'))}
        key={form.key(field('passphrase'))}
      />
      <PasswordInput
        label="Repeat the passphrase"
        autoComplete="new-password"
        required
        {...form.getInputProps(field('confirm'))}
        key={form.key(field('confirm'))}
      />
    </Stack>
  )
}
