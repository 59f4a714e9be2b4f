/**
 * Writes the table "The modules in this folder" of `resources/curriculum/README.md` from the
 * module files themselves: `npm run curriculum:table`. A unit test fails when the table and the
 * files disagree, so a module added, renamed or retitled without running this is caught.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { isModuleFileName } from '../src/shared/curriculum/format'
import type { CurriculumModule } from '../src/shared/curriculum/module'
import { parseModule } from '../src/shared/curriculum/parse'

export const CURRICULUM_FOLDER = fileURLToPath(new URL('../resources/curriculum', import.meta.url))

const HEADING = '## The modules in this folder'

export interface ModuleRow {
  file: string
  module: Pick<CurriculumModule, 'week' | 'kind' | 'order' | 'title'>
}

/** Every module file in the folder, read as the app reads it; a file it refuses is an error. */
export function moduleRows(folder: string = CURRICULUM_FOLDER): ModuleRow[] {
  return readdirSync(folder)
    .filter(isModuleFileName)
    .map((file) => {
      const parsed = parseModule(readFileSync(join(folder, file), 'utf8'), 'shipped')
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`)
      return { file, module: parsed.value }
    })
}

/**
 * The table in the order of the 12-week cycle: by week, educational before skills, then by
 * the module's place in its week; padded as Prettier pads a Markdown table.
 */
export function moduleTable(rows: readonly ModuleRow[]): string {
  const sorted = [...rows].sort(
    (a, b) =>
      a.module.week - b.module.week ||
      a.module.kind.localeCompare(b.module.kind) ||
      a.module.order - b.module.order ||
      a.file.localeCompare(b.file)
  )
  const cells = [
    ['file', 'week', 'kind', 'title'],
    ...sorted.map(({ file, module }) => [
      `\`${file}\``,
      String(module.week),
      module.kind,
      module.title.replace(/\|/g, '\\|')
    ])
  ]
  const widths = cells[0]!.map((_, column) =>
    Math.max(3, ...cells.map((row) => [...row[column]!].length))
  )
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join(' | ')} |`
  const [header, ...body] = cells
  return [line(header!), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

/** The README with its module table replaced by this one; the rest unchanged. */
export function withModuleTable(readme: string, table: string): string {
  const start = readme.indexOf(`${HEADING}\n`)
  if (start < 0) throw new Error(`The curriculum README has no heading "${HEADING}".`)
  const tableStart = readme.indexOf('\n|', start) + 1
  const next = readme.indexOf('\n## ', start + HEADING.length)
  const sectionEnd = next < 0 ? readme.length : next
  if (tableStart <= 0 || tableStart > sectionEnd) {
    throw new Error(`The curriculum README has no table under "${HEADING}".`)
  }
  const tableEnd = readme.indexOf('\n\n', tableStart)
  const end = tableEnd < 0 || tableEnd > sectionEnd ? sectionEnd : tableEnd
  return readme.slice(0, tableStart) + table + readme.slice(end)
}

export const README = join(CURRICULUM_FOLDER, 'README.md')

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = moduleRows()
  const before = readFileSync(README, 'utf8')
  const after = withModuleTable(before, moduleTable(rows))
  if (after !== before) writeFileSync(README, after)
  console.log(
    `${rows.length} modules in resources/curriculum/README.md (${after === before ? 'already up to date' : 'table rewritten'}).`
  )
}
