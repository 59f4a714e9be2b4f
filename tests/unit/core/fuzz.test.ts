/**
 * Fuzzing the contract boundary: every channel, asked by a signed-in
 * administrator, gets random and hostile requests (fast-check). A request the
 * contract refuses is refused in plain words with `invalid_input`, writes
 * nothing and announces nothing; one the contract happens to accept (a `{}`,
 * an odd but legal name) may be answered either way, but never with an
 * exception or an `internal` error. Nothing is ever read or written outside
 * the data folder, and no request pollutes `Object.prototype`.
 *
 * The seed is printed; FUZZ_SEED=<seed> replays a run, FUZZ_RUNS=<n> changes
 * the number of random requests per channel.
 */
import fc from 'fast-check'
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { contract } from '../../../src/shared/ipc/contract'
import { CHANNEL_NAMES, type ChannelName } from '../../../src/shared/ipc/names'
import {
  allFiles,
  openCore,
  PASSPHRASE,
  recordEvents,
  removeFolders,
  setUpClinic,
  value,
  WELL_FORMED,
  type Template
} from './helpers'
import { edit, isObject, places, type Parent, type Path, type Place } from './request-places'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123)
/** Random requests per channel, on top of the fixed traversal examples. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50)

/**
 * Channels that hash a passphrase (scrypt, a tenth of a second or more) when a
 * request is well-formed: a third of the random runs, so the file stays fast.
 */
const HASHING = new Set<ChannelName>(['staff.create', 'staff.resetPassphrase', 'auth.signIn'])

/** Written into files just outside the data folder: no answer may ever carry it. */
const CANARY = 'CANARY-7f3a-outside-the-data-folder'

/** Tried in every text field of every channel; the rest of `TRAVERSAL` at random. */
const TRAVERSAL_EVERYWHERE = [
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '/etc/shadow',
  'C:\\\\Windows',
  '%2e%2e%2f',
  'a\u0000b'
]

const TRAVERSAL = [
  ...TRAVERSAL_EVERYWHERE,
  '../../../../../../../../tmp/iop-fuzz-pwned',
  '..',
  'session-../../etc/passwd',
  'file:///etc/passwd'
]

const ODD_TEXT = [
  '\uD800',
  '\uDFFF',
  'a\uDC00b\uD83D',
  '\u202Eevil.exe\u202C',
  '\u200F\u200E\u061C',
  '\u200B\u200D\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '\u2028\u2029',
  '\u0000',
  '😀'.repeat(10_000),
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '𝕳𝖊𝖑𝖑𝖔'
]

const HUGE = 'w'.repeat(100_000)

/** Objects whose hostile key is an own property, as JSON from a renderer would carry it. */
const POISONS: [string, () => Record<string, unknown>][] = [
  ['__proto__', () => JSON.parse('{"__proto__": {"polluted": true}}')],
  ['constructor', () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ['prototype', () => JSON.parse('{"prototype": {"polluted": true}}')],
  ['nested __proto__', () => JSON.parse('{"__proto__": {"__proto__": {"polluted": true}}}')]
]

interface Case {
  family: 'anything' | 'field' | 'pollution' | 'traversal' | 'unicode'
  label: string
  input: unknown
  /** A path-traversal string in a field that names a record. */
  idField?: boolean
}

/** The request itself, then every place in it. */
function placesWithRoot(value: unknown): Place[] {
  return [{ path: [], value }, ...places(value)]
}

/** A copy of `root` with the place at `path` replaced; the new value itself is not copied. */
function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  return edit(root, path, (parent, key) => {
    parent[key] = replacement
  })
}

