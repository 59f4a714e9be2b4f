import { isRoundKind } from '../../../../shared/domain/rounds'
import type { SessionSettings } from '../../../../shared/domain/session'
import type { SessionView } from '../../../../shared/ipc/contract'
import { proposeRebalance } from '../../../../shared/session/rebalance'
import type { RebalanceProposal, SessionState } from '../../../../shared/session/types'
import { useLive, useLiveNow, type LiveSession } from './liveSession'
import { PeoplePanel } from './PeoplePanel'
import { RebalanceAlert } from './RebalanceAlert'
import { RoundPanel } from './RoundPanel'

/**
 * The running screen's panels whose content follows the time, each reading
 * the live state itself so that the page around them does not repaint on a
 * tick; each repaints only when what it shows changes.
 */

/** The proposal as shown (whole minutes), so the alert repaints once a minute, not on each tick. */
function shownProposal(state: SessionState | null, minimumMinutes: number): string {
  if (!state || (state.status !== 'running' && state.status !== 'paused')) return ''
  const proposal = proposeRebalance(state, minimumMinutes)
  if (!proposal) return ''
  const shown: RebalanceProposal = {
    ...proposal,
    overrunMs: Math.ceil(proposal.overrunMs / 60_000) * 60_000,
    recoveredMs: Math.round(proposal.recoveredMs / 60_000) * 60_000,
    shortfallMs: Math.round(proposal.shortfallMs / 60_000) * 60_000
  }
  return JSON.stringify(shown)
}

export function LiveRebalance(props: {
  live: LiveSession
  state: SessionState
  minimumMinutes: number
  busy: boolean
  onAccept(): void
  onIgnore(): void
}) {
  const { live, minimumMinutes, ...rest } = props
  const shown = useLive(live, (state) => shownProposal(state, minimumMinutes))
  if (!shown) return null
  return <RebalanceAlert proposal={JSON.parse(shown) as RebalanceProposal} {...rest} />
}

/** A check-in or check-out round's panel; it follows the tick only while a round is current. */
export function LiveRoundPanel(props: {
  live: LiveSession
  session: SessionView
  settings: SessionSettings
  onSafety(checklistId: string): void
}) {
  const { live, ...rest } = props
  const state = useLive(live, (s) => (s?.current && isRoundKind(s.current.kind) ? s : null))
  if (!state) return null
  return <RoundPanel state={state} now={live.now()} {...rest} />
}

/** Countable minutes move by the minute: the people panel reads the time every ten seconds. */
export function LivePeoplePanel(props: {
  live: LiveSession
  session: SessionView
  settings: SessionSettings
  timeZone: string
  onSafety(checklistId: string): void
}) {
  const { live, ...rest } = props
  const now = useLiveNow(live, 10_000)
  return <PeoplePanel now={now} {...rest} />
}
