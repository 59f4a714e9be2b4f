import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { writePack } from '../../../src/main/services/curriculum-pack-files'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { expect } from 'vitest'
import { readKeyring } from '../../../src/main/security/keyring'
import { ClinicFileCodec } from '../../../src/main/security/clinic-file'
import { sealedCodec } from '../../../src/main/security/sealed-codec'
import type { FileCodec } from '../../../src/main/store/codec'
import { onDisk } from '../../support/on-disk'
import { seal as sealFile, unwrapKey } from '../../../src/main/security/crypto'
import {
  createCore,
  type ChooseFile,
  type Core,
  type CoreOptions,
  type PickedFile
} from '../../../src/main/core'
import { DEFAULT_SESSION_SETTINGS } from '../../../src/shared/domain/session'
import { DEFAULT_CLINIC_CONTACTS } from '../../../src/shared/domain/contacts'
import { defaultAgenda } from '../../../src/shared/session/default-agenda'
import type { ChannelName } from '../../../src/shared/ipc/names'
import type { SessionView } from '../../../src/shared/ipc/contract'
import type { Result } from '../../../src/shared/result'

export const PASSPHRASE = 'maple kettle harbor'
/** The injected clock: every test runs on Monday 23 November 2026, 9:00 in Chicago. */
export const NOW = Date.parse('2026-11-23T15:00:00Z')
/** The curriculum the app ships, so planning can pick real modules. */
export const CURRICULUM_DIR = fileURLToPath(
  new URL('../../../resources/curriculum', import.meta.url)
)
export const NOW_ISO = new Date(NOW).toISOString()

/** A sound pack holding one shipped module, as another clinic would send it. */
export const SHIPPED_PACK = writePack(
  [
    {
      id: 'edu-01-brain',
      version: 1,
      text: readFileSync(join(CURRICULUM_DIR, 'edu-01-brain.md'), 'utf8')
    }
  ],
  { createdAt: NOW_ISO, createdBy: 'Lakeside Counseling' }
)
/** A token of the form the app gives a chosen file, for a file that was never chosen. */
const UNCHOSEN_FILE = 'file-never-chosen-0000'

/**
 * The open-file dialog as a test drives it: `next` is the file it will
 * "choose" (written into the data folder's neighbourhood first), null to cancel.
 */
export function filePicker(): { chooseFile: ChooseFile; next: PickedFile | null } {
  const picker: { chooseFile: ChooseFile; next: PickedFile | null } = {
    next: null,
    chooseFile: async () => picker.next
  }
  return picker
}

/** Writes `bytes` to a file, has the dialog choose it, and answers the token the page would get. */
export async function chooseFile(
  core: Core,
  picker: { next: PickedFile | null },
  kind: 'backup' | 'curriculum_pack',
  bytes: Uint8Array
): Promise<string> {
  const dir = await emptyFolder('iop-chosen-')
  const path = join(dir, kind === 'backup' ? 'backup.zip' : 'pack.zip')
  await writeFile(path, bytes)
  picker.next = { path, name: 'chosen.zip' }
  const chosen = await value<{ token: string }>(core.handle('files.choose', { kind }))
  picker.next = null
  return chosen.token
}

let sequence = 0
export const ids = () => `id-${++sequence}`

const made: string[] = []

/** An empty data folder, removed by `removeFolders` at the end of the file. */
export async function emptyFolder(prefix = 'iop-core-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export async function removeFolders(): Promise<void> {
  // Every core opened through openCore lets go of its files first (its journals folded in).
  await Promise.all(opened.splice(0).map((core) => core.close().catch(() => undefined)))
  // Retried: a core made otherwise (a background fold, a replication) may still add a file
  // while its folder is being removed.
  await Promise.all(
    made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10 }))
  )
}

export const FIRST_STAFF = {
  fullName: 'Robin Okafor',
  credentials: 'LPC',
  role: 'counselor',
  isAdmin: true,
  passphrase: PASSPHRASE
} as const

export interface Template {
  dir: string
  adminId: string
  /** What `setup.complete` answered. */
  setupOutput: unknown
}

