import { z } from 'zod'
import { optionalText } from './common'

/**
 * Whom a protocol tells the facilitator to call. The clinic keeps one entry of
 * each kind (Settings → Contacts); the crisis line and emergency number come
 * filled in, the others are the clinic's own.
 */
export const CONTACT_KINDS = [
  'emergency',
  'crisis_line',
  'supervisor',
  'medical',
  'child_protective',
  'adult_protective'
] as const
export const ContactKind = z.enum(CONTACT_KINDS, { error: 'Choose a kind of contact' })
export type ContactKind = z.infer<typeof ContactKind>

export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  emergency: 'Emergency services',
  crisis_line: 'Crisis line',
  supervisor: 'Clinical supervisor',
  medical: 'Medical contact',
  child_protective: 'Child protective services',
  adult_protective: 'Adult protective services'
}

export const ClinicContact = z.strictObject({
  kind: ContactKind,
  name: optionalText('Name', 80),
  phone: optionalText('Phone', 40),
  /** Hours, what to have ready when calling, the report deadline… */
  note: optionalText('Note', 200)
})
export type ClinicContact = z.infer<typeof ClinicContact>

export const ClinicContacts = z
  .array(ClinicContact)
  .length(CONTACT_KINDS.length, 'Keep one entry for each kind of contact')
  .refine(
    (list) => CONTACT_KINDS.every((kind) => list.some((c) => c.kind === kind)),
    'Keep one entry for each kind of contact'
  )
export type ClinicContacts = z.infer<typeof ClinicContacts>

export const DEFAULT_CLINIC_CONTACTS: ClinicContact[] = [
  { kind: 'emergency', name: 'Emergency services', phone: '911', note: '' },
  {
    kind: 'crisis_line',
    name: '988 Suicide & Crisis Lifeline',
    phone: '988',
    note: 'Call or text, any hour.'
  },
  { kind: 'supervisor', name: '', phone: '', note: '' },
  { kind: 'medical', name: '', phone: '', note: '' },
  { kind: 'child_protective', name: '', phone: '', note: '' },
  { kind: 'adult_protective', name: '', phone: '', note: '' }
]
