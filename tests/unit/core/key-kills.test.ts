/**
 * A kill at any moment of a key change leaves the keyring and the registry agreeing and every
 * record decrypting: they are one file, written by one atomic rename. A few kills per action
 * here; `npm run bench` runs fifty per action (tests/bench/key-kills.bench.ts). The kill
 * delays come from a seeded PRNG; KEY_KILL_SEED=<seed> replays them.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore } from '../../../src/main/core'
import {
  KEY_ACTIONS,
  killDuring,
  prepareChild,
  prng,
  type KillClinic
} from '../../support/key-kills'
import {
  CURRICULUM_DIR,
  emptyFolder,
  FIRST_STAFF,
  ids,
  NOW,
  PASSPHRASE,
  removeFolders,
  value
} from './helpers'

const KILLS_PER_ACTION = 2
let workDir: string
let script: string
let clinic: KillClinic

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'iop-key-kills-'))
  script = await prepareChild(workDir)
  const dataDir = await emptyFolder()
  const core = await createCore({
    dataDir,
    now: () => NOW,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  const setup = await value<{ id: string; recoveryKey: string }>(
    core.handle('setup.complete', {
      clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
      staff: FIRST_STAFF
    })
  )
  const other = await value<{ id: string }>(
    core.handle('staff.create', {
      fullName: 'Kai Moreno',
      credentials: 'LCSW',
      role: 'counselor',
      isAdmin: false,
      passphrase: 'quiet harbor lantern'
    })
  )
  clinic = {
    dataDir,
    curriculumDir: CURRICULUM_DIR,
    adminId: setup.id,
    adminPassphrase: PASSPHRASE,
    otherId: other.id,
    recoveryKey: setup.recoveryKey
  }
}, 60_000)

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
  await removeFolders()
})

describe('keys survive SIGKILL', () => {
  test(`${KILLS_PER_ACTION} kills during each key change: registry and keyring never disagree, every record decrypts`, async () => {
    const seed = process.env.KEY_KILL_SEED
      ? Number(process.env.KEY_KILL_SEED)
      : Math.floor(Math.random() * 2 ** 32)
    console.log(`key kill seed: ${seed} (replay with KEY_KILL_SEED=${seed})`)
    const random = prng(seed)
    for (const action of KEY_ACTIONS) {
      const tally = await killDuring(script, workDir, clinic, action, KILLS_PER_ACTION, random)
      console.log(
        `${action}: ${tally.runs} kills, ${tally.acknowledged} acknowledged, ${tally.disagreements} disagreements, ${tally.undecryptable} undecryptable`
      )
      expect(tally.problems).toEqual([])
      expect(tally.runs).toBe(KILLS_PER_ACTION)
      expect(tally.acknowledged).toBeGreaterThanOrEqual(KILLS_PER_ACTION)
    }
  }, 240_000)
})
