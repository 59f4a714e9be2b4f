/**
 * The registry store: what is written comes back, version 1 files are
 * migrated (with the old file kept), and a failed write changes nothing.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Participant } from '../../../src/shared/domain/participant'
import type { StoredStaff } from '../../../src/shared/domain/staff'
import { DEFAULT_CLINIC_CONTACTS } from '../../../src/shared/domain/contacts'
import { Registry, REGISTRY_VERSION } from '../../../src/main/store/registry'
import { DEFAULT_SESSION_SETTINGS } from '../../../src/shared/domain/session'
import { defaultTrackSchedules } from '../../../src/shared/domain/measure'
import { shapeOf, StoreError } from '../../../src/main/store/versioned-document'
import { closeRegistries, openTestRegistry } from './fixtures/open-registries'
import { syntheticParticipant } from './fixtures/participants'

const NOW = Date.UTC(2031, 4, 12, 14, 30, 0)
const now = () => NOW
const AT = new Date(NOW).toISOString()

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-registry-'))
})

afterEach(async () => {
  await closeRegistries()
  await rm(folder, { recursive: true, force: true })
})

function staff(id: string, fullName: string): StoredStaff {
  return {
    id,
    fullName,
    credentials: 'LCSW',
    role: 'counselor',
    isAdmin: true,
    active: true,
    createdAt: AT,
    disabledAt: null,
    supervisorId: null,
    passphrase: {
      algorithm: 'scrypt',
      N: 32768,
      r: 8,
      p: 1,
      keyLength: 64,
      salt: 'c3ludGhldGljLXNhbHQ=',
      hash: 'c3ludGhldGljLWhhc2g='
    }
  }
}

/** A participant with one goal not yet started, so the round trip carries a goal's status. */
function participant(id: string, fullName: string): Participant {
  return syntheticParticipant(id, NOW, {
    fullName,
    goals: [{ id: `${id}-goal-1`, text: 'Attend every group session', status: 'not_started' }]
  })
}

const registryFile = () => join(folder, 'registry.json')

