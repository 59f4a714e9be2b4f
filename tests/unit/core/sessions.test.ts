/**
 * Sessions through the core, as the facilitator's screen calls it: planning,
 * running, attendance, observations, the projector's share, and what survives
 * a restart or a clock that jumps. The clock is injected and moved by hand.
 */
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore, type Core, type Desktop } from '../../../src/main/core'
import type { AudienceView, EventPayload, SessionView } from '../../../src/shared/ipc/contract'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import { sessionState } from '../../../src/shared/session/state'
import {
  CURRICULUM_DIR,
  copyClinic,
  ids,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  recordsText,
  type Template
} from './helpers'

const START = Date.parse('2026-11-23T15:00:00Z')
const MIN = 60_000

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

/** A wall clock and a monotonic one, moved together unless a test makes the wall clock jump. */
function testClock() {
  const clock = { wall: START, mono: 1_000_000 }
  return {
    clock,
    pass(ms: number) {
      clock.wall += ms
      clock.mono += ms
    }
  }
}

async function openAt(
  dir: string,
  clock: { wall: number; mono: number },
  desktop?: Desktop
): Promise<Core> {
  const core = await createCore({
    dataDir: dir,
    now: () => clock.wall,
    monotonic: () => clock.mono,
    newId: ids,
    curriculumDir: CURRICULUM_DIR,
    desktop
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return core
}

/** A group with three participants enrolled, and a session planned with two real modules. */
async function plannedSession(core: Core) {
  const group = await value<{ id: string }>(
    core.handle('groups.create', {
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [template.adminId]
    })
  )
  const names = ['Jordan Testperson', 'Casey Samplewood', 'Morgan Fictional']
  const people: string[] = []
  for (const [i, fullName] of names.entries()) {
    const person = await value<{ id: string }>(
      core.handle('participants.create', {
        fullName,
        preferredName: '',
        clientId: `C-${100 + i}`,
        dateOfBirth: '1990-01-01',
        admissionDate: '2026-11-01',
        track: 'substance_use',
        status: 'active',
        discharge: null,
        goals: []
      })
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
  const segments = defaultAgenda().map((s) =>
    s.kind === 'educational'
      ? { ...s, moduleId: 'edu-01-brain' }
      : s.kind === 'skills'
        ? { ...s, moduleId: 'skl-01-daily-schedule' }
        : s
  )
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: group.id,
      date: '2026-11-23',
      facilitatorIds: [template.adminId],
      segments
    })
  )
  return { group, people, names, session }
}

const act = (core: Core, sessionId: string, action: Record<string, unknown>) =>
  value<SessionView>(core.handle('sessions.act', { sessionId, action }))

describe('planning', () => {
  test('a planned session lists the roster, unmarked, and keeps the modules as they were', async () => {
    const dir = await copyClinic(template.dir)
    const { clock } = testClock()
    const core = await openAt(dir, clock)
    const { session, people } = await plannedSession(core)

    expect(session.attendance.map((a) => [a.participantId, a.status])).toEqual(
      people.map((id) => [id, 'unmarked'])
    )
    const educational = session.segments.find((s) => s.kind === 'educational')!
    expect(educational.module?.moduleId).toBe('edu-01-brain')
    expect(educational.module?.slides.length).toBeGreaterThanOrEqual(6)
    expect(session.segments.reduce((t, s) => t + s.plannedMinutes, 0)).toBe(195)
    // The session has its own file; the registry keeps only its index line.
    const file = JSON.parse(
      await recordsText(
        dir,
        join('sessions', `session-${session.id}.json`),
        `session-${session.id}`
      )
    )
    expect(file.data.id).toBe(session.id)
  })

  test('a module cannot be put on a break, and a missing module is refused in plain words', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openAt(dir, testClock().clock)
    const { session } = await plannedSession(core)
    const plan = {
      groupId: session.groupId,
      date: session.date,
      facilitatorIds: session.facilitatorIds,
      segments: defaultAgenda().map((s) =>
        s.kind === 'break' ? { ...s, moduleId: 'edu-01-brain' } : s
      )
    }
    const onBreak = await refusal(
      core.handle('sessions.updatePlan', { sessionId: session.id, plan }),
      'invalid_input'
    )
    expect(onBreak.message).toMatch(/not an educational or skills segment/)
    const missing = await refusal(
      core.handle('sessions.updatePlan', {
        sessionId: session.id,
        plan: {
          ...plan,
          segments: defaultAgenda().map((s) =>
            s.kind === 'skills' ? { ...s, moduleId: 'no-such-module' } : s
          )
        }
      }),
      'invalid_input'
    )
    expect(missing.message).toMatch(/not in the curriculum library/)
  })
})

