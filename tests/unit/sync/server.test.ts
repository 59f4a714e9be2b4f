/**
 * The clinic server: two computers replicate through a CouchDB-compatible server
 * (`pouchdb-server`, started here on 127.0.0.1). A change on one reaches the other; the
 * server is killed in the middle of a month's replication and started again, and both
 * computers still end with the same records. The server holds only sealed records.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { SyncStatus } from '../../../src/shared/domain/sync'
import {
  emptyFolder,
  participant,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from '../core/helpers'
import { machine, recordsOf, status, weeksOfWork, type Machine } from './machines'

const SERVER_BIN = join(process.cwd(), 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server')
const USER = { username: 'clinic-sync', password: 'a long synthetic secret' }

interface Server {
  port: number
  dir: string
  child: ChildProcess
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Starts the server and resolves once it says it is listening. */
function startServer(port: number, dir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        SERVER_BIN,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--dir',
        dir,
        '--config',
        join(dir, 'config.json')
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let out = ''
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', (chunk: string) => {
      out += chunk
      if (out.includes(`127.0.0.1:${port}`)) resolve({ port, dir, child })
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`pouchdb-server ended (${code}): ${out}`)))
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve())
    server.child.kill('SIGKILL')
  })
}

let template: Template
let server: Server
const url = () => `http://127.0.0.1:${server.port}`

beforeAll(async () => {
  template = await setUpClinic()
  server = await startServer(await freePort(), await emptyFolder('iop-couch-'))
  // The server's administrator, as an IT person would set one up (see docs/clinic-server.md).
  const made = await fetch(`${url()}/_config/admins/${USER.username}`, {
    method: 'PUT',
    body: JSON.stringify(USER.password)
  })
  expect(made.ok).toBe(true)
}, 120_000)

afterAll(async () => {
  await stop(server).catch(() => undefined)
  await removeFolders()
})

async function connect(m: Machine) {
  const answer = await value<SyncStatus>(
    m.core.handle('sync.setServer', { url: url(), ...USER, enabled: true })
  )
  expect(answer.server?.enabled).toBe(true)
}

describe('two computers and the clinic server', () => {
  let a: Machine
  let b: Machine

  beforeAll(async () => {
    a = await machine(template, 'Group room laptop')
    b = await machine(template, 'Office workstation')
    await connect(a)
    await connect(b)
  }, 120_000)

  // Signing out stops each computer's replication before its folder is removed.
  afterAll(async () => {
    for (const m of [a, b]) await m?.core.handle('auth.signOut', {})
  })

  test('a change on one computer reaches the other', async () => {
    const started = performance.now()
    const person = await value<{ id: string }>(
      a.core.handle('participants.create', participant('SERVER-1'))
    )
    await vi.waitFor(
      async () => {
        const people = await value<Array<{ id: string }>>(b.core.handle('participants.list', {}))
        expect(people.map((p) => p.id)).toContain(person.id)
      },
      { timeout: 30_000, interval: 50 }
    )
    console.log(
      `clinic server: one change reached the other computer in ${Math.round(performance.now() - started)} ms`
    )
    await vi.waitFor(async () => expect((await status(a)).state).toBe('synced'), {
      timeout: 30_000,
      interval: 50
    })
  }, 60_000)

  test('the server killed mid-replication and started again: both end with the same records', async () => {
    const work = weeksOfWork(template, a, 'SA', 3)
    // The server goes down while the month is being recorded and sent.
    await stop(server)
    await work
    // The administrator is told, in words, why the computer is not in step.
    await vi.waitFor(
      async () => {
        const now = await status(a)
        expect(now.state).toBe('offline')
        expect(now.server?.problem).toMatch(/^The server at 127\.0\.0\.1:\d+ cannot be reached/)
      },
      { timeout: 30_000, interval: 50 }
    )
    await weeksOfWork(template, b, 'SB', 2)
    server = await startServer(server.port, server.dir)
    await vi.waitFor(
      async () => {
        const [onA, onB] = [await recordsOf(a), await recordsOf(b)]
        expect(onA.sessions).toHaveLength(5)
        expect(onB).toEqual(onA)
      },
      { timeout: 120_000, interval: 250 }
    )
    // Back in step: the problem is gone.
    await vi.waitFor(
      async () => {
        const now = await status(a)
        expect(now.state).toBe('synced')
        expect(now.server?.problem).toBeNull()
      },
      { timeout: 30_000, interval: 50 }
    )
  }, 180_000)

  test('a wrong password or another clinic’s database: said in words, and gone once turned off', async () => {
    const c = await machine(template, 'Front desk')
    const wrong = await value<SyncStatus>(
      c.core.handle('sync.setServer', { url: url(), ...USER, password: 'not it', enabled: true })
    )
    expect(wrong.state).toBe('offline')
    expect(wrong.server?.problem).toBe(
      'The server refused this computer’s user name or password (user “clinic-sync”). Check them under Clinic server, or ask whoever runs the server.'
    )
    await value(c.core.handle('sync.setServer', { url: url(), ...USER, enabled: false }))
    expect((await status(c)).server?.problem).toBeNull()

    // A computer of another clinic pointed at this clinic's database.
    const other = await setUpClinic()
    const elsewhere = await machine(other, 'Other clinic laptop')
    const mixed = await value<SyncStatus>(
      elsewhere.core.handle('sync.setServer', { url: url(), ...USER, enabled: true })
    )
    expect(mixed.state).toBe('offline')
    expect(mixed.server?.problem).toMatch(
      /holds another clinic’s records, so nothing is sent to it/
    )
  }, 120_000)

  test('the server holds only sealed records: no name, no note text', async () => {
    const files = await readdir(server.dir, { recursive: true, withFileTypes: true })
    for (const entry of files) {
      if (!entry.isFile()) continue
      const bytes = await readFile(join(entry.parentPath, entry.name))
      expect(bytes.includes(Buffer.from('Jordan Alvarez')), entry.name).toBe(false)
      expect(bytes.includes(Buffer.from('Shared a plan')), entry.name).toBe(false)
    }
  })
})
