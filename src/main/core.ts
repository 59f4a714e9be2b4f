import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { z } from 'zod'
import { contract, type EventPayload, type Notice } from '../shared/ipc/contract'
import { isChannelName, type ChannelName, type EventName } from '../shared/ipc/names'
import { fail, ok, RuleError, type Result } from '../shared/result'
import { handlers, type CoreSession, type HandlerSpec } from './handlers'
import { toStaff, type ServiceContext, type StaffKeys } from './services/context'
import { openCurriculum, readShipped } from './services/curriculum'
import { SessionClockWatch } from './services/session-clock'
import { audienceView } from './services/sessions'
import { ChosenFiles, type ChooseFile } from './services/chosen-files'
import { openMeasures, type MeasuresFile } from './store/measures'
import type { CurriculumLibrary } from './services/curriculum'
import { copyFile, mkdir, rm } from 'node:fs/promises'
import type { FileCodec } from './store/codec'
import { sealedCodec } from './security/sealed-codec'
import {
  canonicalJson,
  ClinicFileCodec,
  forgetClinicFileRead,
  prepareClinicFile,
  REGISTRY_FILE_KIND,
  macMatches,
  macOf,
  purposeKey,
  type ClinicKeys,
  type Keyring
} from './security/clinic-file'
import { fileOpens } from './security/file-check'
import {
  findClinic,
  LEGACY_KEYRING_FILE,
  readLegacyKeyring,
  type ClinicFound
} from './security/clinic-open'
import { keyOpensClinic } from './security/clinic-check'
import { openPrevious, sealAgain, sealPrevious } from './security/rotation'
import { readTransfer, SyncService } from './sync/service'
import { writeFileAtomic } from './store/atomic-write'
import { readJoinFile } from './sync/engine'
import { MachineLogs } from './sync/machine-logs'
import type { TransferReport } from '../shared/domain/sync'
import type { LocalStores } from './sync/local-records'
import type { JournalEntry } from './store/journal'
import { backupKeyring, unlockBackup } from './security/backup-unlock'
import { checkBackupBelongs, installBackup, loadBackup, summaryOf } from './services/backups'
import {
  newLogKey,
  SealedLogCodec,
  sealedLogCheckpoint,
  sealedLogHead
} from './security/sealed-log'
import {
  newDataKey,
  newRecoveryKey,
  parseRecoveryKey,
  unwrapKey,
  unwrapWithRecoveryKey,
  wrapKey,
  wrapWithRecoveryKey
} from './security/crypto'
import { emptyRegistry } from './store/registry'
import { AccessLog } from './store/access-log'
import { AUDIT, type AuditFn } from './audit'
import { RECOVERY_KEY, SignInThrottle, tooManyRecoveryKeys } from './security/throttle'
import { openRegistry, type Registry } from './store/registry'
import { SessionFiles } from './store/session-files'
import { removeLeftoverTemporaryFiles } from './store/leftover-files'
import { StoreError, type RecoveryEvent, type VersionedDocument } from './store/versioned-document'

/** What only the desktop shell can do; the test host leaves it out. */
export interface Desktop {
  /** Opens the audience window (on the external display when there is one). */
  openProjector(sessionId: string): Promise<boolean>
  /** Keeps the display awake while a session runs. */
  keepAwake(on: boolean): void
  /** Renders an HTML document to PDF (Electron's printToPDF). */
  printToPdf?(html: string): Promise<Uint8Array>
  /** Opens the system's print dialog for an HTML document; resolves once it is printed or not. */
  printToPrinter?(html: string): Promise<void>
}

export type { ChooseFile, PickedFile } from './services/chosen-files'

export interface CoreOptions {
  dataDir: string
  /** The shipped curriculum (`resources/curriculum`); null for none. */
  curriculumDir?: string | null
  now?: () => number
  /** A clock that only moves forward, to tell a changed wall clock from time passing. */
  monotonic?: () => number
  /** How long the app is idle before the records' journals are folded into their files. */
  journalIdleMs?: number
  newId?: () => string
  desktop?: Desktop
  /**
   * How a person picks a backup or a pack to import: the desktop's open-file
   * dialog, or the test host's upload area. Absent: no file can be chosen.
   */
  chooseFile?: ChooseFile
  /**
   * What marks this computer for sync (tests: two data folders taken as one computer); by
   * default the computer's name, account and machine id, and the data folder's place.
   */
  syncComputer?: string
}

export type CoreListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/**
 * The app without any transport: every contract channel, checked and answered.
 * Electron's IPC (`ipc.ts`) and the browser test host are two ways of calling it.
 */
export interface Core {
  handle(channel: unknown, input: unknown): Promise<Result<unknown>>
  subscribe(listener: CoreListener): () => void
  /** Call about once a second: watches the clock while a session runs. */
  tick(): Promise<void>
  /** The computer woke from sleep: the monotonic clock stood still meanwhile. */
  systemResumed(): void
  readonly dataDir: string
  /**
   * Settles once what the app reads ahead while the sign-in screen waits (the shipped
   * curriculum, the clinic file made ready to decrypt) is read. Never rejects.
   */
  readonly readAhead: Promise<void>
  /**
   * Stops the clock checks and replication, folds the journals into their files and lets go of
   * every open file. The core answers nothing after it. Tests call it; the desktop app may quit
   * without it (every change is on disk already; a journal left is folded at the next opening).
   */
  close(): Promise<void>
}

/**
 * Before the records are open: the clinic as the keyring tells it, and nobody on the staff
 * list. For a fresh folder, `create` makes the clinic file from the first change (setup), so
 * the keys, the clinic and its first administrator are written together, once.
 */
function placeholderRegistry(
  keyring: Keyring | null,
  create?: (initial: Registry) => Promise<void>
): VersionedDocument<Registry> {
  const data = { ...emptyRegistry(), clinic: keyring?.clinic ?? null }
  const update = async <R>(change: (draft: Registry) => R): Promise<R> => {
    if (!create) throw new RuleError('not_signed_in', 'Sign in to do that.')
    const draft = emptyRegistry()
    const result = change(draft)
    await create(draft)
    return result
  }
  const nothing = async () => undefined
  return {
    data,
    recovery: [],
    update,
    path: '',
    revisions: {},
    compact: nothing,
    close: nothing
  } as unknown as VersionedDocument<Registry>
}

