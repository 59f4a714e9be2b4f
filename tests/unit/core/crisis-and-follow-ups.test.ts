/**
 * Crises in group and what follows them, through the core as the running
 * screen and Home call it: every protocol starts for a person on the list,
 * finishing one raises a follow-up with an owner and a due date, Home lists
 * every open one until someone closes it, and the access log says who did
 * what without a clinical word. The clock is injected and moved by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { PROTOCOL_KINDS } from '../../../src/shared/domain/protocol'
import type { FollowUpView } from '../../../src/shared/domain/follow-up'
import type { AudienceView, SessionView } from '../../../src/shared/ipc/contract'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import { PROTOCOLS } from '../../../src/shared/session/protocols'
import {
  CURRICULUM_DIR,
  copyClinic,
  ids,
  PASSPHRASE,
  participant,
  refusal,
  removeFolders,
  setUpClinic,
  staffMember,
  value,
  type Template
} from './helpers'

const START = Date.parse('2026-11-23T15:00:00Z') // 9:00 in Chicago
const MIN = 60_000
const DAY = 24 * 60 * MIN

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

async function clinic() {
  const dir = await copyClinic(template.dir)
  const clock = { now: START }
  const core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return { dir, clock, core }
}

/** A group of three, enrolled, and a session planned with a skills module that has homework. */
async function plannedSession(core: Core, date = '2026-11-23', capacity = 12) {
  const group = await value<{ id: string }>(
    core.handle('groups.create', {
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity,
      facilitatorIds: [template.adminId]
    })
  )
  const people: string[] = []
  for (const [i, fullName] of [
    'Jordan Testperson',
    'Casey Samplewood',
    'Morgan Fictional'
  ].entries()) {
    const person = await value<{ id: string }>(
      core.handle(
        'participants.create',
        participant(`C-${200 + i}`, { fullName, preferredName: '' })
      )
    )
    await value(
      core.handle('enrollments.create', {
        groupId: group.id,
        participantId: person.id,
        joinDate: '2026-11-02'
      })
    )
    people.push(person.id)
  }
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: group.id,
      date,
      facilitatorIds: [template.adminId],
      segments: defaultAgenda().map((s) =>
        s.kind === 'skills' ? { ...s, moduleId: 'skl-01-daily-schedule' } : s
      )
    })
  )
  return { group, people, session }
}

async function present(core: Core, sessionId: string, participantId: string) {
  return value<SessionView>(
    core.handle('sessions.attendance', {
      sessionId,
      participantId,
      status: 'present',
      timeIn: null,
      timeOut: null
    })
  )
}

const act = (core: Core, sessionId: string, type: 'start' | 'end') =>
  value<SessionView>(core.handle('sessions.act', { sessionId, action: { type } }))

