import { Alert, Anchor, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState } from 'react'
import { Link } from 'react-router'
import type { DisclosableRecord } from '../../../../shared/domain/consent'
import type { ExportFile } from '../../../../shared/domain/exports'
import { DISCLOSABLE_RECORD_LABELS } from '../../../../shared/domain/consent'
import { consentState, consentStateLabel } from '../../../../shared/consent/validity'
import { useToday } from '../../app/useToday'
import { useProtectedPrint } from '../exports/useProtectedExport'
import { useConsents } from './queries'
import { isolate } from '../../../../shared/rules/bidi'

type Printed = { html: string; file: ExportFile | null; sentToPrinter: boolean }

/**
 * Printing or saving a participant's record for someone outside the program:
 * first choose the participant's written consent that names the recipient.
 * Only a current consent that covers this kind of record can be chosen; the
 * main process checks it again and refuses in plain words.
 */
export function DiscloseButton({
  participantId,
  record,
  what,
  print
}: {
  participantId: string
  record: DisclosableRecord
  /** e.g. "this note", "the progress summary" */
  what: string
  print: (to: 'printer' | 'pdf', password: string | null, consentId: string) => Promise<Printed>
}) {
  const [opened, { open, close }] = useDisclosure(false)
  const today = useToday()
  const consents = useConsents(participantId)
  const [chosen, setChosen] = useState<string | null>(null)
  // Made again at each render, so it always prints under the consent chosen last.
  const printing = useProtectedPrint(what, (to, password) => print(to, password, chosen ?? ''))
  const list = (consents.data ?? []).map((c) => {
    const state = consentState(c, today)
    const covers = c.information.includes(record)
    const usable = state.kind === 'current' && covers
    const why =
      state.kind !== 'current'
        ? consentStateLabel(state)
        : covers
          ? 'Current'
          : `Does not cover ${DISCLOSABLE_RECORD_LABELS[record].toLowerCase()}`
    return { consent: c, usable, why }
  })
  const usable = list.filter((x) => x.usable)
  return (
    <>
      {printing.modal}
      <Button
        size="xs"
        variant="default"
        onClick={() => {
          setChosen(null)
          open()
        }}
      >
        For a recipient…
      </Button>
      <Modal opened={opened} onClose={close} title={`Print ${what} for a recipient`} size="lg">
        <Stack gap="sm">
          <Text size="sm">
            Records go to someone outside the program only under the participant&apos;s current
            written consent. Choose the consent that names the recipient; the printout carries its
            scope and the 42 CFR Part 2 notice, and the access log records the disclosure.
          </Text>
          {consents.data && usable.length === 0 && (
            <Alert color="orange" role="alert" title="No current written consent">
              There is no current written consent on file that covers{' '}
              {DISCLOSABLE_RECORD_LABELS[record].toLowerCase()}. Record the signed consent on the{' '}
              <Anchor component={Link} to={`/participants/${participantId}`} onClick={close}>
                participant&apos;s page
              </Anchor>{' '}
              first.
            </Alert>
          )}
          {list.length > 0 && (
            <Radio.Group label="Recipient (written consent)" value={chosen} onChange={setChosen}>
              <Stack gap={6} mt={6}>
                {list.map(({ consent: c, usable: ok, why }) => (
                  <Radio
                    key={c.id}
                    value={c.id}
                    disabled={!ok}
                    label={`${isolate(c.recipient)} — ${isolate(c.purpose)}`}
                    description={`Signed ${c.signedOn} · ${why}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            {printing.canSavePdf && (
              <Button
                variant="default"
                disabled={chosen === null}
                onClick={() => {
                  close()
                  printing.savePdf()
                }}
              >
                Save as PDF for the recipient
              </Button>
            )}
            <Button
              disabled={chosen === null}
              onClick={() => {
                close()
                printing.print()
              }}
            >
              Print for the recipient
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
