import { createHash } from 'node:crypto'
import { strToU8, zipSync, type Zippable } from 'fflate'
import {
  buildManifest,
  type CheckedPack,
  checkPack,
  checkPackListing,
  formatBytes,
  MANIFEST_PATH,
  MAX_MANIFEST_BYTES,
  MAX_PACK_BYTES,
  MAX_PACK_MODULES,
  MAX_TOTAL_BYTES
} from '../../shared/curriculum/pack'
import { fail, type Result } from '../../shared/result'
import {
  checkEntries,
  listZip,
  unpackEntries,
  withFileSource,
  ZipRefused,
  type ZipLimits,
  type ZipProblem,
  type ZipSource
} from '../store/bounded-zip'

/**
 * The zip side of a curriculum pack (the rules are in `shared/curriculum/pack.ts`).
 * A pack comes from another machine, so it is treated as hostile until proven
 * sound: it is read from its file by the bounded zip reader, which checks its
 * table of contents before a single byte is inflated and stops inflating the
 * moment a file holds more than it declared.
 */

/** Zip entries' times are local times; a pack made on a day it cannot hold gets a fixed one. */
const FALLBACK_MTIME = new Date(2000, 0, 1)

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

/** What a pack may be: its own caps, so a pack never costs more than a few megabytes to read. */
const PACK_LIMITS: ZipLimits = {
  maxFileBytes: MAX_PACK_BYTES,
  // The manifest, the module files and a folder entry some zip programs add.
  maxEntries: MAX_PACK_MODULES + 2,
  maxEntryBytes: MAX_MANIFEST_BYTES,
  maxTotalBytes: MAX_TOTAL_BYTES,
  maxRatio: 100
}
const FOLDER = 'modules/'

/** Reads and checks a pack from its file; never throws: whatever is wrong is a `Result`. */
export async function readPackFile(path: string): Promise<Result<CheckedPack>> {
  try {
    return await withFileSource(path, readPack)
  } catch {
    return fail('invalid_input', 'That pack file could not be opened. Choose it again.')
  }
}

/** Reads and checks a pack; never throws: whatever is wrong is a `Result`. */
export async function readPack(source: ZipSource): Promise<Result<CheckedPack>> {
  try {
    const entries = await listZip(source, PACK_LIMITS)
    // A folder entry (which some zip programs add) holds nothing to check.
    const files = entries.filter((entry) => !(entry.name === FOLDER && entry.size === 0))
    const listing = checkPackListing(files.map((entry) => ({ path: entry.name, size: entry.size })))
    if (!listing.ok) return listing
    checkEntries(entries, PACK_LIMITS)
    const unpacked = await unpackEntries(source, files)
    return checkPack(
      files.map(({ name }) => ({ path: name, bytes: unpacked.get(name) ?? new Uint8Array() })),
      sha256
    )
  } catch (error) {
    if (error instanceof ZipRefused) return fail('invalid_input', refusalOf(error.problem))
    return fail('invalid_input', 'The pack is damaged and cannot be unpacked.')
  }
}

/** A refusal of the zip reader, in words that name the file at fault. */
function refusalOf(problem: ZipProblem): string {
  switch (problem.kind) {
    case 'file_too_large':
      return `This file is too large to be a curriculum pack (${formatBytes(problem.size)}; ${formatBytes(problem.limit)} at most).`
    case 'too_many_entries':
      return `The pack holds more than ${MAX_PACK_MODULES} module files; a pack holds ${MAX_PACK_MODULES} at most.`
    case 'too_large':
      return `This file is not a curriculum pack: it would unpack to more than ${formatBytes(problem.limit)}.`
    case 'entry_too_large':
      return `${problem.name}: the file would unpack to more than ${formatBytes(problem.limit)}.`
    case 'ratio':
      return `This file is not a curriculum pack: ${problem.name} would unpack to more than ${problem.limit} times its size.`
    case 'unsafe_name':
      return 'A file in the pack has a name that would reach outside the pack’s folder.'
    case 'duplicate_name':
      return `${problem.name}: the pack holds two files with this name.`
    case 'unsupported':
      return problem.encrypted
        ? `${problem.name}: the file is encrypted, and a pack never is.`
        : `${problem.name}: the file is compressed in a way this app cannot read (method ${problem.method}).`
    case 'larger_than_declared':
      return `${problem.name}: the file holds more than the zip declares, so the pack is damaged or was made to cause harm.`
    case 'damaged':
      return problem.name
        ? `${problem.name}: the file is damaged and cannot be unpacked.`
        : 'This file is not a curriculum pack (it is not a .zip file).'
    case 'not_zip':
      return 'This file is not a curriculum pack (it is not a .zip file).'
  }
}
