import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { path7za } from '7zip-bin'
import { afterEach, describe, expect, it } from 'vitest'
import { runnable } from '../../support/seven-zip'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe("the tests' 7-Zip, from npm", () => {
  it('runs even when the install left it without its exec bit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seven-zip-'))
    dirs.push(dir)
    const copy = join(dir, '7za')
    copyFileSync(path7za, copy)
    chmodSync(copy, 0o644)
    expect(() => execFileSync(copy, ['i'], { stdio: 'pipe' })).toThrow()
    expect(execFileSync(runnable(copy), ['i'], { encoding: 'utf8' })).toContain('7-Zip')
  })
})
