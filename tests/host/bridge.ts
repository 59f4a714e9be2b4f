/// <reference lib="dom" />
/**
 * The browser stand-in for the preload: the same `window.api`, built from the
 * same channel names, with HTTP calls and server-sent events as the transport
 * instead of Electron IPC. Bundled into one classic script by build-bridge.ts.
 */
import { buildApi, type Invoke, type Listen } from '../../src/shared/ipc/api'
import { CHANNEL_NAMES, EVENT_NAMES, type EventName } from '../../src/shared/ipc/names'
import type { Result } from '../../src/shared/result'

const NOT_ANSWERING: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message:
      "The app's background service is not answering. Nothing was changed; check that the app is still running, then try again."
  }
}

const UNREADABLE_ANSWER: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: "The app's background service gave an answer the app could not read. Try again."
  }
}

const token = document.querySelector<HTMLMetaElement>('meta[name="iop-host-token"]')?.content ?? ''

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return 'value' in value
  return (
    value.ok === false &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null &&
    'code' in value.error &&
    'message' in value.error
  )
}

const ACCEPT = '.zip,application/zip'

/**
 * The browser's file picker, opened from the click that asked for it. Resolves
 * with the chosen file, or null when the person cancels.
 */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = ACCEPT
    input.hidden = true
    const done = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => done(null), { once: true })
    document.body.append(input)
    input.click()
  })
}

/**
 * `files.choose` in the browser: where the desktop app opens its dialog in the
 * main process, the page picks the file and streams it to the host's upload
 * area (the file itself as the body, never base64), then asks the core to
 * "choose" that upload, which answers the same token the desktop would.
 */
async function chooseFile(input: unknown): Promise<Result<unknown>> {
  const kind = (input as { kind?: unknown } | null)?.kind
  if (typeof kind === 'string') {
    const file = await pickFile()
    if (!file) return { ok: true, value: null }
    let response: Response
    try {
      response = await fetch(`/__host/upload/${encodeURIComponent(kind)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'x-iop-token': token,
          'x-iop-file-name': encodeURIComponent(file.name)
        },
        body: file,
        cache: 'no-store'
      })
    } catch {
      return NOT_ANSWERING
    }
    let answer: unknown
    try {
      answer = await response.json()
    } catch {
      return UNREADABLE_ANSWER
    }
    if (!isResult(answer)) return UNREADABLE_ANSWER
    if (!answer.ok) return answer
  }
  return call('files.choose', input)
}

const invoke: Invoke = (channel, input) =>
  channel === 'files.choose' ? chooseFile(input) : call(channel, input)

async function call(channel: string, input: unknown): Promise<Result<unknown>> {
  let body: string
  try {
    body = JSON.stringify(input ?? {})
  } catch {
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'The form could not be sent. Nothing was changed.' }
    }
  }
  let response: Response
  try {
    response = await fetch(`/__host/call/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iop-token': token },
      body,
      cache: 'no-store'
    })
  } catch {
    return NOT_ANSWERING
  }
  try {
    const answer: unknown = await response.json()
    return isResult(answer) ? answer : UNREADABLE_ANSWER
  } catch {
    return UNREADABLE_ANSWER
  }
}

interface Subscription {
  listener: (payload: unknown) => void
}

const subscriptions = new Map<EventName, Set<Subscription>>()
let stream: EventSource | null = null

/** One stream for the whole page, opened at the first subscription. */
function openStream(): void {
  if (stream) return
  stream = new EventSource(`/__host/events?token=${encodeURIComponent(token)}`)
  for (const name of EVENT_NAMES) {
    stream.addEventListener(name, (message) => {
      let payload: unknown
      try {
        payload = JSON.parse((message as MessageEvent<string>).data)
      } catch {
        return
      }
      // A copy, so a listener that unsubscribes while being called does not skip another.
      for (const subscription of [...(subscriptions.get(name) ?? [])]) {
        subscription.listener(payload)
      }
    })
  }
}

const listen: Listen = (event, listener) => {
  // Each subscription is its own entry: subscribing one function twice needs two unsubscribes.
  const subscription: Subscription = { listener }
  let listeners = subscriptions.get(event)
  if (!listeners) {
    listeners = new Set()
    subscriptions.set(event, listeners)
  }
  listeners.add(subscription)
  openStream()
  return () => {
    subscriptions.get(event)?.delete(subscription)
  }
}

Object.defineProperty(window, 'api', {
  value: buildApi(CHANNEL_NAMES, invoke, listen),
  writable: false,
  configurable: false,
  enumerable: true
})
