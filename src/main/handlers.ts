import type { ChannelName, EventName } from '../shared/ipc/names'
import type {
  ChosenFile,
  FileKind,
  OutputOf,
  ParsedInputOf,
  RecordScope
} from '../shared/ipc/contract'
import { RuleError } from '../shared/result'
import type { StoredStaff } from '../shared/domain/staff'
import type { AuditLine } from './audit'
import { accessLogEntries, accessLogExport, mergedAccessLog } from './services/access-log'
import { createBackup, previewBackup, restoreBackup } from './services/backups'
import { SignInThrottle, waitText } from './security/throttle'
import { toStaff, type ServiceContext } from './services/context'
import { endEnrollment, enrol, enrolList } from './services/enrollments'
import { createGroup, getGroup, groupRoster, listGroups, updateGroup } from './services/groups'
import {
  createParticipant,
  getParticipant,
  listParticipants,
  updateParticipant
} from './services/participants'
import {
  completeSetup,
  createStaff,
  directory,
  listStaff,
  resetPassphrase,
  setStaffActive,
  setSupervisor,
  signIn,
  updateClinic
} from './services/staff'
import {
  audienceView,
  getSession,
  groupAgenda,
  listSessions,
  planSession,
  saveGroupAgenda,
  updatePlan
} from './services/sessions'
import {
  actOnSession,
  addWalkIn,
  observe,
  openSafety,
  recordAttendance,
  tickSafetyStep
} from './services/session-activity'
import { sessionSettings, updateSessionSettings } from './services/settings'
import {
  acknowledgeAgreements,
  agreements,
  saveAgreements,
  sessionAgreements
} from './services/agreements'
import { actOnRound } from './services/rounds'
import {
  duplicateModule,
  moduleSource,
  revertModule,
  saveCycle,
  saveModule,
  setGroupCycle
} from './services/curriculum-edits'
import { groupCyclePosition, moduleProposal, participantCoverage } from './services/coverage'
import { exportPack, importPack, previewPack } from './services/curriculum-packs'
import {
  addendum,
  checkNote,
  cosign,
  notesOwed,
  saveDraft,
  saveGroupPart,
  sessionNotes,
  setNoteFormat,
  groupNoteFormat,
  sign
} from './services/notes'
import { clinicDate } from '../shared/rules/dates'
import { homeDay } from './services/home'
import { deliverExport, requirePassword } from './services/exports'
import { printableNotes } from './services/note-print'
import {
  followUpDone,
  listMeasures,
  measureSchedules,
  measuresOwed,
  recordMeasure,
  setMeasureSchedules
} from './services/measures'
import { groupDashboard, progressOf } from './services/progress'
import { addConsent, endConsent, listConsents } from './services/consents'
import { cosignList } from './services/cosign'
import { printableProgress } from './services/progress-print'
import { exportReport, groupServiceCode, runReport, setServiceCode } from './services/reports'
import { finishProtocol, updateProtocol } from './services/session-protocols'
import { cancelSession, everyoneOut, registerWalkIn } from './services/session-day'
import { printableHandout, printableSessionHandouts } from './services/handouts'
import type { SyncService } from './sync/service'
import type { TransferReport } from '../shared/domain/sync'
import {
  clinicContacts,
  closeFollowUp,
  listFollowUps,
  setClinicContacts
} from './services/follow-ups'

