import { Button, Checkbox, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import {
  CONSENT_EXPIRY_EVENT_LABELS,
  ConsentInput,
  DISCLOSABLE_RECORD_LABELS,
  DISCLOSABLE_RECORDS,
  type ConsentExpiryEvent,
  type ConsentExpiryEventKind,
  type DisclosableRecord
} from '../../../../shared/domain/consent'
import { isolate } from '../../../../shared/rules/bidi'
import { api, unwrap } from '../../api'
import { useStatus } from '../../app/queries'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { consentsKey } from './queries'

interface ConsentFields {
  discloser: string
  recipient: string
  purpose: string
  information: DisclosableRecord[]
  amount: string
  signedOn: string
  expiresOn: string
  /** The event that ends the consent, chosen from a list; 'none' when only the date ends it. */
  expiryEventKind: ConsentExpiryEventKind | 'none'
  /** The form's words for an event that is not a discharge. */
  expiryEventWords: string
}

type TextField = 'discloser' | 'recipient' | 'purpose' | 'amount'

/** The written words of the form, one line each, as the form names them. */
const TEXT_FIELDS: ReadonlyArray<{
  key: TextField
  label: string
  description: string
  maxLength: number
}> = [
  {
    key: 'discloser',
    label: 'Who may disclose',
    description: 'The program, as the form names it',
    maxLength: 200
  },
  {
    key: 'recipient',
    label: 'Recipient',
    description: 'The person or organisation who may receive the records',
    maxLength: 200
  },
  {
    key: 'purpose',
    label: 'Purpose',
    description: 'Why the records are disclosed, as the form says',
    maxLength: 300
  }
]

const AMOUNT_FIELD = {
  key: 'amount',
  label: 'How much may be disclosed',
  description: 'e.g. notes of March 2026; attendance and progress since admission',
  maxLength: 300
} as const

function expiryEvent(fields: ConsentFields): ConsentExpiryEvent | null {
  switch (fields.expiryEventKind) {
    case 'none':
      return null
    case 'discharge':
      return { kind: 'discharge' }
    case 'other':
      return { kind: 'other', description: fields.expiryEventWords }
  }
}

/** Records a written consent from the signed paper form. */
export function AddConsentButton({
  participantId,
  today
}: {
  participantId: string
  today: string
}) {
  const client = useQueryClient()
  const status = useStatus()
  const [opened, { open, close }] = useDisclosure(false)
  const blank = (): ConsentFields => ({
    discloser: status.data?.clinic?.name ?? '',
    recipient: '',
    purpose: '',
    information: [],
    amount: '',
    signedOn: today,
    expiresOn: '',
    expiryEventKind: 'none',
    expiryEventWords: ''
  })
  const [fields, setFields] = useState<ConsentFields>(blank)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (patch: Partial<ConsentFields>) => setFields((f) => ({ ...f, ...patch }))
  const add = useMutation({
    mutationFn: (input: ConsentInput) => unwrap(api().consents.add(input)),
    onSuccess: (consent) => {
      void client.invalidateQueries({ queryKey: consentsKey(participantId) })
      notifications.show({
        color: 'teal',
        message: `Consent for ${isolate(consent.recipient)} recorded.`
      })
      setFields(blank())
      setErrors({})
      close()
    }
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const { expiryEventKind: _kind, expiryEventWords: _words, ...written } = fields
    const input = {
      participantId,
      ...written,
      expiresOn: fields.expiresOn === '' ? null : fields.expiresOn,
      expiryEvent: expiryEvent(fields)
    }
    const parsed = ConsentInput.safeParse(input)
    if (!parsed.success) {
      const found: Record<string, string> = {}
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form')
        found[key] ??= issue.message
      }
      setErrors(found)
      return
    }
    setErrors({})
    add.mutate(input)
  }
  const textField = (field: {
    key: TextField
    label: string
    description: string
    maxLength: number
  }) => (
    <TextInput
      key={field.key}
      label={field.label}
      description={field.description}
      value={fields[field.key]}
      onChange={(e) => set({ [field.key]: e.currentTarget.value })}
      error={errors[field.key]}
      maxLength={field.maxLength}
      required
    />
  )
  return (
    <>
      <Button
        size="xs"
        onClick={() => {
          setFields(blank())
          open()
        }}
      >
        Add a written consent
      </Button>
      <Modal opened={opened} onClose={close} title="Record a written consent" size="lg">
        <form noValidate onSubmit={submit} aria-label="Record a written consent">
          <Stack gap="sm">
            <Text size="sm">
              Copy what the participant signed on the paper form. The form stays in the chart.
            </Text>
            {TEXT_FIELDS.map(textField)}
            <Checkbox.Group
              label="What may be disclosed"
              value={fields.information}
              onChange={(v) => set({ information: v as DisclosableRecord[] })}
              error={errors.information}
              required
            >
              <Stack gap={6} mt={6}>
                {DISCLOSABLE_RECORDS.map((kind) => (
                  <Checkbox key={kind} value={kind} label={DISCLOSABLE_RECORD_LABELS[kind]} />
                ))}
              </Stack>
            </Checkbox.Group>
            {textField(AMOUNT_FIELD)}
            <DateField
              label="Signed on paper on"
              description="The date beside the participant's signature"
              value={fields.signedOn}
              max={today}
              onChange={(signedOn) => set({ signedOn })}
              error={errors.signedOn}
              required
            />
            <DateField
              label="Ends on"
              description="The expiry date, if the form gives one"
              clearable
              clearButtonProps={{ 'aria-label': 'Clear the expiry date' }}
              value={fields.expiresOn}
              min={fields.signedOn}
              onChange={(expiresOn) => set({ expiresOn })}
              error={errors.expiresOn}
            />
            <Radio.Group
              label="Or ends with an event"
              description="If the form gives a date and an event, the consent ends at whichever comes first."
              value={fields.expiryEventKind}
              onChange={(v) => set({ expiryEventKind: v as ConsentFields['expiryEventKind'] })}
              error={fields.expiryEventKind === 'other' ? undefined : errors.expiryEvent}
            >
              <Stack gap={6} mt={6}>
                <Radio value="none" label="No event: the date above ends it" />
                <Radio
                  value="discharge"
                  label={CONSENT_EXPIRY_EVENT_LABELS.discharge}
                  description="Ends by itself on the discharge date, once the discharge is recorded on this page"
                />
                <Radio
                  value="other"
                  label={CONSENT_EXPIRY_EVENT_LABELS.other}
                  description="You record the date it happened, from the list of consents"
                />
              </Stack>
            </Radio.Group>
            {fields.expiryEventKind === 'other' && (
              <TextInput
                label="The event, in the form's words"
                description="e.g. the end of probation"
                value={fields.expiryEventWords}
                onChange={(e) => set({ expiryEventWords: e.currentTarget.value })}
                error={errors.expiryEvent}
                maxLength={200}
                required
              />
            )}
            <ErrorNotice error={add.error} title="Consent not recorded" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={add.isPending}>
                Record the consent
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
