import { z } from 'zod'
import { fail, ok, type Result } from '../result'
import { findHtml } from './format'
import { type CurriculumModule, MODULE_ID_PATTERN, type ModuleKind } from './module'
import { parseModule } from './parse'

/**
 * A curriculum pack: the `.zip` file that carries modules from one clinic's
 * machine to another's without a network (format in `resources/curriculum/README.md`).
 * Everything here is pure; the zip itself is read and written in `src/main`.
 * A pack comes from outside the app, so every file in it is checked before
 * anything from it is used, and a refusal names the file and the problem.
 */

export const PACK_FORMAT = 'iop-facilitator-curriculum-pack'
export const PACK_FORMAT_VERSION = 1
export const MANIFEST_PATH = 'manifest.json'

export const MAX_PACK_BYTES = 5 * 1024 * 1024
export const MAX_MODULE_BYTES = 64 * 1024
export const MAX_MANIFEST_BYTES = 256 * 1024
export const MAX_PACK_MODULES = 500
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024

const MODULE_PATH = /^modules\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/

const wholeNumber = (field: string, min: number) =>
  z
    .number({ error: `${field} must be a whole number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be ${min} or more`)

export const PackManifestEntry = z.strictObject({
  path: z.string({ error: 'path must be text' }).max(200, 'path is too long'),
  id: z
    .string({ error: 'id must be text' })
    .max(64, 'id is too long (64 characters at most)')
    .regex(MODULE_ID_PATTERN, 'id may use only lower-case letters, digits and single hyphens'),
  version: wholeNumber('version', 1).max(100_000, 'version is too large'),
  sha256: z
    .string({ error: 'sha256 must be text' })
    .regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hexadecimal digits'),
  bytes: wholeNumber('bytes', 0)
})
export type PackManifestEntry = z.infer<typeof PackManifestEntry>

export const PackManifest = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  createdAt: z.iso.datetime({ offset: true, error: 'createdAt must be a date and time' }),
  createdBy: z.string({ error: 'createdBy must be text' }).max(200, 'createdBy is too long'),
  modules: z
    .array(PackManifestEntry, { error: 'modules must be a list' })
    .max(MAX_PACK_MODULES, `modules: a pack holds ${MAX_PACK_MODULES} modules at most`)
})
export type PackManifest = z.infer<typeof PackManifest>

export interface CheckedPack {
  manifest: PackManifest
  modules: CurriculumModule[]
}

export interface PackChange {
  id: string
  title: string
  kind: ModuleKind
  action: 'add' | 'update' | 'same'
  fromVersion: number | null
  toVersion: number
}

type Sha256 = (bytes: Uint8Array) => string

function invalid<T>(message: string): Result<T> {
  return fail('invalid_input', message)
}

function isControl(char: string): boolean {
  const code = char.charCodeAt(0)
  return code < 0x20 || code === 0x7f
}

/** A path as it can be shown in a message: no control characters, not overly long. */
function shown(path: string): string {
  if (path === '') return 'a file with no name'
  const printable = [...path].map((char) => (isControl(char) ? '?' : char)).join('')
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable
}

/** A size as a person reads it: "70 kB", "16.1 MB" (rounded up, so a size over a limit never reads as the limit). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`
  return `${Math.ceil(bytes / ((1024 * 1024) / 10)) / 10} MB`
}

/** Why a path cannot be a module file of a pack, or null when it is `modules/<id>.md`. */
function pathProblem(path: string): string | null {
  if (/^[a-z]:/i.test(path)) return 'a path in a pack cannot start with a drive letter (like C:)'
  if (path.startsWith('/')) return 'a path in a pack cannot be absolute (start with /)'
  if (path.split(/[/\\]/).includes('..')) {
    return `a path in a pack cannot contain "..", which would reach outside the pack's folder`
  }
  if (path.includes('\\')) return 'a path in a pack cannot contain a backslash (\\)'
  if ([...path].some(isControl)) {
    return 'a path in a pack cannot contain control characters'
  }
  if (!MODULE_PATH.test(path)) {
    return 'a pack holds only manifest.json and module files named modules/<id>.md, like modules/edu-01-brain.md'
  }
  return null
}

/**
 * Checks a pack's list of files before any of them is read: names, sizes and
 * counts. The zip reader runs it on the sizes the zip declares, before
 * inflating anything; `checkPack` runs it again on the real sizes.
 */
