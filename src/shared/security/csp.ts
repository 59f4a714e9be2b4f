/**
 * The Content-Security-Policy of every app page: only the app's own files, no
 * remote anything, no plugins, no inline scripts. Mantine sets styles inline,
 * so inline styles are allowed; images may be the app's own or data: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "media-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** While developing, Vite's hot reload needs its inline preamble and a websocket. */
export const DEVELOPMENT_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'"
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*")

/**
 * The same policy for a <meta> tag: browsers ignore frame-ancestors there (and
 * say so in the console), so the page's copy leaves it out; headers keep it.
 */
export function metaPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ')
}
