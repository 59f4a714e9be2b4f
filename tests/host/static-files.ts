/**
 * Serving the built renderer: a file under the renderer folder and nothing
 * outside it, and the index page with the host's two tags injected.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav'
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export type StaticLookup =
  { kind: 'file'; file: string; body: Buffer } | { kind: 'refused' } | { kind: 'missing' }

/**
 * Finds the file a request path names inside `root`. The path is taken as the
 * client sent it (a URL parser would quietly resolve `..` and `%2e%2e`), decoded
 * once, and refused outright if it then holds a `..` or `.` segment, a backslash,
 * a NUL or a `%` (double encoding), or if it resolves outside `root`, symbolic
 * links included.
 */
export async function lookUpStatic(root: string, rawPath: string): Promise<StaticLookup> {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return { kind: 'refused' }
  }
  if (!decoded.startsWith('/') || /[\\\0%]/.test(decoded)) return { kind: 'refused' }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { kind: 'refused' }
  }
  const relative = decoded === '/' ? '/index.html' : decoded
  const rootPath = resolve(root)
  const file = resolve(rootPath, `.${relative}`)
  if (!file.startsWith(rootPath + sep)) return { kind: 'refused' }
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootPath), realpath(file)])
    if (!realFile.startsWith(realRoot + sep)) return { kind: 'refused' }
    if (!(await stat(realFile)).isFile()) return { kind: 'missing' }
    return { kind: 'file', file, body: await readFile(realFile) }
  } catch {
    return { kind: 'missing' }
  }
}

export const TOKEN_META_NAME = 'iop-host-token'
export const BRIDGE_PATH = '/__host/bridge.js'

/**
 * Puts the token and the bridge script just before the first script of the
 * page, so `window.api` exists before the app's module script runs.
 */
export function injectHostTags(html: string, token: string): string {
  const tags =
    `<meta name="${TOKEN_META_NAME}" content="${token}">\n` +
    // Deferred: fetched beside the app's modules, not before them, and still run before them
    // (deferred and module scripts run in document order), as Electron's preload runs before
    // the page without holding up its loading.
    `    <script defer src="${BRIDGE_PATH}"></script>\n    `
  const firstScript = html.search(/<script\b/i)
  if (firstScript >= 0) return html.slice(0, firstScript) + tags + html.slice(firstScript)
  const headEnd = html.search(/<\/head>/i)
  if (headEnd >= 0) return html.slice(0, headEnd) + tags + html.slice(headEnd)
  return tags + html
}
