import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title
} from '@mantine/core'
import { useState } from 'react'
import { CONTACT_KIND_LABELS } from '../../../../shared/domain/contacts'
import {
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  type RiskLevel,
  type SafetyProtocolKind
} from '../../../../shared/domain/protocol'
import type { SafetyChecklist } from '../../../../shared/domain/session'
import { defaultDueOn } from '../../../../shared/followups/order'
import type { SessionView } from '../../../../shared/ipc/contract'
import { clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { PROTOCOLS, stepsFor, type SafetyProtocol } from '../../../../shared/session/protocols'
import { api, unwrap } from '../../api'
import { useStaffList, useStatus } from '../../app/queries'
import { useToday } from '../../app/useToday'
import { DateField } from '../../components/DateField'
import { useClinicContacts } from './useProtocolData'
import { useSessionChange } from './useSession'
import { isolate } from '../../../../shared/rules/bidi'

/** A protocol on screen: one already recorded, or one just started and not yet about anyone. */
export type OpenProtocol = { checklistId: string } | { kind: SafetyProtocolKind }

interface Props {
  session: SessionView
  open: OpenProtocol | null
  onOpen(open: OpenProtocol): void
  onClose(): void
}

/**
 * A crisis protocol on the facilitator's screen, never the projector: whom to
 * call, the risk level, the steps with what to say, what to record, and a
 * follow-up with an owner and a due date when it is finished.
 */
export function ProtocolDialog({ session, open, onOpen, onClose }: Props) {
  const checklist =
    open && 'checklistId' in open ? session.safety.find((c) => c.id === open.checklistId) : null
  const kind = checklist?.protocol ?? (open && 'kind' in open ? open.kind : null)
  const protocol = kind ? PROTOCOLS[kind] : null
  const person = session.people.find((p) => p.participantId === checklist?.participantId)
  return (
    <Modal
      opened={protocol !== null}
      onClose={onClose}
      title={
        protocol ? `${protocol.title}${person ? ` — ${isolate(person.displayName)}` : ''}` : ''
      }
      size="xl"
    >
      {protocol && (
        <ProtocolBody
          key={checklist?.id ?? protocol.kind}
          session={session}
          protocol={protocol}
          checklist={checklist ?? null}
          onOpen={onOpen}
        />
      )}
    </Modal>
  )
}

function ProtocolBody({
  session,
  protocol,
  checklist,
  onOpen
}: {
  session: SessionView
  protocol: SafetyProtocol
  checklist: SafetyChecklist | null
  onOpen(open: OpenProtocol): void
}) {
  const timeFormat = useTimeFormat()
  const sessionId = session.id
  const start = useSessionChange(sessionId, (participantId: string) =>
    unwrap(api().sessions.openSafety({ sessionId, participantId, protocol: protocol.kind }))
  )
  const tick = useSessionChange(
    sessionId,
    (input: { checklistId: string; stepId: string; done: boolean }) =>
      unwrap(api().sessions.safetyStep({ sessionId, ...input }))
  )
  const update = useSessionChange(
    sessionId,
    (input: { riskLevel: RiskLevel | null; record: string }) =>
      unwrap(api().sessions.updateProtocol({ sessionId, checklistId: checklist!.id, ...input }))
  )
  const [record, setRecord] = useState(checklist?.record ?? '')
  const risk = checklist?.riskLevel ?? null
  const finished = checklist?.finishedAt != null
  const disabled = !checklist || finished
  const timeZone = useStatus().data?.clinic?.timeZone ?? 'UTC'

  const choosePerson = (participantId: string | null) => {
    if (!participantId) return
    start.mutate(participantId, {
      onSuccess: (updated) => {
        const opened = updated.safety.find(
          (c) => c.participantId === participantId && c.protocol === protocol.kind && !c.finishedAt
        )
        if (opened) onOpen({ checklistId: opened.id })
      }
    })
  }

  return (
    <Stack gap="md">
      <Alert color="red" variant="light" title={protocol.lead} role="note" />
      {!checklist && (
        <Select
          label="Who is this about?"
          description="Choose the person to record the steps, the risk level and the follow-up."
          placeholder="Choose a participant"
          data={session.people.map((p) => ({ value: p.participantId, label: p.displayName }))}
          onChange={choosePerson}
          disabled={start.isPending}
          searchable
        />
      )}
      {finished && checklist && (
        <Alert color="teal" title="Finished" role="status">
          Finished at {clinicTimeOfDay(Date.parse(checklist.finishedAt!), timeZone, timeFormat)},
          risk {RISK_LEVEL_LABELS[checklist.riskLevel ?? 'low'].toLowerCase()}. The follow-up is on
          the home screen until someone closes it.
        </Alert>
      )}
      <CallList protocol={protocol} />
      <Radio.Group
        label="Risk level"
        description="Choose once you have assessed; the steps that apply stay."
        value={risk ?? ''}
        onChange={(value) => update.mutate({ riskLevel: value as RiskLevel, record })}
      >
        <Stack gap={4} mt={4}>
          {RISK_LEVELS.map((level) => (
            <Radio
              key={level}
              value={level}
              disabled={disabled || update.isPending}
              label={
                <Text size="sm" span>
                  <Text span fw={700}>
                    {RISK_LEVEL_LABELS[level]}
                  </Text>{' '}
                  — {protocol.risk[level]}
                </Text>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      <Stack gap="xs" role="group" aria-label="Steps">
        <Title order={3} size="h5">
          Steps
        </Title>
        {stepsFor(protocol, risk).map((step) => (
          <Stack key={step.id} gap={2}>
            <Checkbox
              label={step.text}
              checked={checklist?.done[step.id] !== undefined}
              disabled={disabled || tick.isPending}
              onChange={(event) =>
                checklist &&
                tick.mutate({
                  checklistId: checklist.id,
                  stepId: step.id,
                  done: event.currentTarget.checked
                })
              }
            />
            {step.say && (
              <Text size="sm" c="dimmed" fs="italic" pl={32}>
                You could say: “{step.say}”
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
      <Stack gap={4}>
        <Title order={3} size="h5">
          What to record
        </Title>
        <List size="sm">
          {protocol.record.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Textarea
          label="What was said and done"
          autosize
          minRows={3}
          maxLength={4000}
          value={record}
          disabled={disabled}
          onChange={(event) => setRecord(event.currentTarget.value)}
          onBlur={() => {
            if (checklist && record !== checklist.record) update.mutate({ riskLevel: risk, record })
          }}
        />
      </Stack>
      {checklist && !finished && (
        <FinishForm session={session} checklist={checklist} risk={risk} record={record} />
      )}
    </Stack>
  )
}

function CallList({ protocol }: { protocol: SafetyProtocol }) {
  const contacts = useClinicContacts()
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        Who to call
      </Title>
      <Group gap="lg" role="list" aria-label="Who to call">
        {protocol.call.map((kind) => {
          const contact = contacts.data?.find((c) => c.kind === kind)
          return (
            <Stack gap={0} key={kind} role="listitem">
              <Text size="xs" c="dimmed">
                {CONTACT_KIND_LABELS[kind]}
              </Text>
              {contact?.phone ? (
                <Text fw={700} size="lg" ff="monospace">
                  {contact.phone}
                  {contact.name ? (
                    <Text span size="sm" fw={400} ff="inherit" ml={6}>
                      {contact.name}
                    </Text>
                  ) : null}
                </Text>
              ) : (
                <Text size="sm">Not set — add it in Settings → Contacts</Text>
              )}
            </Stack>
          )
        })}
      </Group>
    </Stack>
  )
}

function FinishForm({
  session,
  checklist,
  risk,
  record
}: {
  session: SessionView
  checklist: SafetyChecklist
  risk: RiskLevel | null
  record: string
}) {
  const today = useToday()
  const me = useStatus().data?.signedIn?.id ?? null
  const staff = useStaffList()
  const [ownerId, setOwnerId] = useState<string | null>(me)
  // Due by default as the risk level asks, until the facilitator picks another day.
  const [chosenDue, setDueOn] = useState<string | null>(null)
  const dueOn = chosenDue ?? (risk ? defaultDueOn(risk, today) : '')
  const finish = useSessionChange(session.id, () =>
    unwrap(
      api().sessions.finishProtocol({
        sessionId: session.id,
        checklistId: checklist.id,
        riskLevel: risk!,
        record,
        ownerId: ownerId!,
        dueOn
      })
    )
  )
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Finish and follow up
      </Title>
      <Group align="flex-end" gap="sm">
        <Select
          label="Follow-up owner"
          data={(staff.data ?? [])
            .filter((s) => s.active)
            .map((s) => ({ value: s.id, label: `${isolate(s.fullName)}, ${s.credentials}` }))}
          value={ownerId}
          onChange={setOwnerId}
          allowDeselect={false}
        />
        <DateField label="Follow-up due" value={dueOn} min={today} onChange={setDueOn} />
        <Button
          color="red"
          disabled={!risk || !ownerId || !dueOn}
          loading={finish.isPending}
          onClick={() => finish.mutate(undefined)}
        >
          Finish and create the follow-up
        </Button>
      </Group>
      {!risk && (
        <Text size="sm" c="dimmed">
          Choose a risk level to finish.
        </Text>
      )}
    </Stack>
  )
}
