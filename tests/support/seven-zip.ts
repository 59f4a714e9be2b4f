import { accessSync, chmodSync, constants, statSync } from 'node:fs'
import { path7za } from '7zip-bin'

/**
 * 7-Zip's command-line tool, from the npm package `7zip-bin` (p7zip's `7za`, which opens the
 * AES-256 zips the app writes), with which the tests open password-protected exports as a
 * clinic would. Nothing to install beside `npm install`.
 *
 * npm does not always keep the package's exec bit (a registry tarball or a copy of node_modules
 * can drop it), so it is set here, just before use, rather than by an install script.
 */
export function sevenZip(): string {
  try {
    accessSync(path7za, constants.X_OK)
  } catch {
    const { mode } = statSync(path7za)
    chmodSync(path7za, mode | 0o111)
  }
  return path7za
}
