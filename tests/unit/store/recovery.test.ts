/**
 * Start-up with a damaged registry: the damaged file is set aside untouched,
 * the latest good daily backup is restored, and the core tells the user. Also:
 * files from a newer version are refused untouched, daily backups roll over
 * after 14 days, and leftover temporary files are removed on open.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createCore } from '../../../src/main/core'
import type { AppStatus } from '../../../src/shared/ipc/contract'
import type { Participant } from '../../../src/shared/domain/participant'
import { openRegistry, REGISTRY_VERSION } from '../../../src/main/store/registry'
import { StoreError } from '../../../src/main/store/versioned-document'
import { closeRegistries, openTestRegistry } from './fixtures/open-registries'
import { syntheticParticipant } from './fixtures/participants'

const DAY = 86_400_000
const DAY_1 = Date.UTC(2031, 8, 1, 10, 0, 0)

/** A clock the test moves by hand. */
function manualClock(start: number) {
  let time = start
  return {
    now: () => time,
    nextDay: () => {
      time += DAY
    }
  }
}

/** Participant n, with a goal, so a restored backup carries nested records too. */
function participant(n: number, at: number): Participant {
  return syntheticParticipant(`p-${n}`, at, {
    goals: [{ id: `p-${n}-goal-1`, text: 'Use the safety plan', status: 'in_progress' }]
  })
}

let folder: string
const registryFile = () => join(folder, 'registry.json')
const backupsFolder = () => join(folder, 'backups', 'registry')
const damagedFolder = () => join(folder, 'damaged')

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-recovery-'))
})

afterEach(async () => {
  await closeRegistries()
  await rm(folder, { recursive: true, force: true })
})

async function status(dataDir: string, now: () => number): Promise<AppStatus> {
  const core = await createCore({ dataDir, now })
  const result = await core.handle('app.status', {})
  if (!result.ok) throw new Error(result.error.message)
  return result.value as AppStatus
}

/**
 * Days 1–3 through the real store, one participant a day, then a fourth on
 * day 4. Daily backups: day 1 (empty: taken at open), day 2 (p-1, p-2), day 3
 * (p-1..p-3). The file itself holds p-1..p-4.
 */
async function fourDaysOfRecords() {
  const clock = manualClock(DAY_1)
  const registry = await openTestRegistry(folder, clock.now)
  await registry.update((draft) => {
    draft.clinic = {
      name: 'Birchfield Test Clinic',
      timeZone: 'America/New_York',
      createdAt: new Date(clock.now()).toISOString()
    }
    draft.participants.push(participant(1, clock.now()))
  })
  // Each day the app falls idle: the day's changes are folded into the file and copied.
  await registry.compact()
  for (const n of [2, 3, 4]) {
    clock.nextDay()
    await registry.update((draft) => {
      draft.participants.push(participant(n, clock.now()))
    })
    await registry.compact()
  }
  expect(await readdir(backupsFolder())).toEqual([
    'registry-2031-09-01.json',
    'registry-2031-09-02.json',
    'registry-2031-09-03.json',
    'registry-2031-09-04.json'
  ])
  // Day 4's backup was taken by the day-4 write: remove it, so that the newest
  // backup (day 3) is older than the file, as it is when a day's later changes are lost.
  await rm(join(backupsFolder(), 'registry-2031-09-04.json'))
  clock.nextDay()
  return clock
}

async function participantIdsOnDisk(): Promise<string[]> {
  const envelope = JSON.parse(await readFile(registryFile(), 'utf8'))
  expect(envelope).toMatchObject({ kind: 'registry', schemaVersion: REGISTRY_VERSION })
  return envelope.data.participants.map((p: Participant) => p.id)
}

async function onlyDamagedCopy(): Promise<Buffer> {
  const names = await readdir(damagedFolder())
  expect(names).toHaveLength(1)
  expect(names[0]).toMatch(/^registry-damaged-.*\.json$/)
  return readFile(join(damagedFolder(), names[0]!))
}

