import { Button, Group, Paper, Stack, Text } from '@mantine/core'
import {
  findPeerNames,
  namesWritten,
  notNameKey,
  type NamedPerson
} from '../../../../shared/notes/names'

/** Characters of context shown either side of a possible name. */
const CONTEXT = 30

/**
 * The possible names found in one field, each shown marked in its sentence,
 * with a one-click "not a name" for this note. Says nothing when none is found.
 */
export function NameMarks(props: {
  text: string
  field: string
  people: readonly NamedPerson[]
  own?: NamedPerson
  notNames: readonly string[]
  onNotAName: (word: string) => void
  readOnly?: boolean
}) {
  const matches = findPeerNames(props.text, props.people, {
    ...(props.own ? { own: props.own } : {}),
    notNames: props.notNames
  })
  if (matches.length === 0) return null
  const words = namesWritten(matches)
  return (
    <Paper
      withBorder
      p="xs"
      role="group"
      // Not the field's own label: a search for the field by its label must find the field only.
      aria-label="Possible names in the field above"
      bg="var(--mantine-color-yellow-0)"
      data-testid="name-marks"
    >
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Possible {words.length === 1 ? 'name' : 'names'} in {props.field}: use “a peer” instead,
          or mark a word that is not a name.
        </Text>
        {matches.map((m) => (
          <Text size="sm" key={m.start} style={{ overflowWrap: 'anywhere' }}>
            {m.start > CONTEXT ? '…' : ''}
            {props.text.slice(Math.max(0, m.start - CONTEXT), m.start)}
            <mark aria-label={`possible name: ${m.text}`}>
              <strong>{m.text}</strong>
            </mark>
            {props.text.slice(m.end, m.end + CONTEXT)}
            {m.end + CONTEXT < props.text.length ? '…' : ''}
          </Text>
        ))}
        {!props.readOnly && (
          <Group gap="xs">
            {words.map((word) => (
              <Button
                key={notNameKey(word)}
                size="compact-xs"
                variant="default"
                onClick={() => props.onNotAName(word)}
                aria-label={`“${word}” is not a name in this note`}
              >
                “{word}” is not a name
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
