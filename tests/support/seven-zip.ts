import { accessSync, chmodSync, constants, statSync } from 'node:fs'
import { path7za } from '7zip-bin'

/**
 * 7-Zip's command-line tool, from the npm package `7zip-bin` (p7zip's `7za`, which opens the
 * AES-256 zips the app writes), with which the tests open password-protected exports as a
 * clinic would. Nothing to install beside `npm install`.
 */
export function sevenZip(): string {
  return runnable(path7za)
}

/**
 * The file, made executable if it is not: npm does not always keep a package's exec bit (a
 * tarball or a copied node_modules can drop it), so it is set here, just before use, rather
 * than by an install script.
 */
export function runnable(path: string): string {
  try {
    accessSync(path, constants.X_OK)
  } catch {
    chmodSync(path, statSync(path).mode | 0o111)
  }
  return path
}
