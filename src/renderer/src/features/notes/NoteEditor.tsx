import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import {
  NOTE_SECTIONS,
  type GroupPart,
  type NoteBody,
  type NoteFormat
} from '../../../../shared/domain/note'
import { missingRequired } from '../../../../shared/notes/checks'
import { notNameKey, type NamedPerson } from '../../../../shared/notes/names'
import { api, ApiError, messageOf, unwrap } from '../../api'
import { OpenFollowUps } from '../followups/OpenFollowUps'
import { NameMarks } from './NameMarks'
import { NoteFacts, type Person } from './NoteFacts'
import { RiskSection } from './RiskSection'
import { SignedNote } from './SignedNote'
import { SignWarnings, type Finding } from './SignWarnings'
import { useAutosave } from './useAutosave'
import { confirmSigning } from './confirmSigning'
import { isolate } from '../../../../shared/rules/bidi'

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
  facilitators: ReadonlyArray<{ name: string; credentials: string }>
  /** Everyone else on the session's list, for the name check. */
  peers: readonly NamedPerson[]
}) {
  const { person } = props
  if (person.note && person.note.state !== 'draft') {
    return <SignedNote {...props} note={person.note} />
  }
  return <DraftNote key={person.participantId} {...props} />
}

/** A note not yet started begins from the day's facts; the counselor edits from there. */
function startingBody(person: Person): NoteBody {
  return person.note ? person.note.body : person.prefill
}

export function namedPerson(person: Person): NamedPerson {
  return {
    fullName: person.fullName,
    preferredName: person.preferredName,
    nicknames: person.nicknames
  }
}

function DraftNote({
  sessionId,
  person,
  format,
  timeZone,
  groupFacts,
  peers
}: Parameters<typeof NoteEditor>[0]) {
  const client = useQueryClient()
  const [body, setBody] = useState<NoteBody>(() => startingBody(person))
  const [revision, setRevision] = useState(person.note?.revision ?? 0)
  const [error, setError] = useState<string | null>(null)
  /** What this window had typed when another window's newer save won; kept so no word is lost. */
  const [staleText, setStaleText] = useState<NoteBody | null>(null)
  const [checks, setChecks] = useState<Finding[] | null>(null)
  /** Whether the note exists in the record: one never saved is only its pre-fill. */
  const everSaved = useRef(person.note !== null)
  const save = async (value: NoteBody) => {
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
      everSaved.current = true
      setError(null)
      // The first save makes a draft of a note not started: the lists say so.
      if (saved.revision === 1) void client.invalidateQueries({ queryKey: ['notes'] })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale_draft') setStaleText(value)
      setError(messageOf(e))
      throw e
    }
  }
  const autosave = useAutosave(body, save)
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
        message: `Note for ${isolate(person.displayName)} signed and locked`
      })
      void client.invalidateQueries({ queryKey: ['notes'] })
    },
    onError: (e) => setError(messageOf(e))
  })
  /** The last question before the lock: the note read back in brief. */
  const confirmThenSign = (overrides: Array<{ check: string; message: string }>) =>
    confirmSigning({
      kind: 'sign',
      summary: { person, format, body, groupFacts },
      onConfirm: () => sign.mutate(overrides)
    })
  const startSigning = async () => {
    await autosave.flush()
    // A note still as pre-filled has never been saved: save it as it stands first.
    if (!everSaved.current) {
      try {
        await save(body)
      } catch {
        return
      }
    }
    try {
      const found = await unwrap(
        api().notes.check({ sessionId, participantId: person.participantId })
      )
      if (found.length === 0) confirmThenSign([])
      else setChecks(found)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : messageOf(e))
    }
  }
  const set = (change: Partial<NoteBody>) => setBody((b) => ({ ...b, ...change }))
  const own = namedPerson(person)
  const notNames = body.notNames ?? []
  const marks = (text: string, field: string) => (
    <NameMarks
      text={text}
      field={field}
      people={peers}
      own={own}
      notNames={notNames}
      onNotAName={(word) =>
        setBody((b) => {
          const list = b.notNames ?? []
          const known = list.some((w) => notNameKey(w) === notNameKey(word))
          return known ? b : { ...b, notNames: [...list, word] }
        })
      }
    />
  )
  const missing = missingRequired(format, body, person.safety)
  return (
    <Stack gap="sm">
      <NoteFacts person={person} timeZone={timeZone} />
      <OpenFollowUps participantId={person.participantId} />
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
        <Stack gap={4} key={section.key}>
          <Textarea
            label={section.label}
            autosize
            minRows={3}
            value={body.sections[section.key] ?? ''}
            onChange={(e) =>
              set({ sections: { ...body.sections, [section.key]: e.currentTarget.value } })
            }
            onBlur={() => void autosave.flush()}
          />
          {marks(body.sections[section.key] ?? '', section.label)}
        </Stack>
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
                {marks(g.progress, `the progress on ${goal?.text ?? 'a goal'}`)}
              </Stack>
            )
          })}
        </Paper>
      )}
      <RiskSection
        participantId={person.participantId}
        body={body}
        safety={person.safety}
        timeZone={timeZone}
        onChange={set}
        onBlur={() => void autosave.flush()}
        marks={marks}
      />
      {missing.length > 0 && (
        <Text size="sm" role="status" data-testid="still-to-write">
          <strong>Still to write before signing:</strong> {missing.join(', ')}.
        </Text>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="save-state">
          {SAVE_LABEL[autosave.state]}
        </Text>
        <Button onClick={() => void startSigning()} loading={sign.isPending}>
          Sign note
        </Button>
      </Group>
      <SignWarnings
        findings={checks}
        signing={sign.isPending}
        onClose={() => setChecks(null)}
        onSign={(findings) => {
          setChecks(null)
          confirmThenSign(findings.map((f) => ({ check: f.check, message: f.message })))
        }}
      />
    </Stack>
  )
}