describe('round trip', () => {
  test('what update writes is what a fresh open reads, and what the file holds', async () => {
    const registry = await openTestRegistry(folder, now)
    expect(registry.data).toEqual({
      clinic: null,
      staff: [],
      groups: [],
      participants: [],
      enrollments: [],
      sessions: [],
      sessionSettings: DEFAULT_SESSION_SETTINGS,
      agendas: [],
      noteFormats: [],
      serviceCodes: [],
      measureSchedules: defaultTrackSchedules(),
      agreementVersions: [],
      agreementAcknowledgements: [],
      consents: [],
      followUps: [],
      clinicContacts: DEFAULT_CLINIC_CONTACTS
    })

    const returned = await registry.update((draft) => {
      draft.clinic = { name: 'Maplewood Test Clinic', timeZone: 'America/Chicago', createdAt: AT }
      draft.staff.push(staff('s-1', 'Orla Testwright'))
      draft.groups.push({
        id: 'g-1',
        name: 'Evening Recovery',
        track: 'substance_use',
        ageGroup: 'adult',
        admission: 'open',
        meetingDays: ['mon', 'wed', 'thu'],
        startTime: '17:30',
        defaultMinutes: 180,
        capacity: 12,
        facilitatorIds: ['s-1'],
        createdAt: AT,
        updatedAt: AT
      })
      return 'first'
    })
    expect(returned).toBe('first')
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
      draft.participants.push({
        ...participant('p-2', 'Rowan Fakename'),
        preferredName: 'Ro',
        status: 'discharged',
        discharge: { date: '2031-05-10', type: 'completed' },
        goals: [
          { id: 'p-2-goal-1', text: 'Name three triggers', status: 'met' },
          { id: 'p-2-goal-2', text: 'Build a support list', status: 'revised' }
        ]
      })
      draft.enrollments.push({
        id: 'e-1',
        groupId: 'g-1',
        participantId: 'p-1',
        joinDate: '2031-05-02',
        exitDate: null,
        createdAt: AT
      })
      draft.enrollments.push({
        id: 'e-2',
        groupId: 'g-1',
        participantId: 'p-2',
        joinDate: '2031-05-01',
        exitDate: '2031-05-10',
        createdAt: AT
      })
    })
    const written = structuredClone(registry.data)
    expect(written.participants).toHaveLength(2)

    const reopened = await openTestRegistry(folder, now)
    expect(reopened.recovery).toEqual([])
    expect(reopened.data).toEqual(written)

    // The clinic and its staff were written at once; the rest waits in the journal until the
    // app falls idle, then the file holds it all, with each record's revision.
    const beforeFold = JSON.parse(await readFile(registryFile(), 'utf8'))
    expect(beforeFold.data.clinic).toEqual(written.clinic)
    expect(beforeFold.data.participants).toEqual([])
    await registry.compact()
    const onDisk = JSON.parse(await readFile(registryFile(), 'utf8'))
    expect(onDisk).toEqual({
      kind: 'registry',
      schemaVersion: REGISTRY_VERSION,
      data: written,
      revisions: registry.revisions,
      shape: shapeOf({ version: REGISTRY_VERSION, schema: Registry })
    })
    expect(onDisk.revisions.participants['p-1'].rev).toMatch(/^1-[0-9a-f]{32}$/)
    await expect(readFile(join(folder, 'registry.journal'))).rejects.toThrow()
  })

  test('a change that throws saves nothing and leaves the records as they were', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    const before = structuredClone(registry.data)
    const fileBefore = await readFile(registryFile(), 'utf8')

    await expect(
      registry.update((draft) => {
        draft.participants.push(participant('p-2', 'Rowan Fakename'))
        throw new Error('rule broken')
      })
    ).rejects.toThrow('rule broken')

    expect(registry.data).toEqual(before)
    expect(await readFile(registryFile(), 'utf8')).toBe(fileBefore)
  })
})

describe('migration from schema version 1', () => {
  const v1 = {
    kind: 'registry',
    schemaVersion: 1,
    data: {
      clinic: { name: 'Maplewood Test Clinic', timeZone: 'America/Denver', createdAt: AT },
      staff: [staff('s-1', 'Orla Testwright')],
      groups: [],
      participants: [
        {
          ...participant('p-1', 'Quinn Examplesson'),
          goals: ['Attend every group session', 'Practise one coping skill a day']
        },
        { ...participant('p-2', 'Rowan Fakename'), goals: [] }
      ],
      enrollments: []
    }
  }

  test('plain-string goals become goals with id, text and status; the v1 file is kept', async () => {
    const v1Text = JSON.stringify(v1, null, 2)
    await writeFile(registryFile(), v1Text)

    const registry = await openTestRegistry(folder, now)

    expect(registry.data.participants[0]!.goals).toEqual([
      { id: 'p-1-goal-1', text: 'Attend every group session', status: 'in_progress' },
      { id: 'p-1-goal-2', text: 'Practise one coping skill a day', status: 'in_progress' }
    ])
    expect(registry.data.participants[1]!.goals).toEqual([])
    // Version 3 added sessions, with the default settings.
    expect(registry.data.sessions).toEqual([])
    expect(registry.data.sessionSettings).toEqual(DEFAULT_SESSION_SETTINGS)
    // Everything else is carried over as it was.
    expect(registry.data.clinic).toEqual(v1.data.clinic)
    expect(registry.data.staff).toEqual(v1.data.staff)
    expect(registry.data.participants.map((p) => p.fullName)).toEqual([
      'Quinn Examplesson',
      'Rowan Fakename'
    ])

    const [event] = registry.recovery
    expect(registry.recovery).toHaveLength(1)
    expect(event).toMatchObject({ kind: 'migrated', fromVersion: 1, toVersion: REGISTRY_VERSION })

    // The file on disk is now the current version, holding the migrated records.
    const onDisk = JSON.parse(await readFile(registryFile(), 'utf8'))
    expect(onDisk.schemaVersion).toBe(REGISTRY_VERSION)
    expect(onDisk.data).toEqual(registry.data)

    // A byte-for-byte copy of the version 1 file was kept among the backups.
    const backups = await readdir(join(folder, 'backups', 'registry'))
    const copies = backups.filter((name) => /^registry-v1-before-migration-.*\.json$/.test(name))
    expect(copies).toHaveLength(1)
    const copy = join(folder, 'backups', 'registry', copies[0]!)
    expect(event?.kind === 'migrated' && event.previousCopy).toBe(copy)
    expect(await readFile(copy, 'utf8')).toBe(v1Text)

    // Opening again finds a current file: nothing more to migrate.
    const reopened = await openTestRegistry(folder, now)
    expect(reopened.recovery).toEqual([])
    expect(reopened.data).toEqual(registry.data)
  })
})

