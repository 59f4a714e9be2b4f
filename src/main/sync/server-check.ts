import { createHash } from 'node:crypto'

/**
 * What stands between this computer and the clinic server, in plain words: the server is not
 * reached, refuses the user name or password, has no database for the clinic, is not a CouchDB
 * server, has a certificate this computer does not trust, or holds another clinic's records.
 * PouchDB's replication says only that a request failed; these few requests say why.
 */
export interface ServerProblem {
  problem: string
  /** The server holds another clinic's records: nothing is sent to it. */
  refuse: boolean
}

export interface ServerAuth {
  username: string
  password: string
}

/** The document on the server that says whose records its database holds (never replicated). */
const MARKER = '_local/iop-facilitator-clinic'
const ANSWER_WITHIN_MS = 15_000

/** Asks the server and its database; null when all is as it should be. */
export async function checkServer(
  databaseUrl: string,
  auth: ServerAuth,
  clinicId: string,
  fetchFn: typeof fetch = fetch
): Promise<ServerProblem | null> {
  const database = new URL(databaseUrl)
  const where = database.host
  const name = decodeURIComponent(database.pathname.replace(/^\/+|\/+$/g, ''))
  const headers = {
    Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
    Accept: 'application/json'
  }
  const ask = async (url: string, init: RequestInit = {}) => {
    const response = await fetchFn(url, {
      ...init,
      headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS)
    })
    const text = await response.text()
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    return { status: response.status, json: json as Record<string, unknown> | null }
  }
  const problem = (text: string, refuse = false): ServerProblem => ({ problem: text, refuse })
  const refused = problem(
    `The server refused this computer’s user name or password (user “${auth.username}”). Check them under Clinic server, or ask whoever runs the server.`
  )
  try {
    const root = await ask(new URL('/', database).toString())
    if (root.status === 401) return refused
    const welcome = root.json && ('couchdb' in root.json || 'express-pouchdb' in root.json)
    if (root.status < 500 && root.status !== 403 && !welcome) {
      return problem(
        `The address ${where} answers, but not as a CouchDB server. Check the address: it is the clinic server’s, as your IT person gives it.`
      )
    }
    let db = await ask(databaseUrl)
    if (db.status === 404) {
      // As PouchDB would on its first replication: made when this user may make it.
      await ask(databaseUrl, { method: 'PUT' }).catch(() => null)
      db = await ask(databaseUrl)
    }
    if (db.status === 401) return refused
    if (db.status === 403) {
      return problem(
        `The user “${auth.username}” may not use the database “${name}” on the server. Ask whoever runs the server to make it a member of that database.`
      )
    }
    if (db.status === 404) {
      return problem(
        `The server has no database “${name}”, and this computer’s user may not create it. Ask whoever runs the server to create it (docs/clinic-server.md shows how).`
      )
    }
    if (db.status >= 400 || !db.json || !('db_name' in db.json)) {
      return problem(
        `The server answered with an error (${db.status}) for the database “${name}”. Ask whoever runs the server to look at its log.`
      )
    }
    const mine = clinicMark(clinicId)
    const marker = await ask(`${databaseUrl.replace(/\/+$/, '')}/${MARKER}`)
    if (marker.status === 200 && marker.json?.clinic !== mine) {
      return problem(
        `The database “${name}” on the server holds another clinic’s records, so nothing is sent to it. Each clinic needs a database of its own: ask whoever runs the server.`,
        true
      )
    }
    if (marker.status === 404) {
      await ask(`${databaseUrl.replace(/\/+$/, '')}/${MARKER}`, {
        method: 'PUT',
        body: JSON.stringify({ clinic: mine })
      }).catch(() => null)
    }
    return null
  } catch (error) {
    return problem(unreachable(error, where))
  }
}

/** Whose records a database holds, without saying which clinic: a hash of the clinic's id. */
function clinicMark(clinicId: string): string {
  return createHash('sha256').update(`iop-facilitator clinic\n${clinicId}`).digest('hex')
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH|ALTNAME/

/** Why a request did not reach the server, from the error's code (never its message, which may hold the address's password). */
function unreachable(error: unknown, where: string): string {
  const code = codeOf(error)
  if (code && TLS_CODES.test(code)) {
    return `The connection to ${where} is not secure: this computer does not trust the server’s certificate (${code}). It may have expired, be self-made, or be for another name. Ask whoever runs the server.`
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `No server named ${where} is found. Check the address, and that this computer is on the clinic’s network. Changes stay here and are sent once it answers.`
  }
  return `The server at ${where} cannot be reached: it may be off, or this computer is not on the clinic’s network. Changes stay here and are sent once it answers.`
}

function codeOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return null
}
