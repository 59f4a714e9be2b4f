import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../../src/main/core'

export const PASSPHRASE = 'maple kettle harbor'
export const NOW = Date.parse('2026-11-23T15:00:00Z')

let sequence = 0
export const ids = () => `id-${++sequence}`

/** A clinic set up once (scrypt is slow on purpose) and copied per test. */
export async function setUpClinic(): Promise<{ dir: string; adminId: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-core-'))
  const core = await createCore({ dataDir: dir, now: () => NOW, newId: ids })
  const setup = await core.handle('setup.complete', {
    clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
    staff: {
      fullName: 'Robin Okafor',
      credentials: 'LPC',
      role: 'counselor',
      isAdmin: true,
      passphrase: PASSPHRASE
    }
  })
  if (!setup.ok) throw new Error(setup.error.message)
  return { dir, adminId: (setup.value as { id: string }).id }
}

export async function copyClinic(template: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-core-copy-'))
  await cp(template, dir, { recursive: true })
  return dir
}

export async function openCore(dir: string): Promise<Core> {
  return createCore({ dataDir: dir, now: () => NOW, newId: ids })
}

export function registryBytes(dir: string): Promise<string> {
  return readFile(join(dir, 'registry.json'), 'utf8')
}

export function participant(clientId: string, overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Jordan Alvarez',
    preferredName: 'Jo',
    clientId,
    dateOfBirth: '1990-05-04',
    admissionDate: '2026-11-02',
    track: 'substance_use',
    status: 'active',
    discharge: null,
    goals: [],
    ...overrides
  }
}

export function group(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Evening SUD IOP',
    track: 'substance_use',
    admission: 'open',
    meetingDays: ['mon', 'wed', 'thu'],
    startTime: '17:30',
    defaultMinutes: 180,
    capacity: 12,
    facilitatorIds: [],
    ...overrides
  }
}
