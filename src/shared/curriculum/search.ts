import type { CurriculumModule, ModuleKind } from './module'

export interface LibraryFilter {
  query?: string
  week?: number | null
  kind?: ModuleKind | null
  tag?: string | null
}

export interface SearchIndexEntry {
  id: string
  kind: ModuleKind
  week: number
  tags: string[]
  /** Title, objectives and slide text, lower-cased and with accents removed. */
  text: string
}

export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/** Built once when the library loads or changes, so each search is a scan of plain strings. */
export function indexModule(module: CurriculumModule): SearchIndexEntry {
  const parts = [
    module.title,
    ...module.objectives,
    ...module.tags,
    ...module.slides.flatMap((s) => [s.title, s.body])
  ]
  return {
    id: module.id,
    kind: module.kind,
    week: module.week,
    tags: module.tags.map(normalise),
    text: normalise(parts.join('\n'))
  }
}

/**
 * The ids of the modules that match: every word of the query must appear
 * (in the title, an objective, a tag or a slide), and the filters must hold.
 */
export function searchIndex(
  index: ReadonlyArray<SearchIndexEntry>,
  filter: LibraryFilter
): string[] {
  const words = normalise(filter.query ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
  const tag = filter.tag ? normalise(filter.tag) : null
  return index
    .filter(
      (entry) =>
        (!filter.week || entry.week === filter.week) &&
        (!filter.kind || entry.kind === filter.kind) &&
        (!tag || entry.tags.includes(tag)) &&
        words.every((word) => entry.text.includes(word))
    )
    .map((entry) => entry.id)
}
