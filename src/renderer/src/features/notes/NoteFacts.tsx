import { Paper, Text } from '@mantine/core'
import { OBSERVATION_TAG_LABELS, type ObservationTag } from '../../../../shared/domain/session'
import type { SessionNotes } from '../../../../shared/ipc/contract'
import { MEASURE_INFO } from '../../../../shared/measures/instruments'
import { clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'

export type Person = SessionNotes['participants'][number]

/** A measure as read in a note: "PHQ-9 12 (Moderate)". */
export function measureText(m: Person['measures'][number]): string {
  const instrument = MEASURE_INFO[m.measureId]
  const band = instrument?.bands.find((b) => b.key === m.band)?.label
  return `${instrument?.name ?? m.measureId} ${m.total}${band ? ` (${band})` : ''}`
}

/** What the session recorded of the participant: attendance, rounds, observations, measures. */
export function NoteFacts({ person, timeZone }: { person: Person; timeZone: string }) {
  const timeFormat = useTimeFormat()
  const t = (iso: string | null) =>
    iso ? clinicTimeOfDay(Date.parse(iso), timeZone, timeFormat) : '—'
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
      {person.rounds.map((r, i) => (
        <Text size="sm" mt={4} key={i}>
          {r.text}
        </Text>
      ))}
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
      {person.measures.length > 0 && (
        <Text size="sm" mt={4}>
          <strong>Measures given today:</strong> {person.measures.map(measureText).join(' · ')}
        </Text>
      )}
    </Paper>
  )
}