/** What the core offers a handler beyond the services: the sign-in state, notices, the desktop. */
export interface CoreSession {
  signIn(staffId: string): void
  signOut(): void
  lock(): void
  unlock(): void
  /** Who the locked screen belongs to; null when it is not locked. */
  lockedBy(): StoredStaff | null
  status(): OutputOf<'app.status'>
  dismissNotice(noticeId: string): void
  openProjector(sessionId: string): Promise<OutputOf<'sessions.openProjector'>>
  /** Adds a line to the access log, as the signed-in person (or as `who` when nobody is). */
  audit(line: AuditLine, who?: { staffId: string | null; staffName: string }): Promise<void>
  /** Reads every store again from disk, after a restore replaced the files. */
  reloadStores(): Promise<void>
  readonly dataDir: string
  /** Wrong passphrases slow down further tries. */
  readonly throttle: SignInThrottle
  /** A PDF from the desktop, or null where there is no desktop (the test host). */
  printToPdf(html: string): Promise<Uint8Array | null>
  /** Opens the system's print dialog for the page; false where there is no desktop (the test host). */
  printToPrinter(html: string): Promise<boolean>
  /** Lets the person pick a file to import; null when they cancel. */
  chooseFile(kind: FileKind): Promise<ChosenFile | null>
  /** Where a chosen file is, from the token the page was given for it. */
  chosenFile(token: string, kind: FileKind): string
  /** Records across machines: opened the first time an administrator asks. */
  sync(): Promise<SyncService>
  /** Sync as this computer uses it; null while sync was never turned on here. */
  syncInUse(): Promise<SyncService | null>
  /** What joining this computer to the clinic brought in; null unless it just joined. */
  joined(): TransferReport | null
}

type Handler<C extends ChannelName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<C>,
  session: CoreSession
) => OutputOf<C> | Promise<OutputOf<C>>

export interface HandlerSpec<C extends ChannelName> {
  run: Handler<C>
  /** Which records a successful call changed, announced to every window. */
  changes?: RecordScope
  announce?: EventName
  /** The call changed the session named in its input: every window showing it recomputes. */
  session?: true
}

export type Handlers = { [C in ChannelName]: HandlerSpec<C> }

/**
 * A printable page, to paper or to a PDF file. Paper: the desktop opens the system's print
 * dialog; without a desktop the page goes back to the browser to print. A PDF (desktop only)
 * is a file leaving the app, protected as the clinic requires.
 */
async function printOrSave(
  ctx: ServiceContext,
  session: CoreSession,
  html: string,
  request: { to: 'printer' | 'pdf'; password?: string | null | undefined },
  fileName: string
) {
  if (request.to === 'printer') {
    const sentToPrinter = await session.printToPrinter(html)
    return { html: sentToPrinter ? '' : html, file: null, sentToPrinter }
  }
  requirePassword(ctx, request.password)
  const pdf = await session.printToPdf(html)
  if (pdf === null) {
    throw new RuleError(
      'conflict',
      'Saving as a PDF file needs the desktop app. Print the page instead.'
    )
  }
  const content = { fileName, bytes: pdf, mediaType: 'application/pdf' }
  return {
    html: '',
    file: await deliverExport(ctx, content, request.password),
    sentToPrinter: false
  }
}

/**
 * The person who opened a backup or another computer's clinic file here signs in (the core has
 * already checked their passphrase or the recovery key). With the recovery key they must be an
 * administrator, and the new passphrase they chose is set before they sign in.
 */
async function signInOpener(
  ctx: ServiceContext,
  input: ParsedInputOf<'recovery.joinClinic'> | ParsedInputOf<'recovery.restoreBackup'>,
  session: CoreSession
): Promise<StoredStaff> {
  const staff = ctx.registry.data.staff.find((s) => s.id === input.staffId && s.active)
  if (!staff) throw new RuleError('not_found', 'That staff member was not found.')
  if ('recoveryKey' in input) {
    if (!staff.isAdmin) {
      throw new RuleError(
        'forbidden',
        'Choose an active administrator: they set the new passphrase and can then reset the others.'
      )
    }
    await resetPassphrase(ctx, { staffId: staff.id, passphrase: input.newPassphrase })
  }
  session.signIn(staff.id)
  return staff
}

