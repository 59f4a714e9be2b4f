import { Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  DISCLOSABLE_RECORD_LABELS,
  expiryEventText,
  type Consent,
  type ConsentEndReason
} from '../../../../shared/domain/consent'
import { consentEndsText } from '../../../../shared/consent/disclosure'
import { consentState, consentStateLabel } from '../../../../shared/consent/validity'
import { isolate } from '../../../../shared/rules/bidi'
import { api, unwrap } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AddConsentButton } from './AddConsent'
import { consentsKey, useConsents } from './queries'

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
          <bdi>{c.recipient}</bdi>
        </Text>
        <Text size="xs" c="dimmed">
          Disclosed by <bdi>{c.discloser}</bdi>
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
        {c.expiryEvent?.kind === 'discharge' && c.ended === null && (
          <Text size="xs" c="dimmed">
            Ends by itself when the discharge is recorded on this page.
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
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
            {c.expiryEvent?.kind === 'other' && (
              <EndConsentButton consent={c} reason="expiry_event" today={today} />
            )}
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
      notifications.show({
        color: 'teal',
        message: `Consent for ${isolate(consent.recipient)} ended.`
      })
      close()
    }
  })
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={open}
        aria-label={`${words.button}: consent for ${isolate(consent.recipient)}`}
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
              Consent for <bdi>{consent.recipient}</bdi> (<bdi>{consent.purpose}</bdi>). From this
              date nothing more is disclosed under it; what was disclosed before stays as it was.
              {reason === 'expiry_event' && consent.expiryEvent
                ? ` Its expiry event: ${expiryEventText(consent.expiryEvent)}.`
                : ''}
            </Text>
            <DateField
              label={words.date}
              value={on}
              max={today}
              min={consent.signedOn}
              onChange={setOn}
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
