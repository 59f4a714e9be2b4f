import { Button, CopyButton, Group, Text } from '@mantine/core'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { clinicDate } from '../../../../shared/rules/dates'
import {
  recoveryKeySheetText,
  type RecoveryKeySheet
} from '../../../../shared/security/recovery-key'
import './print-sheet.css'

/** The printed sheet: the key, the clinic, the day, where to keep it. No record of anyone. */
function PrintSheet(props: RecoveryKeySheet) {
  const { title, lines } = recoveryKeySheetText(props)
  const [printedOn, ...advice] = lines
  return createPortal(
    <div className="print-sheet" data-testid="recovery-key-sheet">
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <p>{printedOn}</p>
      <div className="print-sheet-key">{props.recoveryKey}</div>
      {advice.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>,
    document.body
  )
}

/**
 * The recovery key on screen, to copy or print. Printing prints a sheet made
 * for it (see print-sheet.css), never the screen behind.
 */
export function RecoveryKeyCard(props: {
  recoveryKey: string
  clinicName: string
  timeZone: string
  testId?: string
}) {
  // The day the key was shown is the day its sheet says it was printed.
  const [printedOn] = useState(() => clinicDate(Date.now(), props.timeZone))
  return (
    <>
      <Text
        ff="monospace"
        fz="lg"
        fw={700}
        style={{ overflowWrap: 'anywhere' }}
        data-testid={props.testId ?? 'recovery-key'}
      >
        {props.recoveryKey}
      </Text>
      <Group>
        <CopyButton value={props.recoveryKey}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? 'Copied ✓' : 'Copy the recovery key'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => window.print()}>
          Print the recovery key
        </Button>
      </Group>
      <PrintSheet
        recoveryKey={props.recoveryKey}
        clinicName={props.clinicName}
        printedOn={printedOn}
      />
    </>
  )
}
