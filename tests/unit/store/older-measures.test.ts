/**
 * Records written before the Penn Alcohol Craving Scale was withdrawn and
 * before measure schedules were set per track still open, unchanged in what
 * they say: a PACS result stays in the participant's history with its score,
 * and the clinic's one schedule becomes each track's, without the PACS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openMeasures } from '../../../src/main/store/measures'
import { openRegistry, REGISTRY_VERSION } from '../../../src/main/store/registry'
import { DEFAULT_MEASURE_SCHEDULES, schedulesForTrack } from '../../../src/shared/domain/measure'
import { MEASURE_INFO } from '../../../src/shared/measures/instruments'
import { DEFAULT_SESSION_SETTINGS } from '../../../src/shared/domain/session'

const NOW = Date.UTC(2026, 10, 23, 15)
const now = () => NOW

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'iop-older-measures-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const write = (name: string, schemaVersion: number, data: unknown) =>
  writeFile(join(folder, `${name}.json`), JSON.stringify({ kind: name, schemaVersion, data }))

describe('an older measures file', () => {
  test('a PACS result recorded before the withdrawal opens and keeps its score', async () => {
    const pacs = {
      id: 'entry-1',
      participantId: 'participant-1',
      measureId: 'pacs',
      answers: [2, 3, 1, 2, 2],
      takenOn: '2026-10-05',
      total: 10,
      band: null,
      recordedBy: 'staff-1',
      recordedAt: '2026-10-05T15:00:00.000Z',
      selfHarmFlag: false,
      followUp: null
    }
    const flagged = {
      ...pacs,
      id: 'entry-2',
      measureId: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1],
      total: 1,
      band: 'minimal',
      selfHarmFlag: true,
      followUp: { doneBy: 'staff-1', doneAt: '2026-10-05T16:00:00.000Z', note: 'Met privately.' }
    }
    await write('measures', 1, { entries: [pacs, flagged] })
    const measures = await openMeasures(folder, now)
    const [oldPacs, oldPhq9] = measures.data.entries
    expect(oldPacs).toMatchObject({ measureId: 'pacs', total: 10, difficulty: null })
    expect(MEASURE_INFO[oldPacs!.measureId].name).toMatch(/^Penn Alcohol Craving Scale/)
    // Fields added since read as "not recorded".
    expect(oldPhq9).toMatchObject({
      difficulty: null,
      followUp: { note: 'Met privately.', steps: [] }
    })
  })
})

describe('an older registry', () => {
  function registryWith(measureSchedules: unknown) {
    return {
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
      measureSchedules
    }
  }

  test('the old default schedule becomes each track’s default, without the PACS', async () => {
    await write(
      'registry',
      REGISTRY_VERSION,
      registryWith([
        { measureId: 'phq9', atAdmission: true, everyWeeks: 4 },
        { measureId: 'gad7', atAdmission: true, everyWeeks: 4 },
        { measureId: 'craving', atAdmission: true, everyWeeks: 1 },
        { measureId: 'pacs', atAdmission: true, everyWeeks: 4 }
      ])
    )
    const registry = await openRegistry(folder, now)
    for (const track of ['substance_use', 'mental_health', 'co_occurring'] as const) {
      expect(schedulesForTrack(registry.data.measureSchedules, track)).toEqual(
        DEFAULT_MEASURE_SCHEDULES[track]
      )
    }
    expect(registry.data.consents).toEqual([])
  })

  test('a clinic’s own schedule is kept for every track, and staff read without a supervisor', async () => {
    const data = registryWith([
      { measureId: 'phq9', atAdmission: false, everyWeeks: 2 },
      { measureId: 'pacs', atAdmission: true, everyWeeks: 2 }
    ])
    data.staff = [
      {
        id: 'staff-1',
        fullName: 'Sam Trainee',
        credentials: 'CADC-T',
        role: 'counselor_in_training',
        isAdmin: false,
        active: true,
        createdAt: '2026-01-01T00:00:00.000Z',
        disabledAt: null,
        passphrase: {
          algorithm: 'scrypt',
          N: 32768,
          r: 8,
          p: 1,
          keyLength: 64,
          salt: 'c2FsdA==',
          hash: 'aGFzaA=='
        }
      }
    ] as never[]
    await write('registry', REGISTRY_VERSION, data)
    const registry = await openRegistry(folder, now)
    expect(schedulesForTrack(registry.data.measureSchedules, 'mental_health')).toEqual([
      { measureId: 'phq9', atAdmission: false, everyWeeks: 2 }
    ])
    expect(registry.data.staff[0]?.supervisorId).toBeNull()
  })
})
