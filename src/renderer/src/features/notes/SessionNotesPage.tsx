import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  NavLink,
  Paper,
  Stack,
  Text,
  Textarea,
  Title
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { GroupPart } from '../../../../shared/domain/note'
import { notNameKey, type NamedPerson } from '../../../../shared/notes/names'
import type { SessionNotes } from '../../../../shared/ipc/contract'
import { clinicDate, clinicTimeOfDay, type TimeFormat } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { api, messageOf, unwrap } from '../../api'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { useProtectedPrint } from '../exports/useProtectedExport'
import { DiscloseButton } from '../consent/DiscloseButton'
import { NameMarks } from './NameMarks'
import { NoteEditor, namedPerson } from './NoteEditor'
import { useAutosave } from './useAutosave'

const STATUS_LABEL = {
  not_started: 'Not started',
  draft: 'Draft',
  awaiting_cosignature: 'Awaiting co-signature',
  signed: 'Signed'
} as const

/** After the group: the shared part once, then each participant's note; [ and ] move between them. */
export function SessionNotesPage() {
  const timeFormat = useTimeFormat()
  const { sessionId = '' } = useParams()
  /** Whose note is being printed; null for every note of the session. */
  const printFor = useRef<string | null>(null)
  const printing = useProtectedPrint('the notes', (to, password) =>
    unwrap(api().notes.print({ sessionId, participantId: printFor.current, to, password }))
  )
  const status = useStatus()
  const notes = useQuery({
    queryKey: ['notes', 'session', sessionId],
    queryFn: () => unwrap(api().notes.session({ sessionId }))
  })
  // A link from a participant's progress page opens their note.
  const [search] = useSearchParams()
  const [selected, setSelected] = useState<string | null>(search.get('participant'))
  const data = notes.data
  const people = (data?.participants ?? []).filter((p) => p.attendance.status === 'present')
  const current = people.find((p) => p.participantId === selected) ?? people[0]

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
      const next = event.key === ']' || (event.altKey && event.key === 'ArrowDown')
      const previous = event.key === '[' || (event.altKey && event.key === 'ArrowUp')
      if ((typing && !event.altKey) || (!next && !previous) || !current) return
      const index = people.findIndex((p) => p.participantId === current.participantId)
      const to = people[index + (next ? 1 : -1)]
      if (to) {
        event.preventDefault()
        setSelected(to.participantId)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [people, current])

  if (notes.isError)
    return <ErrorNotice title="The notes could not be opened" error={notes.error} />
  if (!data) return <Loader aria-label="Opening the notes" />
  const timeZone = status.data?.clinic?.timeZone ?? 'UTC'
  const isSupervisor = status.data?.signedIn?.role === 'supervisor'

  return (
    <Stack gap="md">
      {printing.modal}
      <PageHeader
        title={`Notes · ${data.groupName} · ${data.date}`}
        description={`${data.format} format · ${data.presentCount} present · due ${clinicDate(Date.parse(data.dueAt), timeZone)} ${clinicTimeOfDay(Date.parse(data.dueAt), timeZone, timeFormat)}`}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => {
                printFor.current = null
                printing.print()
              }}
            >
              Print all notes
            </Button>
            {printing.canSavePdf && (
              <Button
                variant="default"
                onClick={() => {
                  printFor.current = null
                  printing.savePdf()
                }}
              >
                Save all notes as PDF
              </Button>
            )}
            <Button component={Link} to={`/sessions/${sessionId}/summary`} variant="subtle">
              Session summary
            </Button>
          </Group>
        }
      />
      <GroupPartEditor
        sessionId={sessionId}
        initial={data.groupPart}
        locked={data.groupPartLocked}
        facts={groupFacts(data, timeZone, timeFormat)}
        everyone={data.participants.map(namedPerson)}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="xs" component="nav" aria-label="Participants">
            {people.map((p) => (
              <NavLink
                component="button"
                variant="filled"
                // The state under the name reads at full strength on the filled colour.
                styles={{ description: { color: 'inherit', opacity: 1 } }}
                key={p.participantId}
                label={p.displayName}
                description={STATUS_LABEL[p.status]}
                active={p.participantId === current?.participantId}
                aria-current={p.participantId === current?.participantId ? 'true' : undefined}
                onClick={() => setSelected(p.participantId)}
              />
            ))}
            <Text size="xs" c="dimmed" p="xs">
              ] next · [ previous (Alt+↓ / Alt+↑ while typing)
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {current ? (
            <Paper withBorder p="md">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h3">
                  {current.displayName}
                </Title>
                <Group gap="xs">
                  <Badge variant="light">{STATUS_LABEL[current.status]}</Badge>
                  {current.note && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        printFor.current = current.participantId
                        printing.print()
                      }}
                    >
                      Print this note
                    </Button>
                  )}
                  {current.note && current.note.state !== 'draft' && (
                    <DiscloseButton
                      participantId={current.participantId}
                      record="progress_notes"
                      what="this note"
                      print={(to, password, consentId) =>
                        unwrap(
                          api().notes.print({
                            sessionId,
                            participantId: current.participantId,
                            to,
                            password,
                            consentId
                          })
                        )
                      }
                    />
                  )}
                </Group>
              </Group>
              <NoteEditor
                key={`${current.participantId}-${current.note && current.note.state !== 'draft' ? current.note.state : 'draft'}-${current.note?.addenda.length ?? 0}`}
                sessionId={sessionId}
                person={current}
                format={data.format}
                timeZone={timeZone}
                isSupervisor={isSupervisor}
                groupPart={data.groupPart}
                groupFacts={groupFacts(data, timeZone, timeFormat)}
                facilitators={data.facilitators}
                peers={data.participants
                  .filter((p) => p.participantId !== current.participantId)
                  .map(namedPerson)}
              />
            </Paper>
          ) : (
            <Alert>No one was present, so no notes are owed.</Alert>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

const GROUP_SAVE_LABEL = {
  saved: 'Group part saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  failed: 'Not saved — see the message above'
}

/** The group part's facts, from the session record: never typed, so never wrong. */
export function groupFacts(
  data: SessionNotes,
  timeZone: string,
  timeFormat: TimeFormat = '24h'
): string {
  const time = (iso: string | null) =>
    iso ? clinicTimeOfDay(Date.parse(iso), timeZone, timeFormat) : '—'
  const minutes =
    data.startedAt === null
      ? null
      : Math.round((Date.parse(data.endedAt) - Date.parse(data.startedAt)) / 60_000)
  return [
    data.date,
    `${time(data.startedAt)} to ${time(data.endedAt)}`,
    minutes === null ? null : `${minutes} minutes`,
    `${data.presentCount} present`
  ]
    .filter(Boolean)
    .join(' · ')
}

function GroupPartEditor({
  sessionId,
  initial,
  locked,
  facts,
  everyone
}: {
  sessionId: string
  initial: GroupPart
  locked: boolean
  facts: string
  everyone: readonly NamedPerson[]
}) {
  const [part, setPart] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const autosave = useAutosave(part, async (value) => {
    if (locked) return
    try {
      await unwrap(api().notes.saveGroupPart({ sessionId, groupPart: value }))
      setError(null)
    } catch (e) {
      setError(messageOf(e))
      throw e
    }
  })
  const field = (key: 'topics' | 'interventions' | 'dynamics', label: string) => (
    <Stack gap={4}>
      <Textarea
        label={label}
        autosize
        minRows={2}
        readOnly={locked}
        value={part[key]}
        onChange={(e) => {
          const text = e.currentTarget.value
          setPart((p) => ({ ...p, [key]: text }))
        }}
        onBlur={() => void autosave.flush()}
      />
      {/* The group part is in every note, so no participant may be named in it. */}
      <NameMarks
        text={part[key]}
        field={label.toLowerCase()}
        people={everyone}
        notNames={part.notNames ?? []}
        readOnly={locked}
        onNotAName={(word) =>
          setPart((p) => {
            const list = p.notNames ?? []
            const known = list.some((w) => notNameKey(w) === notNameKey(word))
            return known ? p : { ...p, notNames: [...list, word] }
          })
        }
      />
    </Stack>
  )
  return (
    <Paper withBorder p="md" role="region" aria-label="Group part">
      <Title order={2} size="h4" mb="xs">
        Group part (the same in every note)
      </Title>
      <Text size="sm" mb="xs" data-testid="group-facts">
        {facts}
      </Text>
      {locked && (
        <Text size="sm" c="dimmed" mb="xs">
          A note of this session is signed, so this part is locked.
        </Text>
      )}
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      <Stack gap="xs">
        {!locked && (
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="group-save-state">
            {GROUP_SAVE_LABEL[autosave.state]}
          </Text>
        )}
        {field('topics', 'Topics and curriculum modules')}
        {field('interventions', 'Interventions used')}
        {field('dynamics', 'Group dynamics')}
      </Stack>
    </Paper>
  )
}
