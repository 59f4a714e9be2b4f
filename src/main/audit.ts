import type { AccessAction } from '../shared/domain/access-log'
import type { ChannelName } from '../shared/ipc/names'
import type { OutputOf, ParsedInputOf } from '../shared/ipc/contract'
import type { ServiceContext } from './services/context'
import { exportedFileDetail } from './services/exports'

/**
 * What the access log records of each call, once it has succeeded: who (added
 * by the core), what was done, and to which record — by client ID, date and
 * kind, never a note's text or any other clinical content.
 */
export interface AuditLine {
  action: AccessAction
  subject: string
  detail?: string
}

export type AuditFn<C extends ChannelName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<C>,
  output: OutputOf<C>
) => AuditLine | null

function participant(ctx: ServiceContext, participantId: string | null): string {
  if (participantId === null) return 'all participants'
  const p = ctx.registry.data.participants.find((x) => x.id === participantId)
  return p ? `participant ${p.clientId}` : `participant ${participantId}`
}

function session(ctx: ServiceContext, sessionId: string): string {
  const s = ctx.registry.data.sessions.find((x) => x.id === sessionId)
  if (!s) return `session ${sessionId}`
  const group = ctx.registry.data.groups.find((g) => g.id === s.groupId)
  return `session ${s.date}${group ? ` of ${group.name}` : ''}`
}

function group(ctx: ServiceContext, groupId: string | null): string {
  if (groupId === null) return 'all groups'
  return `group ${ctx.registry.data.groups.find((g) => g.id === groupId)?.name ?? groupId}`
}

function staffMember(ctx: ServiceContext, staffId: string): string {
  const s = ctx.registry.data.staff.find((x) => x.id === staffId)
  return s ? `staff ${s.fullName}, ${s.credentials}` : `staff ${staffId}`
}

/** A print or file for a recipient names the written consent it went under, by id only. */
function disclosedUnder(consentId: string | null | undefined): string {
  return consentId ? `; disclosed under consent ${consentId}` : ''
}

/** A print either went to the printer (the page) or was saved as a PDF file. */
function printedAs(output: {
  file: { protected: boolean } | null
  sentToPrinter: boolean
}): string {
  if (output.file) return `saved as PDF, ${exportedFileDetail(output.file.protected)}`
  return output.sentToPrinter ? 'sent to the printer' : 'page for the printer'
}

const note = (ctx: ServiceContext, input: { sessionId: string; participantId: string }) =>
  `note of ${participant(ctx, input.participantId).replace('participant ', '')}, ${session(ctx, input.sessionId)}`

type AuditTable = { [C in ChannelName]?: AuditFn<C> }

