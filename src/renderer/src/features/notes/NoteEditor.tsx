import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  NOTE_SECTIONS,
  RISK_LABELS,
  emptyBody,
  type GroupPart,
  type NoteBody,
  type NoteFormat,
  type ProgressNote,
  type RiskLevel
} from '../../../../shared/domain/note'
import { OBSERVATION_TAG_LABELS, type ObservationTag } from '../../../../shared/domain/session'
import type { SessionNotes } from '../../../../shared/ipc/contract'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { api, ApiError, messageOf, unwrap } from '../../api'
import { useAutosave } from './useAutosave'

type Person = SessionNotes['participants'][number]

const SAVE_LABEL = {
  saved: 'All changes saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  failed: 'Not saved — see the message above'
}

/** One participant's note: prefilled facts, the format's sections, goals, risk, plan; then sign. */
export function NoteEditor(props: {
  sessionId: string
  person: Person
  format: NoteFormat
  timeZone: string
  isSupervisor: boolean
  groupPart: GroupPart
  groupFacts: string
}) {
  const { person } = props
  if (person.note && person.note.state !== 'draft') {
    return <SignedNote {...props} note={person.note} />
  }
  return <DraftNote key={person.participantId} {...props} />
}

function startingBody(person: Person, format: NoteFormat): NoteBody {
  if (person.note) return person.note.body
  const body = emptyBody(format)
  return {
    ...body,
    goals: person.goals.map((g) => ({ goalId: g.id, addressed: false, progress: '' }))
  }
}

