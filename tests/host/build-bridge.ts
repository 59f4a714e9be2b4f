/**
 * Builds the test host's `window.api` stand-in (`bridge.ts`) into one classic
 * script, `out/host/bridge.js`, so the served page can load it before the
 * app's module script. Rebuilt only when missing or older than its sources.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BRIDGE_FILE = join(REPO_ROOT, 'out', 'host', 'bridge.js')

/** Everything the bundle is made of; a change to any of them makes the bundle stale. */
const BRIDGE_SOURCES = [
  'tests/host/bridge.ts',
  'tests/host/build-bridge.ts',
  'src/shared/ipc/api.ts',
  'src/shared/ipc/names.ts'
].map((file) => join(REPO_ROOT, file))

async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs
  } catch {
    return null
  }
}

export async function bridgeIsStale(): Promise<boolean> {
  const built = await modifiedAt(BRIDGE_FILE)
  if (built === null) return true
  for (const source of BRIDGE_SOURCES) {
    const changed = await modifiedAt(source)
    if (changed !== null && changed > built) return true
  }
  return false
}

export async function buildBridge(): Promise<string> {
  const result = await build({
    input: join(REPO_ROOT, 'tests/host/bridge.ts'),
    platform: 'browser',
    logLevel: 'silent',
    write: false,
    output: { format: 'iife' }
  })
  const chunk = result.output.find((file) => file.type === 'chunk')
  if (!chunk) throw new Error('Building the test host bridge produced no script')
  await mkdir(dirname(BRIDGE_FILE), { recursive: true })
  // Two hosts may build at once (parallel test files): write aside, then rename over.
  const temporary = `${BRIDGE_FILE}.${process.pid}.${Date.now()}.tmp`
  await writeFile(temporary, chunk.code)
  await rename(temporary, BRIDGE_FILE)
  return BRIDGE_FILE
}

/** The path of an up-to-date bridge script, building it first if needed. */
export async function ensureBridge(): Promise<string> {
  if (await bridgeIsStale()) await buildBridge()
  return BRIDGE_FILE
}