describe('crisis protocols', () => {
  test('each of the six protocols starts for a person on the list, and a safety concern opens the one chosen', async () => {
    const { core } = await clinic()
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    for (const protocol of PROTOCOL_KINDS) {
      const view = await value<SessionView>(
        core.handle('sessions.openSafety', {
          sessionId: session.id,
          participantId: people[0],
          protocol
        })
      )
      expect(view.safety.find((c) => c.protocol === protocol)).toMatchObject({
        participantId: people[0],
        riskLevel: null,
        finishedAt: null
      })
    }
    // A safety concern is not always about suicide: the facilitator says which crisis it is.
    const observed = await value<SessionView>(
      core.handle('sessions.observe', {
        sessionId: session.id,
        participantId: people[1],
        tag: 'safety_concern',
        text: '',
        protocol: 'harm_to_others'
      })
    )
    expect(observed.safety.filter((c) => c.participantId === people[1])).toEqual([
      expect.objectContaining({ protocol: 'harm_to_others' })
    ])
    await refusal(
      core.handle('sessions.openSafety', {
        sessionId: session.id,
        participantId: 'someone-not-on-the-list',
        protocol: 'medical_emergency'
      }),
      'not_found'
    )
  })

  test('finishing a protocol records its risk level and raises a follow-up that Home lists until it is closed', async () => {
    const { core, clock } = await clinic()
    const colleague = await value<{ id: string }>(core.handle('staff.create', staffMember()))
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    const open = async (participantId: string, protocol: (typeof PROTOCOL_KINDS)[number]) => {
      const view = await value<SessionView>(
        core.handle('sessions.openSafety', { sessionId: session.id, participantId, protocol })
      )
      return view.safety.find(
        (c) => c.participantId === participantId && c.protocol === protocol && !c.finishedAt
      )!
    }
    const finish = (checklistId: string, riskLevel: string, dueOn: string, ownerId: string) =>
      value<SessionView>(
        core.handle('sessions.finishProtocol', {
          sessionId: session.id,
          checklistId,
          riskLevel,
          record: 'Said they had not slept and felt unsafe at home',
          ownerId,
          dueOn
        })
      )

    const suicide = await open(people[0]!, 'suicidal_thoughts')
    await value(
      core.handle('sessions.safetyStep', {
        sessionId: session.id,
        checklistId: suicide.id,
        stepId: 'low-risk',
        done: true
      })
    )
    const afterFirst = await finish(suicide.id, 'low', '2026-11-30', template.adminId)
    expect(afterFirst.safety.find((c) => c.id === suicide.id)).toMatchObject({
      riskLevel: 'low',
      finishedAt: new Date(START).toISOString(),
      needsFollowUp: false,
      record: 'Said they had not slept and felt unsafe at home'
    })
    clock.now += 10 * MIN
    const withdrawal = await open(people[1]!, 'withdrawal')
    await finish(withdrawal.id, 'high', '2026-11-23', colleague.id)
    clock.now += 10 * MIN
    const abuse = await open(people[2]!, 'abuse_disclosure')
    await finish(abuse.id, 'high', '2026-11-24', template.adminId)

    // Most severe first, oldest first within a level.
    const listed = await value<FollowUpView[]>(
      core.handle('followUps.list', { participantId: null })
    )
    expect(listed.map((f) => [f.protocol, f.riskLevel, f.dueOn])).toEqual([
      ['withdrawal', 'high', '2026-11-23'],
      ['abuse_disclosure', 'high', '2026-11-24'],
      ['suicidal_thoughts', 'low', '2026-11-30']
    ])
    expect(listed[0]).toMatchObject({ ownerName: 'Dana Reyes, LCSW', overdue: false })
    // The participant's next note lists only their own.
    const mine = await value<FollowUpView[]>(
      core.handle('followUps.list', { participantId: people[0] })
    )
    expect(mine.map((f) => f.protocol)).toEqual(['suicidal_thoughts'])

    // A finished protocol is kept as it was; the same crisis later is a new record.
    await refusal(
      core.handle('sessions.safetyStep', {
        sessionId: session.id,
        checklistId: suicide.id,
        stepId: 'assess',
        done: true
      }),
      'conflict'
    )
    const again = await open(people[0]!, 'suicidal_thoughts')
    expect(again.id).not.toBe(suicide.id)

    // The next day, the withdrawal follow-up due yesterday is overdue.
    clock.now = START + DAY
    const nextDay = await value<FollowUpView[]>(
      core.handle('followUps.list', { participantId: null })
    )
    expect(nextDay.filter((f) => f.overdue).map((f) => f.protocol)).toEqual(['withdrawal'])

    // Closing records who, when and what was done; it leaves the list.
    const closed = await value<FollowUpView>(
      core.handle('followUps.close', {
        followUpId: nextDay[0]!.id,
        outcome: 'Seen at urgent care the same evening; detox bed arranged'
      })
    )
    expect(closed).toMatchObject({
      status: 'closed',
      closedById: template.adminId,
      closedByName: 'Robin Okafor, LPC',
      closedAt: new Date(START + DAY).toISOString(),
      outcome: 'Seen at urgent care the same evening; detox bed arranged'
    })
    await refusal(
      core.handle('followUps.close', { followUpId: closed.id, outcome: 'Again' }),
      'conflict'
    )
    const left = await value<FollowUpView[]>(core.handle('followUps.list', { participantId: null }))
    expect(left.map((f) => f.protocol)).toEqual(['abuse_disclosure', 'suicidal_thoughts'])

    // The access log says who, whose and when; no risk level, no words of the record or outcome.
    const { entries } = await value<{ entries: Array<{ subject: string; detail: string }> }>(
      core.handle('audit.list', {})
    )
    const text = JSON.stringify(entries.map((e) => [e.subject, e.detail]))
    expect(text).toContain('follow-up of participant C-200')
    expect(text).toContain('closed')
    expect(text).not.toMatch(/urgent care|unsafe at home|high|imminent/)
  })

  test('a follow-up needs an owner who can act on it and a due date from today on', async () => {
    const { core } = await clinic()
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    const view = await value<SessionView>(
      core.handle('sessions.openSafety', {
        sessionId: session.id,
        participantId: people[0],
        protocol: 'medical_emergency'
      })
    )
    const checklistId = view.safety[0]!.id
    const base = { sessionId: session.id, checklistId, riskLevel: 'imminent', record: '' }
    await refusal(
      core.handle('sessions.finishProtocol', {
        ...base,
        ownerId: template.adminId,
        dueOn: '2026-11-22'
      }),
      'invalid_input'
    )
    await refusal(
      core.handle('sessions.finishProtocol', { ...base, ownerId: 'nobody', dueOn: '2026-11-23' }),
      'not_found'
    )
    const none = await value<FollowUpView[]>(core.handle('followUps.list', { participantId: null }))
    expect(none).toEqual([])
  })

  test('the projector’s share of the session holds no protocol, name or follow-up', async () => {
    const { core } = await clinic()
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    await present(core, session.id, people[0]!)
    const view = await value<SessionView>(
      core.handle('sessions.openSafety', {
        sessionId: session.id,
        participantId: people[0],
        protocol: 'harm_to_others'
      })
    )
    await value(
      core.handle('sessions.updateProtocol', {
        sessionId: session.id,
        checklistId: view.safety[0]!.id,
        riskLevel: 'moderate',
        record: 'Named a neighbour'
      })
    )
    const audience = JSON.stringify(
      await value<AudienceView>(core.handle('sessions.audience', { sessionId: session.id }))
    )
    for (const word of ['Jordan', 'Testperson', 'neighbour', 'moderate', 'duty', 'C-200']) {
      expect(audience).not.toContain(word)
    }
    for (const step of PROTOCOLS.harm_to_others.steps) expect(audience).not.toContain(step.text)
  })
})