const damage: Record<string, (good: string) => Buffer> = {
  'bad JSON': () =>
    Buffer.concat([
      Buffer.from('{"kind": "registry", "schemaVersion": 2, "data": {"clinic": nu'),
      Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x80])
    ]),
  'valid JSON of the wrong shape': () =>
    Buffer.from(JSON.stringify({ kind: 'registry', schemaVersion: 2, data: { participants: 7 } })),
  'valid JSON that is not a registry at all': () => Buffer.from('[1, 2, 3]\n'),
  'a truncated file': (good) => Buffer.from(good.slice(0, Math.floor(good.length * 0.6))),
  'an empty file': () => Buffer.alloc(0)
}

describe('a damaged registry at start-up', () => {
  test.each(Object.keys(damage))(
    '%s: set aside untouched, latest backup restored, user told',
    async (kind) => {
      const clock = await fourDaysOfRecords()
      const bytes = damage[kind]!(await readFile(registryFile(), 'utf8'))
      await writeFile(registryFile(), bytes)

      const { notices, clinic, setUp } = await status(folder, clock.now)

      expect(notices).toHaveLength(1)
      expect(notices[0]!.kind).toBe('restored_from_backup')
      expect(notices[0]!.message).toMatch(/restored the most recent backup/)
      expect(notices[0]!.message).toMatch(/damaged file was kept/)
      // Where the damaged copy is shows only to signed-in staff.
      expect(notices[0]!.damagedCopy).toBeNull()

      expect((await onlyDamagedCopy()).equals(bytes)).toBe(true)
      // Day 3's backup: the participant added on day 4 is lost, as the notice warns.
      expect(await participantIdsOnDisk()).toEqual(['p-1', 'p-2', 'p-3'])
      expect(setUp).toBe(true)
      expect(clinic?.name).toBe('Birchfield Test Clinic')
    }
  )

  test('a damaged newest backup is skipped for the latest good one', async () => {
    const clock = await fourDaysOfRecords()
    await writeFile(join(backupsFolder(), 'registry-2031-09-03.json'), '{"kind": "regis')
    await writeFile(registryFile(), 'not json at all')

    const { notices } = await status(folder, clock.now)

    expect(notices.map((n) => n.kind)).toEqual(['restored_from_backup'])
    expect(await participantIdsOnDisk()).toEqual(['p-1', 'p-2'])
  })

  test('with no backup: set aside untouched, empty records, user told', async () => {
    const bytes = Buffer.from('{"kind": "registry", "schemaVersion": 2, "data": {"staff": [')
    await writeFile(registryFile(), bytes)

    const { notices, setUp, clinic } = await status(folder, () => DAY_1)

    expect(notices).toHaveLength(1)
    expect(notices[0]!.kind).toBe('damaged_no_backup')
    expect(notices[0]!.message).toMatch(/no backup was found/)
    expect(notices[0]!.message).toMatch(/started with empty records/)
    expect((await onlyDamagedCopy()).equals(bytes)).toBe(true)
    expect(setUp).toBe(false)
    expect(clinic).toBeNull()
    expect(await participantIdsOnDisk()).toEqual([])
  })

  test('with only damaged backups: the same as no backup', async () => {
    await mkdir(backupsFolder(), { recursive: true })
    await writeFile(join(backupsFolder(), 'registry-2031-08-30.json'), '')
    await writeFile(join(backupsFolder(), 'registry-2031-08-31.json'), '{"kind": "registry"}')
    await writeFile(registryFile(), '{')

    const { notices } = await status(folder, () => DAY_1)

    expect(notices.map((n) => n.kind)).toEqual(['damaged_no_backup'])
    expect(await participantIdsOnDisk()).toEqual([])
  })

  test('an intact file gives no notice and moves nothing aside', async () => {
    const clock = await fourDaysOfRecords()
    const { notices } = await status(folder, clock.now)
    expect(notices).toEqual([])
    expect(await participantIdsOnDisk()).toEqual(['p-1', 'p-2', 'p-3', 'p-4'])
    await expect(stat(damagedFolder())).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('a file saved by a newer version', () => {
  test('is refused with newer_version and left untouched', async () => {
    const text = JSON.stringify(
      {
        kind: 'registry',
        schemaVersion: REGISTRY_VERSION + 1,
        data: { somethingNew: true, participants: [{ id: 'p-1' }] }
      },
      null,
      2
    )
    await writeFile(registryFile(), text)
    const before = await stat(registryFile())

    const opening = openRegistry(folder, () => DAY_1)
    await expect(opening).rejects.toBeInstanceOf(StoreError)
    await expect(opening).rejects.toMatchObject({ code: 'newer_version' })
    await expect(createCore({ dataDir: folder, now: () => DAY_1 })).rejects.toMatchObject({
      code: 'newer_version'
    })

    expect(await readFile(registryFile(), 'utf8')).toBe(text)
    expect((await stat(registryFile())).mtimeMs).toBe(before.mtimeMs)
    await expect(stat(damagedFolder())).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await readdir(backupsFolder())).toEqual([])
  })
})

describe('daily backups', () => {
  test('one a day, and only the newest 14', async () => {
    const clock = manualClock(DAY_1)
    const registry = await openTestRegistry(folder, clock.now)
    let n = 0
    const countOnDay: string[] = []
    for (let day = 1; day <= 20; day++) {
      // Three writes a day, then the app falls idle: the day's copy is taken then.
      for (let write = 0; write < 3; write++) {
        await registry.update((draft) => {
          draft.participants.push(participant(++n, clock.now()))
        })
      }
      await registry.compact()
      countOnDay.push(new Date(clock.now()).toISOString().slice(0, 10))
      clock.nextDay()
    }

    const names = await readdir(backupsFolder())
    expect(names.sort()).toEqual(countOnDay.slice(-14).map((day) => `registry-${day}.json`))
    expect(names[0]).toBe('registry-2031-09-07.json')
    expect(names[13]).toBe('registry-2031-09-20.json')

    // Each holds the records as they were when the app fell idle that day.
    for (const [index, name] of names.entries()) {
      const day = 7 + index
      const backup = JSON.parse(await readFile(join(backupsFolder(), name), 'utf8'))
      expect(backup.data.participants).toHaveLength(day * 3)
    }

    // Opening again later on the last day keeps that day's first backup.
    const lastBackup = join(backupsFolder(), 'registry-2031-09-20.json')
    const lastBytes = await readFile(lastBackup)
    const reopened = await openTestRegistry(folder, () => DAY_1 + 19 * DAY + 3_600_000)
    await reopened.update((draft) => {
      draft.participants.push(participant(++n, DAY_1))
    })
    expect((await readFile(lastBackup)).equals(lastBytes)).toBe(true)
    expect(await readdir(backupsFolder())).toHaveLength(14)
  })
})

describe('leftover temporary files', () => {
  test('are removed on open; other files are left alone', async () => {
    const registry = await openTestRegistry(folder, () => DAY_1)
    await registry.update((draft) => {
      draft.participants.push(participant(1, DAY_1))
    })
    await registry.close()
    const good = await readFile(registryFile(), 'utf8')
    // What a crash half-way through writing the file or a backup leaves behind.
    await writeFile(join(folder, 'registry.json.4242.7.tmp'), good.slice(0, 40))
    await writeFile(join(folder, 'registry.json.999.1.tmp'), '')
    await writeFile(join(backupsFolder(), 'registry-2031-09-01.json.4242.8.tmp'), good.slice(0, 9))
    await writeFile(join(folder, 'notes-from-it.txt'), 'keep me')

    const reopened = await openTestRegistry(folder, () => DAY_1)

    expect(reopened.recovery).toEqual([])
    expect(reopened.data.participants.map((p) => p.id)).toEqual(['p-1'])
    expect((await readdir(folder)).sort()).toEqual([
      'backups',
      'notes-from-it.txt',
      'registry.json'
    ])
    expect(await readdir(backupsFolder())).toEqual(['registry-2031-09-01.json'])
    expect(await readFile(registryFile(), 'utf8')).toBe(good)
  })
})
