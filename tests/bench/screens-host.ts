/**
 * The test host for screens.bench.ts, in a process of its own as the desktop
 * app's main process is (not sharing an event loop with the bench's browser
 * driver). Its clock is the real one shifted by the given offset. Prints the
 * page's address once serving; closes when its parent closes its input.
 *
 *   tsx tests/bench/screens-host.ts <data folder> <clock offset ms>
 */
import { startTestHost } from '../host/server'

const [dataDir, offset] = process.argv.slice(2)
if (!dataDir || !offset) throw new Error('usage: screens-host.ts <data folder> <clock offset ms>')
const offsetMs = Number(offset)
const host = await startTestHost({ dataDir, now: () => Date.now() + offsetMs })
console.log(host.url)
process.stdin.resume()
process.stdin.once('end', () => void host.close().then(() => process.exit(0)))