/** What still works while the screen is locked: the projector shows only timing and slides. */
const WHILE_LOCKED: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'sessions.audience',
  'auth.lock'
])

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now
  const newId = options.newId ?? randomUUID
  const startedAt = now()
  // Before anything reads the folder: half-written copies from writes a kill interrupted.
  await removeLeftoverTemporaryFiles(options.dataDir)
  /**
   * Encryption at rest: a clinic set up by this version has a keyring, and its
   * records open only once a staff member's passphrase unwraps the data key.
   * Until then the core knows only what the keyring says (clinic name, who may
   * sign in). A fresh folder waits for setup, which makes the key. A folder of
   * records from before encryption (no keyring) opens in clear, as it was.
   */
  let found: ClinicFound = await findClinic(options.dataDir)
  // While the sign-in screen waits, the clinic file just read is made ready to decrypt (its
  // sealed part decoded and digested): the sign-in then only decrypts (issue 18).
  const clinicFileReady = new Promise<void>((resolve) =>
    setImmediate(() => {
      if (found.state === 'sealed') prepareClinicFile()
      resolve()
    })
  )
  let keyring: Keyring | null = found.state === 'sealed' ? found.keyring : null
  let dataKey: Buffer | null = null
  /** The registry's codec once the records are open: the clinic file with the keyring in it. */
  let clinicCodec: ClinicFileCodec | null = null
  /** The keys made at setup, until the clinic file holds them. */
  let setupKeys: ClinicKeys | null = null
  let storesOpen = found.state === 'clear'
  /** Changes saved to the registry since the app opened: tells whether a call moved a line of it. */
  let registryWrites = 0
  /** Whether the once-a-second clock check may run (not while the records are being opened). */
  let ticking = true
  /** Keys the clinic used before its key was changed (opened with the current one). */
  let previousKeys: Buffer[] = []
  const codec = (): FileCodec | undefined =>
    dataKey && keyring ? sealedCodec(dataKey, keyring.clinicId, previousKeys) : undefined
  let registry = storesOpen
    ? await openRegistry(
        options.dataDir,
        now,
        undefined,
        undefined,
        undefined,
        options.journalIdleMs
      )
    : placeholderRegistry(keyring)
  const notices: Notice[] = registry.recovery.map((event) => toNotice(event, now, newId))
  const listeners = new Set<CoreListener>()
  let signedInId: string | null = null
  /** Locked: the signed-in person stays signed in, but nothing private is answered until they unlock. */
  let locked = false
  const chosenFiles = new ChosenFiles(options.chooseFile)

  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload)
  }
  /** How many daily copies of each file are kept: a setting. */
  const retention = () => registry.data.sessionSettings.backupDays
  const openSessionFiles = () =>
    new SessionFiles(
      join(options.dataDir, 'sessions'),
      now,
      (events) => {
        notices.push(...events.map((event) => toNotice(event, now, newId)))
        emit('notices.changed', { count: notices.length })
      },
      codec(),
      retention
    )
  /**
   * The modules shipped with the app are read as soon as the app opens, while the sign-in
   * screen waits for a passphrase: the first sign-in does not wait for them. Later openings
   * read them again.
   */
  let shippedAhead: ReturnType<typeof readShipped> | null = readShipped(
    options.curriculumDir ?? null
  )
  // Its failure, if any, is met where it is awaited; never as an unhandled rejection.
  shippedAhead.catch(() => undefined)
  const openCurriculumLibrary = () => {
    const shipped = shippedAhead
    shippedAhead = null
    return openCurriculum({
      dataDir: options.dataDir,
      shippedDir: options.curriculumDir ?? null,
      now,
      codec: codec(),
      keepBackups: retention,
      shipped
    })
  }
  /**
   * The access log is sealed when the clinic has a log key: lines can be added from the
   * start (a refused sign-in), and read only once the data key is at hand. With the key, a
   * clinic set up before the log was sealed gets a log key (its log is sealed from now on),
   * and a log key that does not open with the data key was changed: a new one is made, and
   * the lines written under the old one show as a break in the log, not as a clinic that
   * cannot open.
   */
  const logCodec = async (): Promise<SealedLogCodec | undefined> => {
    if (!keyring) return undefined
    const existing = keyring.log ? new SealedLogCodec(keyring.clinicId, keyring.log) : undefined
    // The log stays under the key it was begun with: after a change of key, an older one.
    if (!dataKey || existing?.unlock(dataKey)) return existing
    if (existing && previousKeys.some((k) => existing.unlock(k))) return existing
    if (existing) console.error('[core] the access log key did not open; a new one was made')
    const log = newLogKey(dataKey, keyring.clinicId)
    await registry.update((draft) => {
      if (draft.keys) draft.keys.log = log
    })
    keyring = clinicCodec?.header?.keyring ?? { ...keyring, log }
    const made = new SealedLogCodec(keyring.clinicId, log)
    made.unlock(dataKey)
    return made
  }
  const openAccessLog = async () => {
    const codec = await logCodec()
    return AccessLog.open(options.dataDir, now, {
      ...(codec && keyring
        ? {
            codec,
            head: sealedLogHead(options.dataDir, keyring.clinicId, dataKey, previousKeys),
            checkpoint: sealedLogCheckpoint(options.dataDir, keyring.clinicId, dataKey)
          }
        : {}),
      anchors: () => {
        const anchor = clinicCodec?.header?.anchor
        return anchor ? [anchor] : []
      },
      timeZone: () => registry.data.clinic?.timeZone ?? 'UTC'
    })
  }
  let sessions = openSessionFiles()
  // Until the records are open these are never reached: every channel that uses them needs
  // someone signed in, and signing in opens them first.
  let curriculum = storesOpen
    ? await openCurriculumLibrary()
    : (null as unknown as CurriculumLibrary)
  let measures = storesOpen
    ? await openMeasures(options.dataDir, now, undefined, undefined, options.journalIdleMs)
    : (null as unknown as VersionedDocument<MeasuresFile>)
  let accessLog = await openAccessLog()
  if (storesOpen) {
    notices.push(...curriculum.recovery.map((event: RecoveryEvent) => toNotice(event, now, newId)))
    notices.push(...measures.recovery.map((event: RecoveryEvent) => toNotice(event, now, newId)))
  }

  /** The clinic file as the key check at sign-in read it, until the records open. */
  let checkedRead: ClinicFileCodec | null = null
  /** The registry as the clinic file: sealed, with the keyring in it, once a key is at hand. */
  const openClinicRegistry = async (initial?: Registry) => {
    if (!dataKey || !keyring) {
      return openRegistry(
        options.dataDir,
        now,
        undefined,
        undefined,
        undefined,
        options.journalIdleMs
      )
    }
    const legacyId = found.state === 'sealed' && found.legacy ? keyring.clinicId : null
    clinicCodec = new ClinicFileCodec(dataKey, legacyId, () => accessLog?.lastPosition() ?? null)
    if (checkedRead) clinicCodec.takeLastRead(checkedRead)
    checkedRead = null
    const opened = await openRegistry(
      options.dataDir,
      now,
      clinicCodec,
      retention,
      initial ? () => initial : undefined,
      options.journalIdleMs
    )
    if (!opened.data.keys) {
      // Upgraded from the version before: the keyring file's contents move into the clinic
      // file (one write), and the old keyring file, now redundant, is removed.
      const legacy = await readLegacyKeyring(options.dataDir)
      const keys: ClinicKeys = {
        clinicId: keyring.clinicId,
        recovery: keyring.recovery,
        ...(keyring.log ? { log: keyring.log } : {})
      }
      await opened.update((draft) => {
        draft.keys = keys
        for (const staff of draft.staff) {
          const entry = legacy?.staff.find((s) => s.staffId === staff.id)
          if (entry && staff.active) staff.wrapped = entry.wrapped
        }
      })
      await rm(join(options.dataDir, LEGACY_KEYRING_FILE), { force: true })
    }
    if (clinicCodec.rebuilt && opened.recovery.length === 0) {
      // The keyring did not hold over intact records: the changed file is kept for IT, and
      // the keyring is written again from the records.
      const damaged = join(options.dataDir, 'damaged')
      await mkdir(damaged, { recursive: true })
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-')
      await copyFile(opened.path, join(damaged, `registry-keyring-changed-${stamp}.json`))
      await opened.rewrite()
      notices.push({
        id: newId(),
        kind: 'keyring_rebuilt',
        at: new Date(now()).toISOString(),
        damagedCopy: join(damaged, `registry-keyring-changed-${stamp}.json`),
        message:
          'The keyring at the head of the records file was changed or damaged, so the app rebuilt it from the records, which were intact: nothing was lost. The changed file was kept, untouched, for your IT support.'
      })
    }
    keyring = clinicCodec.header?.keyring ?? keyring
    found = { state: 'sealed', keyring, legacy: false, fromCopy: null }
    return opened
  }

  /** The other computers' access logs, as they arrived: opened when first needed. */
  let machineLogs: Promise<MachineLogs> | null = null
  const openMachineLogs = (): Promise<MachineLogs> => {
    if (!machineLogs) {
      const opening = MachineLogs.open(options.dataDir, now, codec())
      opening.catch(() => {
        if (machineLogs === opening) machineLogs = null
      })
      machineLogs = opening
    }
    return machineLogs
  }
  /** Records across machines: opened when an administrator first asks, or at sign-in once set up. */
  let sync: Promise<SyncService> | null = null
  const openSync = (): Promise<SyncService> => {
    const key = dataKey
    const clinicId = keyring?.clinicId
    const sealing = codec()
    if (!key || !clinicId || !sealing || !storesOpen) {
      return Promise.reject(
        new RuleError(
          'conflict',
          'Records move between computers only for a clinic whose records are encrypted.'
        )
      )
    }
    if (!sync) {
      const opening = SyncService.open({
        dataDir: options.dataDir,
        dataKey: key,
        clinicId,
        codec: sealing,
        now,
        stores: () => ({
          registry: registry as unknown as LocalStores['registry'],
          measures: measures as VersionedDocument<unknown>,
          sessions
        }),
        onChange: (state) => emit('sync.changed', { state }),
        accessLog: () => accessLog,
        machineLogs: openMachineLogs,
        ...(options.syncComputer ? { computer: options.syncComputer } : {})
      })
      opening.catch(() => {
        if (sync === opening) sync = null
      })
      sync = opening
    }
    return sync
  }
  const closeSync = async () => {
    const open = sync
    sync = null
    if (open) await (await open).close().catch(() => undefined)
    const logs = machineLogs
    machineLogs = null
    if (logs) await (await logs).close().catch(() => undefined)
  }
  /** Replicating with the clinic server runs while someone is signed in and the screen unlocked. */
  const resumeSync = () => {
    if (!dataKey || !existsSync(join(options.dataDir, 'sync.json'))) return
    void openSync()
      .then((service) => service.resume())
      .catch(() => undefined)
  }
  const pauseSync = () => {
    void sync?.then((service) => service.pause()).catch(() => undefined)
  }
  /** A change saved here goes to the sync mirror, for the clinic server. */
  const toSync = (document: VersionedDocument<unknown>, entries: JournalEntry[]) => {
    void sync?.then((service) => service.localChange(document, entries)).catch(() => undefined)
  }

  /**
   * Folds the journals of the open records into their files (the app locks, backs up, or is
   * about to read them again): off the interactive path.
   */
  const foldJournals = async () => {
    await registry.compact()
    await measures.compact()
  }

  /** Every store read (again) from the files in the data folder, sealed when the clinic has a key. */
  const openStores = async (initial?: Registry) => {
    // The documents read before are let go of, their journals folded in, so none writes later.
    if (storesOpen) {
      await closeSync()
      await registry.close()
      await measures.close()
    }
    registry = await openClinicRegistry(initial)
    previousKeys =
      dataKey && keyring
        ? openPrevious(registry.data.keys?.previous, dataKey, keyring.clinicId)
        : []
    clinicCodec?.useKey(dataKey!, previousKeys)
    sessions = openSessionFiles()
    curriculum = await openCurriculumLibrary()
    measures = await openMeasures(options.dataDir, now, codec(), retention, options.journalIdleMs)
    registry.onChange(toSync)
    registry.onChange(() => (registryWrites += 1))
    measures.onChange(toSync)
    sessions.onChange(toSync)
    accessLog = await openAccessLog()
    storesOpen = true
    for (const events of [registry.recovery, curriculum.recovery, measures.recovery]) {
      notices.push(...events.map((event: RecoveryEvent) => toNotice(event, now, newId)))
    }
  }
  /** After a restore: every store read again from the files now in the data folder. */
  const reloadStores = async () => {
    await openStores()
    if (!signedIn()) signedInId = null
  }

  /**
   * A break in the access log found as the records open (lines cut, the log deleted or rolled
   * back with its head, a refused sign-in removed) is written to the log itself and shown to
   * administrators as a notice, once per opening.
   */
  const reportLogBreak = async () => {
    const verdict = accessLog.verify()
    if (verdict.intact) return
    const reason = verdict.reason.slice(0, 280)
    await accessLog
      .append({
        staffId: null,
        staffName: 'IOP Facilitator',
        action: 'log_break',
        subject: 'access log',
        detail: reason
      })
      .catch(() => undefined)
    notices.push({
      id: newId(),
      kind: 'log_break',
      at: new Date(now()).toISOString(),
      damagedCopy: null,
      message: `The access log is not as the app left it: ${reason} This was written to the access log. Administrators can see the details under Access log.`
    })
  }

  /**
   * Changes the clinic's data key. The clinic file is written first, under the new key, with
   * the old key sealed inside it, a new recovery key, and a copy of the new key for the
   * administrator doing it (everyone else is given a new passphrase by an administrator: their
   * old copies open only the old key). Then every other file is sealed again, with progress
   * shown; a kill at any point leaves each file under one of the two keys, which the clinic
   * file holds, and the change is finished at the next opening.
   */
  const rotateKey = async (adminId: string, passphrase: string): Promise<Result<unknown>> => {
    if (!dataKey || !keyring || !clinicCodec) {
      return fail(
        'conflict',
        'This clinic’s records are not encrypted, so it has no key to change.'
      )
    }
    const entry = registry.data.staff.find((s) => s.id === adminId)
    const mine = entry?.wrapped ? await unwrapKey(entry.wrapped, passphrase) : null
    if (!mine?.ok || !mine.value.equals(dataKey)) {
      return fail('wrong_passphrase', 'That passphrase is not right. Check it and try again.')
    }
    const oldKey = dataKey
    const newKey = newDataKey()
    const recoveryKey = newRecoveryKey()
    const recoveryBytes = parseRecoveryKey(recoveryKey)
    if (!recoveryBytes.ok) throw new Error('recovery key')
    const wrapped = await wrapKey(newKey, passphrase)
    const clinicId = keyring.clinicId
    const older = [oldKey, ...previousKeys]
    const codecBefore = clinicCodec
    let others = 0
    try {
      await registry.update((draft) => {
        if (!draft.keys) throw new RuleError('conflict', 'This clinic has no keys to change.')
        draft.keys.recovery = wrapWithRecoveryKey(newKey, recoveryBytes.value)
        draft.keys.previous = older.map((k) => sealPrevious(k, newKey, clinicId))
        draft.keys.rotating = { startedAt: new Date(now()).toISOString() }
        for (const staff of draft.staff) {
          if (staff.id === adminId) staff.wrapped = wrapped
          else if (staff.wrapped) {
            delete staff.wrapped
            others++
          }
        }
        codecBefore.useKey(newKey, older)
      })
    } catch (error) {
      codecBefore.useKey(oldKey, previousKeys)
      throw error
    }
    dataKey = newKey
    keyring = clinicCodec.header?.keyring ?? keyring
    await openStores()
    await finishRotation()
    return ok({ recoveryKey, staffToReset: others })
  }

  /** Seals every file again under the current key, then marks the change of key done. */
  const finishRotation = async () => {
    if (!dataKey || !keyring) return
    // Journal lines are sealed under the key of their time: folded in first, then sealed again.
    await foldJournals()
    await sealAgain(options.dataDir, keyring.clinicId, dataKey, previousKeys, (progress) =>
      emit('security.rotation', progress)
    )
    await registry.update((draft) => {
      if (draft.keys) delete draft.keys.rotating
    })
    await registry.copyNow()
  }

  /** Opens the records with a data key: only a key that opens the clinic's own records. */
  const openWith = async (key: Buffer): Promise<Result<null>> => {
    if (!keyring) return fail('conflict', 'There are no encrypted records to open.')
    const legacyId = found.state === 'sealed' && found.legacy ? keyring.clinicId : null
    const check = new ClinicFileCodec(key, legacyId, () => null)
    const fits = await keyOpensClinic(options.dataDir, key, keyring.clinicId, found, check)
    // The clinic file read by the check is opened from memory, not decrypted again.
    checkedRead = fits === 'fits' ? check : null
    if (fits === 'does_not_fit') {
      return fail(
        'storage_failed',
        'The keyring does not fit the records in this folder: it was changed or belongs to another clinic. Nothing was changed. Restore the clinic from a backup, or call your IT support.'
      )
    }
    if (fits === 'other_clinic') {
      return fail(
        'storage_failed',
        `The records file here belongs to another clinic (“${keyring.clinic.name.slice(0, 80)}”) than the other records in this folder. Nothing was changed. Restore this clinic’s records from a backup, or call your IT support.`
      )
    }
    dataKey = key
    // No clock check runs between opening the records and noting how long the app was away:
    // a heartbeat written first would read as the clock having gone back.
    ticking = false
    try {
      await openStores()
      await reportLogBreak()
      // A change of key cut short by a crash or a kill is finished now.
      if (registry.data.keys?.rotating) await finishRotation()
      for (const sessionId of await clock.reopen(startedAt).catch(() => [])) {
        await sessionChanged(sessionId)
      }
    } catch (error) {
      dataKey = null
      storesOpen = false
      throw error
    } finally {
      ticking = true
      // The records are open (or could not be): the file's keyless parts are let go of.
      forgetClinicFileRead()
    }
    return ok(null)
  }

  /** Unwraps the data key with a staff member's passphrase and opens the records. */
  const unseal = async (
    staffId: string,
    passphrase: string
  ): Promise<Result<{ passphraseProven: boolean }>> => {
    const entry = keyring?.staff.find((s) => s.staffId === staffId)
    if (!entry) {
      return fail('wrong_passphrase', 'That passphrase is not right. Check it and try again.')
    }
    const key = await unwrapKey(entry.wrapped, passphrase)
    if (!key.ok) {
      return fail('wrong_passphrase', 'That passphrase is not right. Check it and try again.')
    }
    const opened = await openWith(key.value)
    if (!opened.ok) return opened
    // The passphrase unwrapped the copy of the key the records themselves keep for this
    // person: it is their current passphrase, and signing in need not derive it again.
    const current = registry.data.staff.find((s) => s.id === staffId)?.wrapped
    return ok({
      passphraseProven:
        current !== undefined && canonicalJson(current) === canonicalJson(entry.wrapped)
    })
  }

  /**
   * Setup of a fresh folder: a new data key and recovery key. The clinic file is written
   * once, by setup's own change, with the keys, the clinic and the first administrator.
   */
  const createKey = async (input: { clinic: { name: string; timeZone: string } }) => {
    const key = newDataKey()
    const recoveryKey = newRecoveryKey()
    const recoveryBytes = parseRecoveryKey(recoveryKey)
    if (!recoveryBytes.ok) throw new Error('recovery key')
    const clinicId = newId()
    setupKeys = {
      clinicId,
      recovery: wrapWithRecoveryKey(key, recoveryBytes.value),
      log: newLogKey(key, clinicId)
    }
    dataKey = key
    keyring = {
      clinicId,
      clinic: { ...input.clinic, createdAt: new Date(now()).toISOString() },
      staff: [],
      recovery: setupKeys.recovery,
      log: setupKeys.log
    }
    registry = placeholderRegistry(null, async (initial) => {
      await openStores(initial)
      setupKeys = null
    })
    return recoveryKey
  }

  const staffKeys = (key: Buffer, clinicId: string): StaffKeys => ({
    wrap: (passphrase) => wrapKey(key, passphrase),
    setup: () => setupKeys,
    clinicId: () => clinicId,
    sign: (purpose, text) => macOf(purposeKey(key, clinicId, purpose), text),
    verify: (purpose, text, mac) => macMatches(purposeKey(key, clinicId, purpose), text, mac),
    opens: (path, bytes) => fileOpens(key, clinicId, path, bytes)
  })
  const context = (): ServiceContext => ({
    registry,
    now,
    newId,
    actor: signedIn(),
    sessions,
    curriculum,
    measures,
    accessLog,
    keys: dataKey && keyring ? staffKeys(dataKey, keyring.clinicId) : null
  })
  /**
   * Tells every window that a session changed. While someone is signed in (the screen may be
   * locked: the projector still shows timing and slides), the projector's share goes with it,
   * so the projector repaints without a further request (issue 18, slide change).
   */
  const sessionChanged = async (sessionId: string): Promise<void> => {
    const audience =
      storesOpen && signedIn()
        ? await audienceView(context(), sessionId).catch(() => undefined)
        : undefined
    emit('session.changed', audience ? { sessionId, audience } : { sessionId })
  }
  const clock = new SessionClockWatch(context, options.monotonic ?? (() => performance.now()))
  let awake = false
  const keepAwakeWhileRunning = () => {
    const running = registry.data.sessions.some((s) => s.status === 'running')
    if (running !== awake) {
      awake = running
      options.desktop?.keepAwake(running)
    }
  }

  const signedIn = () => {
    const staff = registry.data.staff.find((s) => s.id === signedInId)
    return staff && staff.active ? staff : null
  }

  const session: CoreSession = {
    signIn: (staffId) => {
      signedInId = staffId
      locked = false
      resumeSync()
    },
    signOut: () => {
      signedInId = null
      locked = false
      pauseSync()
    },
    lock: () => {
      locked = signedInId !== null
      pauseSync()
      // Nobody is at the keyboard: a good moment to fold the journals in.
      if (storesOpen) void foldJournals().catch(() => undefined)
    },
    unlock: () => {
      locked = false
      resumeSync()
    },
    sync: openSync,
    syncInUse: async () =>
      dataKey && existsSync(join(options.dataDir, 'sync.json')) ? openSync() : null,
    joined: () => joinReport,
    lockedBy: () => (locked ? signedIn() : null),
    status: () => {
      const actor = signedIn()
      const open = actor !== null && !locked
      return {
        setUp: registry.data.clinic !== null || found.state === 'locked_out',
        clinic: registry.data.clinic,
        signedIn: actor ? toStaff(actor) : null,
        locked,
        // Where a damaged copy was put is for staff to see, not for a locked screen.
        notices: open ? notices : notices.map((n) => ({ ...n, damagedCopy: null })),
        dataDir: open ? options.dataDir : '',
        canSavePdf: Boolean(options.desktop?.printToPdf),
        lockedOut: found.state === 'locked_out' ? found.reason : null
      }
    },
    dismissNotice: (noticeId) => {
      const index = notices.findIndex((n) => n.id === noticeId)
      if (index >= 0) notices.splice(index, 1)
    },
    throttle: new SignInThrottle(now),
    reloadStores,
    dataDir: options.dataDir,
    audit: async (line, who) => {
      const actor = signedIn()
      await accessLog.append({
        staffId: who ? who.staffId : (actor?.id ?? null),
        staffName: who ? who.staffName : actor ? `${actor.fullName}, ${actor.credentials}` : '',
        action: line.action,
        subject: line.subject.slice(0, 200),
        detail: (line.detail ?? '').slice(0, 300)
      })
      // With the clinic server, the entry goes on to the other computers' merged view.
      void sync?.then((service) => service.logAppended()).catch(() => undefined)
    },
    printToPrinter: async (html) => {
      if (!options.desktop?.printToPrinter) return false
      await options.desktop.printToPrinter(html)
      return true
    },
    printToPdf: async (html) => {
      if (!options.desktop?.printToPdf) return null
      return options.desktop.printToPdf(html)
    },
    chooseFile: (kind) => chosenFiles.choose(kind),
    chosenFile: (token, kind) => chosenFiles.path(token, kind),
    openProjector: async (sessionId) => {
      if (!options.desktop) {
        return {
          opened: false,
          message: 'Open the audience page on the second screen from the link below.'
        }
      }
      const opened = await options.desktop.openProjector(sessionId)
      return opened
        ? { opened, message: 'The audience window is open.' }
        : { opened, message: 'The audience window could not be opened.' }
    }
  }

  for (const sessionId of await clock.reopen().catch(() => [])) {
    await sessionChanged(sessionId)
  }
  keepAwakeWhileRunning()

  /** Wrong recovery keys slow further tries as wrong passphrases do: one count for the clinic. */
  const recoveryThrottle = new SignInThrottle(now)

  /** Who could open a file from outside, by its own keyring: asked before anything is written. */
  const staffOf = (keys: Keyring) =>
    keys.staff
      .map((s) => ({ id: s.staffId, fullName: s.fullName, credentials: s.credentials }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName))

  /**
   * Opens a clinic from a file brought from outside (a backup onto a new computer, a transfer
   * file made for one): the secret is checked against the file's own keyring (wrong tries slow
   * further ones, per staff member and kind of file), `install` puts the files in place, and
   * the records open with the key. Only while no clinic can be opened here.
   */
  const openFromOutside = async (
    kind: 'restore' | 'join',
    keys: Keyring,
    request: Record<string, unknown>,
    install: (key: Buffer) => Promise<void>
  ): Promise<Result<null>> => {
    const throttleKey = `${kind}:${String(request.staffId)}`
    if (session.throttle.waitMs(throttleKey) > 0) {
      return fail('too_many_attempts', 'Too many wrong tries. Wait a few minutes and try again.')
    }
    const secret =
      'recoveryKey' in request
        ? { staffId: String(request.staffId), recoveryKey: String(request.recoveryKey) }
        : { staffId: String(request.staffId), passphrase: String(request.passphrase) }
    const key = await unlockBackup(keys, secret)
    if (!key.ok) {
      session.throttle.failed(throttleKey)
      return key
    }
    session.throttle.succeeded(throttleKey)
    await install(key.value)
    found = await findClinic(options.dataDir)
    keyring = found.state === 'sealed' ? found.keyring : null
    return openWith(key.value)
  }

  /**
   * A backup onto a new computer, or over records whose keyring is lost: only when no clinic
   * can be opened here. Inspecting answers at once; restoring checks the secret against the
   * backup's own keyring, checks the backup belongs together (signed manifest, every file
   * opening under its key), writes it, and opens it; the handler then signs the person in.
   */
  const restoreOntoNewComputer = async (
    channel: 'recovery.inspectBackup' | 'recovery.restoreBackup',
    request: Record<string, unknown>
  ): Promise<Result<unknown> | null> => {
    if (found.state !== 'fresh' && found.state !== 'locked_out') {
      return fail(
        'conflict',
        'This computer already holds a clinic. Sign in and restore the backup from Settings → Backups.'
      )
    }
    try {
      const { manifest, files } = await loadBackup(chosenFiles.path(String(request.file), 'backup'))
      const backupKeys = backupKeyring(files)
      if (channel === 'recovery.inspectBackup') {
        return ok({ ...summaryOf(manifest), staff: staffOf(backupKeys) })
      }
      const opened = await openFromOutside('restore', backupKeys, request, async (key) => {
        checkBackupBelongs({ registry, keys: staffKeys(key, backupKeys.clinicId) }, manifest, files)
        await installBackup(options.dataDir, files, now())
      })
      return opened.ok ? null : opened
    } catch (error) {
      return toFailure(channel, error)
    }
  }

  /** A new computer joins the clinic from a transfer file made for it (no network needed). */
  let joinReport: TransferReport | null = null
  const joinClinic = async (
    channel: 'recovery.inspectTransfer' | 'recovery.joinClinic',
    request: Record<string, unknown>
  ): Promise<Result<unknown> | null> => {
    if (found.state !== 'fresh') {
      return fail(
        'conflict',
        'This computer already holds a clinic. Sign in and import the transfer file from Settings → Sync.'
      )
    }
    try {
      const bytes = await readTransfer(chosenFiles.path(String(request.file), 'transfer'))
      const joining = readJoinFile(bytes)
      const files = new Map<string, Uint8Array>([['registry.json', joining.clinicFile]])
      const joinKeys = backupKeyring(files)
      if (channel === 'recovery.inspectTransfer') {
        return ok({
          clinicName: joinKeys.clinic?.name ?? '',
          fromName: joining.fromName,
          createdAt: joining.createdAt,
          records: joining.records,
          staff: staffOf(joinKeys)
        })
      }
      // The clinic file made on the other computer carries the end of that computer's access
      // log: sealed again here with none, as this computer's log begins empty.
      const opened = await openFromOutside('join', joinKeys, request, async (key) => {
        const fresh = new ClinicFileCodec(key, null, () => null)
        const text = fresh.decode(joining.clinicFile, REGISTRY_FILE_KIND)
        await writeFileAtomic(
          join(options.dataDir, 'registry.json'),
          fresh.encode(text, REGISTRY_FILE_KIND)
        )
      })
      if (!opened.ok) return opened
      // The records of the file arrive as from any other computer: sessions, measures, notes.
      joinReport = await (await openSync()).importBytes(bytes)
      return null
    } catch (error) {
      return toFailure(channel, error)
    }
  }

  async function handle(channel: unknown, input: unknown): Promise<Result<unknown>> {
    /** Set when this request's passphrase has already opened the records (one scrypt per sign-in). */
    let passphraseProvenFor: string | null = null
    if (!isChannelName(channel)) {
      return fail(
        'unknown_channel',
        'The app asked for something it does not offer. Nothing was changed.'
      )
    }
    const spec = contract[channel]
    const parsed = spec.input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return fail('invalid_input', plainWords(parsed.error))

    const request = parsed.data as Record<string, unknown>
    if (channel === 'security.rotateKey') {
      const actor = signedIn()
      if (!actor || locked) return fail('not_signed_in', 'Sign in to do that.')
      if (!actor.isAdmin) return fail('forbidden', 'Only an administrator can do that.')
      const wait = session.throttle.waitMs(actor.id)
      if (wait > 0) {
        return fail(
          'too_many_attempts',
          'Too many wrong passphrases. Wait a few minutes and try again.'
        )
      }
      try {
        const rotated = await rotateKey(actor.id, String(request.passphrase))
        if (!rotated.ok) {
          if (rotated.error.code === 'wrong_passphrase') session.throttle.failed(actor.id)
          return rotated
        }
        session.throttle.succeeded(actor.id)
        const { staffToReset } = rotated.value as { staffToReset: number }
        await session
          .audit({
            action: 'staff_change',
            subject: 'data key changed',
            detail: `every file sealed again; new recovery key; ${staffToReset} staff to be given a new passphrase`
          })
          .catch(() => undefined)
        emit('records.changed', { scope: 'staff' })
        return rotated
      } catch (error) {
        return toFailure(channel, error)
      }
    }
    if (
      channel === 'files.choose' &&
      (request.kind === 'backup' || (request.kind === 'transfer' && found.state === 'fresh')) &&
      (found.state === 'fresh' || found.state === 'locked_out')
    ) {
      // Before anyone can sign in, a backup (to restore) or a transfer file (to join) may be chosen.
      try {
        return ok(await chosenFiles.choose(request.kind))
      } catch (error) {
        return toFailure(channel, error)
      }
    }
    if (channel === 'recovery.inspectBackup' || channel === 'recovery.restoreBackup') {
      const refused = await restoreOntoNewComputer(channel, request)
      if (refused) return refused
    }
    if (channel === 'recovery.inspectTransfer' || channel === 'recovery.joinClinic') {
      const refused = await joinClinic(channel, request)
      if (refused) return refused
    }
    if (channel === 'auth.recover') {
      // Every passphrase lost: the recovery key opens the records and an administrator
      // sets a new passphrase, which is then their way in again. Checked every time.
      if (!keyring) {
        return fail(
          'conflict',
          'This clinic’s records are not encrypted, so it has no recovery key.'
        )
      }
      const wait = recoveryThrottle.waitMs(RECOVERY_KEY)
      if (wait > 0) return fail('too_many_attempts', tooManyRecoveryKeys(wait))
      const bytes = parseRecoveryKey(String(request.recoveryKey))
      // A mistyped key is a wrong key, said in words that help find the typing mistake.
      if (!bytes.ok) return fail('wrong_passphrase', bytes.error.message)
      const key = unwrapWithRecoveryKey(keyring.recovery, bytes.value)
      if (!key.ok) {
        const count = recoveryThrottle.failed(RECOVERY_KEY)
        await session
          .audit(
            {
              action: 'sign_in_failed',
              subject: 'recovery key',
              detail: `wrong recovery key (${count} in a row)`
            },
            { staffId: null, staffName: 'recovery key' }
          )
          .catch(() => undefined)
        return key
      }
      recoveryThrottle.succeeded(RECOVERY_KEY)
      if (!storesOpen) {
        const opened = await openWith(key.value)
        if (!opened.ok) return opened
      }
    }
    if (!storesOpen && keyring) {
      // Sealed: only the sign-in list and signing in, which opens the records.
      if (channel === 'auth.directory') {
        return ok(
          keyring.staff
            .map((s) => ({ id: s.staffId, fullName: s.fullName, credentials: s.credentials }))
            .sort((a, b) => a.fullName.localeCompare(b.fullName))
        )
      }
      if (channel === 'auth.signIn') {
        const staffId = String(request.staffId)
        const wait = session.throttle.waitMs(staffId)
        if (wait === 0) {
          const opened = await unseal(staffId, String(request.passphrase)).catch(
            (): Result<{ passphraseProven: boolean }> =>
              fail('storage_failed', 'The records could not be opened. Nothing was changed.')
          )
          if (!opened.ok && opened.error.code === 'wrong_passphrase') {
            const count = session.throttle.failed(staffId)
            const entry = keyring.staff.find((s) => s.staffId === staffId)
            await session
              .audit(
                {
                  action: 'sign_in_failed',
                  subject: 'sign-in',
                  detail: `wrong passphrase (${count} in a row)`
                },
                entry
                  ? { staffId, staffName: `${entry.fullName}, ${entry.credentials}` }
                  : { staffId: null, staffName: 'unknown staff member' }
              )
              .catch(() => undefined)
            return opened
          }
          if (!opened.ok) return opened
          if (opened.value.passphraseProven) passphraseProvenFor = staffId
        }
      }
    }
    let recoveryKey: string | null = null
    if (channel === 'setup.complete') {
      // Setup runs on an empty data folder only: never over records, sealed or not.
      if (found.state !== 'fresh' || keyring) {
        return fail(
          'already_set_up',
          found.state === 'locked_out'
            ? 'This folder already holds a clinic’s records. Restore the clinic from a backup instead.'
            : 'This clinic is already set up. Sign in instead.'
        )
      }
      recoveryKey = await createKey(request as { clinic: { name: string; timeZone: string } })
    }

    const actor = signedIn()
    if (spec.access !== 'public' && !actor) {
      return fail('not_signed_in', 'Sign in to do that.')
    }
    // A locked screen answers only what the projector and the lock screen need.
    if (locked && spec.access !== 'public' && !WHILE_LOCKED.has(channel)) {
      return fail('locked', 'The app is locked. Unlock it with your passphrase to go on.')
    }
    if (spec.access === 'admin' && !actor?.isAdmin) {
      return fail('forbidden', 'Only an administrator can do that.')
    }
    const ctx: ServiceContext = { ...context(), actor, passphraseProvenFor }
    const handler = handlers[channel] as unknown as HandlerSpec<ChannelName>
    try {
      const writesBefore = registryWrites
      const value = await handler.run(ctx, parsed.data as never, session)
      const describe = AUDIT[channel] as AuditFn<ChannelName> | undefined
      const line = describe?.(ctx, parsed.data as never, value as never) ?? null
      // The change is made: a log that cannot be written is reported, not turned into a refusal.
      // Logged as whoever asked, even when the request signed them out.
      const who = actor && {
        staffId: actor.id,
        staffName: `${actor.fullName}, ${actor.credentials}`
      }
      if (line)
        await session
          .audit(line, who ?? undefined)
          .catch(() => console.error('[core] access log not written'))
      // A change within one session's own file (a slide, the next segment) is told as
      // session.changed alone: other screens read sessions through the registry's lines, so they
      // are asked to refresh only when a line moved. Otherwise each key press on the running
      // screen would have every open screen ask for its records again (issue 18).
      const withinSessionFile =
        handler.session === true &&
        handler.changes === 'sessions' &&
        registryWrites === writesBefore
      if (handler.changes && !withinSessionFile) {
        emit('records.changed', { scope: handler.changes })
      }
      if (handler.session) {
        await sessionChanged((value as { id: string }).id)
        keepAwakeWhileRunning()
      }
      // Nobody signed in before or after (a sign-out with nobody signed in): nothing changed.
      if (handler.announce === 'auth.changed' && (actor || signedIn()))
        emit('auth.changed', { signedIn: signedIn() !== null })
      if (handler.announce === 'notices.changed') {
        emit('notices.changed', { count: notices.length })
      }
      // The recovery key is shown once, at setup, and kept nowhere in clear.
      if (recoveryKey) return ok({ ...(value as object), recoveryKey })
      return ok(value)
    } catch (error) {
      return toFailure(channel, error)
    }
  }

  return {
    handle,
    readAhead: Promise.all([
      clinicFileReady,
      shippedAhead?.catch(() => undefined) ?? Promise.resolve()
    ]).then(() => undefined),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      ticking = false
      listeners.clear()
      await closeSync()
      if (!storesOpen) return
      storesOpen = false
      await registry.close().catch(() => undefined)
      await measures.close().catch(() => undefined)
    },
    async tick() {
      if (!ticking) return
      try {
        for (const sessionId of await clock.tick()) await sessionChanged(sessionId)
      } catch (error) {
        console.error(`[core] clock check failed: ${error instanceof Error ? error.name : 'error'}`)
      }
      keepAwakeWhileRunning()
    },
    systemResumed: () => {
      clock.systemResumed()
      emit('clock.resumed', {})
    },
    dataDir: options.dataDir
  }
}