describe('sessions as they really go', () => {
  test('a cancelled session keeps its reason, cannot start, and links to its one make-up', async () => {
    const { core } = await clinic()
    const { group, session } = await plannedSession(core, '2026-11-25')
    const cancelled = await value<SessionView>(
      core.handle('sessions.cancel', { sessionId: session.id, reason: 'weather', detail: 'Ice' })
    )
    expect(cancelled.cancellation).toMatchObject({
      reason: 'weather',
      detail: 'Ice',
      byStaffId: template.adminId
    })
    await refusal(
      core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }),
      'conflict'
    )
    await refusal(
      core.handle('sessions.cancel', {
        sessionId: session.id,
        reason: 'staff_illness',
        detail: ''
      }),
      'conflict'
    )
    const plan = {
      groupId: group.id,
      date: '2026-11-27',
      facilitatorIds: [template.adminId],
      segments: defaultAgenda()
    }
    const makeUp = await value<SessionView>(
      core.handle('sessions.plan', { ...plan, makeUpFor: session.id })
    )
    expect(makeUp.makeUpFor).toBe(session.id)
    const listed = await value<Array<{ id: string; status: string; makeUpFor?: string | null }>>(
      core.handle('sessions.list', { groupId: group.id })
    )
    expect(listed.find((s) => s.id === session.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'weather'
    })
    expect(listed.find((s) => s.id === makeUp.id)).toMatchObject({ makeUpFor: session.id })
    // One make-up per cancellation, and only for a cancelled session.
    await refusal(core.handle('sessions.plan', { ...plan, makeUpFor: session.id }), 'conflict')
    await refusal(core.handle('sessions.plan', { ...plan, makeUpFor: makeUp.id }), 'invalid_input')
    // A session that has started is ended early, not cancelled.
    await act(core, makeUp.id, 'start')
    await refusal(
      core.handle('sessions.cancel', { sessionId: makeUp.id, reason: 'weather', detail: '' }),
      'conflict'
    )
  })

  test('reports count cancelled sessions apart from the sessions that ran', async () => {
    const { core } = await clinic()
    const { group, session } = await plannedSession(core, '2026-11-25')
    await value(
      core.handle('sessions.cancel', { sessionId: session.id, reason: 'holiday', detail: '' })
    )
    const report = await value<{ rows: unknown[]; cancelledSessions: number }>(
      core.handle('reports.run', {
        kind: 'attendance',
        from: '2026-11-01',
        to: '2026-11-30',
        groupId: group.id
      })
    )
    expect(report.cancelledSessions).toBe(1)
    expect(report.rows).toEqual([])
  })

  test('a new walk-in is registered, enrolled from the session’s date and marked present in one step', async () => {
    const { core } = await clinic()
    const { group, session } = await plannedSession(core)
    await act(core, session.id, 'start')
    const view = await value<SessionView>(
      core.handle('sessions.registerWalkIn', {
        sessionId: session.id,
        participant: participant('C-300', { fullName: 'Riley Newcomer', preferredName: '' })
      })
    )
    const added = view.attendance.at(-1)!
    expect(added).toMatchObject({
      walkIn: true,
      status: 'present',
      timeIn: new Date(START).toISOString()
    })
    expect(view.people.find((p) => p.participantId === added.participantId)?.displayName).toBe(
      'Riley N.'
    )
    const roster = await value<{ current: Array<{ clientId: string; joinDate: string }> }>(
      core.handle('groups.roster', { groupId: group.id })
    )
    expect(roster.current.find((r) => r.clientId === 'C-300')?.joinDate).toBe('2026-11-23')
    // A client ID already in use changes nothing.
    const participantsBefore = await value<unknown[]>(core.handle('participants.list', {}))
    await refusal(
      core.handle('sessions.registerWalkIn', {
        sessionId: session.id,
        participant: participant('C-300', { fullName: 'Someone Else' })
      }),
      'conflict'
    )
    expect(await value<unknown[]>(core.handle('participants.list', {}))).toHaveLength(
      participantsBefore.length
    )
  })

  test('a full group refuses a new walk-in without registering anyone', async () => {
    const { core } = await clinic()
    const { session } = await plannedSession(core, '2026-11-23', 3)
    const before = await value<unknown[]>(core.handle('participants.list', {}))
    const error = await refusal(
      core.handle('sessions.registerWalkIn', {
        sessionId: session.id,
        participant: participant('C-301', { fullName: 'Avery Latecomer' })
      }),
      'conflict'
    )
    expect(error.message).toMatch(/full|capacity|places/i)
    expect(await value<unknown[]>(core.handle('participants.list', {}))).toHaveLength(before.length)
  })

  test('a walk-in at a session still open the next day is refused like any late time in, and no one is registered', async () => {
    const { core, clock } = await clinic()
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    // The session of November 23 was never ended; it is now 09:00 on November 24 in Chicago.
    clock.now = START + DAY
    const before = await value<unknown[]>(core.handle('participants.list', {}))
    const sameMessage =
      'The arrival time is on 2026-11-24, after the day of this session (2026-11-23). ' +
      'Record the arrival at a session held on 2026-11-24.'
    const registered = await refusal(
      core.handle('sessions.registerWalkIn', {
        sessionId: session.id,
        participant: participant('C-302', { fullName: 'Quinn Nextday' })
      }),
      'invalid_input'
    )
    expect(registered.message).toBe(sameMessage)
    expect(await value<unknown[]>(core.handle('participants.list', {}))).toHaveLength(before.length)
    const other = await value<{ id: string }>(
      core.handle('participants.create', participant('C-303', { fullName: 'Sky Known' }))
    )
    const added = await refusal(
      core.handle('sessions.addWalkIn', { sessionId: session.id, participantId: other.id }),
      'invalid_input'
    )
    expect(added.message).toBe(sameMessage)
    // The ordinary time in says the same, whether typed or taken from the clock.
    const typed = await refusal(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId: people[0],
        status: 'present',
        timeIn: new Date(clock.now).toISOString(),
        timeOut: null
      }),
      'invalid_input'
    )
    expect(typed.message).toBe(sameMessage)
    const fromClock = await refusal(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId: people[1],
        status: 'present',
        timeIn: null,
        timeOut: null
      }),
      'invalid_input'
    )
    expect(fromClock.message).toBe(sameMessage)
    // Late that evening in Chicago is still the session's day, although UTC says the 24th.
    clock.now = START + 12 * 60 * MIN
    const evening = await present(core, session.id, people[1]!)
    expect(evening.attendance.find((a) => a.participantId === people[1])?.status).toBe('present')
  })

  test('everyone out at end gives everyone still in the room the same time out', async () => {
    const { core, clock } = await clinic()
    const { session, people } = await plannedSession(core)
    await act(core, session.id, 'start')
    for (const id of people) await present(core, session.id, id)
    clock.now += 60 * MIN
    // Casey left early, at 10:00.
    await value(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId: people[1],
        status: 'present',
        timeIn: new Date(START).toISOString(),
        timeOut: new Date(clock.now).toISOString()
      })
    )
    clock.now += 115 * MIN
    const view = await value<SessionView>(
      core.handle('sessions.everyoneOut', { sessionId: session.id })
    )
    const out = (id: string) => view.attendance.find((a) => a.participantId === id)!.timeOut
    const end = new Date(START + 175 * MIN).toISOString()
    expect([out(people[0]!), out(people[1]!), out(people[2]!)]).toEqual([
      end,
      new Date(START + 60 * MIN).toISOString(),
      end
    ])
    await refusal(core.handle('sessions.everyoneOut', { sessionId: session.id }), 'conflict')
  })
})

