/**
 * The test host: the app's real core (the same services Electron's main
 * process runs) behind a small HTTP server on 127.0.0.1, serving the built
 * renderer with a `window.api` stand-in. It lets the same UI run in Chromium
 * where no Electron binary is available.
 *
 * It never logs names or request bodies: what passes through is clinical data.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { dirname, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createCore, type Core, type PickedFile } from '../../src/main/core'
import { BACKUP_LIMITS } from '../../src/main/services/backups'
import { formatBytes, MAX_PACK_BYTES } from '../../src/shared/curriculum/pack'
import { FileKind } from '../../src/shared/ipc/contract'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security/csp'
import type { Result } from '../../src/shared/result'
import { ensureBridge, REPO_ROOT } from './build-bridge'
import { BRIDGE_PATH, contentTypeOf, injectHostTags, lookUpStatic } from './static-files'

export interface TestHostOptions {
  /** The data folder, as `--data-dir` gives it to the desktop app. */
  dataDir: string
  /** 0 or absent: any free port. */
  port?: number
  /** The built renderer; `out/renderer` by default. */
  rendererDir?: string
  now?: () => number
  /** Must move with `now` when `now` is a test's clock, or the host would see clock jumps. */
  monotonic?: () => number
  /** The shipped curriculum; the repository's `resources/curriculum` by default. */
  curriculumDir?: string
}

