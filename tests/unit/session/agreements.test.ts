/**
 * The group agreements: on the projector at the opening of every session,
 * and who still has to acknowledge the current version.
 */
import { describe, expect, it } from 'vitest'
import { eventsForAction } from '../../../src/shared/session/actions'
import {
  agreementsOnProjector,
  agreementStanding,
  currentAgreements,
  SHIPPED_AGREEMENTS
} from '../../../src/shared/session/agreements'
import { DEFAULT_AGREEMENTS } from '../../../src/shared/session/agreements-default'
import { AgreementsInput } from '../../../src/shared/domain/agreements'
import { e, logOf, min, wall } from './session-log'

const settings = { wrapUpMinutes: 5, minimumSegmentMinutes: 5 }

describe('the agreements on the projector', () => {
  it('are up from the start of every session until the group moves on', () => {
    expect(agreementsOnProjector([])).toBe(false)
    expect(agreementsOnProjector([e.started(0)])).toBe(true)
    expect(agreementsOnProjector([e.started(0), e.go(min(10), 'check-in')])).toBe(false)
  })

  it('give way when the facilitator chooses what the projector shows', () => {
    expect(agreementsOnProjector([e.started(0), e.projector(min(1), 'timer')])).toBe(false)
  })

  it('light a blank projector when put up again', () => {
    const log = logOf(e.started(0), e.projector(min(1), 'blank'))
    const up = eventsForAction(log, { type: 'agreements', shown: true }, wall(min(2)), settings)
    expect(up).toMatchObject({
      ok: true,
      value: [
        { type: 'projector_mode', mode: 'follow' },
        { type: 'agreements_shown', shown: true }
      ]
    })
    expect(agreementsOnProjector([...log.events, ...(up.ok ? up.value : [])])).toBe(true)
  })

  it('can be taken down and put up again by the facilitator', () => {
    const log = logOf(e.started(0))
    const down = eventsForAction(log, { type: 'agreements', shown: false }, wall(min(2)), settings)
    expect(down).toMatchObject({ ok: true, value: [{ type: 'agreements_shown', shown: false }] })
    const events = [...log.events, ...(down.ok ? down.value : [])]
    expect(agreementsOnProjector(events)).toBe(false)
    // Again later, for someone who arrived late.
    const up = eventsForAction(
      logOf(...events, e.go(min(10), 'check-in')),
      { type: 'agreements', shown: true },
      wall(min(12)),
      settings
    )
    expect(up).toMatchObject({ ok: true, value: [{ type: 'agreements_shown', shown: true }] })
    // Asking for what is already so changes nothing.
    expect(
      eventsForAction(log, { type: 'agreements', shown: true }, wall(min(2)), settings)
    ).toEqual({ ok: true, value: [] })
  })
})

describe('acknowledgements', () => {
  const ack = (participantId: string, version: number, day: number) => ({
    participantId,
    version,
    at: new Date(Date.UTC(2026, 10, day, 14)).toISOString(),
    sessionId: `s-${day}`,
    recordedById: 'staff-1'
  })

  it('asks a newcomer to acknowledge at their first session', () => {
    expect(agreementStanding([], 'new', 1)).toEqual({
      participantId: 'new',
      acknowledgedVersion: null,
      acknowledgedAt: null,
      needed: true
    })
  })

  it('asks everyone again when the agreements change, and not before', () => {
    const acks = [ack('p1', 1, 2), ack('p2', 1, 2), ack('p2', 2, 9)]
    expect(agreementStanding(acks, 'p1', 1).needed).toBe(false)
    expect(agreementStanding(acks, 'p1', 2)).toMatchObject({ acknowledgedVersion: 1, needed: true })
    expect(agreementStanding(acks, 'p2', 2)).toMatchObject({
      acknowledgedVersion: 2,
      needed: false
    })
  })

  it('uses the shipped wording until the clinic saves its own', () => {
    expect(currentAgreements([])).toBe(SHIPPED_AGREEMENTS)
    const own = {
      ...SHIPPED_AGREEMENTS,
      version: 2,
      savedAt: new Date().toISOString(),
      savedById: 's'
    }
    expect(currentAgreements([own])).toBe(own)
  })
})

describe('the shipped agreements', () => {
  const text = DEFAULT_AGREEMENTS.map((a) => `${a.heading} ${a.text}`).join(' ')

  it('say where confidentiality ends: harm, abuse, a court order, a medical emergency', () => {
    expect(text).toMatch(/harm themselves or someone else/)
    expect(text).toMatch(/abused or neglected/)
    expect(text).toMatch(/court orders/)
    expect(text).toMatch(/medical emergency/)
  })

  it('cover sobriety, lateness, phones, respect, one voice at a time and passing', () => {
    for (const word of [/sober/, /on time/, /phone/i, /respect/i, /one voice at a time/i, /pass/]) {
      expect(text).toMatch(word)
    }
  })

  it('are themselves a valid set of agreements a clinic could save', () => {
    expect(AgreementsInput.safeParse({ items: DEFAULT_AGREEMENTS }).success).toBe(true)
  })
})