export function checkPackListing(
  files: ReadonlyArray<{ path: string; size: number }>
): Result<null> {
  if (!files.some((file) => file.path === MANIFEST_PATH)) {
    return invalid('This file is not a curriculum pack: it has no manifest.json at its top level.')
  }
  const seen = new Set<string>()
  let moduleCount = 0
  let total = 0
  for (const { path, size: bytes } of files) {
    const isManifest = path === MANIFEST_PATH
    const problem = isManifest ? null : pathProblem(path)
    if (problem) return invalid(`${shown(path)}: ${problem}.`)
    if (seen.has(path)) return invalid(`${path}: the pack holds two files with this name.`)
    seen.add(path)
    const limit = isManifest ? MAX_MANIFEST_BYTES : MAX_MODULE_BYTES
    if (bytes > limit) {
      return invalid(
        `${path}: the file is too large (${formatBytes(bytes)}; ${formatBytes(limit)} at most).`
      )
    }
    if (!isManifest) moduleCount++
    total += bytes
  }
  if (moduleCount > MAX_PACK_MODULES) {
    return invalid(
      `The pack holds more than ${MAX_PACK_MODULES} module files; a pack holds ${MAX_PACK_MODULES} at most.`
    )
  }
  if (total > MAX_TOTAL_BYTES) {
    return invalid(
      `The pack's files are too large together (${formatBytes(total)}; ${formatBytes(MAX_TOTAL_BYTES)} at most).`
    )
  }
  return ok(null)
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function readManifest(bytes: Uint8Array): Result<PackManifest> {
  const text = decodeText(bytes)
  if (text === null) return invalid('manifest.json is not plain text (UTF-8).')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable'
    return invalid(`manifest.json is not valid JSON (${reason}); the pack may be damaged.`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalid('manifest.json must hold one JSON object with the details of the pack.')
  }
  const { format, formatVersion } = data as Record<string, unknown>
  if (format !== PACK_FORMAT) {
    return invalid(
      `manifest.json: this is not a curriculum pack (its format is not "${PACK_FORMAT}").`
    )
  }
  if (formatVersion === undefined) return invalid('manifest.json: formatVersion is missing.')
  if (formatVersion !== PACK_FORMAT_VERSION) {
    const version = typeof formatVersion === 'number' ? formatVersion : 'unknown'
    return invalid(
      `manifest.json: the pack is in format version ${version}; this version of IOP Facilitator reads version ${PACK_FORMAT_VERSION} only.`
    )
  }
  const parsed = PackManifest.safeParse(data)
  if (parsed.success) return ok(parsed.data)
  return invalid(`manifest.json: ${describeManifestIssue(parsed.error, data)}.`)
}

function describeManifestIssue(error: z.ZodError, data: object): string {
  const issue = error.issues[0]
  if (!issue) return 'its details are not valid'
  const [field, index] = issue.path
  const where =
    field === 'modules' && typeof index === 'number' ? `modules item ${index + 1}: ` : ''
  if (issue.code === 'unrecognized_keys') {
    return `${where}"${shown(issue.keys[0] ?? '')}" is not a detail this format knows`
  }
  let value: unknown = data
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key]
  const name = issue.path.at(-1)
  if (value === undefined && typeof name === 'string') return `${where}${name} is missing`
  return `${where}${issue.message}`
}

/**
 * Anything in a module that a browser could run or turn into markup. The
 * parser refuses HTML tags in slides and blocks; this looks at the whole file,
 * front matter included, and names scripts plainly.
 */
