import { Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import {
  NOTE_SECTIONS,
  riskLabel,
  type GroupPart,
  type ProgressNote
} from '../../../../shared/domain/note'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { TEXT_LIMITS, textLimit } from '../../../../shared/rules/limits'
import { api, messageOf, unwrap } from '../../api'
import { confirmSigning } from './confirmSigning'
import { measureText, NoteFacts, type Person } from './NoteFacts'
import { isolate } from '../../../../shared/rules/bidi'

/**
 * A signed note as the record holds it, read-only: the session with its
 * facilitators, the group part, the individual part, goals, measures, risk
 * and the signature block; then co-signature and addenda.
 */
export function SignedNote(props: {
  sessionId: string
  person: Person
  timeZone: string
  isSupervisor: boolean
  groupPart: GroupPart
  groupFacts: string
  facilitators: ReadonlyArray<{ name: string; credentials: string }>
  note: ProgressNote
}) {
  const timeFormat = useTimeFormat()
  const { note, person, sessionId, timeZone, isSupervisor, groupPart, groupFacts } = props
  const client = useQueryClient()
  const [text, setText] = useState('')
  const addendumLimit = textLimit(text, TEXT_LIMITS.addendum)
  const refresh = () => void client.invalidateQueries({ queryKey: ['notes'] })
  const cosign = useMutation({
    mutationFn: () =>
      unwrap(api().notes.cosign({ sessionId, participantId: person.participantId })),
    onSuccess: refresh,
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not co-signed', message: messageOf(e) })
  })
  const addendum = useMutation({
    mutationFn: () =>
      unwrap(api().notes.addendum({ sessionId, participantId: person.participantId, text })),
    onSuccess: () => {
      setText('')
      refresh()
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Addendum not added', message: messageOf(e) })
  })
  const when = (iso: string) =>
    `${clinicDate(Date.parse(iso), timeZone)} ${clinicTimeOfDay(Date.parse(iso), timeZone, timeFormat)}`
  const facilitators = props.facilitators
    .map((f) => `${isolate(f.name)}, ${f.credentials}`)
    .join('; ')
  return (
    <Stack gap="sm">
      <NoteFacts person={person} timeZone={timeZone} />
      <Group gap="xs">
        <Badge color={note.state === 'signed' ? 'teal' : 'orange'} size="lg">
          {note.state === 'signed' ? 'Signed and locked' : 'Awaiting co-signature'}
        </Badge>
        {note.lateEntry && (
          <Badge color="red" size="lg">
            Late entry
          </Badge>
        )}
      </Group>
      <Paper withBorder p="sm" role="region" aria-label="Group part, read-only">
        <Text fw={600} size="sm">
          Group part · {groupFacts}
        </Text>
        <Text size="sm" data-testid="facilitators">
          Facilitators: {facilitators || '—'}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {[
            groupPart.topics && `Topics: ${groupPart.topics}`,
            groupPart.interventions && `Interventions: ${groupPart.interventions}`,
            groupPart.dynamics && `Group dynamics: ${groupPart.dynamics}`
          ]
            .filter(Boolean)
            .join('\n') || '—'}
        </Text>
      </Paper>
      {NOTE_SECTIONS[note.format].map((s) => (
        <Part key={s.key} title={s.label}>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {note.body.sections[s.key] || '—'}
          </Text>
        </Part>
      ))}
      <Part title="Treatment-plan goals">
        {note.body.goals.length === 0 ? (
          <Text size="sm">No treatment-plan goals recorded for this session.</Text>
        ) : (
          <List size="sm" spacing={4} data-testid="signed-goals">
            {note.body.goals.map((g) => {
              const goal = person.goals.find((x) => x.id === g.goalId)
              return (
                <List.Item key={g.goalId}>
                  <strong>{goal?.text ?? 'A goal no longer in the treatment plan'}</strong> (
                  {g.addressed ? 'Addressed' : 'Not addressed this session'})
                  {g.progress.trim() ? ` — ${g.progress}` : ''}
                </List.Item>
              )
            })}
          </List>
        )}
      </Part>
      <Part title="Measures given this day">
        <Text size="sm">
          {person.measures.length ? person.measures.map(measureText).join(' · ') : 'None'}
        </Text>
      </Part>
      <Part title="Risk assessment and follow-up">
        {person.safety.length > 0 && (
          <Text size="sm">
            Recorded this day:{' '}
            {person.safety
              .map((s) =>
                s.at
                  ? `${clinicTimeOfDay(Date.parse(s.at), timeZone, timeFormat)} ${s.text}`
                  : s.text
              )
              .join(' · ')}
          </Text>
        )}
        <Text size="sm" data-testid="signed-risk">
          <strong>Risk:</strong> {riskLabel(note.body.risk)}
          {note.body.riskText ? ` — ${note.body.riskText}` : ''}
        </Text>
        <Text size="sm">
          <strong>Follow-up:</strong> {note.body.followUp || '—'}
        </Text>
      </Part>
      <Paper withBorder p="sm" role="region" aria-label="Signature">
        {note.signature && (
          <Text size="sm" data-testid="signature">
            Electronically signed by <bdi>{note.signature.name}</bdi>, {note.signature.credentials}{' '}
            on {when(note.signature.at)}
          </Text>
        )}
        {note.cosignature && (
          <Text size="sm">
            Co-signed by <bdi>{note.cosignature.name}</bdi>, {note.cosignature.credentials} on{' '}
            {when(note.cosignature.at)}
          </Text>
        )}
        {note.state === 'awaiting_cosignature' && (
          <Text size="sm">Awaiting a supervisor’s co-signature.</Text>
        )}
      </Paper>
      {note.state === 'awaiting_cosignature' && isSupervisor && (
        <Button
          w="fit-content"
          onClick={() =>
            confirmSigning({
              kind: 'cosign',
              summary: { person, format: note.format, body: note.body, groupFacts },
              onConfirm: () => cosign.mutate()
            })
          }
          loading={cosign.isPending}
        >
          Co-sign as supervisor
        </Button>
      )}
      {note.addenda.map((a) => (
        <Paper withBorder p="sm" key={a.id}>
          <Text fw={600} size="sm">
            Addendum — <bdi>{a.signature.name}</bdi>, {a.signature.credentials},{' '}
            {when(a.signature.at)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.text}</Text>
        </Paper>
      ))}
      <Textarea
        label="Add an addendum (the note above stays as it was)"
        autosize
        minRows={2}
        description={addendumLimit.description}
        error={addendumLimit.error}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Button
        w="fit-content"
        variant="default"
        disabled={!text.trim() || addendumLimit.over}
        onClick={() => addendum.mutate()}
        loading={addendum.isPending}
      >
        Sign and add the addendum
      </Button>
    </Stack>
  )
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Title order={3} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  )
}