describe('running', () => {
  test('the log drives the figures: start, next segment, pause, +1 minute, slides', async () => {
    const { core, clock, pass, id, session } = await plannedOnClock()

    await refusal(
      core.handle('sessions.act', { sessionId: id, action: { type: 'pause' } }),
      'conflict'
    )
    await act(core, id, { type: 'start' })
    pass(10 * MIN)
    await act(core, id, { type: 'next' }) // check-in
    pass(30 * MIN)
    const atEducational = await act(core, id, { type: 'next' })
    // Entering a module's segment puts its first slide up, and that is recorded.
    expect(atEducational.events.at(-1)).toMatchObject({ type: 'slide_shown', slideIndex: 0 })
    pass(5 * MIN)
    await act(core, id, { type: 'show_slide', segmentId: 'educational', slideIndex: 1 })
    await act(core, id, { type: 'pause' })
    pass(7 * MIN)
    await act(core, id, { type: 'resume' })
    const adjusted = await act(core, id, { type: 'adjust', segmentId: 'educational', minutes: 1 })

    const state = sessionState(adjusted, clock.wall, { wrapUpMinutes: 5 })
    expect(state.current?.segmentId).toBe('educational')
    expect(state.current?.actualMs).toBe(5 * MIN)
    expect(state.current?.budgetMs).toBe(51 * MIN)
    expect(state.pausedMs).toBe(7 * MIN)
    expect(state.currentSlide.educational).toBe(1)
    expect(state.slidesShown.educational).toEqual([0, 1])

    await refusal(
      core.handle('sessions.act', {
        sessionId: id,
        action: { type: 'show_slide', segmentId: 'educational', slideIndex: 40 }
      }),
      'conflict'
    )
    const planAfterStart = await refusal(
      core.handle('sessions.updatePlan', {
        sessionId: id,
        plan: {
          groupId: session.groupId,
          date: session.date,
          facilitatorIds: session.facilitatorIds,
          segments: defaultAgenda()
        }
      }),
      'conflict'
    )
    expect(planAfterStart.message).toMatch(/has started/)
  })

  test('the display is kept awake from the start of a session to its end, and the projector opens', async () => {
    const dir = await copyClinic(template.dir)
    const { clock, pass } = testClock()
    const awake: boolean[] = []
    const projected: string[] = []
    const core = await openAt(dir, clock, {
      keepAwake: (on) => awake.push(on),
      openProjector: async (sessionId) => {
        projected.push(sessionId)
        return true
      }
    })
    const { session } = await plannedSession(core)
    expect(awake).toEqual([])
    await act(core, session.id, { type: 'start' })
    expect(awake).toEqual([true])
    pass(MIN)
    await act(core, session.id, { type: 'pause' })
    expect(awake).toEqual([true])
    expect(await value(core.handle('sessions.openProjector', { sessionId: session.id }))).toEqual({
      opened: true,
      message: 'The audience window is open.'
    })
    expect(projected).toEqual([session.id])
    await act(core, session.id, { type: 'end' })
    expect(awake).toEqual([true, false])
  })

  test('a restart resumes the figures and says how long the app was closed', async () => {
    const dir = await copyClinic(template.dir)
    const { clock, pass } = testClock()
    const core = await openAt(dir, clock)
    const { session } = await plannedSession(core)
    await act(core, session.id, { type: 'start' })
    pass(4 * MIN)
    await core.tick()
    const before = sessionState(
      await value<SessionView>(core.handle('sessions.get', { sessionId: session.id })),
      clock.wall,
      { wrapUpMinutes: 5 }
    )
    expect(before.current?.remainingMs).toBe(6 * MIN)

    // The laptop's lid closes; twelve minutes later the app opens again.
    pass(12 * MIN)
    const reopened = await openAt(dir, clock)
    const after = await value<SessionView>(
      reopened.handle('sessions.get', { sessionId: session.id })
    )
    const state = sessionState(after, clock.wall, { wrapUpMinutes: 5 })
    expect(state.reopenings).toEqual([{ at: clock.wall, closedMs: 12 * MIN }])
    // The arrival segment went on while the app was closed: 16 of its 10 minutes are used.
    expect(state.current?.segmentId).toBe('arrival')
    expect(state.current?.actualMs).toBe(16 * MIN)
    expect(state.overtimeMs).toBe(6 * MIN)
  })

  test('a wall clock set an hour forward is reported and does not eat the segment', async () => {
    const dir = await copyClinic(template.dir)
    const { clock, pass } = testClock()
    const core = await openAt(dir, clock)
    const { session } = await plannedSession(core)
    await act(core, session.id, { type: 'start' })
    await core.tick()
    pass(2 * MIN)
    await core.tick()
    clock.wall += 60 * MIN // someone changes the computer's clock
    clock.mono += 1_000
    await core.tick()
    const after = await value<SessionView>(core.handle('sessions.get', { sessionId: session.id }))
    const state = sessionState(after, clock.wall, { wrapUpMinutes: 5 })
    expect(state.clockJumps).toHaveLength(1)
    expect(state.clockJumps[0]!.byMs).toBe(60 * MIN - 1_000)
    expect(state.current?.actualMs).toBe(2 * MIN + 1_000)
    expect(state.current?.segmentId).toBe('arrival')
  })
})

