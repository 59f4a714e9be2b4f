/**
 * Enrolling a previewed list: everyone the rules accept is added and enrolled
 * in one change to the records; anyone the records now refuse is skipped with
 * the reason, and nothing is half-saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BulkEnrolResult } from '../../../src/shared/domain/bulk-enrol'
import {
  group,
  participant,
  recordEvents,
  refusal,
  registryBytes,
  removeFolders,
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

const person = (line: number, fullName: string, clientId: string) => ({
  line,
  fullName,
  preferredName: '',
  clientId,
  dateOfBirth: '1990-04-12',
  admissionDate: '2026-11-23',
  track: 'substance_use'
})

describe('enrolling a list', () => {
  it('adds and enrols everyone in one change, and the access log names them by client ID', async () => {
    const { core } = await signedInCopy(template)
    const g = await value<{ id: string }>(
      core.handle('groups.create', group({ facilitatorIds: [template.adminId] }))
    )
    const events = recordEvents(core)
    const result = await value<BulkEnrolResult>(
      core.handle('enrollments.bulk', {
        groupId: g.id,
        joinDate: '2026-11-23',
        people: [person(1, 'Jordan Testperson', 'C-101'), person(2, 'Morgan Fictional', 'C-103')]
      })
    )
    expect(result.skipped).toEqual([])
    expect(result.enrolled.map((e) => [e.line, e.clientId])).toEqual([
      [1, 'C-101'],
      [2, 'C-103']
    ])
    expect(events).toEqual(['records.changed {"scope":"enrollments"}'])
    const roster = await value<{ current: { displayName: string; joinDate: string }[] }>(
      core.handle('groups.roster', { groupId: g.id })
    )
    expect(roster.current).toEqual([
      expect.objectContaining({ displayName: 'Jordan T.', joinDate: '2026-11-23' }),
      expect.objectContaining({ displayName: 'Morgan F.', joinDate: '2026-11-23' })
    ])
    const log = await value<{ entries: { detail: string }[] }>(core.handle('audit.list', {}))
    expect(log.entries.map((e) => e.detail)).toContain('enrolled a list: C-101, C-103')
  })

  it('skips someone added since the preview and someone past the group’s capacity', async () => {
    const { core } = await signedInCopy(template)
    const g = await value<{ id: string }>(
      core.handle('groups.create', group({ facilitatorIds: [template.adminId], capacity: 2 }))
    )
    await value(core.handle('participants.create', participant('C-101')))
    const result = await value<BulkEnrolResult>(
      core.handle('enrollments.bulk', {
        groupId: g.id,
        joinDate: '2026-11-23',
        people: [
          person(1, 'Jordan Testperson', 'c-101'),
          person(2, 'Morgan Fictional', 'C-103'),
          person(3, 'Alex Placeholder', 'C-104'),
          person(4, 'Riley Example', 'C-105')
        ]
      })
    )
    expect(result.enrolled.map((e) => e.clientId)).toEqual(['C-103', 'C-104'])
    expect(result.skipped).toEqual([
      {
        line: 1,
        clientId: 'c-101',
        message: 'Client ID c-101 is already used by another participant.'
      },
      {
        line: 4,
        clientId: 'C-105',
        message: 'Evening SUD IOP is full (2 places). End an enrolment or raise the capacity first.'
      }
    ])
    // The one skipped for want of a place was not added as a participant either.
    const everyone = await value<{ clientId: string }[]>(core.handle('participants.list', {}))
    expect(everyone.map((p) => p.clientId).sort()).toEqual(['C-101', 'C-103', 'C-104'])
  })

  it('refuses a list for a group that does not exist, and writes nothing', async () => {
    const { core, dir } = await signedInCopy(template)
    const before = await registryBytes(dir)
    await refusal(
      core.handle('enrollments.bulk', {
        groupId: 'no-such-group',
        joinDate: '2026-11-23',
        people: [person(1, 'Jordan Testperson', 'C-101')]
      }),
      'not_found'
    )
    expect(await registryBytes(dir)).toBe(before)
  })

  it('refuses anyone not signed in', async () => {
    const { core } = await signedInCopy(template)
    await value(core.handle('auth.signOut', {}))
    await refusal(
      core.handle('enrollments.bulk', {
        groupId: 'g',
        joinDate: '2026-11-23',
        people: [person(1, 'Jordan Testperson', 'C-101')]
      }),
      'not_signed_in'
    )
  })
})