export const AUDIT: AuditTable = {
  'setup.complete': (_ctx, input) => ({
    action: 'settings_change',
    subject: 'clinic set up',
    detail: input.clinic.timeZone
  }),
  'staff.create': (ctx, _input, output) => ({
    action: 'staff_change',
    subject: staffMember(ctx, output.id),
    detail: 'added'
  }),
  'staff.setActive': (ctx, input) => ({
    action: 'staff_change',
    subject: staffMember(ctx, input.staffId),
    detail: input.active ? 'enabled' : 'disabled'
  }),
  'staff.resetPassphrase': (ctx, input) => ({
    action: 'passphrase_reset',
    subject: staffMember(ctx, input.staffId)
  }),
  'clinic.update': () => ({ action: 'settings_change', subject: 'clinic details' }),
  'clinic.updateSessionSettings': () => ({
    action: 'settings_change',
    subject: 'session settings'
  }),
  'measures.setSchedules': () => ({ action: 'settings_change', subject: 'measure schedule' }),
  'agreements.save': (_ctx, _input, output) => ({
    action: 'settings_change',
    subject: 'group agreements',
    detail: `version ${output.version}`
  }),
  'sessions.acknowledgeAgreements': (ctx, input, output) => ({
    action: 'update',
    subject: participant(ctx, input.participantId),
    detail: `acknowledged the group agreements, version ${output.agreements.version}, at ${session(ctx, input.sessionId)}`
  }),
  'groups.setServiceCode': (ctx, input) => ({
    action: 'settings_change',
    subject: group(ctx, input.groupId),
    detail: `service code ${input.code}`
  }),
  'notes.setFormat': (ctx, input) => ({
    action: 'settings_change',
    subject: group(ctx, input.groupId),
    detail: `note format ${input.format}`
  }),
  'groups.create': (ctx, _input, output) => ({ action: 'create', subject: group(ctx, output.id) }),
  'groups.update': (ctx, input) => ({ action: 'update', subject: group(ctx, input.groupId) }),
  'participants.get': (ctx, input) => ({
    action: 'open_participant',
    subject: participant(ctx, input.participantId)
  }),
  'participants.create': (ctx, _input, output) => ({
    action: 'create',
    subject: participant(ctx, output.id)
  }),
  'participants.update': (ctx, input) => ({
    action: 'update',
    subject: participant(ctx, input.participantId)
  }),
  'enrollments.create': (ctx, input) => ({
    action: 'create',
    subject: participant(ctx, input.participantId),
    detail: `enrolled in ${group(ctx, input.groupId)}`
  }),
  'enrollments.end': () => ({ action: 'update', subject: 'enrolment', detail: 'ended' }),
  'enrollments.bulk': (ctx, input, output) => ({
    action: 'create',
    subject: group(ctx, input.groupId),
    detail: `enrolled a list: ${output.enrolled.map((e) => e.clientId).join(', ') || 'nobody'}${output.skipped.length ? `; ${output.skipped.length} skipped` : ''}`
  }),
  'sessions.plan': (ctx, _input, output) => ({
    action: 'create',
    subject: session(ctx, output.id)
  }),
  'progress.participant': (ctx, input) => ({
    action: 'open_progress',
    subject: participant(ctx, input.participantId)
  }),
  'measures.record': (ctx, input) => ({
    action: 'create',
    subject: participant(ctx, input.participantId),
    detail: `measure ${input.measureId} of ${input.takenOn}`
  }),
  'measures.followUpDone': () => ({
    action: 'update',
    subject: 'safety follow-up',
    detail: 'done'
  }),
  'notes.sign': (ctx, input) => ({ action: 'sign_note', subject: note(ctx, input) }),
  'notes.cosign': (ctx, input) => ({ action: 'cosign_note', subject: note(ctx, input) }),
  'notes.addendum': (ctx, input) => ({ action: 'addendum', subject: note(ctx, input) }),
  'notes.print': (ctx, input, output) => ({
    action: input.consentId ? 'disclose' : 'print',
    subject: `notes of ${session(ctx, input.sessionId)}`,
    detail: `${input.participantId ? participant(ctx, input.participantId) : 'every note'}; ${printedAs(output)}${disclosedUnder(input.consentId)}`
  }),
  'progress.print': (ctx, input, output) => ({
    action: input.consentId ? 'disclose' : 'print',
    subject: `progress summary of ${participant(ctx, input.participantId)}`,
    detail: `${printedAs(output)}${disclosedUnder(input.consentId)}`
  }),
  'staff.setSupervisor': (ctx, input) => ({
    action: 'staff_change',
    subject: staffMember(ctx, input.staffId),
    detail: input.supervisorId
      ? `supervisor: ${staffMember(ctx, input.supervisorId).replace('staff ', '')}`
      : 'supervisor removed'
  }),
  // A consent is named by its id and the participant's client ID: never the recipient or purpose.
  'consents.add': (ctx, input, output) => ({
    action: 'create',
    subject: participant(ctx, input.participantId),
    detail: `consent ${output.id} signed ${output.signedOn}`
  }),
  'consents.end': (ctx, input, output) => ({
    action: 'update',
    subject: participant(ctx, output.participantId),
    detail: `consent ${input.consentId} ${input.reason === 'revoked' ? 'revoked' : 'ended by its expiry event'} on ${input.on}`
  }),
  'reports.export': (ctx, input, output) => ({
    action: 'export',
    subject: `report ${input.kind} ${input.from}..${input.to}`,
    detail: `${group(ctx, input.groupId)}; ${output.rowCount} rows; ${exportedFileDetail(output.protected)}`
  }),
  // Follow-ups and protocols: who, whose and when; never the risk level or what was said.
  'sessions.finishProtocol': (ctx, input, output) => {
    const checklist = output.safety.find((c) => c.id === input.checklistId)
    return {
      action: 'create',
      subject: `follow-up of ${participant(ctx, checklist?.participantId ?? null)}`,
      detail: `from a protocol in ${session(ctx, input.sessionId)}; owner ${staffMember(ctx, input.ownerId).replace('staff ', '')}; due ${input.dueOn}`
    }
  },
  'followUps.close': (ctx, _input, output) => ({
    action: 'update',
    subject: `follow-up of ${participant(ctx, output.participantId)}`,
    detail: 'closed'
  }),
  'sessions.cancel': (ctx, input) => ({
    action: 'update',
    subject: session(ctx, input.sessionId),
    detail: 'cancelled'
  }),
  'sessions.registerWalkIn': (ctx, input, output) => {
    const added = output.attendance.at(-1)
    return {
      action: 'create',
      subject: participant(ctx, added?.participantId ?? null),
      detail: `registered as a walk-in, ${session(ctx, input.sessionId)}`
    }
  },
  'sessions.printHandouts': (ctx, input, output) => ({
    action: 'print',
    subject: `handouts of ${session(ctx, input.sessionId)}`,
    detail: `${input.withNames ? 'with names' : 'without names'}; ${printedAs(output)}`
  }),
  'clinic.setContacts': () => ({ action: 'settings_change', subject: 'clinic contacts' }),
  'curriculum.exportPack': (_ctx, _input, output) => ({
    action: 'export',
    subject: 'curriculum pack',
    detail: `${output.moduleCount} modules`
  })
}