/** A safety concern noted for one person, with words the projector must never show. */
const safetyConcern = (core: Core, sessionId: string, participantId: string) =>
  core.handle('sessions.observe', {
    sessionId,
    participantId,
    tag: 'safety_concern',
    text: 'Mentioned feeling hopeless',
    protocol: 'suicidal_thoughts'
  })

/** A session planned on a copy of the clinic, on a test clock. */
async function plannedOnClock() {
  const { clock, pass } = testClock()
  const core = await openAt(await copyClinic(template.dir), clock)
  const { session, people, names } = await plannedSession(core)
  return { core, clock, pass, session, id: session.id, people, names }
}

describe('attendance, observations and the projector', () => {
  test('the audience view carries no name, note or safety step, even with a checklist open', async () => {
    const { core, pass, id, people, names } = await plannedOnClock()
    await act(core, id, { type: 'start' })
    await value(
      core.handle('sessions.attendance', {
        sessionId: id,
        participantId: people[0],
        status: 'present',
        timeIn: null,
        timeOut: null
      })
    )
    pass(3 * MIN)
    const observed = await value<SessionView>(safetyConcern(core, id, people[0]!))
    expect(observed.safety).toHaveLength(1)
    expect(observed.safety[0]).toMatchObject({
      participantId: people[0],
      protocol: 'suicidal_thoughts',
      needsFollowUp: true
    })
    expect(observed.attendance[0]).toMatchObject({
      status: 'present',
      timeIn: new Date(START).toISOString()
    })

    const audience = await value<AudienceView>(core.handle('sessions.audience', { sessionId: id }))
    const text = JSON.stringify(audience)
    for (const name of names) {
      for (const part of name.split(' ')) expect(text).not.toContain(part)
    }
    expect(text).not.toContain('hopeless')
    expect(text).not.toContain(people[0]!)
    expect(text).not.toMatch(/"notes"/)
    expect(text).not.toMatch(/safety plan|988/)
  })

  test('each change to a session brings the projector what it shows, so it does not ask again, and never a name', async () => {
    const { core, pass, id, people, names } = await plannedOnClock()
    const told: EventPayload<'session.changed'>[] = []
    core.subscribe((event, payload) => {
      if (event === 'session.changed') told.push(payload as EventPayload<'session.changed'>)
    })
    await act(core, id, { type: 'start' })
    pass(3 * MIN)
    await value(safetyConcern(core, id, people[0]!))
    await act(core, id, { type: 'next' })
    expect(told).toHaveLength(3)
    // What the last change carried is what the projector would have asked for.
    const asked = await value<AudienceView>(core.handle('sessions.audience', { sessionId: id }))
    expect(told.at(-1)).toEqual({ sessionId: id, audience: asked })
    // Each carried the log as it stood then: the start first, the later ones more.
    expect(told[0]!.audience!.events.length).toBeGreaterThan(0)
    expect(asked.events.slice(0, told[0]!.audience!.events.length)).toEqual(
      told[0]!.audience!.events
    )
    expect(asked.events.length).toBeGreaterThan(told[0]!.audience!.events.length)
    const text = JSON.stringify(told)
    for (const name of names) {
      for (const part of name.split(' ')) expect(text).not.toContain(part)
    }
    expect(text).not.toContain('hopeless')
    expect(text).not.toContain(people[0]!)
  })

  test('a key press within the session asks no other screen to refresh; starting and ending do', async () => {
    const { core, pass, id } = await plannedOnClock()
    const told: string[] = []
    core.subscribe((event, payload) => {
      if (event === 'records.changed') told.push((payload as { scope: string }).scope)
    })
    await act(core, id, { type: 'start' })
    expect(told).toEqual(['sessions']) // the session's line: now running
    pass(MIN)
    await act(core, id, { type: 'projector', mode: 'timer' })
    await act(core, id, { type: 'projector', mode: 'follow' })
    expect(told).toEqual(['sessions'])
    await act(core, id, { type: 'end' })
    expect(told).toEqual(['sessions', 'sessions'])
  })

  test('a walk-in joins the list; someone already on it is refused; times cannot be in the future', async () => {
    const dir = await copyClinic(template.dir)
    const { clock } = testClock()
    const core = await openAt(dir, clock)
    const { session, people } = await plannedSession(core)
    const walkIn = await value<{ id: string }>(
      core.handle('participants.create', {
        fullName: 'Riley Madeup',
        preferredName: '',
        clientId: 'C-900',
        dateOfBirth: '1988-05-05',
        admissionDate: '2026-11-01',
        track: 'substance_use',
        status: 'active',
        discharge: null,
        goals: []
      })
    )
    const after = await value<SessionView>(
      core.handle('sessions.addWalkIn', { sessionId: session.id, participantId: walkIn.id })
    )
    expect(after.attendance.at(-1)).toMatchObject({
      participantId: walkIn.id,
      walkIn: true,
      status: 'present'
    })
    await refusal(
      core.handle('sessions.addWalkIn', { sessionId: session.id, participantId: people[1] }),
      'conflict'
    )
    const future = await refusal(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId: people[1],
        status: 'present',
        timeIn: new Date(START + 30 * MIN).toISOString(),
        timeOut: null
      }),
      'invalid_input'
    )
    expect(future.message).toMatch(/cannot be later than now/)
  })

  test('attendance and observations are in the session file after a restart', async () => {
    const dir = await copyClinic(template.dir)
    const { clock, pass } = testClock()
    const core = await openAt(dir, clock)
    const { session, people } = await plannedSession(core)
    await act(core, session.id, { type: 'start' })
    pass(MIN)
    await value(
      core.handle('sessions.attendance', {
        sessionId: session.id,
        participantId: people[2],
        status: 'absent_excused',
        timeIn: null,
        timeOut: null
      })
    )
    await value(
      core.handle('sessions.observe', {
        sessionId: session.id,
        participantId: people[1],
        tag: 'supported_peer',
        text: ''
      })
    )
    const reopened = await openAt(dir, clock)
    const after = await value<SessionView>(
      reopened.handle('sessions.get', { sessionId: session.id })
    )
    expect(after.attendance.find((a) => a.participantId === people[2])?.status).toBe(
      'absent_excused'
    )
    expect(after.observations).toMatchObject([{ participantId: people[1], tag: 'supported_peer' }])
  })

  test('a damaged session file is restored from its backup, with a notice', async () => {
    const dir = await copyClinic(template.dir)
    const { clock } = testClock()
    const core = await openAt(dir, clock)
    const { session } = await plannedSession(core)
    await writeFile(join(dir, 'sessions', `session-${session.id}.json`), '{"kind": "session-')
    const reopened = await openAt(dir, clock)
    const restored = await value<SessionView>(
      reopened.handle('sessions.get', { sessionId: session.id })
    )
    expect(restored.id).toBe(session.id)
    const status = await value<{ notices: Array<{ message: string }> }>(
      reopened.handle('app.status', {})
    )
    expect(status.notices.map((n) => n.message).join(' ')).toMatch(
      /A session’s file could not be read/
    )
  })
})

