import type { AgreementAcknowledgement, GroupAgreements } from '../domain/agreements'
import type { SessionEvent } from '../domain/session'
import { DEFAULT_AGREEMENTS } from './agreements-default'

/** The shipped wording, as version 1, for a clinic that has not changed it. */
export const SHIPPED_AGREEMENTS: GroupAgreements = {
  version: 1,
  items: DEFAULT_AGREEMENTS.map((item) => ({ ...item })),
  savedAt: null,
  savedById: null
}

/** The clinic's current agreements: its latest saved version, or the shipped one. */
export function currentAgreements(versions: ReadonlyArray<GroupAgreements>): GroupAgreements {
  return versions.at(-1) ?? SHIPPED_AGREEMENTS
}

/**
 * Whether the agreements are on the projector: from the start of the session
 * (the opening) until the group moves to another segment, the facilitator
 * chooses what the projector shows (slides, timer, blank) or takes them down;
 * the facilitator can put them up again at any time.
 */
export function agreementsOnProjector(events: ReadonlyArray<SessionEvent>): boolean {
  let shown = false
  for (const event of events) {
    if (event.type === 'started') shown = true
    else if (
      event.type === 'segment_changed' ||
      event.type === 'projector_mode' ||
      event.type === 'ended'
    ) {
      shown = false
    } else if (event.type === 'agreements_shown') shown = event.shown
  }
  return shown
}

/**
 * Where a person stands with the current version: the version they last
 * acknowledged (null the first time) and whether they still need to.
 */
export function agreementStanding(
  acknowledgements: ReadonlyArray<AgreementAcknowledgement>,
  participantId: string,
  currentVersion: number
) {
  let latest: AgreementAcknowledgement | null = null
  for (const ack of acknowledgements) {
    if (ack.participantId !== participantId) continue
    if (
      !latest ||
      ack.version > latest.version ||
      (ack.version === latest.version && ack.at > latest.at)
    ) {
      latest = ack
    }
  }
  return {
    participantId,
    acknowledgedVersion: latest?.version ?? null,
    acknowledgedAt: latest?.at ?? null,
    needed: latest === null || latest.version < currentVersion
  }
}