describe('handouts', () => {
  test('a module’s practice assignment prints with the participant’s name, or a blank line without it', async () => {
    const { core } = await clinic()
    const named = await value<{ html: string }>(
      core.handle('curriculum.printHandout', {
        moduleId: 'skl-01-daily-schedule',
        participantName: 'Jo'
      })
    )
    expect(named.html).toContain('Name: <span class="name">Jo</span>')
    expect(named.html).toContain('Homework: plan three days')
    const blank = await value<{ html: string }>(
      core.handle('curriculum.printHandout', {
        moduleId: 'skl-01-daily-schedule',
        participantName: null
      })
    )
    expect(blank.html).toMatch(/Name: _{3,}/)
    await refusal(
      core.handle('curriculum.printHandout', { moduleId: 'edu-01-brain', participantName: null }),
      'not_found'
    )
  })

  test('a session prints the day’s handouts for everyone present in one call', async () => {
    const { core } = await clinic()
    const { session, people } = await plannedSession(core)
    await refusal(
      core.handle('sessions.printHandouts', { sessionId: session.id, withNames: true }),
      'conflict'
    )
    await act(core, session.id, 'start')
    await present(core, session.id, people[0]!)
    await present(core, session.id, people[2]!)
    const printed = await value<{ html: string }>(
      core.handle('sessions.printHandouts', { sessionId: session.id, withNames: true })
    )
    expect(printed.html.match(/<section class="handout">/g)).toHaveLength(2)
    expect(printed.html).toContain('Jordan T.')
    expect(printed.html).toContain('Morgan F.')
    expect(printed.html).not.toContain('Casey')
    const anonymous = await value<{ html: string }>(
      core.handle('sessions.printHandouts', { sessionId: session.id, withNames: false })
    )
    expect(anonymous.html).not.toMatch(/Jordan|Morgan/)
  })
})

describe('clinic contacts', () => {
  test('the crisis line and emergency number come filled in; an administrator sets the others', async () => {
    const { core } = await clinic()
    const contacts = await value<Array<{ kind: string; phone: string }>>(
      core.handle('clinic.contacts', {})
    )
    expect(contacts.find((c) => c.kind === 'crisis_line')?.phone).toBe('988')
    expect(contacts.find((c) => c.kind === 'emergency')?.phone).toBe('911')
    const changed = contacts.map((c) =>
      c.kind === 'supervisor' ? { ...c, name: 'Dana Reyes', phone: '555-0142' } : c
    )
    await value(core.handle('clinic.setContacts', { contacts: changed }))
    const after = await value<Array<{ kind: string; phone: string }>>(
      core.handle('clinic.contacts', {})
    )
    expect(after.find((c) => c.kind === 'supervisor')?.phone).toBe('555-0142')
  })
})
