import { LineChart } from '@mantine/charts'
import { Group, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { ReferenceArea } from 'recharts'
import type { MeasureEntry, RecordedMeasureId } from '../../../../shared/domain/measure'
import type { ParticipantProgress } from '../../../../shared/domain/progress'
import { MEASURE_INFO } from '../../../../shared/measures/instruments'

/** Pale greys from mild to severe: the bands are named beside the chart, never by colour alone. */
const BAND_FILLS = ['#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd']

function bandLabel(measureId: RecordedMeasureId, total: number): string {
  const band = MEASURE_INFO[measureId].bands.find((b) => total >= b.min && total <= b.max)
  return band ? band.label : ''
}

export function measureSummary(
  measureId: RecordedMeasureId,
  entries: readonly MeasureEntry[]
): string {
  const name = MEASURE_INFO[measureId].name
  if (entries.length === 0) return `${name}: none recorded.`
  const first = entries[0]!
  const last = entries[entries.length - 1]!
  const band = bandLabel(measureId, last.total)
  const trend =
    entries.length === 1
      ? ''
      : last.total < first.total
        ? `, down from ${first.total} on ${first.takenOn}`
        : last.total > first.total
          ? `, up from ${first.total} on ${first.takenOn}`
          : `, the same as on ${first.takenOn}`
  return `${name}: ${entries.length} recorded; latest ${last.total}${band ? ` (${band})` : ''} on ${last.takenOn}${trend}.`
}

function MeasureChart({
  measureId,
  entries
}: {
  measureId: RecordedMeasureId
  entries: MeasureEntry[]
}) {
  const [asTable, setAsTable] = useState(false)
  const instrument = MEASURE_INFO[measureId]
  const summary = measureSummary(measureId, entries)
  const data = entries.map((m) => ({ date: m.takenOn.slice(5), Score: m.total }))
  return (
    <Paper withBorder p="md" role="region" aria-label={`${instrument.name} over time`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {instrument.name}
        </Title>
        <Switch
          label="Show as table"
          checked={asTable}
          onChange={(e) => setAsTable(e.currentTarget.checked)}
        />
      </Group>
      <Text size="sm" mb="xs" data-testid={`summary-${measureId}`}>
        {summary}
      </Text>
      {asTable ? (
        <Table aria-label={`${instrument.name} scores`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Score</Table.Th>
              <Table.Th>Severity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.takenOn}</Table.Td>
                <Table.Td>{m.total}</Table.Td>
                <Table.Td>
                  {bandLabel(measureId, m.total) || '—'}
                  {m.selfHarmFlag ? ' · item 9 above zero' : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Group align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ flex: 1 }} role="img" aria-label={`Line chart. ${summary}`}>
            <LineChart
              h={200}
              data={data}
              dataKey="date"
              series={[{ name: 'Score', color: 'teal.9' }]}
              yAxisProps={{ domain: [instrument.min, instrument.max] }}
              withTooltip={false}
              accessibilityLayer={false}
              curveType="linear"
            >
              {instrument.bands.map((b, i) => (
                <ReferenceArea
                  key={b.key}
                  y1={i === 0 ? b.min : b.min - 0.5}
                  y2={i === instrument.bands.length - 1 ? b.max : b.max + 0.5}
                  fill={BAND_FILLS[i % BAND_FILLS.length]}
                  fillOpacity={1}
                  ifOverflow="hidden"
                />
              ))}
            </LineChart>
          </div>
          {instrument.bands.length > 0 && (
            <Stack gap={0} aria-hidden w={150}>
              {[...instrument.bands].reverse().map((b) => (
                <Text size="xs" key={b.key}>
                  {b.min}–{b.max} {b.label}
                </Text>
              ))}
            </Stack>
          )}
        </Group>
      )}
    </Paper>
  )
}

/** Each measure recorded for the participant, as a line over time with its severity bands. */
export function MeasureCharts({ progress: p }: { progress: ParticipantProgress }) {
  const ids = (Object.keys(MEASURE_INFO) as RecordedMeasureId[]).filter((id) =>
    p.measures.some((m) => m.measureId === id)
  )
  return (
    <Stack gap="sm" role="region" aria-label="Measures">
      <Title order={2} size="h4">
        Measures
      </Title>
      {ids.length === 0 ? (
        <Text c="dimmed">No measures recorded yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {ids.map((id) => (
            <MeasureChart
              key={id}
              measureId={id}
              entries={p.measures.filter((m) => m.measureId === id)}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  )
}
