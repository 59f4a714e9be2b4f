import { existsSync } from 'node:fs'

/**
 * 7-Zip's command-line tool (Debian's 7zip package: `7zz`; older p7zip: `7z`), with which the
 * tests open password-protected exports as a clinic would. `.ci/run` installs it.
 */
export function sevenZip(): string {
  for (const name of ['7zz', '7z']) {
    const dirs = (process.env.PATH ?? '').split(':').filter(Boolean)
    if (dirs.some((dir) => existsSync(`${dir}/${name}`))) return name
  }
  throw new Error('7-Zip is not installed: apt-get install 7zip (.ci/run does it).')
}
