/**
 * Half-written copies from writes a kill or a power cut interrupted pile up
 * beside the records. When the app starts they are removed, everywhere in the
 * data folder (the records, sessions/, the daily copies), and nothing else is:
 * not a record, not a daily copy, not what was set aside for IT support.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeLeftoverTemporaryFiles } from '../../../src/main/store/leftover-files'
import { copyClinic, openCore, PASSPHRASE, removeFolders, setUpClinic, value } from './helpers'

afterAll(removeFolders)

/** Every file under the folder, by path, with a digest of its bytes. */
async function everyFile(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(
      path.slice(dir.length + 1),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    )
  }
  return files
}

async function plant(dir: string, path: string, text = 'half a file'): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true })
  await writeFile(join(dir, path), text)
}

/** Left by interrupted writes: `<file>.<process id>.<count>.tmp`, as the atomic write names them. */
const LEFTOVERS = [
  'registry.json.4242.7.tmp',
  'keyring.json.4242.8.tmp',
  'access-log.head.4242.9.tmp',
  'sessions/session-3f2a.json.311.2.tmp',
  'sessions/backups/session-3f2a/session-3f2a-2026-11-20.json.311.3.tmp',
  'backups/registry/registry-2026-11-22.json.77.1.tmp'
]

/** Real files, some with names close to a leftover's. */
const KEPT = [
  'sessions/session-3f2a.json',
  'sessions/backups/session-3f2a/session-3f2a-2026-11-20.json',
  'handout draft.tmp',
  'registry.json.tmp',
  // Set aside for IT support: untouched, whatever its name.
  'damaged/registry-damaged-2026-11-20T15-00-00-000Z.json.4242.1.tmp',
  'replaced/2026-11-21T15-00-00-000Z/registry.json.4242.2.tmp'
]

describe('left-over temporary files', () => {
  it('are removed when the app starts, and every real file is left as it was', async () => {
    const template = await setUpClinic()
    const dir = await copyClinic(template.dir)
    for (const path of KEPT) await plant(dir, path, `real: ${path}`)
    const real = await everyFile(dir)
    for (const path of LEFTOVERS) await plant(dir, path)

    const core = await openCore(dir)
    expect(await everyFile(dir)).toEqual(real)
    // And the clinic opens as before.
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  })

  it('says how many it removed, and a missing data folder is no error', async () => {
    const template = await setUpClinic()
    const dir = await copyClinic(template.dir)
    for (const path of LEFTOVERS) await plant(dir, path)
    expect(await removeLeftoverTemporaryFiles(dir)).toBe(LEFTOVERS.length)
    expect(await removeLeftoverTemporaryFiles(dir)).toBe(0)
    expect(await removeLeftoverTemporaryFiles(join(dir, 'not-made-yet'))).toBe(0)
  })
})
