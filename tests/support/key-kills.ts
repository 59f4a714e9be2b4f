/**
 * Kills during key changes: a child process opens the real core on a clinic and repeats one
 * action that changes who holds a key (a passphrase reset, a new staff member, disabling and
 * enabling someone, the recovery key setting a new passphrase), printing `ack` once each has
 * resolved; the parent kills it with SIGKILL at a random moment and then checks, from the
 * files alone, that the keyring and the registry agree and that every record decrypts.
 * Shared by the unit test (a few kills per action) and the bench (fifty).
 */
import { acksOf, runAndKill } from './kill-child'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { ClinicFileCodec, keyringOf, canonicalJson } from '../../src/main/security/clinic-file'
import { parseRecoveryKey, unwrapKey, unwrapWithRecoveryKey } from '../../src/main/security/crypto'
import { openPrevious } from '../../src/main/security/rotation'
import { openWithAny } from '../../src/main/security/sealed-codec'
import { readClinicHeader } from '../../src/main/security/clinic-file'

/** In this order: changing the data key makes a new recovery key, so it goes last. */
export const KEY_ACTIONS = ['reset', 'create', 'toggle', 'recover', 'rotate'] as const
export type KeyAction = (typeof KEY_ACTIONS)[number]

export interface KillClinic {
  dataDir: string
  curriculumDir: string
  adminId: string
  adminPassphrase: string
  otherId: string
  recoveryKey: string
}

const CHILD_SOURCE = `
import { readFileSync, writeSync } from 'node:fs'
import { createCore } from './core.mjs'

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const action = process.argv[3]
const run = Number(process.argv[4])
async function answer(promise) {
  const result = await promise
  if (!result.ok) throw new Error(result.error.code + ': ' + result.error.message)
  return result.value
}
const PHRASES = ['quiet harbor lantern', 'amber orchard compass']
const core = await createCore({ dataDir: input.dataDir, curriculumDir: input.curriculumDir })
if (action !== 'recover') {
  await answer(core.handle('auth.signIn', { staffId: input.adminId, passphrase: input.adminPassphrase }))
}
writeSync(1, 'ready\\n')
for (let i = 0; ; i++) {
  if (action === 'reset') {
    await answer(core.handle('staff.resetPassphrase', { staffId: input.otherId, passphrase: PHRASES[i % 2] }))
  } else if (action === 'create') {
    await answer(core.handle('staff.create', {
      fullName: 'Staff ' + run + '-' + i, credentials: 'LPC', role: 'counselor', isAdmin: false,
      passphrase: PHRASES[i % 2]
    }))
  } else if (action === 'toggle') {
    await answer(core.handle('staff.setActive', { staffId: input.otherId, active: i % 2 === 1 }))
  } else if (action === 'rotate') {
    await answer(core.handle('security.rotateKey', { passphrase: input.adminPassphrase, understood: true }))
  } else if (action === 'recover') {
    await answer(core.handle('auth.recover', {
      recoveryKey: input.recoveryKey, staffId: input.adminId, passphrase: input.adminPassphrase
    }))
  }
  writeSync(1, 'ack ' + i + '\\n')
}
`

/** Bundles the real core once and writes the child; returns the child's path. */
export async function prepareChild(workDir: string): Promise<string> {
  await build({
    input: fileURLToPath(new URL('../../src/main/core.ts', import.meta.url)),
    platform: 'node',
    logLevel: 'silent',
    // One file: the sync engine's lazily loaded PouchDB goes in it too.
    output: { file: join(workDir, 'core.mjs'), format: 'esm', codeSplitting: false }
  })
  const script = join(workDir, 'key-writer.mjs')
  await writeFile(script, CHILD_SOURCE)
  return script
}

/** mulberry32: the same kill delays for the same seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

async function runKeyChild(
  script: string,
  inputFile: string,
  action: KeyAction,
  run: number,
  delayMs: number
): Promise<{ acks: number; signal: NodeJS.Signals | null; stderr: string }> {
  const { out, signal, stderr } = await runAndKill(
    script,
    [inputFile, action, String(run)],
    delayMs
  )
  return { acks: acksOf(out).length, signal, stderr }
}

export interface KillCheck {
  /** Registry and keyring disagree (or the clinic file's MAC does not hold). */
  disagree: boolean
  /** A record that no longer decrypts with the clinic's key. */
  undecryptable: string[]
}

