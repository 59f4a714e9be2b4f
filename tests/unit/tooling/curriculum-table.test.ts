import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CURRICULUM_FOLDER,
  moduleRows,
  moduleTable,
  README,
  withModuleTable
} from '../../../scripts/curriculum-table'
import { isModuleFileName } from '../../../src/shared/curriculum/format'

const readme = readFileSync(README, 'utf8')
/** The README's table rows, one per module, as `file` cells. */
const listedFiles = (text: string) =>
  [...text.matchAll(/^\| `([^`]+\.md)` +\|/gm)].map((match) => match[1])

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the table of modules in the curriculum README', () => {
  it('lists every module file in the folder, once, as the files describe them', () => {
    const files = readdirSync(CURRICULUM_FOLDER).filter(isModuleFileName)
    expect(files).not.toEqual([])
    expect(listedFiles(readme).sort()).toEqual(files.sort())
    // Run `npm run curriculum:table` when this fails.
    expect(readme).toBe(withModuleTable(readme, moduleTable(moduleRows())))
  })

  it('disagrees with the files once a module is retitled, until the script is run again', () => {
    const folder = mkdtempSync(join(tmpdir(), 'curriculum-'))
    dirs.push(folder)
    cpSync(CURRICULUM_FOLDER, folder, { recursive: true })
    const file = join(folder, 'skl-09-refusal.md')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Turning down an offer')
    )
    const rewritten = withModuleTable(readme, moduleTable(moduleRows(folder)))
    expect(rewritten).not.toBe(readme)
    expect(rewritten).toContain('Turning down an offer')
    expect(rewritten).not.toContain('Saying no to an offer')
    // Only the table changes: the text before and after it stays.
    const [before, after] = readme.split(/\n\| file[^]*?\n\n/)
    expect(rewritten.startsWith(before!)).toBe(true)
    expect(rewritten.endsWith(after!)).toBe(true)
  })

  it('lists the cycle in order: week by week, educational modules before skills', () => {
    const weeks = [...moduleTable(moduleRows()).matchAll(/^\| `[^`]+` +\| (\d+) +\| (\w+)/gm)].map(
      (match) => `${match[1]!.padStart(2, '0')} ${match[2]}`
    )
    expect(weeks).toEqual([...weeks].sort())
    expect(weeks.slice(0, 6)).toEqual([
      '01 educational',
      '01 educational',
      '01 educational',
      '01 skills',
      '01 skills',
      '01 skills'
    ])
  })
})
