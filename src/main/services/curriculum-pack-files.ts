import { createHash } from 'node:crypto'
import { strToU8, Unzip, UnzipInflate, unzipSync, zipSync, type Zippable } from 'fflate'
import {
  buildManifest,
  type CheckedPack,
  checkPack,
  checkPackListing,
  formatBytes,
  MANIFEST_PATH,
  MAX_PACK_BYTES,
  MAX_PACK_MODULES
} from '../../shared/curriculum/pack'
import { fail, type Result } from '../../shared/result'

/**
 * The zip side of a curriculum pack (the rules are in `shared/curriculum/pack.ts`).
 * A pack comes from another machine, so it is treated as hostile until proven
 * sound: its table of contents is read and checked before a single byte is
 * inflated, and inflating stops the moment a file holds more than it declared.
 */

/** Zip entries' times are local times; a pack made on a day it cannot hold gets a fixed one. */
const FALLBACK_MTIME = new Date(2000, 0, 1)
/** How much of a pack is fed to the inflater at once: bounds the work done past a lie. */
const INFLATE_STEP = 8 * 1024

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** A pack of these modules; the same modules and details always give the same bytes. */
export function writePack(
  modules: ReadonlyArray<{ id: string; version: number; text: string }>,
  meta: { createdAt: string; createdBy: string }
): Uint8Array {
  const manifest = buildManifest(modules, meta, sha256, strToU8)
  const texts = new Map(modules.map((module) => [`modules/${module.id}.md`, module.text]))
  const created = new Date(meta.createdAt)
  const year = created.getFullYear()
  const mtime = year > 1980 && year < 2099 ? created : FALLBACK_MTIME
  const files: Zippable = { [MANIFEST_PATH]: strToU8(`${JSON.stringify(manifest, null, 2)}\n`) }
  for (const { path } of manifest.modules) files[path] = strToU8(texts.get(path) ?? '')
  return zipSync(files, { level: 9, mtime })
}

interface DeclaredEntry {
  path: string
  size: number
  compression: number
}

/** Reads and checks a pack file; never throws: whatever is wrong is a `Result`. */
export function readPack(zip: Uint8Array): Result<CheckedPack> {
  if (zip.length > MAX_PACK_BYTES) {
    return fail(
      'invalid_input',
      `This file is too large to be a curriculum pack (${formatBytes(zip.length)}; ${formatBytes(MAX_PACK_BYTES)} at most).`
    )
  }
  const declared = listEntries(zip)
  if (!declared.ok) return declared
  const listing = checkPackListing(declared.value)
  if (!listing.ok) return listing
  const unknownMethod = declared.value.find((entry) => ![0, 8].includes(entry.compression))
  if (unknownMethod) {
    return fail(
      'invalid_input',
      `${unknownMethod.path}: the file is compressed in a way this app cannot read (method ${unknownMethod.compression}).`
    )
  }
  const entries = inflate(zip, declared.value)
  if (!entries.ok) return entries
  return checkPack(entries.value, sha256)
}

/** The zip's table of contents, as it declares itself; nothing is inflated. */
function listEntries(zip: Uint8Array): Result<DeclaredEntry[]> {
  const entries: DeclaredEntry[] = []
  const tooMany = new Error('too many entries')
  try {
    unzipSync(zip, {
      filter: ({ name, originalSize, compression }) => {
        // A folder entry (which some zip programs add) holds nothing to check.
        if (name === 'modules/' && originalSize === 0) return false
        entries.push({ path: name, size: originalSize, compression })
        // A forged table of contents can claim billions of entries; stop counting early.
        if (entries.length > MAX_PACK_MODULES + 1) throw tooMany
        return false
      }
    })
  } catch (error) {
    if (error !== tooMany) {
      return fail('invalid_input', 'This file is not a curriculum pack (it is not a .zip file).')
    }
  }
  return { ok: true, value: entries }
}

/**
 * Inflates the checked entries, a step at a time, stopping as soon as one
 * holds more than its declared size: a zip that lies about its sizes is
 * refused having cost at most one step's work, never its full expansion.
 */
function inflate(
  zip: Uint8Array,
  declared: readonly DeclaredEntry[]
): Result<{ path: string; bytes: Uint8Array }[]> {
  const limits = new Map(declared.map((entry) => [entry.path, entry.size]))
  const chunks = new Map<string, Uint8Array[]>()
  const finished = new Set<string>()
  let problem: string | null = null
  const damaged = 'The pack is damaged: the files inside it do not match its table of contents.'

  const unzip = new Unzip((file) => {
    const limit = limits.get(file.name)
    if (file.name === 'modules/' && !file.originalSize) return
    if (limit === undefined || chunks.has(file.name)) {
      problem ??= damaged
      return
    }
    const parts: Uint8Array[] = []
    let total = 0
    chunks.set(file.name, parts)
    file.ondata = (error, data, final) => {
      if (problem) return
      if (error) {
        problem = `${file.name}: the file is damaged and cannot be unpacked.`
        return
      }
      total += data.length
      if (total > limit) {
        problem = `${file.name}: the file holds more than the zip declares, so the pack is damaged or was made to cause harm.`
        return
      }
      parts.push(data)
      if (!final) return
      if (total !== limit) problem ??= damaged
      finished.add(file.name)
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for (let at = 0; at < zip.length && !problem; at += INFLATE_STEP) {
      unzip.push(zip.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= zip.length)
    }
  } catch {
    problem ??= 'The pack is damaged and cannot be unpacked.'
  }
  if (problem) return fail('invalid_input', problem)
  if (finished.size !== limits.size) return fail('invalid_input', damaged)

  return {
    ok: true,
    value: declared.map(({ path }) => {
      const parts = chunks.get(path) ?? []
      const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
      let offset = 0
      for (const part of parts) {
        bytes.set(part, offset)
        offset += part.length
      }
      return { path, bytes }
    })
  }
}
