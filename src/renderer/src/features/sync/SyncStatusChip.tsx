import { Button, VisuallyHidden } from '@mantine/core'
import { Link } from 'react-router'
import { SYNC_STATE_LABELS } from '../../../../shared/domain/sync'
import { SYNC_STATE_LOOK, syncInUse, useSyncEvents, useSyncStatus } from './useSync'

/**
 * In the header, for an administrator of a clinic whose computers sync: how this one stands
 * (in words, with a sign, and a colour), kept current by the `sync.changed` event. It opens
 * the Conflicts view.
 */
export function SyncStatusChip({ isAdmin }: { isAdmin: boolean }) {
  const status = useSyncStatus(isAdmin)
  // Mounted for every administrator (rendering nothing until sync is in use), so the settings
  // and the Conflicts view follow the event too.
  useSyncEvents(isAdmin)
  if (!isAdmin || !status.data || !syncInUse(status.data)) return null
  const { state, conflicts } = status.data
  const problem = status.data.server?.problem ?? null
  const look = SYNC_STATE_LOOK[state]
  const label =
    state === 'conflicts'
      ? `${SYNC_STATE_LABELS.conflicts} (${conflicts})`
      : SYNC_STATE_LABELS[state]
  return (
    <>
      <Button
        component={Link}
        to="/sync/conflicts"
        size="xs"
        variant="light"
        color={look.color}
        radius="xl"
        leftSection={<span aria-hidden>{look.sign}</span>}
        title={problem ?? 'Records between this clinic’s computers: open the conflicts'}
        aria-describedby={problem ? 'sync-problem' : undefined}
        data-testid="sync-status"
      >
        <VisuallyHidden>Sync:</VisuallyHidden> {label}
      </Button>
      {problem && (
        <VisuallyHidden id="sync-problem" component="span">
          {problem}
        </VisuallyHidden>
      )}
    </>
  )
}