/** A clinic set up once (scrypt is slow on purpose) and copied per test. */
export async function setUpClinic(): Promise<Template> {
  const dir = await emptyFolder()
  const core = await createCore({
    dataDir: dir,
    now: () => NOW,
    newId: ids,
    curriculumDir: CURRICULUM_DIR
  })
  const setup = await core.handle('setup.complete', {
    clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
    staff: FIRST_STAFF
  })
  if (!setup.ok) throw new Error(setup.error.message)
  return { dir, adminId: (setup.value as { id: string }).id, setupOutput: setup.value }
}

export async function copyClinic(template: string): Promise<string> {
  const dir = await emptyFolder('iop-core-copy-')
  await cp(template, dir, { recursive: true })
  return dir
}

/** Cores opened by openCore, closed by removeFolders. */
const opened: Core[] = []

export async function openCore(dir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await createCore({
    dataDir: dir,
    now: () => NOW,
    newId: ids,
    curriculumDir: CURRICULUM_DIR,
    ...options
  })
  opened.push(core)
  return core
}

/** A copy of the template clinic with its administrator signed in. */
export async function signedInCopy(
  template: Template,
  options: Partial<CoreOptions> = {}
): Promise<{ core: Core; dir: string }> {
  const dir = await copyClinic(template.dir)
  const core = await openCore(dir, options)
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return { core, dir }
}

export function registryBytes(dir: string): Promise<string> {
  return readFile(join(dir, 'registry.json'), 'utf8')
}

/** Every file under a folder, as text, keyed by relative path (backups included). */
export async function allFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'))
  }
  return files
}

/**
 * A store file's text as the app reads it: records are sealed with the
 * clinic's data key, which the first staff member's passphrase unwraps; the
 * changes still in the file's journal (not yet folded in) are applied.
 */
export async function recordsText(
  dir: string,
  file = 'registry.json',
  kind = 'registry'
): Promise<string> {
  const path = join(dir, file)
  const name = basename(file, '.json')
  const keyring = await readKeyring(dir)
  let codec: FileCodec | undefined
  if (keyring) {
    const key = await unwrapKey(keyring.staff[0]!.wrapped, PASSPHRASE)
    if (!key.ok) throw new Error(key.error.message)
    // The clinic file: the keyring in clear, the records sealed, both authenticated together.
    codec =
      kind === 'registry'
        ? new ClinicFileCodec(key.value, null, () => null)
        : sealedCodec(key.value, keyring.clinicId)
  }
  const { journalLines: _lines, ...envelope } = await onDisk(dirname(path), name, codec, kind)
  void _lines
  return JSON.stringify(envelope)
}

/**
 * Turns a clinic into what the version before left on disk: the registry sealed on its own
 * (no keyring in it) and the keyring in `keyring.json`, with or without the log's key.
 */
export async function asLegacyClinic(dir: string, options: { withLogKey: boolean }) {
  const keyring = (await readKeyring(dir))!
  const key = await unwrapKey(keyring.staff[0]!.wrapped, PASSPHRASE)
  if (!key.ok) throw new Error(key.error.message)
  const text = await recordsText(dir)
  const envelope = JSON.parse(text) as {
    data: { keys?: unknown; staff: Array<{ id: string; active: boolean; wrapped?: unknown }> }
  }
  const staff = envelope.data.staff.map((s) => {
    const { wrapped, ...rest } = s
    return { rest, wrapped }
  })
  delete envelope.data.keys
  envelope.data.staff = staff.map((s) => s.rest)
  const sealedRegistry = sealFile(JSON.stringify(envelope), key.value, {
    clinicId: keyring.clinicId,
    kind: 'registry'
  })
  await writeFile(join(dir, 'registry.json'), sealedRegistry)
  await rm(join(dir, 'backups', 'registry'), { recursive: true, force: true })
  const legacy = {
    format: 1,
    clinicId: keyring.clinicId,
    clinic: keyring.clinic,
    staff: keyring.staff.map((s) => ({ ...s, active: true })),
    recovery: keyring.recovery,
    ...(options.withLogKey && keyring.log ? { log: keyring.log } : {})
  }
  await writeFile(join(dir, 'keyring.json'), JSON.stringify(legacy, null, 2))
  return { key: key.value, clinicId: keyring.clinicId }
}

/** The value of a successful answer; a refusal fails the test with its message. */
export async function value<T = unknown>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

