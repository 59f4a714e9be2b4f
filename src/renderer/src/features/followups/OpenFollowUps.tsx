import { Alert, List, Text } from '@mantine/core'
import { PROTOCOLS } from '../../../../shared/session/protocols'
import { RiskBadge } from './FollowUpsCard'
import { useOpenFollowUps } from './useFollowUps'

/** On a participant's next note: their follow-ups still open, so the note can speak to them. */
export function OpenFollowUps({ participantId }: { participantId: string }) {
  const followUps = useOpenFollowUps(participantId)
  const list = followUps.data ?? []
  if (list.length === 0) return null
  return (
    <Alert color="orange" title="Open follow-ups" role="note" aria-label="Open follow-ups">
      <List size="sm" spacing={4}>
        {list.map((f) => (
          <List.Item key={f.id}>
            <RiskBadge level={f.riskLevel} />{' '}
            <Text span size="sm">
              {f.protocol ? PROTOCOLS[f.protocol].menuLabel : 'Follow-up'}
              {f.sessionDate ? ` (${f.sessionDate})` : ''} — <bdi>{f.ownerName}</bdi>, due {f.dueOn}
              {f.overdue ? ', overdue' : ''}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
