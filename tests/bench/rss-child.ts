/**
 * The main process's memory over a working day, measured the way the app runs: this file is
 * bundled (as electron-vite bundles the main process) and run by plain Node, never through a
 * TypeScript loader whose own memory would be counted. It opens the clinic in `argv[2]`,
 * signs in as the staff member named in the list `argv[3]`, opens every session in it (as
 * someone looking at every attendance report would) and prints the resident set size after
 * signing in, after every session, and after a collection, as one line of JSON.
 */
import { readFile } from 'node:fs/promises'
import { openChildCore } from './child-core'

const [dir, list, curriculumDir] = process.argv.slice(2) as [string, string, string]
const { adminId, sessionIds, passphrase, now } = JSON.parse(await readFile(list, 'utf8')) as {
  adminId: string
  sessionIds: string[]
  passphrase: string
  now: number
}
const { call } = await openChildCore(dir, now, curriculumDir)
await call('auth.signIn', { staffId: adminId, passphrase })
const before = process.memoryUsage().rss
let peak = before
for (const sessionId of sessionIds) {
  await call('sessions.get', { sessionId })
  peak = Math.max(peak, process.memoryUsage().rss)
}
const after = process.memoryUsage().rss
;(globalThis as { gc?: () => void }).gc?.()
const settled = process.memoryUsage().rss
console.log(JSON.stringify({ before, after, peak, settled }))
process.exit(0)