describe('a session file’s daily copies', () => {
  test('reading an old session makes no copy; a day it is written does, kept as many days as the setting says', async () => {
    const dir = await copyClinic(template.dir)
    const { clock, pass } = testClock()
    let core = await openAt(dir, clock)
    const { session } = await plannedSession(core)
    const copies = async () =>
      (await readdir(join(dir, 'sessions', 'backups', `session-${session.id}`))).sort()
    const planned = await copies()
    expect(planned).toHaveLength(1)

    // Days later the app starts again and a report reads the session: nothing new is written.
    pass(3 * 86_400_000)
    core = await openAt(dir, clock)
    await value(core.handle('sessions.get', { sessionId: session.id }))
    expect(await copies()).toEqual(planned)

    // Each day it is changed gets its copy; the clinic's setting (here 2 days) decides how many stay.
    const settings = await value<Record<string, unknown>>(core.handle('clinic.sessionSettings', {}))
    await value(core.handle('clinic.updateSessionSettings', { ...settings, backupDays: 2 }))
    for (let day = 0; day < 3; day++) {
      await value(
        core.handle('sessions.updatePlan', {
          sessionId: session.id,
          plan: {
            groupId: session.groupId,
            date: session.date,
            facilitatorIds: session.facilitatorIds,
            segments: defaultAgenda().map((s) => ({ ...s, plannedMinutes: s.plannedMinutes + day }))
          }
        })
      )
      pass(86_400_000)
    }
    const kept = await copies()
    expect(kept).toHaveLength(2)
    expect(kept.every((name) => !planned.includes(name))).toBe(true)
  })
})

test('leftovers of an interrupted session write are swept once, when the first session file opens', async () => {
  const dir = await copyClinic(template.dir)
  const { clock } = testClock()
  const first = await openAt(dir, clock)
  const { session } = await plannedSession(first)
  const leftover = join(dir, 'sessions', `session-${session.id}.json.4242.7.tmp`)
  await writeFile(leftover, '{"kind":')
  await writeFile(join(dir, 'sessions', 'notes-from-it.txt'), 'keep me')
  const core = await openAt(dir, clock)
  await value(core.handle('sessions.get', { sessionId: session.id }))
  const names = await readdir(join(dir, 'sessions'))
  expect(names).not.toContain(`session-${session.id}.json.4242.7.tmp`)
  expect(names).toContain('notes-from-it.txt')
})
