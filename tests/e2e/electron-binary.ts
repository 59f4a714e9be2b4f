/**
 * Where the Electron binary is, if it is installed. Found the way the
 * `electron` package finds it, but without `require('electron')`: that call
 * tries to download the binary when it is missing, and this machine may be
 * offline.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type ElectronBinary = { available: true; path: string } | { available: false }

export const ELECTRON_UNAVAILABLE =
  'Electron binary not available on this machine (it cannot be downloaded here); the same specs ran in Chromium against the test host'

export function findElectronBinary(): ElectronBinary {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
    const path = override
      ? join(override, relative || 'electron')
      : relative
        ? join(packageDir, 'dist', relative)
        : ''
    return path && existsSync(path) ? { available: true, path } : { available: false }
  } catch {
    return { available: false }
  }
}
