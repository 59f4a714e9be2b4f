import { Accordion, Alert, Badge, Button, Group, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import {
  ATTENDANCE_STATUS_LABELS,
  type ObservationTag,
  type SessionSettings
} from '../../../../shared/domain/session'
import type { SessionView } from '../../../../shared/ipc/contract'
import { attendanceFigures, plannedCountableMs } from '../../../../shared/session/countable'
import { api, unwrap } from '../../api'
import { useParticipants } from '../../app/queries'
import type { SafetyProtocolKind } from '../../../../shared/domain/protocol'
import { PROTOCOLS } from '../../../../shared/session/protocols'
import { EveryoneOut } from './EveryoneOut'
import { PersonPanel, type AttendanceChange } from './PersonPanel'
import { PrintHandouts } from './PrintHandouts'
import { WalkInRegistration } from './WalkInRegistration'
import { useSessionChange } from './useSession'
import { isolate } from '../../../../shared/rules/bidi'

interface Props {
  session: SessionView
  settings: SessionSettings
  timeZone: string
  now: number
  onSafety(checklistId: string): void
}

/** Attendance, countable minutes and observations for everyone on the session's list. */
export function PeoplePanel({ session, settings, timeZone, now, onSafety }: Props) {
  const sessionId = session.id
  const participants = useParticipants()
  const [walkIn, setWalkIn] = useState<string | null>(null)
  const attendance = useSessionChange(
    sessionId,
    (input: { participantId: string } & AttendanceChange) =>
      unwrap(api().sessions.attendance({ sessionId, ...input }))
  )
  const observe = useSessionChange(
    sessionId,
    (input: {
      participantId: string
      tag: ObservationTag | null
      text: string
      protocol?: SafetyProtocolKind
    }) => unwrap(api().sessions.observe({ sessionId, ...input }))
  )
  const addWalkIn = useSessionChange(sessionId, (participantId: string) =>
    unwrap(api().sessions.addWalkIn({ sessionId, participantId }))
  )
  // The group's billing sets the daily minimum; a group billed per session has none.
  const minimum = session.dailyMinimumMinutes
  const figures = attendanceFigures(session, session.attendance, now, {
    ...settings,
    dailyMinimumMinutes: minimum ?? 0
  })
  const figuresOf = (id: string) => figures.find((f) => f.participantId === id)
  const name = (id: string) =>
    session.people.find((p) => p.participantId === id)?.displayName ?? 'Unknown'
  const busy = attendance.isPending || observe.isPending || addWalkIn.isPending
  const planned = Math.round(plannedCountableMs(session) / 60_000)
  const onList = new Set(session.attendance.map((a) => a.participantId))
  const walkInOptions = (participants.data ?? [])
    .filter((p) => p.status === 'active' && !onList.has(p.id))
    .map((p) => ({ value: p.id, label: `${isolate(p.displayName)} (${isolate(p.clientId)})` }))
  const present = session.attendance.filter((a) => a.status === 'present').length

  return (
    <Stack gap="sm">
      <Text size="sm">
        {present} present of {session.attendance.length} on the list ·{' '}
        {minimum === null
          ? 'billed per session: no daily minimum'
          : `daily minimum ${minimum} countable min`}
      </Text>
      {minimum !== null && planned < minimum && (
        <Alert color="yellow" title="The plan cannot reach the daily minimum">
          This agenda counts {planned} minutes, below the daily minimum of {minimum}. No one can
          reach it today unless the agenda changes.
        </Alert>
      )}
      {session.safety.length > 0 && (
        <Stack gap={4}>
          {session.safety.map((c) => (
            <Button
              key={c.id}
              color={c.finishedAt ? 'gray' : 'red'}
              variant="light"
              onClick={() => onSafety(c.id)}
            >
              {c.finishedAt ? 'Finished: ' : ''}
              {PROTOCOLS[c.protocol].menuLabel}: <bdi>{name(c.participantId)}</bdi>
            </Button>
          ))}
        </Stack>
      )}
      <Group gap="xs">
        <EveryoneOut session={session} timeZone={timeZone} now={now} />
        <PrintHandouts session={session} />
      </Group>
      <Accordion multiple variant="separated" chevronPosition="left">
        {session.attendance.map((record) => {
          const f = figuresOf(record.participantId)
          const personName = name(record.participantId)
          return (
            <Accordion.Item key={record.participantId} value={record.participantId}>
              <Accordion.Control
                // The name says first what the row shows (so speech matches sight), then what it opens.
                aria-label={`${[
                  personName,
                  record.walkIn ? 'Walk-in' : null,
                  ATTENDANCE_STATUS_LABELS[record.status],
                  f?.late ? 'Late arrival' : null,
                  f?.leftEarly ? 'Left early' : null,
                  record.status === 'present' && f?.fallsShort ? 'Short of minimum' : null
                ]
                  .filter(Boolean)
                  .join(' ')}: attendance and observations`}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text fw={600} truncate>
                    <bdi>{personName}</bdi>
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {record.walkIn && (
                      <Badge variant="outline" size="sm">
                        Walk-in
                      </Badge>
                    )}
                    <Badge
                      size="sm"
                      variant="light"
                      color={record.status === 'present' ? 'teal' : 'gray'}
                    >
                      {ATTENDANCE_STATUS_LABELS[record.status]}
                    </Badge>
                    {f?.late && (
                      <Badge size="sm" color="orange" variant="light">
                        Late arrival
                      </Badge>
                    )}
                    {f?.leftEarly && (
                      <Badge size="sm" color="orange" variant="light">
                        Left early
                      </Badge>
                    )}
                    {record.status === 'present' && f?.fallsShort && (
                      <Badge
                        size="sm"
                        color="red"
                        variant="light"
                        leftSection={<span aria-hidden>⚠</span>}
                      >
                        Short of minimum
                      </Badge>
                    )}
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <PersonPanel
                  name={personName}
                  record={record}
                  figures={f}
                  observations={session.observations.filter(
                    (o) => o.participantId === record.participantId
                  )}
                  date={session.date}
                  timeZone={timeZone}
                  dailyMinimumMinutes={minimum}
                  now={now}
                  busy={busy}
                  onAttendance={(change) =>
                    attendance.mutate({ participantId: record.participantId, ...change })
                  }
                  onObserve={(tag, text, chosen) =>
                    observe.mutate(
                      { participantId: record.participantId, tag, text, protocol: chosen },
                      {
                        onSuccess: (updated) => {
                          // A safety concern opens its protocol at once, on this screen only.
                          const protocol =
                            tag === 'arrived_impaired' ? 'impaired' : (chosen ?? null)
                          if (!protocol) return
                          const checklist = updated.safety.find(
                            (c) =>
                              c.participantId === record.participantId &&
                              c.protocol === protocol &&
                              !c.finishedAt
                          )
                          if (checklist) onSafety(checklist.id)
                        }
                      }
                    )
                  }
                />
              </Accordion.Panel>
            </Accordion.Item>
          )
        })}
      </Accordion>
      <Group gap="xs" align="flex-end">
        <Select
          label="Add a walk-in"
          placeholder="Choose a participant"
          data={walkInOptions}
          value={walkIn}
          onChange={setWalkIn}
          searchable
          nothingFoundMessage="No one else is active"
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          disabled={!walkIn || busy}
          onClick={() => {
            if (walkIn) addWalkIn.mutate(walkIn, { onSuccess: () => setWalkIn(null) })
          }}
        >
          Add walk-in
        </Button>
      </Group>
      <WalkInRegistration session={session} />
    </Stack>
  )
}
