/**
 * Fifty kills at a random point during each key change (a passphrase reset, a new staff
 * member, disabling and enabling, changing the data key, the recovery key): prints how many runs left the registry
 * and the keyring disagreeing, or a record that no longer decrypts (goal: 0 of 50 each).
 * Exits non-zero if a goal is missed. All data is synthetic.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src/main/core'
import { KEY_ACTIONS, killDuring, prepareChild, prng } from '../support/key-kills'

const RUNS = Number(process.env.KEY_KILL_RUNS ?? 50)
const CURRICULUM_DIR = join(process.cwd(), 'resources', 'curriculum')
const PASSPHRASE = 'copper kettle meadow'

async function main() {
  const workDir = await mkdtemp(join(tmpdir(), 'iop-key-kills-bench-'))
  const dataDir = join(workDir, 'clinic')
  try {
    const script = await prepareChild(workDir)
    const core = await createCore({ dataDir, curriculumDir: CURRICULUM_DIR })
    const setup = await core.handle('setup.complete', {
      clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
      staff: {
        fullName: 'Robin Okafor',
        credentials: 'LPC',
        role: 'counselor',
        isAdmin: true,
        passphrase: PASSPHRASE
      }
    })
    if (!setup.ok) throw new Error(setup.error.message)
    const admin = setup.value as { id: string; recoveryKey: string }
    const other = await core.handle('staff.create', {
      fullName: 'Kai Moreno',
      credentials: 'LCSW',
      role: 'counselor',
      isAdmin: false,
      passphrase: 'quiet harbor lantern'
    })
    if (!other.ok) throw new Error(other.error.message)
    const clinic = {
      dataDir,
      curriculumDir: CURRICULUM_DIR,
      adminId: admin.id,
      adminPassphrase: PASSPHRASE,
      otherId: (other.value as { id: string }).id,
      recoveryKey: admin.recoveryKey
    }
    const seed = Number(process.env.KEY_KILL_SEED ?? Date.now() % 2 ** 32)
    const random = prng(seed)
    console.log(`Kills during key changes (seed ${seed}), ${RUNS} per action`)
    console.log(
      '| action | kills | acknowledged changes | registry/keyring disagree | record fails to decrypt |'
    )
    console.log('| --- | --- | --- | --- | --- |')
    let missed = false
    for (const action of KEY_ACTIONS) {
      const tally = await killDuring(script, workDir, clinic, action, RUNS, random)
      console.log(
        `| ${action} | ${tally.runs} | ${tally.acknowledged} | ${tally.disagreements} | ${tally.undecryptable} |`
      )
      if (tally.problems.length) {
        missed = true
        for (const problem of tally.problems) console.log(`  ${problem}`)
      }
    }
    if (missed) process.exitCode = 1
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

await main()
