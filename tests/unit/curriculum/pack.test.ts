import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { readPack, writePack } from '../../../src/main/services/curriculum-pack-files'
import { bytesSource } from '../../../src/main/store/bounded-zip'
import { isModuleFileName } from '../../../src/shared/curriculum/format'
import {
  buildManifest,
  checkPack,
  comparePack,
  MAX_PACK_BYTES,
  MAX_PACK_MODULES,
  type PackManifest
} from '../../../src/shared/curriculum/pack'
import { parseModule, serializeModule } from '../../../src/shared/curriculum/parse'

/** Counts every file the pack reader starts to inflate, so a test can see a bomb never was. */
const inflated = vi.hoisted(() => ({ count: 0 }))
vi.mock('fflate', async (importOriginal) => {
  const real = await importOriginal<typeof import('fflate')>()
  class CountingInflate extends real.Inflate {
    constructor(callback: (data: Uint8Array, final: boolean) => void) {
      super(callback)
      inflated.count++
    }
  }
  return { ...real, Inflate: CountingInflate }
})

const folder = join(import.meta.dirname, '../../../resources/curriculum')
const shipped = readdirSync(folder)
  .filter(isModuleFileName)
  .sort()
  .map((name) => {
    const text = readFileSync(join(folder, name), 'utf8')
    const parsed = parseModule(text, 'local')
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`)
    return { id: parsed.value.id, version: parsed.value.version, text, module: parsed.value }
  })
const brain = shipped.find((m) => m.id === 'edu-01-brain') ?? shipped[0]!
const META = { createdAt: '2025-03-04T15:00:00.000Z', createdBy: 'Lakeside Counseling' }

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const manifestOf = (modules: { id: string; version: number; text: string }[]) =>
  buildManifest(modules, META, sha256, strToU8)

/** A pack built by hand: the files as given, with this manifest (or none). */
function zipOf(files: Record<string, string | Uint8Array>, manifest?: unknown): Uint8Array {
  const zippable: Zippable = {}
  if (manifest !== undefined) zippable['manifest.json'] = strToU8(JSON.stringify(manifest))
  for (const [path, content] of Object.entries(files)) {
    zippable[path] = typeof content === 'string' ? strToU8(content) : content
  }
  return zipSync(zippable)
}

/** A pack of one module file whose manifest was made for `listed` text. */
function packWith(path: string, text: string, listed = text, id = brain.id): Uint8Array {
  return zipOf({ [path]: text }, manifestOf([{ id, version: brain.version, text: listed }]))
}

async function refusal(zip: Uint8Array): Promise<string> {
  const result = await readPack(bytesSource(zip))
  expect(result.ok).toBe(false)
  return result.ok ? '' : result.error.message
}

/** Rewrites a number in the zip's table of contents for `name`, as a forged zip would. */
function forge(zip: Uint8Array, name: string, field: 'method' | 'size', value: number): Uint8Array {
  const copy = zip.slice()
  const view = new DataView(copy.buffer)
  for (let at = 0; at < copy.length - 46; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const nameLength = view.getUint16(at + 28, true)
    if (new TextDecoder().decode(copy.subarray(at + 46, at + 46 + nameLength)) === name) {
      if (field === 'method') view.setUint16(at + 10, value, true)
      else view.setUint32(at + 24, value, true)
      return copy
    }
  }
  throw new Error(`${name} is not in the zip`)
}

describe('a curriculum pack', () => {
  it('carries the shipped modules to another machine unchanged', async () => {
    const zip = writePack(shipped, META)
    inflated.count = 0
    const result = await readPack(bytesSource(zip))
    if (!result.ok) throw new Error(result.error.message)
    expect(inflated.count).toBe(shipped.length + 1)
    expect(result.value.modules).toEqual(shipped.map((m) => m.module))
    expect(result.value.manifest).toMatchObject({
      format: 'iop-facilitator-curriculum-pack',
      formatVersion: 1,
      createdBy: 'Lakeside Counseling'
    })
    expect(Object.keys(unzipSync(zip))).toEqual([
      'manifest.json',
      ...shipped.map((m) => `modules/${m.id}.md`)
    ])
  })

  it('is the same file every time it is made from the same modules', () => {
    expect(writePack([...shipped].reverse(), META)).toEqual(writePack(shipped, META))
  })

  it('is refused when it is not a zip, or is too large to be one', async () => {
    expect(await refusal(strToU8('just some text'))).toBe(
      'This file is not a curriculum pack (it is not a .zip file).'
    )
    const zip = writePack(shipped, META)
    expect(await refusal(zip.subarray(0, zip.length - 30))).toMatch(/not a \.zip file/)
    expect(await refusal(new Uint8Array(MAX_PACK_BYTES + 1))).toMatch(/too large.*5 MB at most/)
  })

  it('is refused without a manifest, or with one that cannot be read', async () => {
    expect(await refusal(zipOf({ [`modules/${brain.id}.md`]: brain.text }))).toMatch(
      /not a curriculum pack: it has no manifest\.json/
    )
    expect(await refusal(zipOf({ 'manifest.json': '{ "format": ' }))).toMatch(
      /^manifest\.json is not valid JSON/
    )
    const good = manifestOf([brain])
    const files = { [`modules/${brain.id}.md`]: brain.text }
    expect(await refusal(zipOf(files, { ...good, format: 'photo-album' }))).toMatch(
      /^manifest\.json: this is not a curriculum pack/
    )
    expect(await refusal(zipOf(files, { ...good, formatVersion: 2 }))).toMatch(
      /format version 2; this version of IOP Facilitator reads version 1 only/
    )
    const [entry] = good.modules
    expect(await refusal(zipOf(files, { ...good, modules: [{ ...entry, sha256: 'abc' }] }))).toBe(
      'manifest.json: modules item 1: sha256 must be 64 hexadecimal digits.'
    )
    expect(await refusal(zipOf(files, { ...good, createdAt: undefined }))).toBe(
      'manifest.json: createdAt is missing.'
    )
    expect(await refusal(zipOf(files, { ...good, signedBy: 'x' }))).toMatch(
      /"signedBy" is not a detail/
    )
  })

  it.each([
    ['../evil.md', /^\.\.\/evil\.md: .*cannot contain "\.\."/],
    ['modules/../../x.md', /^modules\/\.\.\/\.\.\/x\.md: .*cannot contain "\.\."/],
    ['/etc/x.md', /^\/etc\/x\.md: .*cannot be absolute/],
    ['modules\\x.md', /^modules\\x\.md: .*cannot contain a backslash/],
    ['C:/x.md', /^C:\/x\.md: .*drive letter/],
    ['modules/sub/x.md', /^modules\/sub\/x\.md: a pack holds only manifest\.json and module files/],
    ['notes.txt', /^notes\.txt: a pack holds only manifest\.json and module files/],
    ['modules/Edu-01.md', /^modules\/Edu-01\.md: a pack holds only/]
  ])('refuses a file at %s', async (path, message) => {
    expect(await refusal(zipOf({ [path]: brain.text }, manifestOf([])))).toMatch(message)
  })

  it('refuses a manifest that points outside the pack or misnames a module', async () => {
    const good = manifestOf([brain])
    const files = { [`modules/${brain.id}.md`]: brain.text }
    const pointing = (path: string) => ({ ...good, modules: [{ ...good.modules[0], path }] })
    expect(await refusal(zipOf(files, pointing('../evil.md')))).toMatch(
      /^manifest\.json lists \.\.\/evil\.md: .*"\.\."/
    )
    expect(await refusal(zipOf(files, pointing('modules/other.md')))).toMatch(
      /manifest\.json lists modules\/other\.md with the id "edu-01-brain"/
    )
  })

  it('refuses a file the manifest does not list, and a listed file that is missing', async () => {
    const files = { [`modules/${brain.id}.md`]: brain.text, 'modules/extra.md': brain.text }
    expect(await refusal(zipOf(files, manifestOf([brain])))).toBe(
      'modules/extra.md: the file is in the pack but not listed in manifest.json.'
    )
    expect(await refusal(zipOf({}, manifestOf([brain])))).toBe(
      `modules/${brain.id}.md: manifest.json lists it, but it is missing from the pack.`
    )
  })

  it('refuses a file changed after the pack was made', async () => {
    const path = `modules/${brain.id}.md`
    const changed = brain.text.replace('brain', 'Brain')
    expect(await refusal(packWith(path, changed, brain.text))).toBe(
      'modules/edu-01-brain.md: its checksum does not match the manifest, so the file was changed or damaged.'
    )
    expect(await refusal(packWith(path, `${brain.text}\n`, brain.text))).toMatch(
      /^modules\/edu-01-brain\.md: its size .* does not match the manifest/
    )
  })

  it('refuses a file too large, too many modules, and too much in all', async () => {
    const big = 'a'.repeat(70_000)
    expect(await refusal(packWith('modules/big.md', big))).toBe(
      'modules/big.md: the file is too large (69 kB; 64 kB at most).'
    )
    const many = Object.fromEntries(
      Array.from({ length: MAX_PACK_MODULES + 1 }, (_, i) => [`modules/m-${i}.md`, 'x'])
    )
    expect(await refusal(zipOf(many, manifestOf([])))).toBe(
      'The pack holds more than 500 module files; a pack holds 500 at most.'
    )
    const heavy = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`modules/m-${i}.md`, new Uint8Array(60_000)])
    )
    expect(await refusal(zipOf(heavy, manifestOf([])))).toMatch(
      /too large together \(17\.2 MB; 16 MB/
    )
  })

  it('refuses a module that does not parse, naming the file and the part', async () => {
    const broken = brain.text.replace(/^version: .*$/m, 'version: two')
    expect(await refusal(packWith(`modules/${brain.id}.md`, broken))).toBe(
      'modules/edu-01-brain.md: Front matter: version must be a whole number, like 1 or 2.'
    )
  })

  it('refuses a module whose id is not its file name, and a module listed twice', async () => {
    const renamed = brain.text.replace(/^id: .*$/m, 'id: edu-99-other')
    expect(await refusal(packWith(`modules/${brain.id}.md`, renamed))).toBe(
      'modules/edu-01-brain.md: the module inside has the id "edu-99-other", but its file name and the manifest say "edu-01-brain".'
    )
    const bumped = brain.text.replace(/^version: .*$/m, 'version: 7')
    expect(await refusal(packWith(`modules/${brain.id}.md`, bumped))).toMatch(
      /inside is version 7, but the manifest says version 1/
    )
    const good = manifestOf([brain])
    const twice = { ...good, modules: [...good.modules, ...good.modules] }
    expect(await refusal(zipOf({ [`modules/${brain.id}.md`]: brain.text }, twice))).toBe(
      'manifest.json lists the module "edu-01-brain" twice.'
    )
    const bytes = strToU8(brain.text)
    const entries = [
      { path: 'manifest.json', bytes: strToU8(JSON.stringify(good)) },
      { path: 'modules/edu-01-brain.md', bytes },
      { path: 'modules/edu-01-brain.md', bytes }
    ]
    expect(checkPack(entries, sha256)).toMatchObject({
      ok: false,
      error: { message: 'modules/edu-01-brain.md: the pack holds two files with this name.' }
    })
  })

  it.each([
    ['a script', '<script>alert(1)</script>', /<script> tag; a module may hold only Markdown/],
    ['a javascript: link', '[Open](javascript:alert(1))', /javascript: link, which could run/],
    ['a disguised javascript: link', '[Open](<JaVa\tScRiPt\\:alert(1)>)', /javascript: link/],
    ['an event attribute', 'Look onerror="alert(1)" here', /event attribute \(onerror=\)/],
    ['a character code', '[Open](jav&#97;script:x)', /HTML character code \(&#97;\)/],
    ['an image tag', '<img src=x>', /contains HTML \(<img src=x>\)/]
  ])('refuses a module with %s in a slide', async (_, snippet, message) => {
    const text = brain.text.replace(/^# (.*)$/m, `# $1\n\n${snippet}`)
    const refused = await refusal(packWith(`modules/${brain.id}.md`, text))
    expect(refused).toMatch(/^modules\/edu-01-brain\.md: it contains/)
    expect(refused).toMatch(message)
  })

  it('refuses HTML in the module details too', async () => {
    const text = brain.text.replace(/^title: (.*)$/m, 'title: <b>$1</b>')
    expect(await refusal(packWith(`modules/${brain.id}.md`, text))).toMatch(/contains HTML \(<b>\)/)
  })

  it('refuses a zip bomb from its table of contents, without inflating it', async () => {
    const bomb = zipOf({ 'modules/bomb.md': new Uint8Array(20 * 1024 * 1024) }, manifestOf([]))
    expect(bomb.length).toBeLessThan(100_000)
    inflated.count = 0
    expect(await refusal(bomb)).toBe(
      'modules/bomb.md: the file is too large (20 MB; 64 kB at most).'
    )
    expect(inflated.count).toBe(0)
  })

  it('stops inflating a file that holds more than its zip declares', async () => {
    const bomb = zipOf({ 'modules/bomb.md': new Uint8Array(20 * 1024 * 1024) }, manifestOf([]))
    expect(await refusal(forge(bomb, 'modules/bomb.md', 'size', 1000))).toBe(
      'modules/bomb.md: the file holds more than the zip declares, so the pack is damaged or was made to cause harm.'
    )
  })

  it('refuses a file compressed in a way it cannot read', async () => {
    const zip = writePack([brain], META)
    expect(await refusal(forge(zip, `modules/${brain.id}.md`, 'method', 14))).toBe(
      'modules/edu-01-brain.md: the file is compressed in a way this app cannot read (method 14).'
    )
  })

  it('never throws, whatever bytes a damaged pack holds', async () => {
    const zip = writePack([brain], META)
    await fc.assert(
      fc.asyncProperty(
        fc.nat(zip.length - 1),
        fc.integer({ min: 0, max: 255 }),
        async (at, value) => {
          const damaged = zip.slice()
          damaged[at] = value
          const result = await readPack(bytesSource(damaged))
          if (!result.ok) expect(result.error.code).toBe('invalid_input')
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('comparing a pack with the library', () => {
  it('shows which modules an import adds, updates or leaves the same', () => {
    const [first, second] = shipped
    if (!first || !second) throw new Error('two shipped modules are needed')
    const newer = parseModule(first.text.replace(/^version: .*$/m, 'version: 9'), 'local')
    const added = parseModule(first.text.replace(/^id: .*$/m, 'id: zz-99-new'), 'local')
    if (!newer.ok || !added.ok) throw new Error('the test modules must parse')
    // The library's copy of the second module has spacing the app does not keep.
    const library = [first, { ...second, text: second.text.replace(/\n/g, '\r\n') }]
    const changes = comparePack([newer.value, second.module, added.value], library, serializeModule)
    expect(changes).toEqual([
      {
        id: first.id,
        title: first.module.title,
        kind: first.module.kind,
        action: 'update',
        fromVersion: first.version,
        toVersion: 9
      },
      expect.objectContaining({ id: second.id, action: 'same', fromVersion: second.version }),
      expect.objectContaining({ id: 'zz-99-new', action: 'add', fromVersion: null, toVersion: 1 })
    ])
  })

  it('builds its manifest in the order of the ids, with checksums of the files', () => {
    const manifest: PackManifest = manifestOf([...shipped].reverse())
    expect(manifest.modules.map((m) => m.id)).toEqual(shipped.map((m) => m.id))
    expect(manifest.modules[0]).toMatchObject({
      path: `modules/${shipped[0]?.id}.md`,
      sha256: sha256(strToU8(shipped[0]?.text ?? '')),
      bytes: strToU8(shipped[0]?.text ?? '').length
    })
  })
})
