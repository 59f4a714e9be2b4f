/**
 * The browser test host guards the records like the desktop app does: it
 * listens on the loopback address only, answers only its own page (token,
 * Host and Origin checked), refuses oversized or unreadable requests, never
 * serves a file outside the built renderer, and passes the core's events on.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writePack } from '../../../src/main/services/curriculum-pack-files'
import type { ChosenFile } from '../../../src/shared/ipc/contract'
import type { Result } from '../../../src/shared/result'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security/csp'
import { startTestHost, type TestHost } from '../../host/server'

const SECRET = '{"name":"secret-outside-the-renderer"}'
/** A shipped module, renamed: a pack another clinic could send. */
const MODULE = (
  await readFile(
    join(import.meta.dirname, '../../../resources/curriculum/skl-01-daily-schedule.md'),
    'utf8'
  )
).replace(/^id: .*$/m, 'id: skl-90-morning')
const SETUP = {
  clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
  staff: {
    fullName: 'Robin Okafor',
    credentials: 'LPC',
    role: 'counselor',
    isAdmin: true,
    passphrase: 'maple kettle harbor'
  }
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

let workDir: string
let host: TestHost

/** A raw request: the path goes out exactly as written, with no URL normalisation. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function call(channel: string, input: unknown, headers: Record<string, string> = {}) {
  return send(`/__host/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-iop-token': host.token, ...headers },
    body: JSON.stringify(input)
  })
}

async function isSetUp(): Promise<boolean> {
  const answer = await call('app.status', {})
  return (JSON.parse(answer.body) as { value: { setUp: boolean } }).value.setUp
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'iop-host-test-'))
  const rendererDir = join(workDir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>IOP Facilitator</title>' +
      '<script type="module" src="./assets/app.js"></script></head><body></body></html>'
  )
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {}\n')
  // Files beside the renderer folder that must never be served.
  await writeFile(join(workDir, 'package.json'), SECRET)
  await writeFile(join(workDir, 'secret.txt'), SECRET)
  host = await startTestHost({ dataDir: join(workDir, 'data'), rendererDir })
})

afterAll(async () => {
  await host?.close()
  await rm(workDir, { recursive: true, force: true })
})

describe('where the test host listens', () => {
  test('it listens on 127.0.0.1 and nowhere else', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`)
    const otherAddresses = [
      '::1',
      ...Object.values(networkInterfaces())
        .flat()
        .filter((entry) => entry && !entry.internal)
        .map((entry) => entry!.address)
    ]
    for (const address of otherAddresses) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve(true)
        })
        socket.once('error', () => resolve(false))
      })
      expect(reached, `reachable on ${address}`).toBe(false)
    }
  })
})

describe('who may call the app', () => {
  test('a call without the token, or with a wrong one, is refused and changes nothing', async () => {
    const missing = await send('/__host/call/setup.complete', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SETUP)
    })
    expect(missing.status).toBe(403)
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const wrong = await call('setup.complete', SETUP, { 'x-iop-token': 'not-the-token' })
    expect(wrong.status).toBe(403)
    expect(await isSetUp()).toBe(false)
  })

  test('a call that names another host (DNS rebinding) or comes from another site is refused', async () => {
    const rebound = await call('setup.complete', SETUP, { host: `evil.example:${host.port}` })
    expect(rebound.status).toBe(403)
    const page = await send('/', { headers: { host: `evil.example:${host.port}` } })
    expect(page.status).toBe(403)
    expect(page.body).not.toContain(host.token)
    const otherSite = await call('setup.complete', SETUP, { origin: 'http://evil.example' })
    expect(otherSite.status).toBe(403)
    expect(await isSetUp()).toBe(false)
  })

  test('an unknown channel answers the core’s unknown_channel error', async () => {
    const answer = await call('records.deleteEverything', {})
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' }
    })
  })

  test('a request over 1 MB is refused, whether or not it says its size', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
    const sized = await send('/__host/call/setup.complete', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iop-token': host.token },
      body: huge
    })
    expect(sized.status).toBe(413)
    expect(JSON.parse(sized.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const chunked = await send('/__host/call/setup.complete', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-iop-token': host.token,
        'transfer-encoding': 'chunked'
      },
      body: huge
    })
    expect(chunked.status).toBe(413)
    expect(await isSetUp()).toBe(false)
  })

  test('a body that is not JSON gets a plain-words error', async () => {
    const answer = await send('/__host/call/app.status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iop-token': host.token },
      body: '{ not json'
    })
    expect(answer.status).toBe(400)
    const result = JSON.parse(answer.body) as { ok: boolean; error: { message: string } }
    expect(result.ok).toBe(false)
    expect(result.error.message).toMatch(/could not be read/)
  })
})

describe('serving the app page', () => {
  test('the page carries the security policy, the token and the bridge before the app script', async () => {
    const page = await send('/')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const token = page.body.indexOf(`<meta name="iop-host-token" content="${host.token}">`)
    // Deferred, so it runs before the app's module script, in document order.
    const bridge = page.body.indexOf('<script defer src="/__host/bridge.js"></script>')
    const app = page.body.indexOf('<script type="module"')
    expect(token).toBeGreaterThan(0)
    expect(bridge).toBeGreaterThan(token)
    expect(app).toBeGreaterThan(bridge)

    const script = await send('/__host/bridge.js')
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toMatch(/javascript/)
    expect(script.body).toContain('/__host/call/')
    expect((await send('/assets/app.js')).status).toBe(200)
  })

  test.each([
    '/../package.json',
    '/../secret.txt',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5cpackage.json',
    '/%252e%252e/package.json',
    '/assets/..%00/secret.txt'
  ])('a path that climbs out of the renderer (%s) is refused', async (path) => {
    const answer = await send(path)
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.body).not.toContain('secret-outside-the-renderer')
  })
})

describe('events', () => {
  test('the event stream needs the token', async () => {
    expect((await send('/__host/events')).status).toBe(403)
    expect((await send('/__host/events?token=wrong')).status).toBe(403)
  })

  test('a write is announced over server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/__host/events?token=${encodeURIComponent(host.token)}`
        },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
          let text = ''
          let wrote = false
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            // The stream is open once its first line arrives; only then write.
            if (!wrote) {
              wrote = true
              void call('setup.complete', SETUP)
            }
            if (text.includes('event: auth.changed')) {
              req.destroy()
              resolve(text)
            }
          })
        }
      )
      req.on('error', reject)
      req.end()
    })
    const stream = await received
    expect(stream).toContain('event: records.changed\ndata: {"scope":"clinic"}\n\n')
    expect(stream).toContain('event: auth.changed\ndata: {"signedIn":true}\n\n')
    expect(await isSetUp()).toBe(true)
  })
})

/** After the events test above: the clinic is set up and its administrator signed in. */
describe('a file chosen in the browser', () => {
  const upload = (kind: string, body: Buffer, headers: Record<string, string> = {}) =>
    send(`/__host/upload/${kind}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-iop-token': host.token,
        'x-iop-file-name': encodeURIComponent('lakeside pack.zip'),
        ...headers
      },
      body
    })
  const choose = async (kind: string) =>
    JSON.parse((await call('files.choose', { kind })).body) as Result<ChosenFile | null>
  const uploaded = () => readdir(join(workDir, 'data', 'tmp', 'uploads')).catch(() => [])

  test('is streamed to the upload area, then chosen and read by the app from there', async () => {
    const pack = writePack([{ id: 'skl-90-morning', version: 1, text: MODULE }], {
      createdAt: '2026-11-23T15:00:00.000Z',
      createdBy: 'Lakeside Counseling'
    })
    const answer = await upload('curriculum_pack', Buffer.from(pack))
    expect(answer.status).toBe(200)
    const chosen = await choose('curriculum_pack')
    if (!chosen.ok || !chosen.value) throw new Error(`not chosen: ${JSON.stringify(chosen)}`)
    expect(chosen.value).toMatchObject({ name: 'lakeside pack.zip', bytes: pack.length })
    expect(await uploaded()).toHaveLength(1)
    const preview = await call('curriculum.previewPack', { file: chosen.value.token })
    expect(JSON.parse(preview.body)).toMatchObject({
      ok: true,
      value: [{ id: 'skl-90-morning', action: 'add' }]
    })
    // Chosen once: the next choice without a new upload is a cancelled one.
    expect(await choose('curriculum_pack')).toEqual({ ok: true, value: null })
  })

  test('is refused past its kind’s limit, with nothing kept and nothing chosen', async () => {
    const before = await uploaded()
    const tooLarge = Buffer.alloc(6 * 1024 * 1024)
    for (const headers of [{}, { 'transfer-encoding': 'chunked' }] as Record<string, string>[]) {
      const answer = await upload('curriculum_pack', tooLarge, headers)
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body)).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message:
            'That file is too large to be a curriculum pack (5 MB at most). Nothing was changed.'
        }
      })
    }
    expect(await uploaded()).toEqual(before)
    expect(await choose('curriculum_pack')).toEqual({ ok: true, value: null })
  })

  test('is refused without the token, or for a kind of file the app does not import', async () => {
    const before = await uploaded()
    const noToken = await upload('backup', Buffer.from('PK'), { 'x-iop-token': 'wrong' })
    expect(noToken.status).toBe(403)
    expect((await upload('registry', Buffer.from('{}'))).status).toBe(404)
    expect((await upload('..%2F..%2Fregistry.json', Buffer.from('{}'))).status).toBe(404)
    expect(await uploaded()).toEqual(before)
    expect(await choose('backup')).toEqual({ ok: true, value: null })
  })
})
