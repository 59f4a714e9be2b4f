import { Alert, Button, Group, List, Text } from '@mantine/core'
import type { RebalanceProposal, SessionState } from '../../../../shared/session/types'

interface Props {
  proposal: RebalanceProposal
  state: SessionState
  busy: boolean
  onAccept(): void
  onIgnore(): void
}

/** When time is lost, a proposal to take it from what is still to come; the facilitator decides. */
export function RebalanceAlert({ proposal, state, busy, onAccept, onIgnore }: Props) {
  const minutes = Math.ceil(proposal.overrunMs / 60_000)
  const title = (id: string) => state.segments.find((s) => s.segmentId === id)?.title ?? id
  return (
    <Alert
      color="orange"
      title={`Running ${minutes} min over the planned end`}
      role="region"
      aria-label="Rebalance proposal"
    >
      {proposal.changes.length > 0 ? (
        <>
          <Text size="sm">Take the time from the segments still to come:</Text>
          <List size="sm" mb="xs">
            {proposal.changes.map((change) => (
              <List.Item key={change.segmentId}>
                {title(change.segmentId)}: {Math.round(change.deltaMs / 60_000)} min
              </List.Item>
            ))}
          </List>
          {proposal.shortfallMs > 0 && (
            <Text size="sm" mb="xs">
              {Math.round(proposal.shortfallMs / 60_000)} min cannot be recovered without making a
              segment shorter than the minimum.
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" mb="xs">
          The segments still to come are already at their shortest.
        </Text>
      )}
      <Group gap="xs">
        {proposal.changes.length > 0 && (
          <Button size="xs" onClick={onAccept} disabled={busy}>
            Accept
          </Button>
        )}
        <Button size="xs" variant="default" onClick={onIgnore} disabled={busy}>
          Ignore
        </Button>
      </Group>
    </Alert>
  )
}