describe('a failed write', () => {
  test('rejects with write_failed and leaves the in-memory records unchanged', async () => {
    const registry = await openTestRegistry(folder, now)
    await registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    await registry.compact()
    const before = structuredClone(registry.data)

    // Tests run as root, so permissions would not stop the write: put a folder
    // where the file and its journal should be, and writing either fails.
    await rm(registryFile())
    await mkdir(registryFile())
    await mkdir(join(folder, 'registry.journal'))

    const failing = registry.update((draft) => {
      draft.participants.push(participant('p-2', 'Rowan Fakename'))
      return 'should not be returned'
    })
    await expect(failing).rejects.toBeInstanceOf(StoreError)
    await expect(failing).rejects.toMatchObject({ code: 'write_failed' })
    expect(registry.data).toEqual(before)
    // The temporary file was cleaned up.
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([])

    // Once the disk is usable again, the next write saves the unchanged records plus the new change.
    await rm(registryFile(), { recursive: true })
    await rm(join(folder, 'registry.journal'), { recursive: true })
    await registry.update((draft) => {
      draft.participants.push(participant('p-3', 'Sasha Madeupname'))
    })
    await registry.compact()
    const onDisk = JSON.parse(await readFile(registryFile(), 'utf8'))
    expect(onDisk.data.participants.map((p: Participant) => p.id)).toEqual(['p-1', 'p-3'])
  })

  test('nobody reading the records while a write is under way sees the unsaved change', async () => {
    const registry = await openTestRegistry(folder, now)

    /** Reads the participant count on every turn of the event loop until `write` settles. */
    async function countsWhile(write: Promise<unknown>): Promise<number[]> {
      const seen: number[] = []
      let settled = false
      write.then(
        () => (settled = true),
        () => (settled = true)
      )
      while (!settled) {
        seen.push(registry.data.participants.length)
        await new Promise((resolve) => setImmediate(resolve))
      }
      return seen
    }

    // A write that succeeds becomes visible only once it is on disk (no backup
    // is due after it: the clock stands still, and open took today's).
    const saving = registry.update((draft) => {
      draft.participants.push(participant('p-1', 'Quinn Examplesson'))
    })
    const whileSaving = await countsWhile(saving)
    expect(whileSaving.length).toBeGreaterThan(1)
    expect(new Set(whileSaving)).toEqual(new Set([0]))
    expect(registry.data.participants).toHaveLength(1)

    // A write that fails is never visible.
    await registry.compact()
    await rm(registryFile())
    await mkdir(registryFile())
    await mkdir(join(folder, 'registry.journal'))
    const failing = registry.update((draft) => {
      draft.participants.push(participant('p-2', 'Rowan Fakename'))
    })
    const whileFailing = await countsWhile(failing)
    await expect(failing).rejects.toMatchObject({ code: 'write_failed' })
    expect(whileFailing.length).toBeGreaterThan(1)
    expect(new Set(whileFailing)).toEqual(new Set([1]))
    expect(registry.data.participants).toHaveLength(1)
  })
})