/** Checks the folder from its files alone, with the data key the recovery key unwraps. */
export async function checkFolder(clinic: KillClinic): Promise<KillCheck> {
  const bytes = await readFile(join(clinic.dataDir, 'registry.json'))
  const header = readClinicHeader(bytes)
  if (!header) return { disagree: true, undecryptable: ['registry.json'] }
  // The recovery key, or (once the key was changed, which makes a new recovery key) the
  // administrator's passphrase.
  const recovery = parseRecoveryKey(clinic.recoveryKey)
  if (!recovery.ok) throw new Error(recovery.error.message)
  let key = unwrapWithRecoveryKey(header.keyring.recovery, recovery.value)
  if (!key.ok) {
    const admin = header.keyring.staff.find((s) => s.staffId === clinic.adminId)
    if (admin) key = await unwrapKey(admin.wrapped, clinic.adminPassphrase)
  }
  if (!key.ok) return { disagree: true, undecryptable: ['registry.json'] }
  const codec = new ClinicFileCodec(key.value, null, () => null)
  let text: string
  try {
    text = codec.decode(bytes, 'registry')
  } catch {
    return { disagree: true, undecryptable: ['registry.json'] }
  }
  const registry = (
    JSON.parse(text) as {
      data: Parameters<typeof keyringOf>[0] & { keys?: { previous?: string[] } | null }
    }
  ).data
  const projected = keyringOf(registry)
  const disagree = codec.rebuilt || canonicalJson(projected) !== canonicalJson(header.keyring)
  const undecryptable: string[] = []
  const clinicId = header.keyring.clinicId
  const keys = [key.value, ...openPrevious(registry.keys?.previous, key.value, clinicId)]
  for (const name of ['curriculum.json', 'measures.json']) {
    const file = await readFile(join(clinic.dataDir, name)).catch(() => null)
    if (file && !openWithAny(file, keys, { clinicId, kind: name.replace('.json', '') }).ok) {
      undecryptable.push(name)
    }
  }
  const sessions = await readdir(join(clinic.dataDir, 'sessions')).catch(() => [] as string[])
  for (const name of sessions.filter((n) => /^session-.*\.json$/.test(n))) {
    const file = await readFile(join(clinic.dataDir, 'sessions', name))
    if (!openWithAny(file, keys, { clinicId, kind: name.replace('.json', '') }).ok) {
      undecryptable.push(`sessions/${name}`)
    }
  }
  return { disagree, undecryptable }
}

export interface KillTally {
  action: KeyAction
  runs: number
  acknowledged: number
  disagreements: number
  undecryptable: number
  problems: string[]
}

/** `runs` kills during `action`, each followed by a check of the folder. */
export async function killDuring(
  script: string,
  workDir: string,
  clinic: KillClinic,
  action: KeyAction,
  runs: number,
  random: () => number,
  maxDelayMs = 400
): Promise<KillTally> {
  const inputFile = join(workDir, `input-${action}.json`)
  await writeFile(inputFile, JSON.stringify(clinic))
  const tally: KillTally = {
    action,
    runs: 0,
    acknowledged: 0,
    disagreements: 0,
    undecryptable: 0,
    problems: []
  }
  for (let run = 1; run <= runs; run++) {
    const delay = Math.floor(random() * maxDelayMs)
    const result = await runKeyChild(script, inputFile, action, run, delay)
    if (result.signal !== 'SIGKILL') {
      tally.problems.push(`run ${run}: the child ended on its own: ${result.stderr.slice(0, 300)}`)
      continue
    }
    tally.runs++
    tally.acknowledged += result.acks
    const check = await checkFolder(clinic)
    if (check.disagree) {
      tally.disagreements++
      tally.problems.push(`run ${run} (${delay} ms): registry and keyring disagree`)
    }
    if (check.undecryptable.length) {
      tally.undecryptable++
      tally.problems.push(`run ${run}: ${check.undecryptable.join(', ')} no longer decrypt`)
    }
  }
  return tally
}