export const handlers: Handlers = {
  'app.status': { run: (_ctx, _input, session) => session.status() },
  'app.dismissNotice': {
    run: (_ctx, input, session) => {
      session.dismissNotice(input.noticeId)
      return null
    },
    announce: 'notices.changed'
  },
  'setup.complete': {
    run: async (ctx, input, session) => {
      const staff = await completeSetup(ctx, input)
      session.signIn(staff.id)
      return toStaff(staff)
    },
    changes: 'clinic',
    announce: 'auth.changed'
  },
  'auth.directory': {
    run: (ctx) => {
      if (!ctx.registry.data.clinic)
        throw new RuleError('setup_required', 'Set up the clinic first.')
      return directory(ctx)
    }
  },
  'auth.signIn': {
    run: async (ctx, input, session) => {
      const wait = session.throttle.waitMs(input.staffId)
      if (wait > 0) {
        throw new RuleError(
          'too_many_attempts',
          `Too many wrong passphrases for this staff member. Try again in ${waitText(wait)}.`
        )
      }
      let staff
      const known = ctx.registry.data.staff.find((s) => s.id === input.staffId)
      const who = {
        staffId: known?.id ?? null,
        staffName: known ? `${known.fullName}, ${known.credentials}` : 'unknown staff member'
      }
      try {
        staff = await signIn(ctx, input)
      } catch (error) {
        if (error instanceof RuleError && error.code === 'wrong_passphrase') {
          const count = session.throttle.failed(input.staffId)
          await session.audit(
            {
              action: 'sign_in_failed',
              subject: 'sign-in',
              detail: `wrong passphrase (${count} in a row)`
            },
            who
          )
        } else if (error instanceof RuleError && error.code === 'staff_disabled') {
          await session.audit(
            { action: 'sign_in_failed', subject: 'sign-in', detail: 'account disabled' },
            who
          )
        }
        throw error
      }
      session.throttle.succeeded(input.staffId)
      session.signIn(staff.id)
      await session.audit({ action: 'sign_in', subject: 'sign-in' }, who)
      return toStaff(staff)
    },
    announce: 'auth.changed'
  },
  'auth.signOut': {
    run: async (ctx, _input, session) => {
      // Cleared either way (an account disabled while signed in counts as nobody), but
      // with nobody signed in there is no one to sign out, and nothing to write.
      session.signOut()
      const who = ctx.actor
      if (who) {
        await session
          .audit(
            { action: 'sign_out', subject: 'session' },
            { staffId: who.id, staffName: `${who.fullName}, ${who.credentials}` }
          )
          .catch(() => console.error('[core] access log not written'))
      }
      return null
    },
    announce: 'auth.changed'
  },
  'auth.lock': {
    run: async (_ctx, _input, session) => {
      session.lock()
      await session.audit({ action: 'lock', subject: 'screen' })
      return null
    },
    announce: 'auth.changed'
  },
  'auth.recover': {
    run: async (ctx, input, session) => {
      // Reached only once the recovery key has opened the records (see the core).
      const staff = ctx.registry.data.staff.find((s) => s.id === input.staffId)
      if (!staff || !staff.isAdmin || !staff.active) {
        throw new RuleError(
          'forbidden',
          'Choose an active administrator: they set the new passphrase and can then reset the others.'
        )
      }
      const updated = await resetPassphrase(ctx, input)
      session.throttle.succeeded(input.staffId)
      session.signIn(input.staffId)
      await session.audit(
        {
          action: 'passphrase_reset',
          subject: `staff ${staff.fullName}, ${staff.credentials}`,
          detail: 'with the recovery key'
        },
        { staffId: staff.id, staffName: `${staff.fullName}, ${staff.credentials}` }
      )
      return updated
    },
    announce: 'auth.changed'
  },
  'auth.unlock': {
    run: async (ctx, input, session) => {
      const holder = session.lockedBy()
      if (!holder) throw new RuleError('conflict', 'The app is not locked.')
      const who = { staffId: holder.id, staffName: `${holder.fullName}, ${holder.credentials}` }
      const wait = session.throttle.waitMs(holder.id)
      if (wait > 0) {
        throw new RuleError(
          'too_many_attempts',
          `Too many wrong passphrases. Try again in ${waitText(wait)}, or sign out.`
        )
      }
      try {
        await signIn(ctx, { staffId: holder.id, passphrase: input.passphrase })
      } catch (error) {
        if (error instanceof RuleError && error.code === 'wrong_passphrase') {
          const count = session.throttle.failed(holder.id)
          await session.audit(
            {
              action: 'sign_in_failed',
              subject: 'unlock',
              detail: `wrong passphrase (${count} in a row)`
            },
            who
          )
        }
        throw error
      }
      session.throttle.succeeded(holder.id)
      session.unlock()
      await session.audit({ action: 'unlock', subject: 'screen' }, who)
      return toStaff(holder)
    },
    announce: 'auth.changed'
  },
  'staff.list': { run: (ctx) => listStaff(ctx) },
  'staff.create': { run: (ctx, input) => createStaff(ctx, input), changes: 'staff' },
  'staff.setActive': { run: (ctx, input) => setStaffActive(ctx, input), changes: 'staff' },
  'staff.resetPassphrase': {
    run: (ctx, input, session) => {
      session.throttle.succeeded(input.staffId)
      return resetPassphrase(ctx, input)
    },
    changes: 'staff'
  },
  'staff.setSupervisor': { run: (ctx, input) => setSupervisor(ctx, input), changes: 'staff' },
  'clinic.update': { run: (ctx, input) => updateClinic(ctx, input), changes: 'clinic' },
  'groups.list': { run: (ctx) => listGroups(ctx) },
  'groups.get': { run: (ctx, input) => getGroup(ctx, input.groupId) },
  'groups.create': { run: (ctx, input) => createGroup(ctx, input), changes: 'groups' },
  'groups.update': { run: (ctx, input) => updateGroup(ctx, input), changes: 'groups' },
  'groups.roster': { run: (ctx, input) => groupRoster(ctx, input.groupId) },
  'participants.list': { run: (ctx) => listParticipants(ctx) },
  'participants.get': { run: (ctx, input) => getParticipant(ctx, input.participantId) },
  'participants.create': {
    run: (ctx, input) => createParticipant(ctx, input),
    changes: 'participants'
  },
  'participants.update': {
    run: (ctx, input) => updateParticipant(ctx, input),
    changes: 'participants'
  },
  'enrollments.create': { run: (ctx, input) => enrol(ctx, input), changes: 'enrollments' },
  'enrollments.end': { run: (ctx, input) => endEnrollment(ctx, input), changes: 'enrollments' },
  'enrollments.bulk': { run: (ctx, input) => enrolList(ctx, input), changes: 'enrollments' },
  'sessions.list': { run: (ctx, input) => listSessions(ctx, input.groupId) },
  'sessions.agenda': { run: (ctx, input) => groupAgenda(ctx, input.groupId) },
  'sessions.saveAgenda': { run: (ctx, input) => saveGroupAgenda(ctx, input), changes: 'groups' },
  'sessions.plan': { run: (ctx, input) => planSession(ctx, input), changes: 'sessions' },
  'sessions.updatePlan': {
    run: (ctx, input) => updatePlan(ctx, input),
    changes: 'sessions',
    session: true
  },
  'sessions.get': { run: (ctx, input) => getSession(ctx, input.sessionId) },
  'sessions.act': {
    run: (ctx, input) => actOnSession(ctx, input),
    changes: 'sessions',
    session: true
  },
  'sessions.attendance': { run: (ctx, input) => recordAttendance(ctx, input), session: true },
  'sessions.addWalkIn': { run: (ctx, input) => addWalkIn(ctx, input), session: true },
  'sessions.observe': { run: (ctx, input) => observe(ctx, input), session: true },
  'sessions.openSafety': { run: (ctx, input) => openSafety(ctx, input), session: true },
  'sessions.safetyStep': { run: (ctx, input) => tickSafetyStep(ctx, input), session: true },
  'sessions.audience': { run: (ctx, input) => audienceView(ctx, input.sessionId) },
  'sessions.openProjector': {
    run: async (ctx, input, session) => {
      await getSession(ctx, input.sessionId)
      return session.openProjector(input.sessionId)
    }
  },
  'curriculum.list': { run: (ctx) => ctx.curriculum.list() },
  'curriculum.get': {
    run: (ctx, input) => {
      const module = ctx.curriculum.get(input.moduleId)
      if (!module) throw new RuleError('not_found', 'That curriculum module was not found.')
      return module
    }
  },
  'curriculum.search': { run: (ctx, input) => ctx.curriculum.search(input) },
  'curriculum.source': { run: (ctx, input) => moduleSource(ctx, input.moduleId) },
  'curriculum.save': { run: (ctx, input) => saveModule(ctx, input), changes: 'curriculum' },
  'curriculum.duplicate': {
    run: (ctx, input) => duplicateModule(ctx, input.moduleId),
    changes: 'curriculum'
  },
  'curriculum.revert': { run: (ctx, input) => revertModule(ctx, input), changes: 'curriculum' },
  'curriculum.cycles': { run: (ctx) => ctx.curriculum.cycles() },
  'curriculum.saveCycle': { run: (ctx, input) => saveCycle(ctx, input), changes: 'curriculum' },
  'curriculum.groupCycle': { run: (ctx, input) => groupCyclePosition(ctx, input.groupId) },
  'curriculum.setGroupCycle': {
    run: (ctx, input) => setGroupCycle(ctx, input),
    changes: 'curriculum'
  },
  'curriculum.proposal': { run: (ctx, input) => moduleProposal(ctx, input) },
  'curriculum.coverage': { run: (ctx, input) => participantCoverage(ctx, input.participantId) },
  'curriculum.exportPack': { run: (ctx, input) => exportPack(ctx, input) },
  'curriculum.previewPack': {
    run: (ctx, input, session) =>
      previewPack(ctx, session.chosenFile(input.file, 'curriculum_pack'))
  },
  'curriculum.importPack': {
    run: (ctx, input, session) =>
      importPack(ctx, session.chosenFile(input.file, 'curriculum_pack')),
    changes: 'curriculum'
  },
  'notes.owed': { run: (ctx, input) => notesOwed(ctx, input) },
  'notes.session': { run: (ctx, input) => sessionNotes(ctx, input.sessionId) },
  'notes.saveGroupPart': { run: (ctx, input) => saveGroupPart(ctx, input), changes: 'notes' },
  // A draft save is announced to other windows by its revision, not as a records change per keystroke.
  'notes.saveDraft': { run: (ctx, input) => saveDraft(ctx, input) },
  'notes.check': { run: (ctx, input) => checkNote(ctx, input) },
  'notes.sign': { run: (ctx, input) => sign(ctx, input), changes: 'notes' },
  'notes.cosign': { run: (ctx, input) => cosign(ctx, input), changes: 'notes' },
  'notes.cosignList': { run: (ctx) => cosignList(ctx) },
  'notes.addendum': { run: (ctx, input) => addendum(ctx, input), changes: 'notes' },
  'notes.print': {
    run: async (ctx, input, session) => {
      const html = await printableNotes(ctx, input)
      const date = ctx.registry.data.sessions.find((s) => s.id === input.sessionId)?.date ?? ''
      return printOrSave(ctx, session, html, input, `notes-${date}.pdf`)
    }
  },
  'notes.groupFormat': { run: (ctx, input) => groupNoteFormat(ctx, input.groupId) },
  'notes.setFormat': { run: (ctx, input) => setNoteFormat(ctx, input), changes: 'groups' },
  'clinic.sessionSettings': { run: (ctx) => sessionSettings(ctx) },
  'clinic.updateSessionSettings': {
    run: (ctx, input) => updateSessionSettings(ctx, input),
    changes: 'clinic'
  },
  'measures.record': { run: (ctx, input) => recordMeasure(ctx, input), changes: 'measures' },
  'measures.list': { run: (ctx, input) => listMeasures(ctx, input.participantId) },
  'measures.followUpDone': { run: (ctx, input) => followUpDone(ctx, input), changes: 'measures' },
  'measures.schedules': { run: (ctx) => measureSchedules(ctx) },
  'measures.setSchedules': {
    run: (ctx, input) => setMeasureSchedules(ctx, input),
    changes: 'measures'
  },
  'measures.owed': { run: (ctx) => measuresOwed(ctx) },
  'progress.participant': { run: (ctx, input) => progressOf(ctx, input.participantId) },
  'progress.group': { run: (ctx, input) => groupDashboard(ctx, input.groupId) },
  'progress.print': {
    run: async (ctx, input, session) => {
      const html = await printableProgress(ctx, input.participantId, input.consentId ?? null)
      const day = clinicDate(ctx.now(), ctx.registry.data.clinic?.timeZone ?? 'UTC')
      return printOrSave(ctx, session, html, input, `progress-summary-${day}.pdf`)
    }
  },
  'reports.run': { run: (ctx, input) => runReport(ctx, input) },
  'reports.export': {
    run: async (ctx, { password, ...request }) => {
      requirePassword(ctx, password)
      const report = await exportReport(ctx, request)
      const content = {
        fileName: report.fileName,
        bytes: report.csv,
        mediaType: 'text/csv;charset=utf-8'
      }
      return { ...(await deliverExport(ctx, content, password)), rowCount: report.rowCount }
    }
  },
  'backups.create': {
    run: async (ctx, _input, session) => {
      const backup = await createBackup(ctx, session.dataDir)
      await session.audit({
        action: 'backup',
        subject: 'back up now',
        detail: `${backup.summary.files} files, ${backup.summary.counts.participants} participants`
      })
      return backup
    }
  },
  'backups.preview': {
    run: (_ctx, input, session) => previewBackup(session.chosenFile(input.file, 'backup'))
  },
  'backups.restore': {
    run: async (ctx, input, session) => {
      const path = session.chosenFile(input.file, 'backup')
      const restored = await restoreBackup(ctx, session.dataDir, path)
      await session.reloadStores()
      await session.audit({
        action: 'restore',
        subject: `backup of ${restored.createdAt}`,
        detail: `previous records kept in ${restored.keptAside.split(/[\\/]/).slice(-2).join('/')}`
      })
      return restored
    },
    changes: 'clinic'
  },
  'files.choose': { run: (_ctx, input, session) => session.chooseFile(input.kind) },
  'sync.status': { run: async (_ctx, _input, session) => (await session.sync()).status() },
  'sync.setMachineName': {
    run: async (_ctx, input, session) => {
      const status = await (await session.sync()).setMachineName(input.name)
      await session.audit({ action: 'sync_change', subject: 'this computer’s name', detail: '' })
      return status
    }
  },
  'sync.exportTransfer': {
    run: async (_ctx, input, session) => {
      const peerId = 'peerId' in input ? input.peerId : null
      const file = await (await session.sync()).exportTransfer(peerId)
      await session.audit({
        action: 'transfer_out',
        subject: peerId ? 'changes for another computer' : 'every record, for a new computer',
        detail: `${file.records} records, sealed`
      })
      return file
    }
  },
  'sync.importTransfer': {
    run: async (_ctx, input, session) => {
      const path = session.chosenFile(input.file, 'transfer')
      const report = await (await session.sync()).importTransfer(path)
      await session.audit({
        action: 'transfer_in',
        subject: 'a transfer file',
        detail: `${report.arrived} arrived, ${report.conflicted} in conflict, ${report.already} already here`
      })
      return report
    },
    changes: 'clinic'
  },
  'sync.setServer': {
    run: async (_ctx, input, session) => {
      const status = await (await session.sync()).setServer(input)
      await session.audit({
        action: 'sync_change',
        subject: 'the clinic server',
        detail: input.enabled ? 'sync turned on' : 'sync turned off'
      })
      return status
    }
  },
  'sync.conflicts': { run: async (_ctx, _input, session) => (await session.sync()).conflicts() },
  'sync.resolveConflict': {
    run: async (_ctx, input, session) => {
      const left = await (await session.sync()).resolveConflict(input.docId, input.keep)
      await session.audit({
        action: 'sync_change',
        subject: 'a conflict',
        detail: 'one version kept'
      })
      return left
    },
    changes: 'clinic'
  },
  'recovery.inspectBackup': {
    // Answered by the core (it needs the folder's state); never reached.
    run: () => {
      throw new RuleError('conflict', 'This computer already holds a clinic.')
    }
  },
  'recovery.inspectTransfer': {
    // Answered by the core (it needs the folder's state); never reached.
    run: () => {
      throw new RuleError('conflict', 'This computer already holds a clinic.')
    }
  },
  'recovery.joinClinic': {
    // The core has joined this computer to the clinic: the person who opened the file signs in.
    run: async (ctx, input, session) => {
      const staff = await signInOpener(ctx, input, session)
      const report = session.joined()
      await session.audit({
        action: 'transfer_in',
        subject: 'this computer joined the clinic',
        detail: report ? `${report.arrived} records arrived` : 'records arrived'
      })
      return {
        ...toStaff(staff),
        report: report ?? {
          from: '',
          arrived: 0,
          conflicted: 0,
          already: 0,
          conflictedRecords: [],
          message: ''
        }
      }
    },
    changes: 'clinic'
  },
  'recovery.restoreBackup': {
    // The core has restored and opened the backup: the person who opened it signs in.
    run: async (ctx, input, session) => {
      const staff = await signInOpener(ctx, input, session)
      await session.audit(
        {
          action: 'restore',
          subject: 'backup restored onto this computer',
          detail:
            'recoveryKey' in input ? 'opened with the recovery key' : 'opened with a passphrase'
        },
        { staffId: staff.id, staffName: `${staff.fullName}, ${staff.credentials}` }
      )
      return toStaff(staff)
    },
    changes: 'clinic',
    announce: 'auth.changed'
  },
  'security.rotateKey': {
    // Answered by the core, which holds the keys; never reached.
    run: () => {
      throw new RuleError('conflict', 'The key could not be changed.')
    }
  },
  'audit.list': { run: (ctx, input) => accessLogEntries(ctx, input) },
  'audit.merged': {
    run: async (ctx, input, session) => mergedAccessLog(ctx, input, await session.syncInUse())
  },
  'audit.export': {
    run: async (ctx, { password }) => {
      requirePassword(ctx, password)
      const log = await accessLogExport(ctx, Boolean(password))
      const content = { fileName: log.fileName, bytes: log.text, mediaType: 'application/x-ndjson' }
      return deliverExport(ctx, content, password)
    }
  },
  'groups.serviceCode': { run: (ctx, input) => groupServiceCode(ctx, input.groupId) },
  'groups.setServiceCode': { run: (ctx, input) => setServiceCode(ctx, input), changes: 'groups' },
  'agreements.current': { run: (ctx) => agreements(ctx) },
  'agreements.save': { run: (ctx, input) => saveAgreements(ctx, input), changes: 'clinic' },
  'sessions.agreements': { run: (ctx, input) => sessionAgreements(ctx, input.sessionId) },
  'sessions.acknowledgeAgreements': {
    run: (ctx, input) => acknowledgeAgreements(ctx, input),
    session: true
  },
  'sessions.round': { run: (ctx, input) => actOnRound(ctx, input), session: true },
  'consents.list': { run: (ctx, input) => listConsents(ctx, input.participantId) },
  'consents.add': { run: (ctx, input) => addConsent(ctx, input), changes: 'consents' },
  'consents.end': { run: (ctx, input) => endConsent(ctx, input), changes: 'consents' },
  'sessions.updateProtocol': { run: (ctx, input) => updateProtocol(ctx, input), session: true },
  'sessions.finishProtocol': {
    run: (ctx, input) => finishProtocol(ctx, input),
    changes: 'followUps',
    session: true
  },
  'sessions.cancel': {
    run: (ctx, input) => cancelSession(ctx, input),
    changes: 'sessions',
    session: true
  },
  'sessions.registerWalkIn': {
    run: (ctx, input) => registerWalkIn(ctx, input),
    changes: 'participants',
    session: true
  },
  'sessions.everyoneOut': { run: (ctx, input) => everyoneOut(ctx, input), session: true },
  'sessions.printHandouts': {
    run: async (ctx, input, session) => {
      const { html } = await printableSessionHandouts(ctx, input)
      const date = ctx.registry.data.sessions.find((s) => s.id === input.sessionId)?.date ?? ''
      return printOrSave(ctx, session, html, input, `handouts-${date}.pdf`)
    }
  },
  'curriculum.printHandout': {
    run: (ctx, input, session) =>
      printOrSave(
        ctx,
        session,
        printableHandout(ctx, input),
        input,
        `handout-${input.moduleId}.pdf`
      )
  },
  'followUps.list': { run: (ctx, input) => listFollowUps(ctx, input) },
  'followUps.close': { run: (ctx, input) => closeFollowUp(ctx, input), changes: 'followUps' },
  'clinic.contacts': { run: (ctx) => clinicContacts(ctx) },
  'clinic.setContacts': {
    run: (ctx, input) => setClinicContacts(ctx, input.contacts),
    changes: 'clinic'
  },
  'home.day': { run: (ctx) => homeDay(ctx) }
}
