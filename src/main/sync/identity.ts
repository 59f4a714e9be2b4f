import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import { resolve } from 'node:path'

/**
 * What tells this computer apart, taken from outside the data folder: the computer's name, the
 * account the app runs under, the operating system's own machine id where it can be read
 * without running a program (Linux), and where the data folder is. A data folder copied to
 * another computer (or to another place on this one) no longer matches the mark its sync file
 * was made with, and takes part in sync as a new computer. See docs/sync-identity.md.
 */
export function thisComputer(dataDir: string): string {
  const parts = [hostname(), accountName(), systemMachineId(), resolve(dataDir)]
  return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex')
}

function accountName(): string {
  try {
    return userInfo().username
  } catch {
    return ''
  }
}

function systemMachineId(): string {
  for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      return readFileSync(path, 'utf8').trim()
    } catch {
      // Not Linux, or not readable: the other parts still tell computers apart.
    }
  }
  return ''
}
