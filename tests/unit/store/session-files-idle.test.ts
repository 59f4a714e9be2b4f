/**
 * Session files are opened when asked for and closed when idle: a day that
 * opens every past session (the attendance reports) does not keep them all in
 * memory, a session still being written is never closed under its writer, and
 * a closed file opens again with everything that was saved.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_OPEN_SESSION_FILES,
  SESSION_FILE_IDLE_MS,
  SessionFiles
} from '../../../src/main/store/session-files'
import type { SessionRecord } from '../../../src/shared/domain/session'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-session-files-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const record = (id: string): SessionRecord => ({
  id,
  groupId: 'g1',
  date: '2026-11-23',
  facilitatorIds: ['f1'],
  segments: [],
  events: [],
  attendance: [],
  observations: [],
  safety: [],
  lastSeenAt: null,
  groupPart: null,
  notes: [],
  createdAt: '2026-11-23T14:00:00.000Z',
  updatedAt: '2026-11-23T14:00:00.000Z'
})

function files(folder: string, clock: { now: number }) {
  return new SessionFiles(
    folder,
    () => clock.now,
    () => undefined
  )
}

describe('session files over a working day', () => {
  it('a file nobody has used for a while is closed, and opens again as it was saved', async () => {
    const clock = { now: Date.UTC(2026, 10, 23, 9) }
    const store = files(join(dir, 'idle'), clock)
    const created = await store.create(record('s-1'))
    await created.update((draft) => {
      draft.lastSeenAt = '2026-11-23T09:00:00.000Z'
    })
    expect(store.openCount).toBe(1)

    clock.now += SESSION_FILE_IDLE_MS
    await store.create(record('s-2'))
    store.closeIdle()
    expect(store.openCount).toBe(1)

    const again = await store.get('s-1')
    expect(again).not.toBe(created)
    expect(again.data.lastSeenAt).toBe('2026-11-23T09:00:00.000Z')
  })

  it('opening every session of five years keeps only a few open', async () => {
    const clock = { now: Date.UTC(2026, 10, 23, 9) }
    const folder = join(dir, 'many')
    const writer = files(folder, clock)
    for (let i = 0; i < MAX_OPEN_SESSION_FILES * 3; i++) await writer.create(record(`s-${i}`))

    const reader = files(folder, clock)
    for (let i = 0; i < MAX_OPEN_SESSION_FILES * 3; i++) {
      const document = await reader.get(`s-${i}`)
      expect(document.data.id).toBe(`s-${i}`)
      clock.now += 1_000
    }
    expect(reader.openCount).toBeLessThanOrEqual(MAX_OPEN_SESSION_FILES)
  })

  it('a session being written to is not closed under its writer', async () => {
    const clock = { now: Date.UTC(2026, 10, 23, 9) }
    const store = files(join(dir, 'busy'), clock)
    const running = await store.create(record('running'))
    const saving = running.update((draft) => {
      draft.lastSeenAt = '2026-11-23T09:30:00.000Z'
    })
    clock.now += SESSION_FILE_IDLE_MS * 2
    store.closeIdle()
    expect(store.openCount).toBe(1)
    await saving
    expect(await store.get('running')).toBe(running)
  })
})
