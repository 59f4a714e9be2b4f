/**
 * `npm run start:browser -- --data-dir DIR [--port N]`: the app in a browser,
 * for machines without an Electron binary. Builds what is missing, starts the
 * test host on the data folder, and prints the one address to open.
 * Standard output carries only that line; build output goes to standard error.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ensureBridge, REPO_ROOT } from './build-bridge'
import { startTestHost } from './server'
import { keepRunningOnStrayRejections } from '../../src/main/stray-rejections'

const USAGE = 'Usage: npm run start:browser -- [--data-dir DIR] [--port N]'

// As the desktop app's main process does (src/main/index.ts).
keepRunningOnStrayRejections(process)

interface CliOptions {
  dataDir: string
  port: number
}

function parseArguments(args: string[]): CliOptions {
  let dataDir = resolve('.data', 'browser')
  let port = 0
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = (args[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined]
    const value = () => {
      const given = inline ?? args[++i]
      if (given === undefined || given === '') fail(`${flag} needs a value.\n${USAGE}`)
      return given
    }
    if (flag === '--data-dir') dataDir = resolve(value())
    else if (flag === '--port') {
      const text = value()
      port = Number(text)
      if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
        fail(`--port must be a number from 1 to 65535, not "${text}".`)
      }
    } else if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else fail(`Unknown option "${flag}".\n${USAGE}`)
  }
  return { dataDir, port }
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function buildRendererIfMissing(): void {
  if (existsSync(resolve(REPO_ROOT, 'out', 'renderer', 'index.html'))) return
  console.error('Building the app (out/renderer is missing)…')
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: REPO_ROOT,
    // Keep standard output for the address alone.
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32'
  })
  if (result.status !== 0) fail('Building the app failed; see the messages above.')
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2))
  buildRendererIfMissing()
  await ensureBridge()
  const host = await startTestHost({ dataDir: options.dataDir, port: options.port || undefined })
  console.log(host.url)

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    host.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : 'The test host could not start.')
})
