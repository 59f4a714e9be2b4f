/**
 * Two computers of one clinic in one test: each its own data folder and core, both started
 * from the same clinic, with a month of work to do offline.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createCore, type Core } from '../../../src/main/core'
import type { SyncStatus, TransferReport } from '../../../src/shared/domain/sync'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import {
  copyClinic,
  CURRICULUM_DIR,
  emptyFolder,
  filePicker,
  ids,
  participant,
  PASSPHRASE,
  value,
  type Template
} from '../core/helpers'

export const START = Date.parse('2026-11-02T14:00:00Z')
const DAY = 86_400_000
const MIN = 60_000

export interface Machine {
  name: string
  dir: string
  core: Core
  clock: { now: number }
  picker: ReturnType<typeof filePicker>
}

/** How a test's computer tells itself apart (the same string on two folders: one computer). */
export interface MachineOptions {
  syncComputer?: string
}

export async function machine(
  template: Template,
  name: string,
  options: MachineOptions = {}
): Promise<Machine> {
  // Both computers start from the clinic as it was set up (an image of the first).
  const m = await openFolder(template, await copyClinic(template.dir), name, options)
  await value(m.core.handle('sync.setMachineName', { name }))
  return m
}

/** A core on a data folder as it is (one copied from another computer, say), signed in. */
export async function openFolder(
  template: Template,
  dir: string,
  name: string,
  options: MachineOptions = {}
): Promise<Machine> {
  const clock = { now: START }
  const picker = filePicker()
  const core = await createCore({
    dataDir: dir,
    now: () => clock.now,
    monotonic: () => clock.now,
    newId: ids,
    curriculumDir: CURRICULUM_DIR,
    chooseFile: picker.chooseFile,
    ...options
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return { name, dir, core, clock, picker }
}

/**
 * The clinic's group-room laptop and office workstation, each started from the clinic as it was
 * set up. `exchanged`: nothing yet ('none'), the office has taken the group room's file for a
 * new computer ('one way'), and the group room the office's answer too ('both ways').
 */
export async function groupRoomAndOffice(
  template: Template,
  options: {
    exchanged?: 'none' | 'one way' | 'both ways'
    groupRoom?: MachineOptions
    office?: MachineOptions
  } = {}
): Promise<[groupRoom: Machine, office: Machine]> {
  const a = await machine(template, 'Group room laptop', options.groupRoom)
  const b = await machine(template, 'Office workstation', options.office)
  const exchanged = options.exchanged ?? 'none'
  if (exchanged !== 'none') await importInto(b, await exportFor(a, null))
  if (exchanged === 'both ways') await importInto(a, await exportFor(b, a))
  return [a, b]
}

export async function exportFor(from: Machine, to: Machine | null): Promise<Buffer> {
  const peerId = to ? (await status(from)).peers.find((p) => p.name === to.name)?.machineId : null
  const file = await value<{ base64: string; records: number }>(
    from.core.handle('sync.exportTransfer', peerId ? { peerId } : { newComputer: true })
  )
  return Buffer.from(file.base64, 'base64')
}

export async function importInto(to: Machine, bytes: Buffer): Promise<TransferReport> {
  const file = await chooseTransfer(to, bytes)
  return value<TransferReport>(to.core.handle('sync.importTransfer', { file }))
}

/** The token of a transfer file holding `bytes`, as the person picks it on `to`. */
export async function chooseTransfer(
  to: Pick<Machine, 'core' | 'picker'>,
  bytes: Buffer,
  name = 'transfer.iopsync'
): Promise<string> {
  const path = join(await emptyFolder('iop-transfer-'), name)
  await writeFile(path, bytes)
  to.picker.next = { path, name }
  const chosen = await value<{ token: string }>(
    to.core.handle('files.choose', { kind: 'transfer' })
  )
  return chosen.token
}

export function status(m: Machine): Promise<SyncStatus> {
  return value<SyncStatus>(m.core.handle('sync.status', {}))
}

/** What a clinician would compare: every list of people, groups, sessions and measures. */
export async function recordsOf(m: Machine) {
  const people = await value<Array<Record<string, unknown>>>(m.core.handle('participants.list', {}))
  const groups = await value<Array<Record<string, unknown>>>(m.core.handle('groups.list', {}))
  const sessions: unknown[] = []
  for (const g of groups) {
    const list = await value<Array<{ id: string }>>(
      m.core.handle('sessions.list', { groupId: g.id as string })
    )
    for (const s of list)
      sessions.push(await value(m.core.handle('sessions.get', { sessionId: s.id })))
  }
  const measures: unknown[] = []
  for (const p of people) {
    measures.push(
      ...(await value<unknown[]>(m.core.handle('measures.list', { participantId: p.id as string })))
    )
  }
  const byId = (a: unknown, b: unknown) =>
    String((a as { id: string }).id).localeCompare(String((b as { id: string }).id))
  return {
    people: [...people].sort(byId),
    groups: [...groups].sort(byId),
    sessions: [...sessions].sort(byId),
    measures: [...measures].sort(byId)
  }
}

/** A few weeks of one computer's work: people enrolled, sessions run, measures taken. */
export async function weeksOfWork(
  template: Template,
  m: Machine,
  tag: string,
  weeks: number,
  size = 4
) {
  const group = await value<{ id: string }>(
    m.core.handle('groups.create', {
      name: `Group ${tag}`,
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon', 'wed', 'thu'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      facilitatorIds: [template.adminId]
    })
  )
  const people: string[] = []
  for (let i = 0; i < size; i++) {
    const p = await value<{ id: string }>(
      m.core.handle('participants.create', participant(`${tag}-${i}`))
    )
    await value(
      m.core.handle('enrollments.create', {
        groupId: group.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    people.push(p.id)
  }
  for (let week = 0; week < weeks; week++) {
    const date = new Date(START + week * 7 * DAY).toISOString().slice(0, 10)
    m.clock.now = START + week * 7 * DAY
    const session = await value<{ id: string }>(
      m.core.handle('sessions.plan', {
        groupId: group.id,
        date,
        facilitatorIds: [template.adminId],
        segments: defaultAgenda()
      })
    )
    for (const [i, p] of people.entries()) {
      await value(
        m.core.handle('sessions.attendance', {
          sessionId: session.id,
          participantId: p,
          status: i === 3 && week % 2 === 1 ? 'absent_excused' : 'present',
          timeIn: null,
          timeOut: null
        })
      )
    }
    await value(m.core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
    m.clock.now += 30 * MIN
    await value(
      m.core.handle('sessions.observe', {
        sessionId: session.id,
        participantId: people[0]!,
        tag: 'practised_skill',
        text: `Shared a plan for the week (${tag} ${week})`
      })
    )
    m.clock.now += 150 * MIN
    await value(m.core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
    await value(
      m.core.handle('measures.record', {
        participantId: people[1]!,
        measureId: 'craving',
        answers: [week % 10],
        takenOn: date
      })
    )
  }
  return { group: group.id, people }
}
