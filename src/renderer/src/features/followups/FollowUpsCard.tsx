import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { FollowUpView } from '../../../../shared/domain/follow-up'
import { RISK_LEVEL_LABELS, type RiskLevel } from '../../../../shared/domain/protocol'
import { PROTOCOLS } from '../../../../shared/session/protocols'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useOpenFollowUps } from './useFollowUps'
import { isolate } from '../../../../shared/rules/bidi'

const RISK_COLORS: Record<RiskLevel, string> = {
  low: 'gray',
  moderate: 'yellow',
  high: 'orange',
  imminent: 'red'
}

export function RiskBadge({ level }: { level: RiskLevel }) {
  return (
    <Badge color={RISK_COLORS[level]} variant="light">
      {RISK_LEVEL_LABELS[level]} risk
    </Badge>
  )
}

/** On Home: every open follow-up, most severe and oldest first, until someone closes it. */
export function FollowUpsCard() {
  const followUps = useOpenFollowUps()
  const [closing, setClosing] = useState<FollowUpView | null>(null)
  const list = followUps.data ?? []
  const overdue = list.filter((f) => f.overdue).length
  return (
    <Card withBorder component="section" aria-labelledby="follow-ups-title">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="follow-ups-title">
            Follow-ups
          </Title>
          {/* Red when any is open; the count says it in words too. */}
          <Badge
            variant={list.length > 0 ? 'filled' : 'light'}
            color={list.length > 0 ? 'red' : 'gray'}
            data-testid="follow-ups-badge"
          >
            {list.length} open
          </Badge>
          {overdue > 0 && (
            <Badge color="red" leftSection={<span aria-hidden>⚠</span>} data-testid="overdue-badge">
              {overdue} overdue
            </Badge>
          )}
        </Group>
      </Group>
      <ErrorNotice error={followUps.error} />
      {followUps.data && list.length === 0 && <Text c="dimmed">No follow-up is open.</Text>}
      {list.length > 0 && (
        <Table aria-label="Open follow-ups" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Participant</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>
                <VisuallyHidden>Close</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/participants/${f.participantId}`}>
                    <bdi>{f.displayName}</bdi> ({f.clientId})
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <RiskBadge level={f.riskLevel} />
                </Table.Td>
                <Table.Td>
                  {f.protocol ? PROTOCOLS[f.protocol].menuLabel : 'Session'}
                  {f.sessionDate ? `, ${f.sessionDate}` : ''}
                </Table.Td>
                <Table.Td>{f.ownerName}</Table.Td>
                <Table.Td>
                  {f.dueOn}
                  {f.overdue && (
                    <Text span c="red.8" fw={700} ml={6}>
                      overdue
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => setClosing(f)}
                    aria-label={`Close the follow-up for ${f.displayName}`}
                  >
                    Close
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CloseFollowUp followUp={closing} onClose={() => setClosing(null)} />
    </Card>
  )
}

function CloseFollowUp({ followUp, onClose }: { followUp: FollowUpView | null; onClose(): void }) {
  const client = useQueryClient()
  const [outcome, setOutcome] = useState('')
  // The last one shown keeps its title while the dialog closes.
  const [shown, setShown] = useState(followUp)
  if (followUp !== null && followUp !== shown) setShown(followUp)
  const close = useMutation({
    mutationFn: () => unwrap(api().followUps.close({ followUpId: shown!.id, outcome })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['followUps'] })
      notifications.show({ color: 'teal', message: 'Follow-up closed' })
      setOutcome('')
      onClose()
    }
  })
  return (
    <Modal
      opened={followUp !== null}
      onClose={onClose}
      title={shown ? `Close the follow-up for ${isolate(shown.displayName)}` : ''}
    >
      <Stack>
        <Textarea
          label="What was done"
          description="Your name and the time are recorded with it."
          placeholder="e.g. Met the next morning; safety plan reviewed; supervisor informed"
          autosize
          minRows={3}
          maxLength={500}
          value={outcome}
          onChange={(event) => setOutcome(event.currentTarget.value)}
          data-autofocus
        />
        {close.isError && <Text c="red.8">{messageOf(close.error)}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it open
          </Button>
          <Button
            disabled={!outcome.trim()}
            loading={close.isPending}
            onClick={() => close.mutate()}
          >
            Close the follow-up
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
