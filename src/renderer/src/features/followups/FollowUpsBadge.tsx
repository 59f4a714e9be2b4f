import { Badge, VisuallyHidden } from '@mantine/core'
import { useOpenFollowUps } from './useFollowUps'

/**
 * On the menu's Home entry, where the open safety follow-ups are listed: red,
 * with the count in words for a screen reader, so colour is not the only sign.
 */
export function FollowUpsBadge() {
  const followUps = useOpenFollowUps()
  const open = followUps.data?.length ?? 0
  if (open === 0) return null
  const words = `${open} open follow-up${open === 1 ? '' : 's'}`
  return (
    <Badge color="red" variant="filled" size="sm" circle={open < 10} title={words}>
      <span aria-hidden>{open}</span>
      <VisuallyHidden>{words}</VisuallyHidden>
    </Badge>
  )
}
