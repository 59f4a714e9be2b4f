import { spawn } from 'node:child_process'

export interface KilledChild {
  /** Everything the child printed on standard output before it died. */
  out: string
  stderr: string
  signal: NodeJS.Signals | null
}

/**
 * Runs a writer child with plain Node, waits for its first acknowledgement (`ack N` on a line
 * of its own: the kill then lands while it writes, not while Node is still starting or scrypt
 * is checking a passphrase), waits `delayMs` more, kills it with SIGKILL and collects what it
 * printed. The delay is the point of the test (a random moment to die at), not a wait for
 * anything.
 */
export function runAndKill(script: string, args: string[], delayMs: number): Promise<KilledChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let stderr = ''
    let killScheduled = false
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (!killScheduled && /^ack \d+$/m.test(out)) {
        killScheduled = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (_code, signal) => resolve({ out, stderr, signal }))
  })
}

/** The acknowledgements a killed child printed, in order. */
export function acksOf(out: string): number[] {
  return [...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]))
}
