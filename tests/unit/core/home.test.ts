/**
 * Home: the clinician's day (the running session first, then today's
 * sessions) and a new clinic's next steps, which tick themselves off as the
 * records appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HomeDay } from '../../../src/shared/ipc/contract'
import {
  group,
  participant,
  removeFolders,
  sessionPlan,
  setUpClinic,
  signedInCopy,
  value,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

describe('home', () => {
  it('a new clinic has done none of its next steps but adding its first administrator', async () => {
    const { core } = await signedInCopy(template)
    const day = await value<HomeDay>(core.handle('home.day', {}))
    expect(day.today).toBe('2026-11-23')
    expect(day.running).toEqual([])
    expect(day.todays).toEqual([])
    expect(day.setup).toEqual({
      staff: 1,
      groups: 0,
      participants: 0,
      enrolled: 0,
      planned: 0,
      run: 0,
      firstGroupId: null
    })
  })

  it('shows today’s session, then the running one, and ticks off each step', async () => {
    const { core } = await signedInCopy(template)
    const g = await value<{ id: string }>(
      core.handle('groups.create', group({ facilitatorIds: [template.adminId] }))
    )
    const p = await value<{ id: string }>(core.handle('participants.create', participant('C-1')))
    await value(
      core.handle('enrollments.create', {
        groupId: g.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    const session = await value<{ id: string }>(
      core.handle(
        'sessions.plan',
        sessionPlan({ groupId: g.id, facilitatorIds: [template.adminId] })
      )
    )
    let day = await value<HomeDay>(core.handle('home.day', {}))
    expect(day.todays).toMatchObject([
      { sessionId: session.id, groupName: 'Evening SUD IOP', startTime: '17:30', status: 'planned' }
    ])
    expect(day.running).toEqual([])
    expect(day.setup).toMatchObject({ groups: 1, participants: 1, enrolled: 1, planned: 1, run: 0 })
    expect(day.setup.firstGroupId).toBe(g.id)

    await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
    day = await value<HomeDay>(core.handle('home.day', {}))
    expect(day.running).toMatchObject([{ sessionId: session.id, status: 'running' }])
    expect(day.setup.run).toBe(1)
  })
})
