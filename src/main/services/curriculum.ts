import type { FileCodec } from '../store/codec'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isModuleFileName } from '../../shared/curriculum/format'
import {
  summarizeModule,
  type CurriculumModule,
  type ModuleSummary
} from '../../shared/curriculum/module'
import { parseModule, serializeModule } from '../../shared/curriculum/parse'
import {
  indexModule,
  searchIndex,
  type LibraryFilter,
  type SearchIndexEntry
} from '../../shared/curriculum/search'
import { starterCycle, STARTER_CYCLE_ID, type Cycle } from '../../shared/curriculum/cycle'
import { RuleError } from '../../shared/result'
import { openLibrary, MAX_HISTORY, type Library, type LibraryEntry } from '../store/library'
import type { RecoveryEvent, VersionedDocument } from '../store/versioned-document'

export interface LibraryModuleSummary extends ModuleSummary {
  edited: boolean
  newerShippedVersion: number | null
}

/** What sessions and the library screens need of the curriculum. */
export interface CurriculumLibrary {
  list(): LibraryModuleSummary[]
  get(moduleId: string): CurriculumModule | null
  search(filter: LibraryFilter): LibraryModuleSummary[]
  entry(moduleId: string): LibraryEntry | null
  /** Shipped files that could not be read, with why. */
  problems(): Array<{ file: string; message: string }>
  save(moduleId: string, text: string, staffId: string, at: string): Promise<CurriculumModule>
  duplicate(moduleId: string, staffId: string, at: string): Promise<CurriculumModule>
  revert(
    moduleId: string,
    versionIndex: number,
    staffId: string,
    at: string
  ): Promise<CurriculumModule>
  importModules(modules: CurriculumModule[], staffId: string, at: string): Promise<void>
  cycles(): Cycle[]
  saveCycle(cycle: Cycle): Promise<Cycle>
  cycleFor(groupId: string): Cycle
  setGroupCycle(groupId: string, cycleId: string): Promise<void>
  readonly recovery: RecoveryEvent[]
}

interface Shipped {
  module: CurriculumModule
  text: string
}

/** Reads the shipped module files; one that does not parse is left out and reported. */
export async function readShipped(folder: string | null) {
  const shipped: Shipped[] = []
  const problems: Array<{ file: string; message: string }> = []
  const names = folder ? await readdir(folder).catch(() => [] as string[]) : []
  for (const name of names.filter(isModuleFileName).sort()) {
    const text = await readFile(join(folder!, name), 'utf8').catch(() => null)
    if (text === null) {
      problems.push({ file: name, message: 'The file could not be read.' })
      continue
    }
    const parsed = parseModule(text, 'shipped')
    if (!parsed.ok) problems.push({ file: name, message: parsed.error.message })
    else if (shipped.some((s) => s.module.id === parsed.value.id)) {
      problems.push({ file: name, message: `Another file already uses the id ${parsed.value.id}.` })
    } else shipped.push({ module: parsed.value, text })
  }
  return { shipped, problems }
}

/**
 * The clinic's library, kept in `curriculum.json` in the data folder. On
 * every start the shipped modules are brought in: a new one is added, a newer
 * version replaces an unedited copy, and an edited copy is never overwritten
 * (the newer version is only offered).
 */
export async function openCurriculum(options: {
  dataDir: string
  shippedDir: string | null
  now: () => number
  /** Plain, or sealed with the clinic's data key. */
  codec?: FileCodec | undefined
  keepBackups?: () => number
  /** The shipped modules, already being read (while the sign-in screen waits for someone). */
  shipped?: ReturnType<typeof readShipped> | null
}): Promise<CurriculumLibrary> {
  const { shipped, problems } = await (options.shipped ?? readShipped(options.shippedDir))
  const document = await openLibrary(
    options.dataDir,
    options.now,
    options.codec,
    options.keepBackups
  )
  const at = new Date(options.now()).toISOString()
  if (needsSync(document.data, shipped)) {
    await document.update((draft) => syncShipped(draft, shipped, at))
  }
  return new CurriculumStore(document, problems, shipped)
}