function toFailure(channel: ChannelName, error: unknown): Result<never> {
  if (error instanceof RuleError) return fail(error.code, error.message)
  if (error instanceof StoreError) {
    return fail('storage_failed', `${error.message} Nothing was changed; try again.`)
  }
  // Never log the message: it could hold a name. The channel and the kind of error are enough.
  console.error(`[core] ${channel} failed: ${error instanceof Error ? error.name : typeof error}`)
  return fail('internal', 'Something went wrong inside the app. Nothing was changed; try again.')
}

/** Turns a validation error into sentences a counselor can act on. */
export function plainWords(error: z.ZodError): string {
  const sentences = error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length ? `"${issue.path.join(' › ')}"` : ''
    if (issue.code === 'unrecognized_keys') {
      // The names come from the request: show a few, shortened, never the whole flood.
      const shown = issue.keys
        .slice(0, 3)
        .map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key))
      const more = issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : ''
      return `${field || 'The request'} has fields the app does not know (${shown.join(', ')}${more}).`
    }
    if (/^(Invalid|Too (big|small)|Expected)/.test(issue.message)) {
      const what =
        issue.code === 'invalid_type'
          ? 'is missing or of the wrong kind'
          : issue.code === 'too_big'
            ? 'is too long or too large'
            : issue.code === 'too_small'
              ? 'is too short or too small'
              : 'is not valid'
      return `${field || 'The request'} ${what}.`
    }
    return field ? `${issue.message} (${field}).` : `${issue.message}.`
  })
  return sentences.join(' ')
}

