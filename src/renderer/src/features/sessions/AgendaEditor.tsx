import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput
} from '@mantine/core'
import { useEffect, useRef, type ReactNode } from 'react'
import type { ModuleSummary } from '../../../../shared/curriculum/module'
import {
  MAX_SEGMENTS,
  SEGMENT_KIND_LABELS,
  SegmentKind,
  takesModule,
  type SegmentInput
} from '../../../../shared/domain/session'
import { options } from '../../components/labels'

/** A segment as it is being typed: its minutes may be empty for a moment. */
export type SegmentDraft = Omit<SegmentInput, 'plannedMinutes'> & { plannedMinutes: number | '' }

/** Field errors keyed by row and field, e.g. `2.title` (as the form reports them, less the list's name). */
export type AgendaErrors = Partial<Record<string, ReactNode>>

const KIND_OPTIONS = options(SEGMENT_KIND_LABELS)

function minutesText(n: number): string {
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`
}

export function agendaTotals(segments: readonly SegmentDraft[]) {
  const minutes = (s: SegmentDraft) => (s.plannedMinutes === '' ? 0 : s.plannedMinutes)
  return {
    planned: segments.reduce((sum, s) => sum + minutes(s), 0),
    countable: segments.reduce((sum, s) => sum + (s.countable ? minutes(s) : 0), 0)
  }
}

/**
 * A new kind keeps the person's choices where they still make sense: a break
 * stops counting, a module of the wrong kind is let go, and a title that only
 * named the old kind follows the new one.
 */
function withKind(
  segment: SegmentDraft,
  kind: SegmentKind,
  modules: readonly ModuleSummary[]
): SegmentDraft {
  const module = modules.find((m) => m.id === segment.moduleId)
  const keepsModule = takesModule(kind) && module?.kind === kind
  const title = segment.title.trim()
  return {
    ...segment,
    kind,
    title:
      title === '' || title === SEGMENT_KIND_LABELS[segment.kind]
        ? SEGMENT_KIND_LABELS[kind]
        : segment.title,
    countable: kind === 'break' ? false : segment.countable,
    moduleId: keepsModule ? segment.moduleId : null
  }
}

function moduleOptions(
  modules: readonly ModuleSummary[],
  kind: SegmentKind,
  chosen: string | null
) {
  const offered = modules
    .filter((m) => m.kind === kind)
    .sort((a, b) => a.week - b.week || a.order - b.order || a.title.localeCompare(b.title))
    .map((m) => ({ value: m.id, label: `Week ${m.week} · ${m.title}` }))
  if (chosen !== null && !offered.some((o) => o.value === chosen)) {
    offered.unshift({ value: chosen, label: 'A module no longer in the library' })
  }
  return offered
}

interface RowProps {
  segment: SegmentDraft
  index: number
  count: number
  modules: readonly ModuleSummary[]
  errors: AgendaErrors
  focusKey: (control: string) => string
  onChange: (segment: SegmentDraft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

function SegmentRow({
  segment,
  index,
  count,
  modules,
  errors,
  focusKey,
  onChange,
  onMove,
  onRemove
}: RowProps) {
  const position = `segment ${index + 1}`
  // Buttons name the segment by its title; fields by position, so a label never changes while typing.
  const name = segment.title.trim() || position
  const error = (field: keyof SegmentInput) => errors[`${index}.${field}`]
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} aria-hidden>
          {index + 1}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Kind of ${position}`}
          data={KIND_OPTIONS}
          allowDeselect={false}
          value={segment.kind}
          error={error('kind')}
          onChange={(value) => {
            const kind = SegmentKind.safeParse(value)
            if (kind.success) onChange(withKind(segment, kind.data, modules))
          }}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          data-focus-key={focusKey('title')}
          aria-label={`Title of ${position}`}
          value={segment.title}
          error={error('title')}
          onChange={(event) => onChange({ ...segment, title: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Planned minutes for ${position}`}
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          value={segment.plannedMinutes}
          error={error('plannedMinutes')}
          onChange={(value) =>
            onChange({
              ...segment,
              plannedMinutes: typeof value === 'number' ? value : value === '' ? '' : Number(value)
            })
          }
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`Segment ${index + 1} counts toward billable time`}
          checked={segment.countable}
          error={error('countable')}
          onChange={(event) => onChange({ ...segment, countable: event.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        {takesModule(segment.kind) ? (
          <Select
            aria-label={`Module for ${position}`}
            placeholder="No slides"
            data={moduleOptions(modules, segment.kind, segment.moduleId)}
            nothingFoundMessage="No modules of this kind in the library"
            searchable
            clearable
            value={segment.moduleId}
            error={error('moduleId')}
            onChange={(value) => onChange({ ...segment, moduleId: value })}
          />
        ) : (
          <Text size="sm" c="dimmed">
            No slides
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            data-focus-key={focusKey('up')}
            variant="subtle"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            data-focus-key={focusKey('down')}
            variant="subtle"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${name}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            ✕
          </ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/** The segments of a session, in order, with what each plans and whether its minutes count. */
export function AgendaEditor({
  value,
  onChange,
  modules,
  targetMinutes,
  errors = {},
  error
}: {
  value: readonly SegmentDraft[]
  onChange: (segments: SegmentDraft[]) => void
  modules: readonly ModuleSummary[]
  /** The group's session length; a different total is pointed out, not refused. */
  targetMinutes?: number
  errors?: AgendaErrors
  /** What is wrong with the agenda as a whole (none, too many, the same segment twice). */
  error?: ReactNode
}) {
  // After a change re-renders the rows, focus goes where the person expects, never to the page.
  const container = useRef<HTMLDivElement>(null)
  const focusNext = useRef<string | null>(null)
  useEffect(() => {
    const target = focusNext.current
    if (target === null) return
    focusNext.current = null
    const controls = container.current?.querySelectorAll<HTMLElement>('[data-focus-key]') ?? []
    Array.from(controls)
      .find((element) => element.dataset.focusKey === target)
      ?.focus()
  })

  const replace = (index: number, segment: SegmentDraft) =>
    onChange(value.map((s, i) => (i === index ? segment : s)))
  const move = (index: number, by: -1 | 1) => {
    const next = [...value]
    const [segment] = next.splice(index, 1)
    if (!segment) return
    const to = index + by
    next.splice(to, 0, segment)
    // At either end the button just pressed is disabled; the other one keeps focus in the row.
    const direction = to === 0 ? 'down' : to === next.length - 1 ? 'up' : by < 0 ? 'up' : 'down'
    focusNext.current = `${segment.id}:${direction}`
    onChange(next)
  }
  const remove = (index: number) => {
    const next = value.filter((_, i) => i !== index)
    const neighbour = next[Math.min(index, next.length - 1)]
    focusNext.current = neighbour ? `${neighbour.id}:title` : 'add'
    onChange(next)
  }
  const add = () => {
    const segment: SegmentDraft = {
      id: crypto.randomUUID(),
      kind: 'other',
      title: '',
      plannedMinutes: 10,
      countable: true,
      moduleId: null
    }
    focusNext.current = `${segment.id}:title`
    onChange([...value, segment])
  }

  const totals = agendaTotals(value)
  const difference = targetMinutes === undefined ? 0 : totals.planned - targetMinutes
  const full = value.length >= MAX_SEGMENTS

  return (
    <Stack gap="xs" ref={container}>
      <Table aria-label="Agenda" verticalSpacing={6} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th w={190}>Kind</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th w={100}>Minutes</Table.Th>
            <Table.Th w={70}>Counts</Table.Th>
            <Table.Th w={250}>Module</Table.Th>
            <Table.Th w={110}>Move or remove</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.map((segment, index) => (
            <SegmentRow
              key={segment.id}
              segment={segment}
              index={index}
              count={value.length}
              modules={modules}
              errors={errors}
              focusKey={(control) => `${segment.id}:${control}`}
              onChange={(next) => replace(index, next)}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index)}
            />
          ))}
        </Table.Tbody>
      </Table>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600} aria-live="polite">
            {minutesText(totals.planned)} planned, {totals.countable} countable
          </Text>
          {difference !== 0 && targetMinutes !== undefined && (
            <Text size="sm" c="orange.9">
              The group’s sessions last {minutesText(targetMinutes)}; this agenda is{' '}
              {minutesText(Math.abs(difference))} {difference > 0 ? 'longer' : 'shorter'}.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Ticked segments count toward billable time; payers usually do not count breaks.
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Button data-focus-key="add" variant="default" disabled={full} onClick={add}>
            Add segment
          </Button>
          {full && (
            <Text size="xs" c="dimmed">
              An agenda has {MAX_SEGMENTS} segments at most.
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  )
}