export interface TestHost {
  /** `http://127.0.0.1:PORT/` — the page to open. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export const MAX_BODY_BYTES = 1024 * 1024
const CALL_PREFIX = '/__host/call/'
/** Where the page sends a file chosen in the browser, as the desktop's dialog would pick it. */
const UPLOAD_PREFIX = '/__host/upload/'
/** The largest file of each kind: the same limits the reader applies to the file itself. */
const UPLOAD_LIMITS: Record<FileKind, { bytes: number; what: string }> = {
  backup: { bytes: BACKUP_LIMITS.maxFileBytes, what: 'a backup of this app' },
  curriculum_pack: { bytes: MAX_PACK_BYTES, what: 'a curriculum pack' },
  transfer: { bytes: 512 * 1024 * 1024, what: 'a transfer file' }
}
const EVENTS_PATH = '/__host/events'
/** A refused upload is read and thrown away up to this much, so the client sees the 413. */
const MAX_DISCARD_BYTES = 64 * MAX_BODY_BYTES

const REFUSED: Result<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message:
      'This request did not come from the app’s own page, so it was refused. Nothing was changed.'
  }
}
const TOO_LARGE: Result<never> = {
  ok: false,
  error: {
    code: 'invalid_input',
    message: 'That request is too large (over 1 MB), so it was refused. Nothing was changed.'
  }
}
const NOT_JSON: Result<never> = {
  ok: false,
  error: {
    code: 'invalid_input',
    message: 'The request could not be read (it is not valid JSON). Nothing was changed.'
  }
}
const FAILED: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Something went wrong inside the app. Nothing was changed; try again.'
  }
}

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer'
}

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const rendererDir = options.rendererDir ?? join(REPO_ROOT, 'out', 'renderer')
  const indexFile = join(rendererDir, 'index.html')
  if (!(await stat(indexFile).catch(() => null))?.isFile()) {
    throw new Error(
      `The built app page is missing (${indexFile}). Run "npm run build" first, or use "npm run start:browser", which builds what is missing.`
    )
  }
  const bridgeScript = await readFile(await ensureBridge())
  const uploads = new Uploads(join(options.dataDir, 'tmp', 'uploads'))
  await uploads.clear()
  const core = await createCore({
    dataDir: options.dataDir,
    now: options.now,
    monotonic: options.monotonic,
    curriculumDir: options.curriculumDir ?? join(REPO_ROOT, 'resources', 'curriculum'),
    // The browser has no dialog in the main process: the page uploads the file it chose,
    // and "choosing" it hands the core that upload, as the desktop's dialog hands it a path.
    chooseFile: async (kind) => uploads.take(kind)
  })
  // As the desktop app does: the clock is checked every second while a session runs.
  const clockCheck = setInterval(() => void core.tick(), 1_000)
  clockCheck.unref()
  const token = randomBytes(32).toString('base64url')
  const expectedToken = Buffer.from(token)
  const streams = new Set<ServerResponse>()
  const inFlight = new Set<Promise<unknown>>()
  let port = 0

  const tokenMatches = (given: unknown): boolean => {
    if (typeof given !== 'string') return false
    const candidate = Buffer.from(given)
    return candidate.length === expectedToken.length && timingSafeEqual(candidate, expectedToken)
  }

  /** Only the page this host served may talk to it: this stops DNS rebinding and other sites. */
  const fromOwnPage = (req: IncomingMessage): boolean => {
    const origin = `http://127.0.0.1:${port}`
    if (req.headers.host !== `127.0.0.1:${port}`) return false
    return req.headers.origin === undefined || req.headers.origin === origin
  }

  const server = createServer((req, res) => {
    const rawUrl = req.url ?? '/'
    const queryAt = rawUrl.indexOf('?')
    const path = queryAt >= 0 ? rawUrl.slice(0, queryAt) : rawUrl
    const query = new URLSearchParams(queryAt >= 0 ? rawUrl.slice(queryAt + 1) : '')

    if (!fromOwnPage(req)) {
      if (path.startsWith(CALL_PREFIX)) return sendResult(res, 403, REFUSED)
      return sendText(res, 403, 'Refused: this server answers only its own page on 127.0.0.1.')
    }
    if (path.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed', { allow: 'POST' })
      if (!tokenMatches(req.headers['x-iop-token'])) {
        req.resume()
        return sendResult(res, 403, REFUSED)
      }
      const call = handleCall(core, req, res, decodeChannel(path.slice(CALL_PREFIX.length)))
      inFlight.add(call)
      void call.finally(() => inFlight.delete(call))
      return
    }
    if (path.startsWith(UPLOAD_PREFIX)) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed', { allow: 'POST' })
      if (!tokenMatches(req.headers['x-iop-token'])) {
        req.resume()
        return sendResult(res, 403, REFUSED)
      }
      const upload = receiveUpload(
        uploads,
        req,
        res,
        decodeChannel(path.slice(UPLOAD_PREFIX.length))
      )
      inFlight.add(upload)
      void upload.finally(() => inFlight.delete(upload))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed', { allow: 'GET, HEAD' })
    }
    if (path === EVENTS_PATH) {
      if (!tokenMatches(query.get('token'))) return sendText(res, 403, 'Refused: missing token.')
      return openEventStream(core, req, res, streams)
    }
    if (path === BRIDGE_PATH) {
      return send(res, 200, bridgeScript, { 'content-type': 'text/javascript; charset=utf-8' })
    }
    if (path.startsWith('/__host/')) return sendText(res, 404, 'Not found')
    void serveStatic(res, rendererDir, path, token)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} is already in use on 127.0.0.1; choose another.`)
          : error
      )
    })
    // Loopback only, never 0.0.0.0: the records must not be reachable from the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('No port was assigned')
  port = address.port

  let closing: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close() {
      closing ??= (async () => {
        clearInterval(clockCheck)
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const stream of streams) stream.end()
        // Let a write that has begun finish and answer before the data folder is let go.
        await Promise.allSettled([...inFlight])
        server.closeAllConnections()
        await stopped
        await uploads.clear()
        // The core lets go of its files (its journals folded in), as a closed app leaves them.
        await core.close()
      })()
      return closing
    }
  }
}

/**
 * The files the page uploaded, in the data folder's `tmp/uploads`: one per
 * kind waits to be "chosen"; each stays until the next of its kind replaces
 * it (a preview, then an import, read the same file), and all go at close.
 */
class Uploads {
  private readonly waiting = new Map<FileKind, PickedFile>()
  private readonly latest = new Map<FileKind, string>()

  constructor(readonly folder: string) {}

  async clear(): Promise<void> {
    this.waiting.clear()
    this.latest.clear()
    await rm(this.folder, { recursive: true, force: true })
    // The tmp folder too, when nothing else is in it: a data folder is left as the app found it.
    await rmdir(dirname(this.folder)).catch(() => undefined)
  }

  async newPath(): Promise<string> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 })
    return join(this.folder, `${randomBytes(16).toString('hex')}.upload`)
  }

  async received(kind: FileKind, file: PickedFile): Promise<void> {
    const previous = this.latest.get(kind)
    if (previous) await rm(previous, { force: true })
    this.latest.set(kind, file.path)
    this.waiting.set(kind, file)
  }

  take(kind: FileKind): PickedFile | null {
    const file = this.waiting.get(kind) ?? null
    this.waiting.delete(kind)
    return file
  }
}

/**
 * A file the page chose, streamed to disk as it arrives and never held whole:
 * past its kind's limit the rest is read and dropped (so the page gets the
 * answer), and past that by far the connection is cut.
 */
async function receiveUpload(
  uploads: Uploads,
  req: IncomingMessage,
  res: ServerResponse,
  kindName: string
): Promise<void> {
  const kind = FileKind.safeParse(kindName)
  if (!kind.success) {
    req.resume()
    return sendResult(res, 404, {
      ok: false,
      error: { code: 'invalid_input', message: 'The app imports no such kind of file.' }
    })
  }
  const limit = UPLOAD_LIMITS[kind.data]
  const tooLarge: Result<never> = {
    ok: false,
    error: {
      code: 'invalid_input',
      message: `That file is too large to be ${limit.what} (${formatBytes(limit.bytes)} at most). Nothing was changed.`
    }
  }
  if (Number(req.headers['content-length'] ?? 0) > limit.bytes) {
    req.resume()
    return sendResult(res, 413, tooLarge, { connection: 'close' })
  }
  const path = await uploads.newPath()
  let size = 0
  let over = false
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size <= limit.bytes) return done(null, chunk)
      over = true
      done(size > limit.bytes + MAX_DISCARD_BYTES ? new Error('far too large') : null)
    }
  })
  try {
    await pipeline(req, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }))
  } catch {
    await rm(path, { force: true })
    if (!res.headersSent && !res.destroyed) sendResult(res, 413, tooLarge, { connection: 'close' })
    return
  }
  if (over) {
    await rm(path, { force: true })
    return sendResult(res, 413, tooLarge, { connection: 'close' })
  }
  await uploads.received(kind.data, { path, name: fileNameOf(req.headers['x-iop-file-name']) })
  sendResult(res, 200, { ok: true, value: null })
}

/** The name the page gave its file, to show back; never used to find the file. */
function fileNameOf(header: string | string[] | undefined): string {
  let name = ''
  try {
    name = decodeURIComponent(typeof header === 'string' ? header : '')
  } catch {
    name = ''
  }
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 200)
  return name || 'chosen file'
}

function decodeChannel(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return encoded
  }
}

async function handleCall(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  channel: string
): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) return refuseTooLarge(req, res)
  const body = await readBody(req, MAX_BODY_BYTES)
  if (body === 'too_large') return refuseTooLarge(req, res)
  if (body === 'aborted') return
  const text = body.toString('utf8')
  let input: unknown
  try {
    input = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    return sendResult(res, 400, NOT_JSON)
  }
  try {
    sendResult(res, 200, await core.handle(channel, input))
  } catch (error) {
    // The channel and the kind of error only: a message could hold a name.
    console.error(`[test host] ${channel} failed: ${error instanceof Error ? error.name : 'error'}`)
    sendResult(res, 200, FAILED)
  }
}

/** The body, unless it grows past `limit` (then the rest is left unread) or the client leaves. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        resolve('too_large')
      } else {
        chunks.push(chunk)
      }
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', () => resolve('aborted'))
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'aborted'))
  })
}

function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  sendResult(res, 413, TOO_LARGE, { connection: 'close' })
  // Read the rest and drop it, so the client is not cut off before it reads the answer.
  let discarded = 0
  req.removeAllListeners('data')
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > MAX_DISCARD_BYTES) req.destroy()
  })
  req.resume()
}

function openEventStream(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  streams: Set<ServerResponse>
): void {
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive'
  })
  res.write('retry: 1000\n\n')
  const unsubscribe = core.subscribe((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  })
  streams.add(res)
  const end = () => {
    unsubscribe()
    streams.delete(res)
  }
  req.on('close', end)
  res.on('close', end)
}

async function serveStatic(
  res: ServerResponse,
  rendererDir: string,
  path: string,
  token: string
): Promise<void> {
  const found = await lookUpStatic(rendererDir, path)
  if (found.kind === 'refused') return sendText(res, 403, 'Refused: that path is not allowed.')
  if (found.kind === 'missing') {
    // Chromium asks for a favicon on its own; the app has none, and a 404 would be console noise.
    if (path === '/favicon.ico') return send(res, 204, '')
    return sendText(res, 404, 'Not found')
  }
  const type = contentTypeOf(found.file)
  if (!type.startsWith('text/html')) return send(res, 200, found.body, { 'content-type': type })
  const isIndex = path === '/' || path === '/index.html'
  const html = found.body.toString('utf8')
  send(res, 200, isIndex ? injectHostTags(html, token) : html, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY
  })
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {}
): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { ...COMMON_HEADERS, 'content-length': payload.length, ...headers })
  res.end(res.req.method === 'HEAD' ? undefined : payload)
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {}
): void {
  send(res, status, text, { 'content-type': 'text/plain; charset=utf-8', ...headers })
}

function sendResult(
  res: ServerResponse,
  status: number,
  result: Result<unknown>,
  headers: Record<string, string> = {}
): void {
  send(res, status, JSON.stringify(result), {
    'content-type': 'application/json; charset=utf-8',
    ...headers
  })
}
