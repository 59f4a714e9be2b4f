/**
 * Agreements and rounds through the core, as the running screen calls it:
 * a newcomer's acknowledgement (who, when, which version), a changed version
 * asked again of everyone, a check-in recorded in the session's file, and a
 * projector that is never sent a name or an answer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import type { AudienceView, SessionView } from '../../../src/shared/ipc/contract'
import type { SessionAgreements } from '../../../src/shared/domain/agreements'
import { EMPTY_ROUND_ANSWERS } from '../../../src/shared/domain/rounds'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import { roundAnswersFor } from '../../../src/shared/session/rounds'
import { DEFAULT_AGREEMENTS } from '../../../src/shared/session/agreements-default'
import {
  CURRICULUM_DIR,
  copyClinic,
  group,
  ids,
  participant,
  PASSPHRASE,
  recordsText,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  markPresent,
  type Template
} from './helpers'

const START = Date.parse('2026-11-23T15:00:00Z')
const MIN = 60_000

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

async function clinicWithGroup() {
  const dir = await copyClinic(template.dir)
  const clock = { now: START }
  const core: Core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  const g = await value<{ id: string }>(
    core.handle('groups.create', group({ facilitatorIds: [template.adminId] }))
  )
  const people: string[] = []
  for (const [i, fullName] of ['Riley Exampleton', 'Avery Placeholder'].entries()) {
    const p = await value<{ id: string }>(
      core.handle('participants.create', participant(`R-${i + 1}`, { fullName, preferredName: '' }))
    )
    await value(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    people.push(p.id)
  }
  const plan = async (date: string) => {
    const session = await value<SessionView>(
      core.handle('sessions.plan', {
        groupId: g.id,
        date,
        facilitatorIds: [template.adminId],
        segments: defaultAgenda()
      })
    )
    for (const participantId of people) await markPresent(core, session.id, participantId)
    return session.id
  }
  return { core, dir, clock, people, plan }
}

const standing = (core: Core, sessionId: string) =>
  value<SessionAgreements>(core.handle('sessions.agreements', { sessionId }))

describe('group agreements', () => {
  test('a newcomer’s first session records who acknowledged which version, and when', async () => {
    const { core, dir, clock, people, plan } = await clinicWithGroup()
    const sessionId = await plan('2026-11-23')
    const before = await standing(core, sessionId)
    expect(before.agreements.version).toBe(1)
    expect(before.agreements.items).toEqual(DEFAULT_AGREEMENTS)
    expect(before.people.map((p) => p.needed)).toEqual([true, true])

    clock.now += 2 * MIN
    const after = await value<SessionAgreements>(
      core.handle('sessions.acknowledgeAgreements', { sessionId, participantId: people[0] })
    )
    expect(after.people[0]).toEqual({
      participantId: people[0],
      acknowledgedVersion: 1,
      acknowledgedAt: new Date(START + 2 * MIN).toISOString(),
      needed: false
    })
    expect(after.people[1]!.needed).toBe(true)
    const registry = JSON.parse(await recordsText(dir)).data
    expect(registry.agreementAcknowledgements).toEqual([
      {
        participantId: people[0],
        version: 1,
        at: new Date(START + 2 * MIN).toISOString(),
        sessionId,
        recordedById: template.adminId
      }
    ])
    const log = await value<{ entries: Array<{ subject: string; detail: string }> }>(
      core.handle('audit.list', {})
    )
    expect(log.entries.map((e) => e.detail)).toContainEqual(
      expect.stringMatching(/^acknowledged the group agreements, version 1/)
    )
  })

  test('a changed version is asked of everyone again at their next session; the same words are no new version', async () => {
    const { core, clock, people, plan } = await clinicWithGroup()
    const first = await plan('2026-11-23')
    for (const participantId of people) {
      await value(
        core.handle('sessions.acknowledgeAgreements', { sessionId: first, participantId })
      )
    }
    const same = await value<{ version: number }>(
      core.handle('agreements.save', { items: DEFAULT_AGREEMENTS })
    )
    expect(same.version).toBe(1)
    const items = [
      ...DEFAULT_AGREEMENTS,
      { heading: 'Breaks', text: 'Be back on time after the break.' }
    ]
    const saved = await value<{ version: number; savedById: string }>(
      core.handle('agreements.save', { items })
    )
    expect(saved).toMatchObject({ version: 2, savedById: template.adminId })
    expect(await value(core.handle('agreements.current', {}))).toEqual(saved)

    // Two days later: everyone arrives at the next session on its own day.
    clock.now = START + 2 * 24 * 60 * MIN
    const next = await plan('2026-11-25')
    const asked = await standing(core, next)
    expect(asked.people.map((p) => [p.acknowledgedVersion, p.needed])).toEqual([
      [1, true],
      [1, true]
    ])
  })

  test('someone marked absent cannot acknowledge', async () => {
    const { core, people, plan } = await clinicWithGroup()
    const sessionId = await plan('2026-11-23')
    await value(
      core.handle('sessions.attendance', {
        sessionId,
        participantId: people[1],
        status: 'absent_excused',
        timeIn: null,
        timeOut: null
      })
    )
    const error = await refusal(
      core.handle('sessions.acknowledgeAgreements', { sessionId, participantId: people[1] }),
      'conflict'
    )
    expect(error.message).toBe('They are marked absent; mark them present first.')
  })
})

describe('a check-in round', () => {
  test('answers are kept in the session’s file, and the projector sees the agreements and the time, never a name or an answer', async () => {
    const { core, dir, clock, people, plan } = await clinicWithGroup()
    const sessionId = await plan('2026-11-23')
    const act = (action: Record<string, unknown>) =>
      value<SessionView>(core.handle('sessions.act', { sessionId, action }))
    const round = (action: Record<string, unknown>) =>
      value<SessionView>(core.handle('sessions.round', { sessionId, action }))
    await act({ type: 'start' })

    const opening = await value<AudienceView>(core.handle('sessions.audience', { sessionId }))
    expect(opening.agreements.map((a) => a.heading)).toContain('What is said here stays here')

    clock.now += 10 * MIN
    await act({ type: 'next' })
    await round({ type: 'next', segmentId: 'check-in' })
    clock.now += MIN
    await round({
      type: 'answer',
      segmentId: 'check-in',
      participantId: people[0],
      answers: { ...EMPTY_ROUND_ANSWERS, mood: 3, craving: 9, homework: 'done', takeAway: ' ' }
    })
    const after = await round({ type: 'pass', segmentId: 'check-in' })

    expect(roundAnswersFor(after, people[0]!)).toEqual([
      expect.objectContaining({
        kind: 'check_in',
        passed: true,
        answers: expect.objectContaining({ mood: 3, craving: 9, takeAway: '' })
      })
    ])
    const file = JSON.parse(
      await recordsText(dir, `sessions/session-${sessionId}.json`, `session-${sessionId}`)
    )
    expect(
      file.data.events.filter((e: { type: string }) => e.type === 'round_answered')
    ).toHaveLength(1)

    const audience = await value<AudienceView>(core.handle('sessions.audience', { sessionId }))
    const text = JSON.stringify(audience)
    for (const word of ['Riley', 'Avery', 'Exampleton', 'R-1', ...people, '"mood"', '"craving"']) {
      expect(text).not.toContain(word)
    }
    expect(audience.events.filter((e) => e.type === 'turn_started')).toHaveLength(2)
  })

  test('a round action is refused in plain words before the round begins', async () => {
    const { core, plan } = await clinicWithGroup()
    const sessionId = await plan('2026-11-23')
    await value(core.handle('sessions.act', { sessionId, action: { type: 'start' } }))
    const error = await refusal(
      core.handle('sessions.round', { sessionId, action: { type: 'next', segmentId: 'check-in' } }),
      'conflict'
    )
    expect(error.message).toBe('Move to this round first: it is not the current segment.')
  })
})
