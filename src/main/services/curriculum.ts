import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  summarizeModule,
  type CurriculumModule,
  type ModuleSummary
} from '../../shared/curriculum/module'
import { parseModule } from '../../shared/curriculum/parse'

export interface CurriculumLibrary {
  list(): ModuleSummary[]
  get(moduleId: string): CurriculumModule | null
  /** Files that could not be read, with why, for the library screen. */
  problems(): Array<{ file: string; message: string }>
}

/**
 * The modules shipped with the app, read once from `resources/curriculum/`.
 * A file that does not parse is left out and reported; it never stops the app.
 */
export async function loadCurriculum(folder: string | null): Promise<CurriculumLibrary> {
  const modules = new Map<string, CurriculumModule>()
  const problems: Array<{ file: string; message: string }> = []
  const names = folder ? await readdir(folder).catch(() => [] as string[]) : []
  for (const name of names.filter((n) => n.endsWith('.md') && n !== 'README.md').sort()) {
    const text = await readFile(join(folder!, name), 'utf8').catch(() => null)
    if (text === null) {
      problems.push({ file: name, message: 'The file could not be read.' })
      continue
    }
    const parsed = parseModule(text, 'shipped')
    if (!parsed.ok) problems.push({ file: name, message: parsed.error.message })
    else if (modules.has(parsed.value.id)) {
      problems.push({ file: name, message: `Another file already uses the id ${parsed.value.id}.` })
    } else modules.set(parsed.value.id, parsed.value)
  }
  const ordered = [...modules.values()].sort(
    (a, b) => a.week - b.week || a.kind.localeCompare(b.kind) || a.order - b.order
  )
  return {
    list: () => ordered.map(summarizeModule),
    get: (moduleId) => modules.get(moduleId) ?? null,
    problems: () => [...problems]
  }
}