/** The refusal of a failed answer, checked for its code. */
export async function refusal(
  promise: Promise<Result<unknown>>,
  code: string
): Promise<{ code: string; message: string }> {
  const result = await promise
  expect(result.ok, `expected a refusal (${code}) but got ${JSON.stringify(result)}`).toBe(false)
  if (result.ok) throw new Error('unreachable')
  expect(result.error.code, result.error.message).toBe(code)
  return result.error
}

/** Records every event the core announces. */
export function recordEvents(core: Core): string[] {
  const seen: string[] = []
  core.subscribe((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`))
  return seen
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
    // Well-formed, though not on this clinic's staff: tests that create a group pass a real id.
    facilitatorIds: ['staff-unknown'],
    ...overrides
  }
}

export function staffMember(overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Dana Reyes',
    credentials: 'LCSW',
    role: 'supervisor',
    isAdmin: false,
    passphrase: 'quiet river lantern',
    ...overrides
  }
}

/**
 * A well-formed request for every channel. A `Record` over every channel name,
 * so a new channel does not compile until it has one. Ids point at nothing:
 * the answer may be "not found", never "malformed".
 */
export const WELL_FORMED: Record<ChannelName, unknown> = {
  'app.status': {},
  'app.dismissNotice': { noticeId: 'notice-1' },
  'setup.complete': {
    clinic: { name: 'Lakeside Counseling', timeZone: 'America/Denver' },
    staff: staffMember({ fullName: 'Avery Lindqvist', isAdmin: true })
  },
  'auth.directory': {},
  'auth.signIn': { staffId: 'staff-unknown', passphrase: 'not the right phrase' },
  'auth.signOut': {},
  'auth.lock': {},
  'auth.unlock': { passphrase: 'maple kettle harbor' },
  'auth.recover': {
    recoveryKey: 'AAAA-BBBB',
    staffId: 'staff-unknown',
    passphrase: 'amber orchard evening'
  },
  'staff.list': {},
  'staff.create': staffMember(),
  'staff.resetPassphrase': { staffId: 'staff-unknown', passphrase: 'amber orchard evening' },
  'staff.setActive': { staffId: 'staff-unknown', active: false },
  'staff.setSupervisor': { staffId: 'staff-unknown', supervisorId: 'staff-unknown-supervisor' },
  'clinic.update': { name: 'Riverside Recovery Center North', timeZone: 'America/Chicago' },
  'groups.list': {},
  'groups.get': { groupId: 'group-unknown' },
  'groups.create': group({ name: 'Morning MH IOP', track: 'mental_health' }),
  'groups.update': { groupId: 'group-unknown', group: group() },
  'groups.roster': { groupId: 'group-unknown' },
  'participants.list': {},
  'participants.get': { participantId: 'participant-unknown' },
  'participants.create': participant('C-900', {
    goals: [{ id: 'goal-1', text: 'Attend three groups a week', status: 'in_progress' }]
  }),
  'participants.update': {
    participantId: 'participant-unknown',
    participant: participant('C-901', {
      status: 'discharged',
      discharge: { date: '2026-11-20', type: 'completed' }
    })
  },
  'enrollments.create': {
    groupId: 'group-unknown',
    participantId: 'participant-unknown',
    joinDate: '2026-11-23'
  },
  'enrollments.end': { enrollmentId: 'enrollment-unknown', exitDate: '2026-11-23' },
  'sessions.list': { groupId: 'group-unknown' },
  'sessions.agenda': { groupId: 'group-unknown' },
  'sessions.saveAgenda': { groupId: 'group-unknown', segments: defaultAgenda() },
  'sessions.plan': sessionPlan(),
  'sessions.updatePlan': { sessionId: 'session-unknown', plan: sessionPlan() },
  'sessions.get': { sessionId: 'session-unknown' },
  'sessions.act': { sessionId: 'session-unknown', action: { type: 'start' } },
  'sessions.attendance': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    status: 'present',
    timeIn: null,
    timeOut: null
  },
  'sessions.addWalkIn': { sessionId: 'session-unknown', participantId: 'participant-unknown' },
  'sessions.observe': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    tag: 'supported_peer',
    text: 'Offered a ride to a peer'
  },
  'sessions.openSafety': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    protocol: 'impaired'
  },
  'sessions.safetyStep': {
    sessionId: 'session-unknown',
    checklistId: 'checklist-unknown',
    stepId: 'assess',
    done: true
  },
  'sessions.audience': { sessionId: 'session-unknown' },
  'sessions.openProjector': { sessionId: 'session-unknown' },
  'curriculum.list': {},
  'curriculum.get': { moduleId: 'module-unknown' },
  'curriculum.search': { query: 'cravings', week: 2, kind: 'educational', tag: null },
  'curriculum.source': { moduleId: 'module-unknown' },
  'curriculum.save': { moduleId: 'module-unknown', text: '---\nid: x\n---\n# Slide' },
  'curriculum.duplicate': { moduleId: 'module-unknown' },
  'curriculum.revert': { moduleId: 'module-unknown', versionIndex: 0 },
  'curriculum.cycles': {},
  'curriculum.saveCycle': {
    cycleId: null,
    cycle: {
      name: 'Evening order',
      slots: [{ educationalModuleId: 'edu-01-brain', skillsModuleId: 'skl-01-daily-schedule' }]
    }
  },
  'curriculum.groupCycle': { groupId: 'group-unknown' },
  'curriculum.setGroupCycle': { groupId: 'group-unknown', cycleId: 'starter' },
  'curriculum.proposal': { groupId: 'group-unknown', date: '2026-11-23' },
  'curriculum.coverage': { participantId: 'participant-unknown' },
  'curriculum.exportPack': { moduleIds: ['module-unknown'] },
  'curriculum.previewPack': { file: UNCHOSEN_FILE },
  'curriculum.importPack': { file: UNCHOSEN_FILE },
  'notes.owed': { mine: true, signedToo: false },
  'notes.session': { sessionId: 'session-unknown' },
  'notes.saveGroupPart': {
    sessionId: 'session-unknown',
    groupPart: { topics: 'Cravings', interventions: 'Psychoeducation', dynamics: 'Engaged' }
  },
  'notes.saveDraft': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    baseRevision: 0,
    body: {
      sections: { data: 'Shared a craving plan.', assessment: '', plan: '' },
      goals: [{ goalId: 'goal-1', addressed: true, progress: 'Practised urge surfing' }],
      risk: 'low',
      riskText: 'Denies thoughts of self-harm',
      followUp: ''
    }
  },
  'notes.check': { sessionId: 'session-unknown', participantId: 'participant-unknown' },
  'notes.sign': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    overrides: [{ check: 'cloned', message: 'Read and confirmed' }]
  },
  'notes.cosign': { sessionId: 'session-unknown', participantId: 'participant-unknown' },
  'notes.cosignList': {},
  'notes.addendum': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown',
    text: 'Late entry: left at 11:40 for a medical appointment.'
  },
  'notes.print': { sessionId: 'session-unknown', participantId: null },
  'notes.groupFormat': { groupId: 'group-unknown' },
  'notes.setFormat': { groupId: 'group-unknown', format: 'BIRP' },
  'clinic.sessionSettings': {},
  'clinic.updateSessionSettings': { ...DEFAULT_SESSION_SETTINGS, dailyMinimumMinutes: 165 },
  'measures.record': {
    participantId: 'participant-unknown',
    measureId: 'phq9',
    takenOn: '2026-11-20',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 0]
  },
  'measures.list': { participantId: 'participant-unknown' },
  'measures.followUpDone': {
    entryId: 'entry-unknown',
    note: 'Assessed privately; safe plan made.'
  },
  'measures.schedules': {},
  'measures.setSchedules': {
    track: 'mental_health',
    schedules: [{ measureId: 'phq9', atAdmission: true, everyWeeks: 4 }]
  },
  'measures.owed': {},
  'progress.participant': { participantId: 'participant-unknown' },
  'progress.group': { groupId: 'group-unknown' },
  'progress.print': { participantId: 'participant-unknown' },
  'reports.run': {
    kind: 'attendance',
    from: '2026-11-01',
    to: '2026-11-30',
    groupId: 'group-unknown'
  },
  'reports.export': { kind: 'weekly_hours', from: '2026-11-01', to: '2026-11-30', groupId: null },
  'backups.create': {},
  'backups.preview': { file: UNCHOSEN_FILE },
  'backups.restore': { file: UNCHOSEN_FILE },
  'files.choose': { kind: 'backup' },
  'recovery.inspectBackup': { file: UNCHOSEN_FILE },
  'security.rotateKey': { passphrase: 'not the one', understood: true },
  'recovery.restoreBackup': { file: UNCHOSEN_FILE, staffId: 'staff-1', passphrase: 'not the one' },
  'audit.list': { from: '2026-11-01', to: '2026-11-30', action: 'sign_in', text: 'Robin' },
  'audit.merged': { filter: { action: 'sign_in' }, computerId: 'computer-1' },
  'audit.export': {},
  'groups.serviceCode': { groupId: 'group-unknown' },
  'groups.setServiceCode': { groupId: 'group-unknown', code: 'S9480' },
  'agreements.current': {},
  'agreements.save': { items: [{ heading: 'Respect', text: 'Treat everyone with respect.' }] },
  'sessions.agreements': { sessionId: 'session-unknown' },
  'sessions.acknowledgeAgreements': {
    sessionId: 'session-unknown',
    participantId: 'participant-unknown'
  },
  'sessions.round': {
    sessionId: 'session-unknown',
    action: { type: 'next', segmentId: 'check-in' }
  },
  'consents.list': { participantId: 'participant-unknown' },
  'consents.add': {
    participantId: 'participant-unknown',
    discloser: 'Riverside Recovery Center',
    recipient: 'County Drug Court',
    purpose: 'Report attendance and progress to the court',
    information: ['progress_notes'],
    amount: 'Notes from admission to discharge',
    signedOn: '2026-11-20',
    expiresOn: '2027-05-20',
    expiryEvent: null
  },
  'consents.end': { consentId: 'consent-unknown', on: '2026-11-23', reason: 'revoked' },
  'sessions.updateProtocol': {
    sessionId: 'session-unknown',
    checklistId: 'checklist-unknown',
    riskLevel: 'moderate',
    record: 'Said they felt unsafe at home'
  },
  'sessions.finishProtocol': {
    sessionId: 'session-unknown',
    checklistId: 'checklist-unknown',
    riskLevel: 'low',
    record: '',
    ownerId: 'staff-unknown',
    dueOn: '2026-11-30'
  },
  'sessions.cancel': { sessionId: 'session-unknown', reason: 'weather', detail: 'Ice storm' },
  'sessions.registerWalkIn': { sessionId: 'session-unknown', participant: participant('C-902') },
  'sessions.everyoneOut': { sessionId: 'session-unknown' },
  'sessions.printHandouts': { sessionId: 'session-unknown', withNames: true },
  'curriculum.printHandout': { moduleId: 'module-unknown', participantName: null },
  'followUps.list': { participantId: null },
  'followUps.close': { followUpId: 'follow-up-unknown', outcome: 'Called; safety plan reviewed' },
  'clinic.contacts': {},
  'clinic.setContacts': { contacts: DEFAULT_CLINIC_CONTACTS },
  'home.day': {},
  'enrollments.bulk': {
    groupId: 'group-unknown',
    joinDate: '2026-11-23',
    people: [
      {
        line: 1,
        fullName: 'Jordan Alvarez',
        preferredName: '',
        clientId: 'C-1',
        dateOfBirth: '1990-05-04',
        admissionDate: '2026-11-02',
        track: 'substance_use'
      }
    ]
  },
  'recovery.inspectTransfer': { file: UNCHOSEN_FILE },
  'recovery.joinClinic': { file: UNCHOSEN_FILE, staffId: 'staff-1', passphrase: 'not the one' },
  'sync.status': {},
  'sync.setMachineName': { name: 'Group room laptop' },
  'sync.exportTransfer': { peerId: 'machine-unknown' },
  'sync.importTransfer': { file: UNCHOSEN_FILE },
  // Off: a test never reaches for a server it did not start.
  'sync.setServer': {
    url: 'http://127.0.0.1:9/iop',
    username: 'group-room',
    password: '',
    enabled: false
  },
  'sync.conflicts': {},
  'sync.resolveConflict': { docId: 'r-unknown', keep: '1-0' }
}

export function segment(overrides: Record<string, unknown> = {}) {
  return {
    id: 'educational',
    kind: 'educational',
    title: 'Educational segment',
    plannedMinutes: 45,
    countable: true,
    moduleId: null,
    ...overrides
  }
}

export function sessionPlan(overrides: Record<string, unknown> = {}) {
  return {
    groupId: 'group-unknown',
    date: '2026-11-23',
    facilitatorIds: ['staff-unknown'],
    segments: defaultAgenda(),
    ...overrides
  }
}

/**
 * A copy of the template clinic with its administrator signed in, on a clock
 * the test moves by hand (`clock.now`), from Monday 23 November 2026, 9:00 in
 * Chicago unless told otherwise.
 */
export async function clinicOnClock(
  template: Template,
  start = NOW
): Promise<{ core: Core; dir: string; clock: { now: number } }> {
  const clock = { now: start }
  const { core, dir } = await signedInCopy(template, {
    now: () => clock.now,
    monotonic: () => clock.now
  })
  return { core, dir, clock }
}

/** Someone to enrol: a name, a client ID and their own track (substance use unless told). */
export interface Enrolee {
  fullName: string
  clientId: string
  track?: string
}

/**
 * A Monday 9:00 group of three hours (fields overridden by `groupFields`, which
 * names its facilitators) with `people` registered (admitted 1 November) and
 * enrolled from 2 November; answers the group's id and the people's ids, in order.
 */
export async function groupWithPeople(
  core: Core,
  groupFields: Record<string, unknown> & { facilitatorIds: string[] },
  people: ReadonlyArray<Enrolee>
): Promise<{ groupId: string; people: string[] }> {
  const created = await value<{ id: string }>(
    core.handle('groups.create', {
      name: 'Evening Recovery',
      track: 'substance_use',
      admission: 'open',
      meetingDays: ['mon'],
      startTime: '09:00',
      defaultMinutes: 180,
      capacity: 12,
      ...groupFields
    })
  )
  const enrolled: string[] = []
  for (const person of people) {
    const p = await value<{ id: string }>(
      core.handle(
        'participants.create',
        participant(person.clientId, {
          fullName: person.fullName,
          preferredName: '',
          dateOfBirth: '1990-01-01',
          admissionDate: '2026-11-01',
          track: person.track ?? 'substance_use'
        })
      )
    )
    await value(
      core.handle('enrollments.create', {
        groupId: created.id,
        participantId: p.id,
        joinDate: '2026-11-02'
      })
    )
    enrolled.push(p.id)
  }
  return { groupId: created.id, people: enrolled }
}

/**
 * The group's session of 23 November on the default agenda, led by
 * `facilitatorIds`: everyone marked present from the clock, started, ended
 * three hours later; `during` runs 40 minutes in, while it is under way.
 */
export async function endedSessionOf(
  core: Core,
  clock: { now: number },
  options: {
    groupId: string
    people: ReadonlyArray<string>
    facilitatorIds: string[]
    during?: (sessionId: string) => Promise<void>
  }
): Promise<SessionView> {
  const session = await value<SessionView>(
    core.handle('sessions.plan', {
      groupId: options.groupId,
      date: '2026-11-23',
      facilitatorIds: options.facilitatorIds,
      segments: defaultAgenda()
    })
  )
  for (const participantId of options.people) await markPresent(core, session.id, participantId)
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'start' } }))
  clock.now += 40 * 60_000
  await options.during?.(session.id)
  clock.now += 140 * 60_000
  await value(core.handle('sessions.act', { sessionId: session.id, action: { type: 'end' } }))
  return session
}

/** Saves a draft note with `body` and signs it, confirming whatever the pre-sign checks raise. */
export async function writeAndSign(
  core: Core,
  ref: { sessionId: string; participantId: string },
  body: {
    sections: Record<string, string>
    goals: unknown[]
    risk: string
    riskText: string
    followUp: string
  }
): Promise<void> {
  await value(core.handle('notes.saveDraft', { ...ref, baseRevision: 0, body }))
  const findings = await value<Array<{ check: string; message: string }>>(
    core.handle('notes.check', ref)
  )
  await value(core.handle('notes.sign', { ...ref, overrides: findings }))
}

/** Someone marked present, as of now (no time in or out given). */
export function markPresent(core: Core, sessionId: string, participantId: string) {
  return value(
    core.handle('sessions.attendance', {
      sessionId,
      participantId,
      status: 'present',
      timeIn: null,
      timeOut: null
    })
  )
}
