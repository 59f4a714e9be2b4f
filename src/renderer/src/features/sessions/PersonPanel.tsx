import { Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import type { SafetyProtocolKind } from '../../../../shared/domain/protocol'
import { useState } from 'react'
import {
  OBSERVATION_TAG_LABELS,
  OBSERVATION_TAGS,
  type AttendanceRecord,
  type Observation,
  type ObservationTag
} from '../../../../shared/domain/session'
import { clinicTimeOfDay, zonedTimeToInstant } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import type { AttendanceFigures } from '../../../../shared/session/types'
import { TEXT_LIMITS, textLimit } from '../../../../shared/rules/limits'
import { TimeField } from '../../components/TimeField'
import { ProtocolLauncher } from './ProtocolLauncher'

export interface AttendanceChange {
  status: AttendanceRecord['status']
  timeIn: string | null
  timeOut: string | null
}

interface Props {
  name: string
  record: AttendanceRecord
  figures: AttendanceFigures | undefined
  observations: Observation[]
  date: string
  timeZone: string
  /** Null when the group is billed per session and no daily minimum applies. */
  dailyMinimumMinutes: number | null
  now: number
  busy: boolean
  onAttendance(change: AttendanceChange): void
  onObserve(tag: ObservationTag | null, text: string, protocol?: SafetyProtocolKind): void
}

const iso = (ms: number) => new Date(ms).toISOString()

/** One person's attendance and the quick observations jotted during the group. */
export function PersonPanel(props: Props) {
  const timeFormat = useTimeFormat()
  const { record, figures, timeZone, date, now, busy, name } = props
  const [line, setLine] = useState('')
  const lineLimit = textLimit(line, TEXT_LIMITS.observation)
  const [leaving, setLeaving] = useState(false)
  const present = record.status === 'present'
  const timeOf = (value: string | null) =>
    value ? clinicTimeOfDay(Date.parse(value), timeZone) : ''
  const atTime = (hhmm: string) => (hhmm ? iso(zonedTimeToInstant(date, hhmm, timeZone)) : null)
  // The times as typed, saved when the focus leaves a field: a half-typed time
  // ("0" on the way to "09:15") is never recorded. Both go together, so saving
  // one never puts back an older value of the other. A time recorded elsewhere
  // (the Arrived stamp, another window) replaces what is shown.
  const saved = { timeIn: timeOf(record.timeIn), timeOut: timeOf(record.timeOut) }
  const [times, setTimes] = useState(saved)
  const [shown, setShown] = useState(saved)
  if (shown.timeIn !== saved.timeIn || shown.timeOut !== saved.timeOut) {
    setShown(saved)
    setTimes(saved)
  }
  const saveTimes = () => {
    if (times.timeIn === saved.timeIn && times.timeOut === saved.timeOut) return
    // A time in cannot be cleared here; "Absent" is how a person is marked not there.
    if (!times.timeIn) {
      setTimes({ ...times, timeIn: saved.timeIn })
      return
    }
    props.onAttendance({
      status: 'present',
      timeIn: atTime(times.timeIn),
      timeOut: atTime(times.timeOut)
    })
  }
  const countableMinutes = figures?.countableMinutes ?? 0

  const recordLeaving = () => {
    setLeaving(false)
    props.onAttendance({ status: 'present', timeIn: record.timeIn, timeOut: iso(now) })
  }

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button
          size="xs"
          variant={present ? 'filled' : 'default'}
          disabled={busy}
          onClick={() =>
            // No time given: the app stamps the arrival with its own clock.
            props.onAttendance({ status: 'present', timeIn: record.timeIn, timeOut: null })
          }
        >
          Arrived
        </Button>
        <Button
          size="xs"
          variant={record.status === 'absent_excused' ? 'filled' : 'default'}
          disabled={busy}
          onClick={() =>
            props.onAttendance({ status: 'absent_excused', timeIn: null, timeOut: null })
          }
        >
          Absent (excused)
        </Button>
        <Button
          size="xs"
          variant={record.status === 'absent_unexcused' ? 'filled' : 'default'}
          disabled={busy}
          onClick={() =>
            props.onAttendance({ status: 'absent_unexcused', timeIn: null, timeOut: null })
          }
        >
          Absent (unexcused)
        </Button>
        {present && !record.timeOut && (
          <Button
            size="xs"
            color="orange"
            variant="light"
            disabled={busy}
            onClick={() => setLeaving(true)}
          >
            Leaving now
          </Button>
        )}
      </Group>
      {present && (
        <Group gap="sm" align="flex-end">
          <TimeField
            size="xs"
            label={`Time in for ${name}`}
            value={times.timeIn}
            onChange={(timeIn) => setTimes({ ...times, timeIn })}
            onBlur={saveTimes}
          />
          <TimeField
            size="xs"
            label={`Time out for ${name}`}
            clearable
            clearButtonProps={{ 'aria-label': `Clear the time out for ${name}` }}
            value={times.timeOut}
            onChange={(timeOut) => setTimes({ ...times, timeOut })}
            onBlur={saveTimes}
          />
          <Text size="sm" data-testid="countable">
            {countableMinutes} countable min
          </Text>
        </Group>
      )}
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Observations
        </Text>
        <Group gap={6}>
          {OBSERVATION_TAGS.map((tag) =>
            tag === 'safety_concern' ? (
              // A safety concern asks which crisis it is, so the right protocol opens.
              <ProtocolLauncher
                key={tag}
                compact
                label={OBSERVATION_TAG_LABELS[tag]}
                onStart={(kind) => props.onObserve(tag, '', kind)}
              />
            ) : (
              <Button
                key={tag}
                size="compact-sm"
                variant="light"
                color={tag === 'arrived_impaired' ? 'red' : 'teal'}
                disabled={busy}
                onClick={() => props.onObserve(tag, '')}
              >
                {OBSERVATION_TAG_LABELS[tag]}
              </Button>
            )
          )}
        </Group>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (!line.trim() || lineLimit.over) return
            props.onObserve(null, line.trim())
            setLine('')
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              label={`A short line about ${name}`}
              description={lineLimit.description}
              error={lineLimit.error}
              value={line}
              onChange={(event) => setLine(event.currentTarget.value)}
            />
            <Button
              size="xs"
              type="submit"
              variant="default"
              disabled={busy || !line.trim() || lineLimit.over}
            >
              Add
            </Button>
          </Group>
        </form>
        {props.observations.length > 0 && (
          <Stack gap={2} role="list" aria-label={`Observations of ${name}`}>
            {props.observations.map((o) => (
              <Text size="sm" key={o.id} role="listitem">
                <Text span c="dimmed" ff="monospace">
                  {clinicTimeOfDay(Date.parse(o.at), timeZone, timeFormat)}
                </Text>{' '}
                {o.tag && (
                  <Badge size="xs" variant="light" mr={4}>
                    {OBSERVATION_TAG_LABELS[o.tag]}
                  </Badge>
                )}
                {o.text}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
      <Modal opened={leaving} onClose={() => setLeaving(false)} title={`${name} is leaving`}>
        <Stack>
          <Text>
            Leaving now, {name} has {countableMinutes} countable minutes today.
          </Text>
          {props.dailyMinimumMinutes !== null && countableMinutes < props.dailyMinimumMinutes && (
            <Text c="red.8" fw={600}>
              ⚠ That is below the daily minimum of {props.dailyMinimumMinutes} minutes, so the day
              may not count toward billing.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLeaving(false)}>
              Cancel
            </Button>
            <Button onClick={recordLeaving}>
              Record leaving at {clinicTimeOfDay(now, timeZone, timeFormat)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