function unsafeContent(text: string): string | null {
  const never = 'a module may hold only Markdown, never HTML or scripts'
  if (/<\s*script/i.test(text)) return `it contains a <script> tag; ${never}`
  // Browsers ignore spaces, tabs and line breaks inside a link's scheme, and Markdown drops a \ before the colon.
  if (/(?:java|vb)script:/i.test(text.replace(/[\s\\]+/g, ''))) {
    return `it contains a javascript: link, which could run a program; ${never}`
  }
  const handler = /\b(on[a-z]+)(?:=|\s*=\s*["'`])/i.exec(text)
  if (handler) return `it contains an HTML event attribute (${handler[1]}=); ${never}`
  const reference = /&(?:#x?[0-9a-f]+|[a-z][a-z0-9]*);/i.exec(text)
  if (reference) {
    return `it contains an HTML character code (${reference[0]}); type the character itself`
  }
  const html = findHtml(text)
  if (html) return `it contains HTML (${html}); ${never}`
  return null
}

function checkModule(
  entry: PackManifestEntry,
  bytes: Uint8Array,
  sha256: Sha256
): Result<CurriculumModule> {
  const { path } = entry
  if (bytes.length !== entry.bytes) {
    return invalid(
      `${path}: its size (${bytes.length} bytes) does not match the manifest (${entry.bytes} bytes), so the file was changed or damaged.`
    )
  }
  if (sha256(bytes).toLowerCase() !== entry.sha256.toLowerCase()) {
    return invalid(
      `${path}: its checksum does not match the manifest, so the file was changed or damaged.`
    )
  }
  const text = decodeText(bytes)
  if (text === null) return invalid(`${path}: the file is not plain text (UTF-8).`)
  const unsafe = unsafeContent(text)
  if (unsafe) return invalid(`${path}: ${unsafe}.`)
  const parsed = parseModule(text, 'local')
  if (!parsed.ok) return invalid(`${path}: ${parsed.error.message}`)
  const module = parsed.value
  if (module.id !== entry.id) {
    return invalid(
      `${path}: the module inside has the id "${module.id}", but its file name and the manifest say "${entry.id}".`
    )
  }
  if (module.version !== entry.version) {
    return invalid(
      `${path}: the module inside is version ${module.version}, but the manifest says version ${entry.version}.`
    )
  }
  return ok(module)
}

/** Reads a pack's files (already taken out of the zip); never throws. */
export function checkPack(
  entries: ReadonlyArray<{ path: string; bytes: Uint8Array }>,
  sha256: Sha256
): Result<CheckedPack> {
  const listing = checkPackListing(entries.map((e) => ({ path: e.path, size: e.bytes.length })))
  if (!listing.ok) return listing
  const files = new Map(entries.map((entry) => [entry.path, entry.bytes]))
  const manifest = readManifest(files.get(MANIFEST_PATH) ?? new Uint8Array())
  if (!manifest.ok) return manifest

  const listed = new Set<string>()
  for (const entry of manifest.value.modules) {
    const problem = pathProblem(entry.path)
    if (problem) return invalid(`manifest.json lists ${shown(entry.path)}: ${problem}.`)
    if (entry.path !== `modules/${entry.id}.md`) {
      return invalid(
        `manifest.json lists ${entry.path} with the id "${entry.id}"; the file of a module is named after its id (modules/${entry.id}.md).`
      )
    }
    if (listed.has(entry.path))
      return invalid(`manifest.json lists the module "${entry.id}" twice.`)
    listed.add(entry.path)
  }
  for (const path of files.keys()) {
    if (path !== MANIFEST_PATH && !listed.has(path)) {
      return invalid(`${path}: the file is in the pack but not listed in manifest.json.`)
    }
  }

  const modules: CurriculumModule[] = []
  for (const entry of manifest.value.modules) {
    const bytes = files.get(entry.path)
    if (!bytes)
      return invalid(`${entry.path}: manifest.json lists it, but it is missing from the pack.`)
    const module = checkModule(entry, bytes, sha256)
    if (!module.ok) return module
    modules.push(module.value)
  }
  return ok({ manifest: manifest.value, modules })
}

/** The manifest of a pack of these modules, in the order of their ids. */
export function buildManifest(
  modules: ReadonlyArray<{ id: string; version: number; text: string }>,
  meta: { createdAt: string; createdBy: string },
  sha256: Sha256,
  encode: (text: string) => Uint8Array
): PackManifest {
  const sorted = [...modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    createdAt: meta.createdAt,
    createdBy: meta.createdBy,
    modules: sorted.map(({ id, version, text }) => {
      const bytes = encode(text)
      return { path: `modules/${id}.md`, id, version, sha256: sha256(bytes), bytes: bytes.length }
    })
  }
}

/**
 * What importing these modules would change in the library, shown before
 * anything changes. Texts are compared as the app writes them, so a file that
 * differs only in spacing the app does not keep counts as the same.
 */
export function comparePack(
  incoming: ReadonlyArray<CurriculumModule>,
  library: ReadonlyArray<{ id: string; version: number; text: string }>,
  serialize: (module: CurriculumModule) => string
): PackChange[] {
  const current = new Map(library.map((entry) => [entry.id, entry]))
  return incoming.map((module): PackChange => {
    const existing = current.get(module.id)
    const { id, title, kind, version: toVersion } = module
    const base = { id, title, kind, toVersion }
    if (!existing) return { ...base, action: 'add', fromVersion: null }
    const parsed = parseModule(existing.text, 'local')
    const existingText = parsed.ok ? serialize(parsed.value) : existing.text
    const action = serialize(module) === existingText ? 'same' : 'update'
    return { ...base, action, fromVersion: existing.version }
  })
}