/** `target` with `key` added as an own property (even `__proto__`), the way JSON.parse makes it. */
function withOwnKey(target: Record<string, unknown>, key: string, inner: unknown): unknown {
  const rest = JSON.stringify(target)
  const head = `{${JSON.stringify(key)}:${JSON.stringify(inner)}`
  return JSON.parse(rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`)
}

function where(path: Path): string {
  return path.length ? path.join('.') : 'the request'
}

/**
 * A field that names a record to look up (`groupId`, `moduleIds[0]`). Not a
 * client ID (the clinic's own free text) nor the `id` of a goal or agenda
 * segment the request itself brings.
 */
function isIdField(path: Path): boolean {
  const last = path[path.length - 1]
  if (typeof last === 'string') return /Id$/.test(last) && last !== 'clientId'
  const owner = path[path.length - 2]
  return typeof owner === 'string' && /Ids$/.test(owner)
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

const KINDS: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  number: fc.oneof(fc.integer(), fc.double()),
  boolean: fc.boolean(),
  null: fc.constant(null),
  undefined: fc.constant(undefined),
  bigint: fc.bigInt(),
  array: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.object({ maxDepth: 1 })
}

function wrongKind(original: unknown): fc.Arbitrary<unknown> {
  const kind = kindOf(original)
  return fc.oneof(
    ...Object.entries(KINDS)
      .filter(([name]) => name !== kind)
      .map(([, arbitrary]) => arbitrary)
  )
}

function nested(depth: number, asList: boolean): unknown {
  let inner: unknown = 'bottom'
  for (let i = 0; i < depth; i++) inner = asList ? [inner] : { deeper: inner }
  return inner
}

const HOSTILE_VALUE: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.constant<[string, unknown]>(['100,000 characters', HUGE]),
  fc
    .tuple(fc.integer({ min: 500, max: 5_000 }), fc.boolean())
    .map(([depth, asList]): [string, unknown] => [
      `${asList ? 'a list' : 'an object'} nested ${depth} deep`,
      nested(depth, asList)
    ]),
  fc.constant<[string, unknown]>(['null', null]),
  fc
    .array(fc.anything({ maxDepth: 1 }), { maxLength: 4 })
    .map((list): [string, unknown] => ['a list', list])
)

const ANYTHING = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary'
})

/** Any UTF-16 code unit, lone surrogates included. */
const ODD_RANDOM = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 12
})

function traversalCase(name: ChannelName, place: Place, text: string): Case {
  return {
    family: 'traversal',
    label: `${where(place.path)} as ${JSON.stringify(text)}`,
    input: replaceAt(WELL_FORMED[name], place.path, text),
    idField: isIdField(place.path)
  }
}

/** Every hostile request this file makes for one channel. */
function requests(name: ChannelName): { arbitrary: fc.Arbitrary<Case>; examples: Case[] } {
  const valid = WELL_FORMED[name]
  const all = placesWithRoot(valid)
  const texts = all.filter((p) => typeof p.value === 'string')
  const objects = all.filter((p) => isObject(p.value))
  const families: fc.Arbitrary<Case>[] = [
    ANYTHING.map((input) => ({ family: 'anything', label: 'fc.anything()', input })),
    fc.constantFrom(...all).chain((place) =>
      fc
        .oneof(
          wrongKind(place.value).map((wrong): [string, unknown] => [
            `a ${kindOf(wrong)} (was ${kindOf(place.value)})`,
            wrong
          ]),
          HOSTILE_VALUE
        )
        .map(([what, replacement]): Case => ({
          family: 'field',
          label: `${where(place.path)} as ${what}`,
          input: replaceAt(valid, place.path, replacement)
        }))
    ),
    fc
      .tuple(fc.constantFrom(...all), fc.constantFrom(...POISONS), fc.boolean())
      .map(([place, [key, poison], merge]): Case => {
        const target = place.value
        if (merge && isObject(target)) {
          const inner = poison()[key.replace('nested ', '')]
          return {
            family: 'pollution',
            label: `${key} added to ${where(place.path)}`,
            input: replaceAt(
              valid,
              place.path,
              withOwnKey(target, key.replace('nested ', ''), inner)
            )
          }
        }
        return {
          family: 'pollution',
          label: `${where(place.path)} as {${key}: …}`,
          input: replaceAt(valid, place.path, poison())
        }
      }),
    fc
      .tuple(
        fc.constantFrom(...objects),
        fc.oneof(fc.constantFrom(...TRAVERSAL, ...ODD_TEXT), ODD_RANDOM)
      )
      .map(([place, key]): Case => ({
        family: 'unicode',
        label: `an unknown field ${JSON.stringify(key.slice(0, 20))} in ${where(place.path)}`,
        input: replaceAt(valid, place.path, withOwnKey(place.value as Parent, key, 'x'))
      }))
  ]
  if (texts.length > 0) {
    families.push(
      fc
        .tuple(fc.constantFrom(...texts), fc.constantFrom(...TRAVERSAL), fc.boolean())
        .map(([place, text, append]) =>
          traversalCase(name, place, append ? `${String(place.value)}/${text}` : text)
        ),
      fc
        .tuple(
          fc.constantFrom(...texts),
          fc.oneof(fc.constantFrom(...ODD_TEXT), ODD_RANDOM),
          fc.boolean()
        )
        .map(([place, odd, append]): Case => ({
          family: 'unicode',
          label: `${where(place.path)} ${append ? 'followed by' : 'as'} ${JSON.stringify(odd.slice(0, 20))}${odd.length > 20 ? '…' : ''}`,
          input: replaceAt(valid, place.path, append ? `${String(place.value)}${odd}` : odd)
        }))
    )
  }
  // Every path-traversal string in every text field, whatever the random runs pick.
  const examples = texts.flatMap((place) =>
    TRAVERSAL.map((text) => traversalCase(name, place, text))
  )
  return { arbitrary: fc.oneof(...families), examples }
}

/** Every key of every object in a request, for taking them out of a message that echoes them. */
function keysOf(input: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8 || typeof input !== 'object' || input === null) return into
  for (const key of Object.keys(input)) {
    into.add(key)
    keysOf((input as Parent)[key], into, depth + 1)
  }
  return into
}

/**
 * The message with each list of unknown field names ("does not know (a, b and
 * 3 more)") taken out: the names are the request's, shortened to 40 characters.
 */
function withoutEchoedFields(message: string, input: unknown): string {
  const shown = [...keysOf(input)]
    .map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key))
    .sort((a, b) => b.length - a.length)
  const marker = 'does not know ('
  let out = message
  for (let at = out.indexOf(marker); at >= 0; at = out.indexOf(marker, at + 1)) {
    const start = at + marker.length
    let end = start
    for (;;) {
      const key = shown.find((k) => out.startsWith(k, end))
      if (key === undefined) break
      end += key.length
      if (!out.startsWith(', ', end)) break
      end += 2
    }
    out = `${out.slice(0, start)}‹fields›${out.slice(end)}`
  }
  return out
}

/**
 * A message a counselor can read: a sentence, short, no internals. A refusal
 * may name the unknown fields it was sent (shortened): those names are the
 * request's, not the app's, so they are taken out before the message is judged.
 */
function expectPlainMessage(message: unknown, input: unknown, label: string): void {
  expect(typeof message, label).toBe('string')
  const text = message as string
  expect(text.length, label).toBeGreaterThan(10)
  expect(text.length, `${label}: ${text.slice(0, 200)}`).toBeLessThan(600)
  const own = withoutEchoedFields(text, input)
  expect(own, label).toMatch(/[.!]$/)
  expect(own, `${label}: ${own.slice(0, 200)}`).not.toMatch(
    /ZodError|\bat\s.*:\d+|[{}[\]]|\n|\[object|\bundefined\b|\bNaN\b|Invalid input|received|w{100}|bottom|polluted/i
  )
  expect(text, label).not.toContain(CANARY)
}

/** The answer carries no exception, no internal error, and a plain message when it refuses. */
function expectAnswer(result: unknown, input: unknown, label: string): void {
  expect(isObject(result), `${label}: answer ${String(result)}`).toBe(true)
  const answer = result as Record<string, unknown>
  expect(typeof answer.ok, label).toBe('boolean')
  if (answer.ok) return
  const error = answer.error as Record<string, unknown>
  expect(isObject(error), label).toBe(true)
  expect(typeof error.code, label).toBe('string')
  expect(error.code, `${label}: ${String(error.message)}`).not.toBe('internal')
  expectPlainMessage(error.message, input, `${label} (${String(error.code)})`)
}

/** How each file under a folder stands: any write, rename or new file changes it. */
async function fingerprint(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      if (!entry.isFile()) return found.set(path, 'folder')
      const s = await stat(path, { bigint: true })
      return found.set(path, `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`)
    })
  )
  return found
}

function split(all: Map<string, string>, dataDir: string) {
  const inside = new Map<string, string>()
  const outside = new Map<string, string>()
  for (const [path, state] of all) {
    if (path === dataDir || path.startsWith(dataDir + sep)) inside.set(path, state)
    else outside.set(path, state)
  }
  return { inside, outside }
}

function prototypeShape(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) =>
    Reflect.ownKeys(proto).map((key) => {
      const d = Object.getOwnPropertyDescriptor(proto, key)!
      return `${String(key)}:${typeof d.value}:${String(d.get)}:${d.writable}:${d.enumerable}`
    })
  )
}

/** Names a traversal could leave at the top of the temp folder. */
const isStray = (name: string) =>
  /passwd|shadow|system32|windows|%2e|iop-fuzz-pwned/i.test(name) || name.includes('\u0000')

let template: Template
let sandbox: string
let dataDir: string
let core: Core
let events: string[]
let outsideBefore: Map<string, string>
/** The data folder as the last request left it. */
let dataBefore: Map<string, string>
let tmpBefore: Set<string>
const prototypesBefore = prototypeShape()
const tally = { invalid: 0, valid: 0, accepted: 0, resignIns: 0, examples: 0 }
const idAnswers = new Map<string, number>()

/**
 * The administrator signed in and the screen unlocked, whatever a valid
 * request did; true when that took signing in (or unlocking) again.
 */
async function stillSignedIn(): Promise<boolean> {
  const status = (await value(core.handle('app.status', {}))) as {
    signedIn: { id: string } | null
    locked: boolean
  }
  if (status.signedIn?.id === template.adminId && !status.locked) return false
  tally.resignIns++
  if (status.locked) await value(core.handle('auth.unlock', { passphrase: PASSPHRASE }))
  else {
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  }
  return true
}

/** One request: answered plainly, and refused without trace when the contract refuses it. */
async function probe(name: ChannelName, request: Case): Promise<void> {
  const label = `${name} with ${request.label} [${request.family}]`
  const before = dataBefore
  events.length = 0
  let result: unknown
  try {
    result = await core.handle(name, request.input)
  } catch (error) {
    throw new Error(`${label}: the core threw ${String(error)}`)
  }
  expectAnswer(result, request.input, label)
  const answer = result as { ok: boolean; value?: unknown; error?: { code: string } }
  expect(JSON.stringify(answer) ?? '', label).not.toContain(CANARY)

  const parsed = contract[name].input.safeParse(
    request.input === undefined ? {} : request.input
  ).success
  const { inside, outside } = split(await fingerprint(sandbox), dataDir)
  dataBefore = inside
  // Nothing outside the data folder is created, changed or removed, whatever was asked.
  expect(outside, `${label}: outside the data folder`).toEqual(outsideBefore)
  // No file in the data folder is named after anything a request carried.
  for (const path of inside.keys()) {
    if (path === dataDir) continue
    expect(path.slice(dataDir.length + 1), label).toMatch(/^[\w.-]+([\\/][\w.-]+)*$/)
  }
  expect(({} as Record<string, unknown>).polluted, label).toBeUndefined()
  expect(prototypeShape(), label).toEqual(prototypesBefore)

  if (!parsed) {
    tally.invalid++
    expect(answer.ok, `accepted ${label}`).toBe(false)
    expect(answer.error?.code, label).toBe('invalid_input')
    expect(inside, `${label}: the data folder changed`).toEqual(before)
    expect(events, label).toEqual([])
    // Still signed in: a refused request changes nothing about the session either.
    const status = await core.handle('app.status', {})
    expect(status, label).toMatchObject({
      value: { signedIn: { id: template.adminId }, locked: false }
    })
    return
  }

  // The contract accepts it (an odd but legal name, an empty `{}`): the service answers.
  tally.valid++
  if (answer.ok) {
    tally.accepted++
    const output = contract[name].output.safeParse(answer.value)
    expect(output.success, `${label}: ${output.error?.message}`).toBe(true)
  }
  if (request.family === 'traversal' && request.idField) {
    const code = answer.ok ? 'ok' : answer.error!.code
    idAnswers.set(`${name} ${code}`, (idAnswers.get(`${name} ${code}`) ?? 0) + 1)
    // A notice that is not there is already dismissed: the one id answered with success.
    if (name !== 'app.dismissNotice') {
      expect(answer.ok, `${label}: an id that names nothing was accepted`).toBe(false)
      // Sign-in answers "wrong passphrase" for every unknown id, so ids cannot be guessed; a
      // cycle naming a module that is not in the library is a malformed cycle. A restore onto
      // a new computer is refused whatever it names while this one holds a clinic.
      expect(
        [
          'not_found',
          'invalid_input',
          'wrong_passphrase',
          'too_many_attempts',
          ...(name.startsWith('recovery.') ? ['conflict'] : [])
        ],
        label
      ).toContain(code)
    }
  }
  if (await stillSignedIn()) dataBefore = split(await fingerprint(sandbox), dataDir).inside
}

beforeAll(async () => {
  console.log(
    `contract fuzz seed: ${SEED} (channel n uses ${SEED} + n), ${RUNS} random runs per ` +
      `channel (replay with FUZZ_SEED=${SEED})`
  )
  template = await setUpClinic()
  tmpBefore = new Set(await readdir(tmpdir()))
  // The data folder sits three folders deep in a sandbox of its own, with canaries where a
  // traversal would land, so a file read or written outside it is seen.
  sandbox = await mkdtemp(join(tmpdir(), 'iop-fuzz-'))
  dataDir = join(sandbox, 'outer', 'middle', 'inner', 'data')
  await mkdir(dirname(dataDir), { recursive: true })
  await cp(template.dir, dataDir, { recursive: true })
  for (let at = dirname(dataDir); at.startsWith(sandbox); at = dirname(at)) {
    for (const file of ['etc/passwd', 'etc/passwd.json', 'etc/shadow', 'windows/system32/x']) {
      await mkdir(dirname(join(at, file)), { recursive: true })
      await writeFile(join(at, file), `${CANARY}\n`)
    }
    await writeFile(join(at, 'session-canary.json'), JSON.stringify({ id: CANARY }))
  }
  // The journals are folded in only when the app has been idle; never while this test compares
  // the data folder before and after each request (it runs for minutes of real time).
  core = await openCore(dataDir, { journalIdleMs: 2 ** 31 - 1 })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  events = recordEvents(core)
  ;({ inside: dataBefore, outside: outsideBefore } = split(await fingerprint(sandbox), dataDir))
})

afterAll(async () => {
  console.log(
    `contract fuzz: ${tally.invalid} refused as malformed, ${tally.valid} well-formed ` +
      `(${tally.accepted} accepted), ${tally.examples} traversal examples, ` +
      `${tally.resignIns} re-sign-ins; id traversal answers: ` +
      [...idAnswers].map(([k, n]) => `${k} ×${n}`).join(', ')
  )
  await rm(sandbox, { recursive: true, force: true })
  await removeFolders()
})

describe('the contract boundary under fuzzing', () => {
  it.each(CHANNEL_NAMES.map((name, index) => [name, index] as const))(
    '%s refuses hostile requests plainly and writes nothing',
    async (name, index) => {
      const { arbitrary, examples } = requests(name)
      tally.examples += examples.length
      const bytesBefore = await allFiles(dataDir)
      const validBefore = tally.valid
      await fc.assert(
        fc.asyncProperty(arbitrary, (request) => probe(name, request)),
        {
          seed: SEED + index,
          numRuns: (HASHING.has(name) ? Math.ceil(RUNS / 3) : RUNS) + examples.length,
          examples: examples.map((c) => [c])
        }
      )
      // Byte for byte, when no request was well-formed enough to reach the service.
      if (tally.valid === validBefore) expect(await allFiles(dataDir)).toEqual(bytesBefore)
    }
  )

  it('built the hostile keys as own properties', () => {
    for (const [key, poison] of POISONS) {
      expect(Object.hasOwn(poison(), key.replace('nested ', '')), key).toBe(true)
    }
    expect(Object.hasOwn(withOwnKey({ a: 1 }, '__proto__', {}) as object, '__proto__')).toBe(true)
  })

  it('left Object.prototype and everything outside the data folder as they were', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(prototypeShape()).toEqual(prototypesBefore)
    expect(split(await fingerprint(sandbox), dataDir).outside).toEqual(outsideBefore)
    const left = (await readdir(tmpdir())).filter((n) => !tmpBefore.has(n) && isStray(n))
    expect(left).toEqual([])
  })
})
