/**
 * The first sign-in of each day, measured the way the app runs: this file is bundled (as
 * electron-vite bundles the main process) and run by plain Node, in a process that holds only
 * the app's core, as the desktop app's main process does (the bench's own process holds the
 * whole synthetic clinic, whose collection would be billed to a sign-in). For each of
 * `days` days it opens the clinic in `argv[2]` on that day, waits while the sign-in screen reads
 * ahead, signs in as the staff member named in `argv[3]`, signs out and closes. It prints, as one
 * line of JSON, each sign-in's time beyond its own key derivation and that derivation's time
 * (the first sign-in, which moves the keyring into the clinic file once, is left out).
 */
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { openChildCore } from './child-core'
import { keyDerivation } from '../../src/main/security/crypto'

const [dir, list, curriculumDir] = process.argv.slice(2) as [string, string, string]
const { adminId, passphrase, now, days } = JSON.parse(await readFile(list, 'utf8')) as {
  adminId: string
  passphrase: string
  now: number
  days: number
}
const beyond: number[] = []
const derivations: number[] = []
for (let day = 0; day < days; day++) {
  const { core, call } = await openChildCore(dir, now + day * 86_400_000, curriculumDir)
  // The sign-in screen waits for someone to type a passphrase, which takes seconds; the app
  // reads ahead meanwhile. Timed once that reading is done.
  await core.readAhead
  const start = performance.now()
  await call('auth.signIn', { staffId: adminId, passphrase })
  if (day > 0) {
    beyond.push(performance.now() - start - keyDerivation.lastMs)
    derivations.push(keyDerivation.lastMs)
  }
  // The day ends: signing out folds the day's changes into the clinic file.
  await call('auth.signOut', {})
  await core.close()
}
console.log(JSON.stringify({ beyond, derivations }))
process.exit(0)
