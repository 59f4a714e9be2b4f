/**
 * The names of every channel and event, with no schema attached, so the
 * preload bridge can be built from them without bundling the validators.
 * `contract.ts` checks at compile time that it defines exactly these.
 */
export const CHANNEL_NAMES = [
  'app.status',
  'app.dismissNotice',
  'setup.complete',
  'auth.directory',
  'auth.signIn',
  'auth.signOut',
  'auth.lock',
  'auth.unlock',
  'auth.recover',
  'staff.list',
  'staff.create',
  'staff.setActive',
  'staff.resetPassphrase',
  'staff.setSupervisor',
  'clinic.update',
  'groups.list',
  'groups.get',
  'groups.create',
  'groups.update',
  'groups.roster',
  'participants.list',
  'participants.get',
  'participants.create',
  'participants.update',
  'enrollments.create',
  'enrollments.end',
  'enrollments.bulk',
  'sessions.list',
  'sessions.agenda',
  'sessions.saveAgenda',
  'sessions.plan',
  'sessions.updatePlan',
  'sessions.get',
  'sessions.act',
  'sessions.attendance',
  'sessions.addWalkIn',
  'sessions.observe',
  'sessions.openSafety',
  'sessions.safetyStep',
  'sessions.audience',
  'sessions.openProjector',
  'curriculum.list',
  'curriculum.get',
  'curriculum.search',
  'curriculum.source',
  'curriculum.save',
  'curriculum.duplicate',
  'curriculum.revert',
  'curriculum.cycles',
  'curriculum.saveCycle',
  'curriculum.groupCycle',
  'curriculum.setGroupCycle',
  'curriculum.proposal',
  'curriculum.coverage',
  'curriculum.exportPack',
  'curriculum.previewPack',
  'curriculum.importPack',
  'notes.owed',
  'notes.session',
  'notes.saveGroupPart',
  'notes.saveDraft',
  'notes.check',
  'notes.sign',
  'notes.cosign',
  'notes.cosignList',
  'notes.addendum',
  'notes.print',
  'notes.groupFormat',
  'notes.setFormat',
  'clinic.sessionSettings',
  'clinic.updateSessionSettings',
  'measures.record',
  'measures.list',
  'measures.followUpDone',
  'measures.schedules',
  'measures.setSchedules',
  'measures.owed',
  'progress.participant',
  'progress.group',
  'progress.print',
  'reports.run',
  'reports.export',
  'backups.create',
  'backups.preview',
  'backups.restore',
  'files.choose',
  'recovery.inspectBackup',
  'recovery.restoreBackup',
  'security.rotateKey',
  'audit.list',
  'audit.export',
  'groups.serviceCode',
  'groups.setServiceCode',
  'agreements.current',
  'agreements.save',
  'sessions.agreements',
  'sessions.acknowledgeAgreements',
  'sessions.round',
  'consents.list',
  'consents.add',
  'consents.end',
  'sessions.updateProtocol',
  'sessions.finishProtocol',
  'sessions.cancel',
  'sessions.registerWalkIn',
  'sessions.everyoneOut',
  'sessions.printHandouts',
  'curriculum.printHandout',
  'followUps.list',
  'followUps.close',
  'clinic.contacts',
  'clinic.setContacts',
  'home.day'
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = [
  'records.changed',
  'auth.changed',
  'notices.changed',
  'session.changed',
  'security.rotation',
  'clock.resumed'
] as const

export type EventName = (typeof EVENT_NAMES)[number]

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value)
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)
}

/** Electron IPC channel that carries an event from main to renderer. */
export function eventChannel(name: EventName): string {
  return `event:${name}`
}
