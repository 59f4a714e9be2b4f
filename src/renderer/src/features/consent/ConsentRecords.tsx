import {
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import {
  ConsentInput,
  DISCLOSABLE_RECORD_LABELS,
  DISCLOSABLE_RECORDS,
  type Consent,
  type ConsentEndReason,
  type DisclosableRecord
} from '../../../../shared/domain/consent'
import { consentEndsText } from '../../../../shared/consent/disclosure'
import { consentState, consentStateLabel } from '../../../../shared/consent/validity'
import { api, unwrap } from '../../api'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'

export const consentsKey = (participantId: string) => ['consents', participantId] as const

export function useConsents(participantId: string) {
  return useQuery({
    queryKey: consentsKey(participantId),
    queryFn: () => unwrap(api().consents.list({ participantId }))
  })
}

/**
 * A participant's written consents to disclose (42 CFR § 2.31), on their
 * page: each with its recipient, purpose, what and how much, when it was
 * signed and when it ends, and whether it is current; add one from the signed
 * paper form, record a revocation or the expiry event.
 */
export function ConsentRecords({ participantId, today }: { participantId: string; today: string }) {
  const consents = useConsents(participantId)
  return (
    <Card withBorder mt="lg" component="section" aria-labelledby="consents-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="consents-title">
          Written consents to disclose
        </Title>
        <AddConsentButton participantId={participantId} today={today} />
      </Group>
      <Text size="sm" mb="sm">
        A note or a progress summary goes to someone outside the program only under a current
        written consent that the participant signed (42 CFR § 2.31). Keep the signed form in the
        chart; record it here.
      </Text>
      <ErrorNotice error={consents.error} />
      {consents.data && consents.data.length === 0 && (
        <Text c="dimmed">No written consent is on file.</Text>
      )}
      {consents.data && consents.data.length > 0 && (
        <Table aria-label="Written consents" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Recipient</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>What may be disclosed</Table.Th>
              <Table.Th>Signed</Table.Th>
              <Table.Th>Ends</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {consents.data.map((c) => (
              <ConsentRow key={c.id} consent={c} today={today} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function ConsentRow({ consent: c, today }: { consent: Consent; today: string }) {
  const state = consentState(c, today)
  const current = state.kind === 'current'
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {c.recipient}
        </Text>
        <Text size="xs" c="dimmed">
          Disclosed by {c.discloser}
        </Text>
      </Table.Td>
      <Table.Td>{c.purpose}</Table.Td>
      <Table.Td>
        <Text size="sm">{c.information.map((k) => DISCLOSABLE_RECORD_LABELS[k]).join('; ')}</Text>
        <Text size="xs" c="dimmed">
          How much: {c.amount}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.signedOn}</Table.Td>
      <Table.Td style={{ whiteSpace: c.expiryEvent ? undefined : 'nowrap' }}>
        {consentEndsText(c)}
      </Table.Td>
      <Table.Td>
        {/* The state in words, with a mark: colour is never the only signal. */}
        <Text size="sm" fw={600} c={current ? 'teal.8' : 'dimmed'}>
          <span aria-hidden>{current ? '✓ ' : '× '}</span>
          {consentStateLabel(state)}
        </Text>
      </Table.Td>
      <Table.Td>
        {c.ended === null && (
          <Group gap="xs">
            <EndConsentButton consent={c} reason="revoked" today={today} />
            {c.expiryEvent && <EndConsentButton consent={c} reason="expiry_event" today={today} />}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

const END_WORDS: Record<ConsentEndReason, { button: string; title: string; date: string }> = {
  revoked: {
    button: 'Record revocation',
    title: 'The participant revoked this consent',
    date: 'Date revoked'
  },
  expiry_event: {
    button: 'Expiry event happened',
    title: 'The event that ends this consent happened',
    date: 'Date of the event'
  }
}

function EndConsentButton({
  consent,
  reason,
  today
}: {
  consent: Consent
  reason: ConsentEndReason
  today: string
}) {
  const client = useQueryClient()
  const [opened, { open, close }] = useDisclosure(false)
  const [on, setOn] = useState(today)
  const words = END_WORDS[reason]
  const end = useMutation({
    mutationFn: () => unwrap(api().consents.end({ consentId: consent.id, on, reason })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: consentsKey(consent.participantId) })
      notifications.show({ color: 'teal', message: `Consent for ${consent.recipient} ended.` })
      close()
    }
  })
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={open}
        aria-label={`${words.button}: consent for ${consent.recipient}`}
      >
        {words.button}
      </Button>
      <Modal opened={opened} onClose={close} title={words.title}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            end.mutate()
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Consent for {consent.recipient} ({consent.purpose}). From this date nothing more is
              disclosed under it; what was disclosed before stays as it was.
              {reason === 'expiry_event' ? ` Its expiry event: ${consent.expiryEvent}.` : ''}
            </Text>
            <TextInput
              type="date"
              label={words.date}
              value={on}
              max={today}
              min={consent.signedOn}
              onChange={(e) => setOn(e.currentTarget.value)}
              required
            />
            <ErrorNotice error={end.error} title="Not recorded" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={end.isPending}>
                Record it
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

interface ConsentFields {
  discloser: string
  recipient: string
  purpose: string
  information: DisclosableRecord[]
  amount: string
  signedOn: string
  expiresOn: string
  expiryEvent: string
}

function AddConsentButton({ participantId, today }: { participantId: string; today: string }) {
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
    expiryEvent: ''
  })
  const [fields, setFields] = useState<ConsentFields>(blank)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (patch: Partial<ConsentFields>) => setFields((f) => ({ ...f, ...patch }))
  const add = useMutation({
    mutationFn: (input: ConsentInput) => unwrap(api().consents.add(input)),
    onSuccess: (consent) => {
      void client.invalidateQueries({ queryKey: consentsKey(participantId) })
      notifications.show({ color: 'teal', message: `Consent for ${consent.recipient} recorded.` })
      setFields(blank())
      setErrors({})
      close()
    }
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const input = {
      participantId,
      ...fields,
      expiresOn: fields.expiresOn === '' ? null : fields.expiresOn
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
            <TextInput
              label="Who may disclose"
              description="The program, as the form names it"
              value={fields.discloser}
              onChange={(e) => set({ discloser: e.currentTarget.value })}
              error={errors.discloser}
              maxLength={200}
              required
            />
            <TextInput
              label="Recipient"
              description="The person or organisation who may receive the records"
              value={fields.recipient}
              onChange={(e) => set({ recipient: e.currentTarget.value })}
              error={errors.recipient}
              maxLength={200}
              required
            />
            <TextInput
              label="Purpose"
              description="Why the records are disclosed, as the form says"
              value={fields.purpose}
              onChange={(e) => set({ purpose: e.currentTarget.value })}
              error={errors.purpose}
              maxLength={300}
              required
            />
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
            <TextInput
              label="How much may be disclosed"
              description="e.g. notes of March 2026; attendance and progress since admission"
              value={fields.amount}
              onChange={(e) => set({ amount: e.currentTarget.value })}
              error={errors.amount}
              maxLength={300}
              required
            />
            <TextInput
              type="date"
              label="Signed on paper on"
              description="The date beside the participant's signature"
              value={fields.signedOn}
              max={today}
              onChange={(e) => set({ signedOn: e.currentTarget.value })}
              error={errors.signedOn}
              required
            />
            <Group grow align="flex-start">
              <TextInput
                type="date"
                label="Ends on"
                description="The expiry date, if the form gives one"
                value={fields.expiresOn}
                min={fields.signedOn}
                onChange={(e) => set({ expiresOn: e.currentTarget.value })}
                error={errors.expiresOn}
              />
              <TextInput
                label="Or ends with the event"
                description="e.g. discharge from the program"
                value={fields.expiryEvent}
                onChange={(e) => set({ expiryEvent: e.currentTarget.value })}
                error={errors.expiryEvent}
                maxLength={200}
              />
            </Group>
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