function toNotice(event: RecoveryEvent, now: () => number, newId: () => string): Notice {
  const at = new Date(now()).toISOString()
  const what = /session-[^/\\]*\.json$/.test(event.file)
    ? 'A session’s file'
    : /curriculum\.json$/.test(event.file)
      ? 'The curriculum library file'
      : /measures\.json$/.test(event.file)
        ? 'The measures file'
        : 'The records file'
  switch (event.kind) {
    case 'restored_from_backup':
      return {
        id: newId(),
        kind: 'restored_from_backup',
        at,
        damagedCopy: event.damagedCopy,
        message: `${what} could not be read, so the app restored the most recent backup. Changes made after that backup may be missing. The damaged file was kept, untouched, for your IT support.`
      }
    case 'damaged_no_backup':
      return {
        id: newId(),
        kind: 'damaged_no_backup',
        at,
        damagedCopy: event.damagedCopy,
        message: `${what} could not be read and no backup was found, so the app started with empty records. The damaged file was kept, untouched: contact your IT support before entering new records.`
      }
    case 'restored_missing_file':
      return {
        id: newId(),
        kind: 'restored_from_backup',
        at,
        damagedCopy: null,
        message: `${what} was missing, so the app restored the most recent backup. Changes made after that backup may be missing.`
      }
    case 'journal_damaged':
      return {
        id: newId(),
        kind: 'damaged_no_backup',
        at,
        damagedCopy: event.damagedCopy,
        message: `${what}: the list of its latest changes was damaged. The ${event.applied === 1 ? 'first change was' : `first ${event.applied} changes were`} kept; the changes after the damage may be missing. The damaged list was kept, untouched, for your IT support.`
      }
    case 'migrated':
      return {
        id: newId(),
        kind: 'migrated',
        at,
        damagedCopy: event.previousCopy,
        message: `The records were updated to this version's format (from ${event.fromVersion} to ${event.toVersion}).${event.previousCopy ? ' A copy of the old file was kept.' : ''}`
      }
  }
}

export type { Registry, VersionedDocument }