function needsSync(library: Library, shipped: Shipped[]): boolean {
  return shipped.some((s) => {
    const entry = library.modules.find((m) => m.id === s.module.id)
    return !entry || (entry.shippedVersion ?? 0) < s.module.version
  })
}

function syncShipped(draft: Library, shipped: Shipped[], at: string): void {
  for (const { module, text } of shipped) {
    const entry = draft.modules.find((m) => m.id === module.id)
    if (!entry) {
      draft.modules.push({
        id: module.id,
        source: 'shipped',
        text,
        shippedVersion: module.version,
        edited: false,
        newerShippedVersion: null,
        history: [],
        updatedAt: at
      })
    } else if ((entry.shippedVersion ?? 0) < module.version) {
      if (entry.edited) {
        entry.newerShippedVersion = module.version
      } else {
        keepVersion(entry, null, at)
        entry.text = text
        entry.shippedVersion = module.version
        entry.newerShippedVersion = null
        entry.updatedAt = at
      }
    }
  }
}

function keepVersion(entry: LibraryEntry, staffId: string | null, at: string): void {
  entry.history.push({ text: entry.text, savedAt: at, savedBy: staffId })
  if (entry.history.length > MAX_HISTORY)
    entry.history.splice(0, entry.history.length - MAX_HISTORY)
}

class CurriculumStore implements CurriculumLibrary {
  private modules = new Map<string, CurriculumModule>()
  private index: SearchIndexEntry[] = []
  private starter: Cycle
  /** The shipped modules as read from their files: an unedited copy is not parsed again. */
  private readonly shippedByText: Map<string, CurriculumModule>

  constructor(
    private readonly document: VersionedDocument<Library>,
    private readonly shippedProblems: Array<{ file: string; message: string }>,
    shipped: Shipped[]
  ) {
    this.shippedByText = new Map(shipped.map((s) => [s.text, s.module]))
    this.rebuild()
    this.starter = starterCycle(shipped.map((s) => s.module))
  }

  get recovery() {
    return this.document.recovery
  }

  /** Parsed once per change, so every read is from memory. */
  private rebuild(): void {
    this.modules = new Map()
    for (const entry of this.document.data.modules) {
      const shipped = entry.source === 'shipped' ? this.shippedByText.get(entry.text) : undefined
      if (shipped) {
        this.modules.set(entry.id, shipped)
        continue
      }
      const parsed = parseModule(entry.text, entry.source)
      if (parsed.ok) this.modules.set(entry.id, parsed.value)
    }
    this.index = [...this.modules.values()].map(indexModule)
  }

  private summary(module: CurriculumModule): LibraryModuleSummary {
    const entry = this.entry(module.id)
    return {
      ...summarizeModule(module),
      edited: entry?.edited ?? false,
      newerShippedVersion: entry?.newerShippedVersion ?? null
    }
  }

  private ordered(ids?: string[]): CurriculumModule[] {
    const all = ids ? ids.map((id) => this.modules.get(id)!) : [...this.modules.values()]
    return all.sort(
      (a, b) =>
        a.week - b.week ||
        a.kind.localeCompare(b.kind) ||
        a.order - b.order ||
        a.id.localeCompare(b.id)
    )
  }

  list() {
    return this.ordered().map((m) => this.summary(m))
  }

  get(moduleId: string) {
    return this.modules.get(moduleId) ?? null
  }

  search(filter: LibraryFilter) {
    return this.ordered(searchIndex(this.index, filter)).map((m) => this.summary(m))
  }

  entry(moduleId: string) {
    return this.document.data.modules.find((m) => m.id === moduleId) ?? null
  }

  problems() {
    return [...this.shippedProblems]
  }

  async save(moduleId: string, text: string, staffId: string, at: string) {
    const current = this.requireEntry(moduleId)
    const parsed = parseModule(text, current.source)
    if (!parsed.ok) throw new RuleError('invalid_input', parsed.error.message)
    if (parsed.value.id !== moduleId) {
      throw new RuleError(
        'invalid_input',
        `The id in the header must stay "${moduleId}". To make a module of your own, duplicate this one.`
      )
    }
    if (text === current.text) return parsed.value
    await this.document.update((draft) => {
      const entry = draft.modules.find((m) => m.id === moduleId)!
      keepVersion(entry, staffId, at)
      entry.text = text
      entry.edited = true
      entry.updatedAt = at
    })
    this.rebuild()
    return this.modules.get(moduleId)!
  }

