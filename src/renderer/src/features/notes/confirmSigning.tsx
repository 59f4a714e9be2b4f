import { List, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import type { NoteBody, NoteFormat } from '../../../../shared/domain/note'
import { noteSummary } from '../../../../shared/notes/summary'
import { measureText, type Person } from './NoteFacts'

/** The note as it will be locked, in brief: who, which session, each part's first line. */
export function NoteSummary(props: {
  person: Person
  format: NoteFormat
  body: NoteBody
  groupFacts: string
}) {
  const { person } = props
  return (
    <List size="sm" spacing={4} data-testid="sign-summary" listStyleType="none">
      <List.Item>
        <strong>Participant:</strong> <bdi>{person.displayName}</bdi> ({person.clientId})
      </List.Item>
      <List.Item>
        <strong>Session:</strong> {props.groupFacts}
      </List.Item>
      {noteSummary(props.format, props.body).map((line) => (
        <List.Item key={line.label}>
          <strong>{line.label}:</strong>{' '}
          {line.text === null ? <em>left empty</em> : <bdi>{line.text}</bdi>}
        </List.Item>
      ))}
      <List.Item>
        <strong>Measures:</strong>{' '}
        {person.measures.length ? person.measures.map(measureText).join(' · ') : 'none given'}
      </List.Item>
    </List>
  )
}

/**
 * Asks once more before a signature that cannot be taken back: the note is
 * read back in brief, and the lock is said in words.
 */
export function confirmSigning(options: {
  kind: 'sign' | 'cosign'
  summary: Parameters<typeof NoteSummary>[0]
  onConfirm: () => void
}): void {
  const cosign = options.kind === 'cosign'
  modals.openConfirmModal({
    title: cosign ? 'Co-sign this note?' : 'Sign this note?',
    size: 'lg',
    children: (
      <Stack gap="sm">
        <NoteSummary {...options.summary} />
        <Text size="sm" fw={600} role="note">
          {cosign
            ? 'Once co-signed, the note is final: it cannot be edited afterwards, only corrected by an addendum.'
            : 'Once signed, the note is locked: it cannot be edited afterwards, only corrected by an addendum.'}
        </Text>
      </Stack>
    ),
    labels: {
      confirm: cosign ? 'Co-sign the note' : 'Sign and lock the note',
      cancel: 'Go back to the note'
    },
    onConfirm: options.onConfirm
  })
}