function DraftNote({ sessionId, person, format, timeZone }: Parameters<typeof NoteEditor>[0]) {
  const client = useQueryClient()
  const [body, setBody] = useState<NoteBody>(() => startingBody(person, format))
  const [revision, setRevision] = useState(person.note?.revision ?? 0)
  const [error, setError] = useState<string | null>(null)
  /** What this window had typed when another window's newer save won; kept so no word is lost. */
  const [staleText, setStaleText] = useState<NoteBody | null>(null)
  const [checks, setChecks] = useState<Array<{ check: string; message: string }> | null>(null)
  const [confirmed, setConfirmed] = useState<string[]>([])
  const autosave = useAutosave(body, async (value) => {
    try {
      const saved = await unwrap(
        api().notes.saveDraft({
          sessionId,
          participantId: person.participantId,
          baseRevision: revision,
          body: value
        })
      )
      setRevision(saved.revision)
      setError(null)
      // The first save makes a draft of a note not started: the lists say so.
      if (saved.revision === 1) void client.invalidateQueries({ queryKey: ['notes'] })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale_draft') setStaleText(value)
      setError(messageOf(e))
      throw e
    }
  })
  const openNewer = async () => {
    try {
      const fresh = await unwrap(api().notes.session({ sessionId }))
      const note = fresh.participants.find((p) => p.participantId === person.participantId)?.note
      if (note) {
        setBody(note.body)
        setRevision(note.revision)
      }
      setError(null)
      void client.invalidateQueries({ queryKey: ['notes'] })
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const sign = useMutation({
    mutationFn: (overrides: Array<{ check: string; message: string }>) =>
      unwrap(api().notes.sign({ sessionId, participantId: person.participantId, overrides })),
    onSuccess: () => {
      setChecks(null)
      notifications.show({
        color: 'teal',
        message: `Note for ${person.displayName} signed and locked`
      })
      void client.invalidateQueries({ queryKey: ['notes'] })
    },
    onError: (e) => setError(messageOf(e))
  })
  const startSigning = async () => {
    await autosave.flush()
    try {
      const found = await unwrap(
        api().notes.check({ sessionId, participantId: person.participantId })
      )
      if (found.length === 0) sign.mutate([])
      else {
        setConfirmed([])
        setChecks(found)
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : messageOf(e))
    }
  }
  const set = (change: Partial<NoteBody>) => setBody((b) => ({ ...b, ...change }))
  return (
    <Stack gap="sm">
      <Facts person={person} timeZone={timeZone} />
      {error && (
        <Alert color="red" title="Not saved" role="alert">
          {error}
          {staleText && (
            <Group mt="xs">
              <Button size="xs" variant="white" onClick={() => void openNewer()}>
                Open the newer version
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {staleText && !error && (
        <Paper withBorder p="sm" role="region" aria-label="Your text from this window">
          <Group justify="space-between" mb={4}>
            <Text fw={600} size="sm">
              Your text from this window, not saved — copy what you need into the note
            </Text>
            <Button size="xs" variant="subtle" onClick={() => setStaleText(null)}>
              Done
            </Button>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {NOTE_SECTIONS[format]
              .map((section) => `${section.label}: ${staleText.sections[section.key] ?? ''}`)
              .join('\n')}
          </Text>
        </Paper>
      )}
      {NOTE_SECTIONS[format].map((section) => (
        <Textarea
          key={section.key}
          label={section.label}
          autosize
          minRows={3}
          value={body.sections[section.key] ?? ''}
          onChange={(e) =>
            set({ sections: { ...body.sections, [section.key]: e.currentTarget.value } })
          }
          onBlur={() => void autosave.flush()}
        />
      ))}
      {body.goals.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            Treatment-plan goals
          </Title>
          {body.goals.map((g, i) => {
            const goal = person.goals.find((x) => x.id === g.goalId)
            return (
              <Stack key={g.goalId} gap={4} mb="xs">
                <Checkbox
                  label={`Addressed: ${goal?.text ?? 'a goal'}`}
                  checked={g.addressed}
                  onChange={(e) => {
                    const goals = [...body.goals]
                    goals[i] = { ...g, addressed: e.currentTarget.checked }
                    set({ goals })
                  }}
                />
                <Textarea
                  label={`Progress on: ${goal?.text ?? 'this goal'}`}
                  autosize
                  minRows={1}
                  value={g.progress}
                  onChange={(e) => {
                    const goals = [...body.goals]
                    goals[i] = { ...g, progress: e.currentTarget.value }
                    set({ goals })
                  }}
                />
              </Stack>
            )
          })}
        </Paper>
      )}
      <Stack gap={4}>
        <Text fw={500} size="sm" id={`risk-${person.participantId}`}>
          Risk assessment
        </Text>
        <SegmentedControl
          aria-labelledby={`risk-${person.participantId}`}
          value={body.risk}
          onChange={(v) => set({ risk: v as RiskLevel })}
          data={(Object.keys(RISK_LABELS) as RiskLevel[]).map((r) => ({
            value: r,
            label: RISK_LABELS[r]
          }))}
        />
        {body.risk !== 'none' && (
          <Textarea
            label="What was assessed, and why this level"
            required
            autosize
            minRows={2}
            value={body.riskText}
            onChange={(e) => set({ riskText: e.currentTarget.value })}
          />
        )}
        <Textarea
          label="Follow-up"
          autosize
          minRows={1}
          value={body.followUp}
          onChange={(e) => set({ followUp: e.currentTarget.value })}
        />
      </Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="save-state">
          {SAVE_LABEL[autosave.state]}
        </Text>
        <Button onClick={() => void startSigning()} loading={sign.isPending}>
          Sign note
        </Button>
      </Group>
      <Modal
        opened={checks !== null}
        onClose={() => setChecks(null)}
        title="Before you sign"
        size="lg"
      >
        <Stack>
          <Text size="sm">
            Read each point. Tick it to sign anyway; your choice is kept with the note.
          </Text>
          {(checks ?? []).map((c) => (
            <Checkbox
              key={c.check + c.message}
              label={c.message}
              checked={confirmed.includes(c.message)}
              onChange={(e) =>
                setConfirmed((list) =>
                  e.currentTarget.checked
                    ? [...list, c.message]
                    : list.filter((m) => m !== c.message)
                )
              }
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setChecks(null)}>
              Go back and change the note
            </Button>
            <Button
              disabled={(checks ?? []).some((c) => !confirmed.includes(c.message))}
              loading={sign.isPending}
              onClick={() => sign.mutate(checks ?? [])}
            >
              Sign anyway
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}

function Facts({ person, timeZone }: { person: Person; timeZone: string }) {
  const t = (iso: string | null) => (iso ? clinicTimeOfDay(Date.parse(iso), timeZone) : '—')
  const a = person.attendance
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="note-facts">
      <Text size="sm">
        <strong>Attendance:</strong>{' '}
        {a.status === 'present' ? 'Present' : a.status.replace('_', ' ')}
        {a.walkIn ? ' (walk-in)' : ''} · in {t(a.timeIn)} · out {t(a.timeOut)} ·{' '}
        {a.countableMinutes} countable minutes{a.late ? ' · late arrival' : ''}
        {a.leftEarly ? ' · left early' : ''}
      </Text>
      {person.observations.length > 0 && (
        <Text size="sm" mt={4}>
          <strong>Observed in session:</strong>{' '}
          {person.observations
            .map((o) =>
              [t(o.at), o.tag ? OBSERVATION_TAG_LABELS[o.tag as ObservationTag] : '', o.text]
                .filter(Boolean)
                .join(' ')
            )
            .join(' · ')}
        </Text>
      )}
    </Paper>
  )
}

function SignedNote(props: Parameters<typeof NoteEditor>[0] & { note: ProgressNote }) {
  const { note, person, sessionId, timeZone, isSupervisor, groupPart, groupFacts } = props
  const client = useQueryClient()
  const [text, setText] = useState('')
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
    `${clinicDate(Date.parse(iso), timeZone)} ${clinicTimeOfDay(Date.parse(iso), timeZone)}`
  return (
    <Stack gap="sm">
      <Facts person={person} timeZone={timeZone} />
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
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
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
        <Stack gap={0} key={s.key}>
          <Text fw={600} size="sm">
            {s.label}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{note.body.sections[s.key] || '—'}</Text>
        </Stack>
      ))}
      <Text size="sm">
        <strong>Risk:</strong> {RISK_LABELS[note.body.risk]}
        {note.body.riskText ? ` — ${note.body.riskText}` : ''}
        {note.body.followUp ? `. Follow-up: ${note.body.followUp}` : ''}
      </Text>
      {note.signature && (
        <Text size="sm" data-testid="signature">
          Electronically signed by {note.signature.name}, {note.signature.credentials} on{' '}
          {when(note.signature.at)}
        </Text>
      )}
      {note.cosignature && (
        <Text size="sm">
          Co-signed by {note.cosignature.name}, {note.cosignature.credentials} on{' '}
          {when(note.cosignature.at)}
        </Text>
      )}
      {note.state === 'awaiting_cosignature' && isSupervisor && (
        <Button w="fit-content" onClick={() => cosign.mutate()} loading={cosign.isPending}>
          Co-sign as supervisor
        </Button>
      )}
      {note.addenda.map((a) => (
        <Paper withBorder p="sm" key={a.id}>
          <Text fw={600} size="sm">
            Addendum — {a.signature.name}, {a.signature.credentials}, {when(a.signature.at)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Text>
        </Paper>
      ))}
      <Textarea
        label="Add an addendum (the note above stays as it was)"
        autosize
        minRows={2}
        maxLength={5000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Button
        w="fit-content"
        variant="default"
        disabled={!text.trim()}
        onClick={() => addendum.mutate()}
        loading={addendum.isPending}
      >
        Sign and add the addendum
      </Button>
    </Stack>
  )
}