  async duplicate(moduleId: string, staffId: string, at: string) {
    const original = this.modules.get(moduleId)
    if (!original) throw new RuleError('not_found', 'That curriculum module was not found.')
    let n = 1
    const base = `${moduleId.replace(/-local(-\d+)?$/, '')}-local`.slice(0, 58)
    let id = base
    while (this.entry(id)) id = `${base}-${++n}`
    const copy: CurriculumModule = {
      ...original,
      id,
      version: 1,
      title: `${original.title} (our version)`.slice(0, 120),
      source: 'local'
    }
    const text = serializeModule(copy)
    await this.document.update((draft) => {
      draft.modules.push({
        id,
        source: 'local',
        text,
        shippedVersion: null,
        edited: true,
        newerShippedVersion: null,
        history: [],
        updatedAt: at
      })
    })
    void staffId
    this.rebuild()
    return this.modules.get(id)!
  }

  async revert(moduleId: string, versionIndex: number, staffId: string, at: string) {
    const entry = this.requireEntry(moduleId)
    const version = entry.history[versionIndex]
    if (!version) throw new RuleError('not_found', 'That earlier version was not found.')
    return this.save(moduleId, version.text, staffId, at)
  }

  async importModules(modules: CurriculumModule[], staffId: string, at: string) {
    await this.document.update((draft) => {
      for (const module of modules) {
        const text = serializeModule({ ...module, source: 'local' })
        const entry = draft.modules.find((m) => m.id === module.id)
        if (!entry) {
          draft.modules.push({
            id: module.id,
            source: 'local',
            text,
            shippedVersion: null,
            edited: true,
            newerShippedVersion: null,
            history: [],
            updatedAt: at
          })
        } else if (entry.text !== text) {
          keepVersion(entry, staffId, at)
          entry.text = text
          entry.edited = true
          entry.updatedAt = at
        }
      }
    })
    this.rebuild()
  }

  cycles() {
    return [this.starter, ...this.document.data.cycles]
  }

  async saveCycle(cycle: Cycle) {
    if (cycle.id === STARTER_CYCLE_ID || cycle.builtIn) {
      throw new RuleError(
        'conflict',
        'The starter cycle cannot be changed; make a copy of it instead.'
      )
    }
    for (const slot of cycle.slots) {
      for (const id of [slot.educationalModuleId, slot.skillsModuleId]) {
        if (id && !this.modules.has(id)) {
          // The id as sent, but only its printable part: a message never carries control characters.
          const shown = id.replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, '').slice(0, 80)
          throw new RuleError('invalid_input', `The module "${shown}" is not in the library.`)
        }
      }
    }
    await this.document.update((draft) => {
      const index = draft.cycles.findIndex((c) => c.id === cycle.id)
      if (index >= 0) draft.cycles[index] = cycle
      else draft.cycles.push(cycle)
    })
    return cycle
  }

  cycleFor(groupId: string) {
    const chosen = this.document.data.groupCycles.find((g) => g.groupId === groupId)?.cycleId
    return this.cycles().find((c) => c.id === chosen) ?? this.starter
  }

  async setGroupCycle(groupId: string, cycleId: string) {
    if (!this.cycles().some((c) => c.id === cycleId)) {
      throw new RuleError('not_found', 'That curriculum cycle was not found.')
    }
    await this.document.update((draft) => {
      const existing = draft.groupCycles.find((g) => g.groupId === groupId)
      if (existing) existing.cycleId = cycleId
      else draft.groupCycles.push({ groupId, cycleId })
    })
  }

  private requireEntry(moduleId: string): LibraryEntry {
    const entry = this.entry(moduleId)
    if (!entry) throw new RuleError('not_found', 'That curriculum module was not found.')
    return entry
  }
}
