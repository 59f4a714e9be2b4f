/**
 * When the clinic server is not in step, the administrator reads why in plain words: the
 * answers a server gives (a web page that is not CouchDB, a database that is missing, a user
 * not let in) and the ways a connection fails (certificate not trusted, name not found).
 */
import { describe, expect, test } from 'vitest'
import { checkServer } from '../../../src/main/sync/server-check'

const AUTH = { username: 'front-desk', password: 'a synthetic secret' }
const DB = 'https://records.clinic.example/iop-records'

type Route = (method: string, path: string) => Response
function server(route: Route): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    return route(init?.method ?? 'GET', url.pathname)
  }) as typeof fetch
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const couch = (database: (method: string) => Response, marker = json(404, {})): Route => {
  return (method, path) =>
    path === '/'
      ? json(200, { couchdb: 'Welcome', version: '3.4.2' })
      : path.endsWith('_local/iop-facilitator-clinic')
        ? marker
        : database(method)
}
const failing = (code: string) =>
  (async () => {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code } })
  }) as unknown as typeof fetch

describe('why the clinic server is not in step', () => {
  test('a CouchDB server with the clinic’s database and this user: no problem', async () => {
    const fine = server(couch(() => json(200, { db_name: 'iop-records', doc_count: 0 })))
    expect(await checkServer(DB, AUTH, 'clinic-1', fine)).toBeNull()
  })

  test('an address that answers with a web page is not a CouchDB server', async () => {
    const page = server(() => new Response('<html>Welcome</html>', { status: 200 }))
    expect((await checkServer(DB, AUTH, 'clinic-1', page))?.problem).toBe(
      'The address records.clinic.example answers, but not as a CouchDB server. Check the address: it is the clinic server’s, as your IT person gives it.'
    )
  })

  test('a database that is missing, and one this user is not let into', async () => {
    const missing = server(couch(() => json(404, { error: 'not_found' })))
    expect((await checkServer(DB, AUTH, 'clinic-1', missing))?.problem).toMatch(
      /^The server has no database “iop-records”, and this computer’s user may not create it/
    )
    const forbidden = server(couch(() => json(403, { error: 'forbidden' })))
    expect((await checkServer(DB, AUTH, 'clinic-1', forbidden))?.problem).toBe(
      'The user “front-desk” may not use the database “iop-records” on the server. Ask whoever runs the server to make it a member of that database.'
    )
  })

  test('a certificate this computer does not trust, a name not found, a server that is off', async () => {
    expect(
      (await checkServer(DB, AUTH, 'clinic-1', failing('DEPTH_ZERO_SELF_SIGNED_CERT')))?.problem
    ).toMatch(/^The connection to records\.clinic\.example is not secure: .*certificate/)
    expect((await checkServer(DB, AUTH, 'clinic-1', failing('CERT_HAS_EXPIRED')))?.problem).toMatch(
      /not secure/
    )
    expect((await checkServer(DB, AUTH, 'clinic-1', failing('ENOTFOUND')))?.problem).toMatch(
      /^No server named records\.clinic\.example is found/
    )
    expect((await checkServer(DB, AUTH, 'clinic-1', failing('ECONNREFUSED')))?.problem).toMatch(
      /^The server at records\.clinic\.example cannot be reached/
    )
  })

  test('the password is never in what is said', async () => {
    const refused = server(() => json(401, { error: 'unauthorized' }))
    const found = await checkServer(DB, AUTH, 'clinic-1', refused)
    expect(found?.problem).toMatch(/refused this computer’s user name or password/)
    expect(found?.problem).not.toContain(AUTH.password)
  })

  test('a database marked as another clinic’s is refused: nothing is sent to it', async () => {
    const theirs = server(
      couch(() => json(200, { db_name: 'iop-records' }), json(200, { clinic: 'someone else' }))
    )
    expect(await checkServer(DB, AUTH, 'clinic-1', theirs)).toMatchObject({ refuse: true })
  })
})
