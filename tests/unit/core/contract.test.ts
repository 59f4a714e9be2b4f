/**
 * The contract boundary: whatever reaches a channel, a malformed request is
 * refused with a sentence a counselor can read, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { contract } from '../../../src/shared/ipc/contract'
import { DEFAULT_CLINIC_CONTACTS } from '../../../src/shared/domain/contacts'
import { CHANNEL_NAMES, type ChannelName } from '../../../src/shared/ipc/names'
import type { Result } from '../../../src/shared/result'
import {
  copyClinic,
  group,
  openCore,
  participant,
  recordEvents,
  registryBytes,
  removeFolders,
  setUpClinic,
  signedInCopy,
  staffMember,
  segment,
  sessionPlan,
  WELL_FORMED,
  type Template
} from './helpers'
import { edit, isObject, places, type Parent } from './request-places'
import { DEFAULT_SESSION_SETTINGS } from '../../../src/shared/domain/session'

const LONG = 'x'.repeat(10_000)

/**
 * Hand-written malformed requests, at least one per channel: the mistakes a
 * form or a bug could make. A new channel without an entry fails to compile
 * and fails the first test below.
 */
const MALFORMED: Record<ChannelName, [string, unknown][]> = {
  'app.status': [['a filter the app does not offer', { includeArchived: true }]],
  'app.dismissNotice': [
    ['no notice', {}],
    ['a numeric notice id', { noticeId: 5 }],
    ['an empty notice id', { noticeId: '' }]
  ],
  'setup.complete': [
    ['no staff member', { clinic: WELL_FORMED['clinic.update'] }],
    [
      'an unknown time zone',
      { clinic: { name: 'Lakeside', timeZone: 'Mars/Olympus_Mons' }, staff: staffMember() }
    ],
    [
      'a nine-character passphrase',
      { clinic: WELL_FORMED['clinic.update'], staff: staffMember({ passphrase: '123456789' }) }
    ],
    ['a clinic name of spaces', { clinic: { name: '   ', timeZone: 'UTC' }, staff: staffMember() }]
  ],
  'auth.directory': [['a search the app does not offer', { search: 'Robin' }]],
  'auth.signIn': [
    ['no passphrase', { staffId: 'id-1' }],
    ['an empty passphrase', { staffId: 'id-1', passphrase: '' }],
    ['a passphrase of 201 characters', { staffId: 'id-1', passphrase: 'p'.repeat(201) }]
  ],
  'auth.signOut': [['a list', ['everyone']]],
  'auth.lock': [['a list', ['now']]],
  'auth.unlock': [['an empty passphrase', { passphrase: '' }]],
  'auth.recover': [
    ['a weak new passphrase', { recoveryKey: 'AAAA', staffId: 's', passphrase: 'password123' }]
  ],
  'staff.list': [['a filter the app does not offer', { activeOnly: true }]],
  'staff.create': [
    ['an unknown role', staffMember({ role: 'director' })],
    ['administrator rights as text', staffMember({ isAdmin: 'yes' })],
    ['no credentials', staffMember({ credentials: '' })],
    ['a short passphrase', staffMember({ passphrase: 'short' })]
  ],
  'staff.resetPassphrase': [
    ['a common passphrase', { staffId: 's', passphrase: 'Password123!' }],
    ['a run of the keyboard', { staffId: 's', passphrase: 'qwertyuiop' }],
    ['one letter repeated', { staffId: 's', passphrase: 'aaaaaaaaaaaa' }]
  ],
  'staff.setActive': [
    ['no active flag', { staffId: 'id-1' }],
    ['active as text', { staffId: 'id-1', active: 'false' }]
  ],
  'clinic.update': [
    ['an empty name', { name: '', timeZone: 'UTC' }],
    ['no time zone', { name: 'Riverside' }],
    ['a made-up time zone', { name: 'Riverside', timeZone: 'Central Time' }]
  ],
  'groups.list': [['a page number', { page: 2 }]],
  'groups.get': [['a numeric group id', { groupId: 42 }]],
  'groups.create': [
    ['no meeting days', group({ meetingDays: [] })],
    ['Monday twice', group({ meetingDays: ['mon', 'mon'] })],
    ['a day that is not a weekday', group({ meetingDays: ['mon', 'funday'] })],
    ['a start time of 25:00', group({ startTime: '25:00' })],
    ['a start time without minutes', group({ startTime: '5pm' })],
    ['a capacity of zero', group({ capacity: 0 })],
    ['a capacity of 12.5', group({ capacity: 12.5 })],
    ['a capacity as text', group({ capacity: '12' })],
    ['a 20-minute session', group({ defaultMinutes: 20 })],
    ['an unknown track', group({ track: 'wellness' })],
    ['an unknown admission', group({ admission: 'rolling' })],
    [
      'eleven facilitators',
      group({ facilitatorIds: Array.from({ length: 11 }, (_, i) => `s${i}`) })
    ]
  ],
  'groups.update': [
    ['no group', { groupId: 'g' }],
    ['a group with a bad time', { groupId: 'g', group: group({ startTime: '7:5' }) }]
  ],
  'groups.roster': [['a null group id', { groupId: null }]],
  'participants.list': [['a search the app does not offer', { search: 'Jordan' }]],
  'participants.get': [['a list of ids', { participantId: ['a', 'b'] }]],
  'participants.create': [
    ['30 February as date of birth', participant('C-1', { dateOfBirth: '2026-02-30' })],
    ['a date written the American way', participant('C-1', { admissionDate: '11/02/2026' })],
    ['born after admission', participant('C-1', { dateOfBirth: '2026-12-01' })],
    ['discharged with no discharge details', participant('C-1', { status: 'discharged' })],
    [
      'active with a discharge',
      participant('C-1', { discharge: { date: '2026-11-20', type: 'completed' } })
    ],
    [
      'discharged before admission',
      participant('C-1', {
        status: 'discharged',
        discharge: { date: '2026-10-01', type: 'withdrew' }
      })
    ],
    ['a client ID with a space', participant('C 101')],
    ['a client ID of spaces', participant('   ')],
    [
      'thirteen goals',
      participant('C-1', { goals: Array.from({ length: 13 }, (_, i) => goal(i)) })
    ],
    ['a goal without text', participant('C-1', { goals: [{ ...goal(1), text: '' }] })],
    [
      'a goal with an unknown status',
      participant('C-1', { goals: [{ ...goal(1), status: 'done' }] })
    ],
    ['only a name', { fullName: 'Taylor Brooks' }]
  ],
  'participants.update': [
    ['an unknown track', { participantId: 'p', participant: participant('C-1', { track: 'x' }) }],
    ['no participant id', { participant: participant('C-1') }]
  ],
  'enrollments.create': [
    ['no join date', { groupId: 'g', participantId: 'p' }],
    ['a join date of "today"', { groupId: 'g', participantId: 'p', joinDate: 'today' }],
    ['a join date with a time', { groupId: 'g', participantId: 'p', joinDate: '2026-11-23T09:00' }]
  ],
  'enrollments.end': [
    ['an exit date as a number', { enrollmentId: 'e', exitDate: 20261123 }],
    ['31 November', { enrollmentId: 'e', exitDate: '2026-11-31' }]
  ],
  'sessions.list': [['a numeric group id', { groupId: 7 }]],
  'sessions.agenda': [['no group', {}]],
  'sessions.saveAgenda': [
    ['an empty agenda', { groupId: 'g', segments: [] }],
    ['a segment of 0 minutes', { groupId: 'g', segments: [segment({ plannedMinutes: 0 })] }],
    ['a segment of 12.5 minutes', { groupId: 'g', segments: [segment({ plannedMinutes: 12.5 })] }],
    ['a segment of an unknown kind', { groupId: 'g', segments: [segment({ kind: 'lunch' })] }],
    ['the same segment twice', { groupId: 'g', segments: [segment(), segment()] }],
    [
      'seventeen segments',
      { groupId: 'g', segments: Array.from({ length: 17 }, (_, i) => segment({ id: `s${i}` })) }
    ]
  ],
  'sessions.plan': [
    ['no facilitator', sessionPlan({ facilitatorIds: [] })],
    ['a date of 30 February', sessionPlan({ date: '2026-02-30' })],
    ['countable as text', sessionPlan({ segments: [segment({ countable: 'yes' })] })]
  ],
  'sessions.updatePlan': [['no plan', { sessionId: 's' }]],
  'sessions.get': [['a session id of 65 characters', { sessionId: 'x'.repeat(65) }]],
  'sessions.act': [
    ['an action the app does not know', { sessionId: 's', action: { type: 'fast_forward' } }],
    [
      'adding 61 minutes',
      { sessionId: 's', action: { type: 'adjust', segmentId: 'a', minutes: 61 } }
    ],
    [
      'adding 0 minutes',
      { sessionId: 's', action: { type: 'adjust', segmentId: 'a', minutes: 0 } }
    ],
    [
      'a negative slide',
      { sessionId: 's', action: { type: 'show_slide', segmentId: 'a', slideIndex: -1 } }
    ],
    ['a projector mode of "off"', { sessionId: 's', action: { type: 'projector', mode: 'off' } }]
  ],
  'sessions.attendance': [
    [
      'an unknown status',
      { sessionId: 's', participantId: 'p', status: 'here', timeIn: null, timeOut: null }
    ],
    [
      'time out before time in',
      {
        sessionId: 's',
        participantId: 'p',
        status: 'present',
        timeIn: '2026-11-23T15:00:00.000Z',
        timeOut: '2026-11-23T14:00:00.000Z'
      }
    ],
    [
      'a time without a date',
      { sessionId: 's', participantId: 'p', status: 'present', timeIn: '14:00', timeOut: null }
    ]
  ],
  'sessions.addWalkIn': [['no participant', { sessionId: 's' }]],
  'sessions.observe': [
    ['neither a tag nor a line', { sessionId: 's', participantId: 'p', tag: null, text: '  ' }],
    ['an unknown tag', { sessionId: 's', participantId: 'p', tag: 'sleepy', text: '' }],
    [
      'a line of 501 characters',
      { sessionId: 's', participantId: 'p', tag: null, text: 'x'.repeat(501) }
    ]
  ],
  'sessions.openSafety': [
    ['an unknown protocol', { sessionId: 's', participantId: 'p', protocol: 'fire' }]
  ],
  'sessions.safetyStep': [
    ['done as text', { sessionId: 's', checklistId: 'c', stepId: 'assess', done: 'yes' }]
  ],
  'sessions.audience': [['no session', {}]],
  'sessions.openProjector': [['a display number', { sessionId: 's', display: 2 }]],
  'curriculum.list': [['a search the app does not offer', { search: 'brain' }]],
  'curriculum.get': [['no module', {}]],
  'curriculum.search': [
    ['week 13', { query: '', week: 13, kind: null, tag: null }],
    ['an unknown kind', { query: '', week: null, kind: 'lecture', tag: null }],
    ['a query of 201 characters', { query: 'q'.repeat(201), week: null, kind: null, tag: null }]
  ],
  'curriculum.source': [['a module id with spaces of 65 characters', { moduleId: ' '.repeat(65) }]],
  'curriculum.save': [
    ['no text', { moduleId: 'm' }],
    ['an empty text', { moduleId: 'm', text: '' }],
    ['a text of 200,001 characters', { moduleId: 'm', text: 'x'.repeat(200_001) }]
  ],
  'curriculum.duplicate': [['no module', {}]],
  'curriculum.revert': [['a negative version', { moduleId: 'm', versionIndex: -1 }]],
  'curriculum.cycles': [['a filter', { builtIn: true }]],
  'curriculum.saveCycle': [
    ['a cycle without sessions', { cycleId: null, cycle: { name: 'Empty', slots: [] } }],
    [
      'a cycle without a name',
      {
        cycleId: null,
        cycle: { name: ' ', slots: [{ educationalModuleId: null, skillsModuleId: null }] }
      }
    ]
  ],
  'curriculum.groupCycle': [['no group', {}]],
  'curriculum.setGroupCycle': [['no cycle', { groupId: 'g' }]],
  'curriculum.proposal': [['a date of "next Monday"', { groupId: 'g', date: 'next Monday' }]],
  'curriculum.coverage': [['a list of participants', { participantId: ['a'] }]],
  'curriculum.exportPack': [['module ids as text', { moduleIds: 'all' }]],
  'curriculum.previewPack': [
    ['no file', { file: '' }],
    ['a path instead of a chosen file', { file: '../../registry.json' }],
    ['the pack itself, as base64', { base64: 'UEsDBAo=' }]
  ],
  'curriculum.importPack': [['no pack', {}]],
  'notes.owed': [['mine as text', { mine: 'yes' }]],
  'notes.session': [['no session', {}]],
  'notes.saveGroupPart': [['no group part', { sessionId: 's' }]],
  'notes.saveDraft': [
    [
      'an unknown risk level',
      {
        sessionId: 's',
        participantId: 'p',
        baseRevision: 0,
        body: { sections: {}, goals: [], risk: 'some', riskText: '', followUp: '' }
      }
    ],
    [
      'a negative revision',
      {
        sessionId: 's',
        participantId: 'p',
        baseRevision: -1,
        body: { sections: {}, goals: [], risk: 'none', riskText: '', followUp: '' }
      }
    ]
  ],
  'notes.check': [['no participant', { sessionId: 's' }]],
  'notes.sign': [['overrides as text', { sessionId: 's', participantId: 'p', overrides: 'all' }]],
  'notes.cosign': [['no session', { participantId: 'p' }]],
  'notes.cosignList': [['a list', ['mine']]],
  'notes.addendum': [
    ['an empty addendum', { sessionId: 's', participantId: 'p', text: '   ' }],
    [
      'an addendum of 5,001 characters',
      { sessionId: 's', participantId: 'p', text: 'x'.repeat(5001) }
    ]
  ],
  'notes.print': [
    ['no participant field', { sessionId: 's' }],
    ['a consent id that is a number', { sessionId: 's', participantId: 'p', consentId: 7 }]
  ],
  'notes.groupFormat': [['no group', {}]],
  'notes.setFormat': [['an unknown format', { groupId: 'g', format: 'PIRP' }]],
  'clinic.sessionSettings': [['a list', ['all']]],
  'measures.record': [
    [
      'the withdrawn PACS',
      { participantId: 'p', measureId: 'pacs', takenOn: '2026-11-20', answers: [0, 0, 0, 0, 0] }
    ],
    [
      'a difficulty answer of 4',
      {
        participantId: 'p',
        measureId: 'phq9',
        takenOn: '2026-11-20',
        answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
        difficulty: 4
      }
    ],
    [
      'a date that is not a date',
      { participantId: 'p', measureId: 'phq9', takenOn: '23/11/2026', answers: [0] }
    ],
    [
      'an unknown measure',
      { participantId: 'p', measureId: 'audit', takenOn: '2026-11-20', answers: [0] }
    ]
  ],
  'measures.list': [['no participant', {}]],
  'measures.followUpDone': [
    ['an empty note', { entryId: 'e', note: '   ' }],
    ['steps as text', { entryId: 'e', note: 'Met privately', steps: 'private' }]
  ],
  'measures.schedules': [['a list', ['all']]],
  'measures.setSchedules': [
    [
      'every 0 weeks',
      {
        track: 'substance_use',
        schedules: [{ measureId: 'phq9', atAdmission: true, everyWeeks: 0 }]
      }
    ],
    [
      'the withdrawn PACS',
      {
        track: 'substance_use',
        schedules: [{ measureId: 'pacs', atAdmission: true, everyWeeks: 4 }]
      }
    ],
    ['no track', { schedules: [] }]
  ],
  'measures.owed': [['a list', ['all']]],
  'progress.participant': [['no participant', {}]],
  'progress.group': [['no group', {}]],
  'progress.print': [['a number', { participantId: 7 }]],
  'reports.run': [
    [
      'an end before the start',
      { kind: 'attendance', from: '2026-11-30', to: '2026-11-01', groupId: null }
    ],
    ['an unknown report', { kind: 'payroll', from: '2026-11-01', to: '2026-11-30', groupId: null }]
  ],
  'reports.export': [['no dates', { kind: 'attendance', groupId: null }]],
  'backups.create': [['a list', ['now']]],
  'backups.preview': [
    ['a path instead of a chosen file', { file: '/home/clinic/backup.zip' }],
    ['the backup itself, as base64', { base64: 'UEsDBAo=' }]
  ],
  'backups.restore': [['no file', { file: '' }]],
  'files.choose': [
    ['a kind of file the app does not import', { kind: 'photos' }],
    ['a path to open', { kind: 'backup', path: '/etc/passwd' }]
  ],
  'recovery.inspectBackup': [['the backup itself, as base64', { base64: 'UEsDBAo=' }]],
  'security.rotateKey': [['without confirming', { passphrase: 'x', understood: false }]],
  'recovery.restoreBackup': [
    ['neither a passphrase nor a recovery key', { file: 'file-token-1', staffId: 'staff-1' }],
    [
      'a weak new passphrase with the recovery key',
      { file: 'file-token-1', staffId: 'staff-1', recoveryKey: 'ABCD', newPassphrase: 'short' }
    ]
  ],
  'audit.list': [
    ['an unknown action', { action: 'peek' }],
    ['an end before the start', { from: '2026-11-30', to: '2026-11-01' }]
  ],
  'audit.merged': [
    ['an end before the start', { filter: { from: '2026-11-30', to: '2026-11-01' } }],
    ['a computer that is not text', { filter: {}, computerId: 7 }]
  ],
  'audit.export': [['a list', ['all']]],
  'groups.serviceCode': [['no group', {}]],
  'groups.setServiceCode': [['an unknown code', { groupId: 'g', code: 'H2019' }]],
  'staff.setSupervisor': [['no supervisor field', { staffId: 's' }]],
  'consents.list': [['no participant', {}]],
  'consents.add': [
    [
      'neither an expiry date nor an event',
      {
        participantId: 'p',
        discloser: 'Riverside Recovery Center',
        recipient: 'County Drug Court',
        purpose: 'Court reporting',
        information: ['progress_notes'],
        amount: 'All notes',
        signedOn: '2026-11-20',
        expiresOn: null,
        expiryEvent: null
      }
    ],
    [
      'an expiry event typed by hand instead of chosen',
      {
        participantId: 'p',
        discloser: 'Riverside Recovery Center',
        recipient: 'County Drug Court',
        purpose: 'Court reporting',
        information: ['progress_notes'],
        amount: 'All notes',
        signedOn: '2026-11-20',
        expiresOn: null,
        expiryEvent: 'end of probation'
      }
    ],
    [
      'an unknown kind of record',
      {
        participantId: 'p',
        discloser: 'Riverside Recovery Center',
        recipient: 'County Drug Court',
        purpose: 'Court reporting',
        information: ['psychotherapy_notes'],
        amount: 'All notes',
        signedOn: '2026-11-20',
        expiresOn: '2027-01-01',
        expiryEvent: null
      }
    ]
  ],
  'consents.end': [['an unknown reason', { consentId: 'c', on: '2026-11-23', reason: 'forgot' }]],
  'sessions.updateProtocol': [
    ['an unknown risk level', { sessionId: 's', checklistId: 'c', riskLevel: 'severe', record: '' }]
  ],
  'sessions.finishProtocol': [
    [
      'no risk level',
      {
        sessionId: 's',
        checklistId: 'c',
        riskLevel: null,
        record: '',
        ownerId: 'o',
        dueOn: '2026-11-30'
      }
    ],
    [
      'a due date that does not exist',
      {
        sessionId: 's',
        checklistId: 'c',
        riskLevel: 'low',
        record: '',
        ownerId: 'o',
        dueOn: '2026-02-30'
      }
    ]
  ],
  'sessions.cancel': [['an unknown reason', { sessionId: 's', reason: 'bored', detail: '' }]],
  'sessions.registerWalkIn': [['no participant', { sessionId: 's' }]],
  'sessions.everyoneOut': [['a time given', { sessionId: 's', at: '2026-11-23T18:00:00Z' }]],
  'sessions.printHandouts': [['names as text', { sessionId: 's', withNames: 'yes' }]],
  'curriculum.printHandout': [
    ['a name of 81 characters', { moduleId: 'm', participantName: 'x'.repeat(81) }]
  ],
  'followUps.list': [['no participant field', {}]],
  'followUps.close': [['nothing said of what was done', { followUpId: 'f', outcome: '  ' }]],
  'clinic.contacts': [['a filter the app does not offer', { kind: 'medical' }]],
  'clinic.setContacts': [['one contact missing', { contacts: DEFAULT_CLINIC_CONTACTS.slice(1) }]],
  'home.day': [['a date asked for', { date: '2026-11-23' }]],
  'enrollments.bulk': [
    ['nobody in the list', { groupId: 'g', joinDate: '2026-11-23', people: [] }],
    [
      'a person without a client ID',
      {
        groupId: 'g',
        joinDate: '2026-11-23',
        people: [
          {
            line: 1,
            fullName: 'Jordan Alvarez',
            preferredName: '',
            clientId: '',
            dateOfBirth: '1990-05-04',
            admissionDate: '2026-11-02',
            track: 'substance_use'
          }
        ]
      }
    ]
  ],
  'recovery.inspectTransfer': [['no file', { file: '' }]],
  'recovery.joinClinic': [
    ['neither a passphrase nor a recovery key', { file: 'file-token-1', staffId: 'staff-1' }]
  ],
  'sync.status': [['a filter the app does not offer', { peers: true }]],
  'sync.setMachineName': [
    ['no name', { name: '   ' }],
    ['a name as long as a page', { name: LONG }]
  ],
  'sync.exportTransfer': [
    ['no computer said', {}],
    ['a numeric computer', { peerId: 7 }],
    ['both a computer and a new one', { peerId: 'm-1', newComputer: true }]
  ],
  'sync.importTransfer': [
    ['no file', { file: '' }],
    ['a path instead of a chosen file', { file: '/etc/passwd', path: '/etc/passwd' }]
  ],
  'sync.setServer': [
    [
      'an address that is not a web address',
      { url: 'ftp://server', username: 'a', password: '', enabled: true }
    ],
    ['no user name', { url: 'https://server.example', username: '', password: '', enabled: true }]
  ],
  'sync.conflicts': [['a filter the app does not offer', { all: true }]],
  'sync.resolveConflict': [
    ['no version chosen', { docId: 'r-1' }],
    ['an id as long as a page', { docId: LONG, keep: '1-a' }]
  ],
  'clinic.updateSessionSettings': [
    ['a wrap-up warning of 0 minutes', { ...DEFAULT_SESSION_SETTINGS, wrapUpMinutes: 0 }],
    ['a volume of 150', { ...DEFAULT_SESSION_SETTINGS, chimeVolume: 150 }],
    ['no daily minimum', { ...DEFAULT_SESSION_SETTINGS, dailyMinimumMinutes: undefined }],
    ['a craving flag of 11', { ...DEFAULT_SESSION_SETTINGS, cravingFlagAt: 11 }]
  ],
  'agreements.current': [['a version asked for', { version: 2 }]],
  'agreements.save': [
    ['no agreements at all', { items: [] }],
    ['an agreement without words', { items: [{ heading: 'Respect', text: '  ' }] }]
  ],
  'sessions.agreements': [['no session', {}]],
  'sessions.acknowledgeAgreements': [
    ['no participant', { sessionId: 's' }],
    ['a version chosen by the caller', { sessionId: 's', participantId: 'p', version: 1 }]
  ],
  'sessions.round': [
    [
      'a mood of 11',
      {
        sessionId: 's',
        action: {
          type: 'answer',
          segmentId: 'c',
          participantId: 'p',
          answers: {
            mood: 11,
            craving: null,
            usedSinceLastGroup: null,
            safetyConcern: null,
            homework: null,
            takeAway: '',
            commitment: ''
          }
        }
      }
    ],
    [
      'a round action the app does not offer',
      { sessionId: 's', action: { type: 'skip_everyone', segmentId: 'c' } }
    ]
  ]
}

function goal(n: number) {
  return { id: `goal-${n}`, text: `Goal number ${n}`, status: 'not_started' }
}

/**
 * Fields where null is a real answer ("no module", "no tag", a draft's risk not
 * yet assessed) and any id-like text is well-formed.
 */
const NULLABLE_IDS = new Set([
  'risk',
  'participantId',
  'moduleId',
  'tag',
  'week',
  'kind',
  'cycleId',
  'educationalModuleId',
  'skillsModuleId',
  'everyWeeks',
  'supervisorId',
  'riskLevel',
  'participantName'
])

function wrongKinds(value: unknown): unknown[] {
  if (typeof value === 'string') return [12345, null, ['text']]
  if (typeof value === 'number') return [String(value), null]
  if (typeof value === 'boolean') return [String(value), 1]
  if (value === null) return ['none', 0]
  if (Array.isArray(value)) return ['a list', {}]
  return ['an object', []]
}

/**
 * Malformed requests made from the well-formed one, so every field of every
 * channel is covered: wrong kinds, missing fields, unknown extra fields and
 * 10,000-character text, at every depth.
 */
function derivedMalformed(name: ChannelName): [string, unknown][] {
  const valid = WELL_FORMED[name]
  const cases: [string, unknown][] = [
    ['null as the request', null],
    ['a list as the request', [valid]],
    ['a number as the request', 42],
    ['text as the request', JSON.stringify(valid)],
    ['an extra unknown field', { ...(valid as object), surprise: true }]
  ]
  // With no request at all, channels that need nothing accept it; the others must refuse.
  if (!contract[name].input.safeParse({}).success) cases.push(['no request at all', undefined])
  for (const { path, value } of places(valid)) {
    const where = path.join('.')
    // A draft leaves out the sections nobody has started, and an access-log filter any of its
    // fields: absent is empty, not malformed.
    const optional =
      where.startsWith('body.sections.') || name === 'audit.list' || name === 'audit.merged'
    if (typeof path[path.length - 1] === 'string' && !optional) {
      cases.push([`no ${where}`, edit(valid, path, (parent, key) => delete parent[key])])
    }
    const last = path[path.length - 1]
    // A report is for one group or, with null, for all of them.
    const nullable =
      typeof last === 'string' &&
      (NULLABLE_IDS.has(last) || (name.startsWith('reports.') && last === 'groupId'))
    for (const wrong of wrongKinds(value)) {
      // Null ("no module", "any week") is right for these, and so is any id in place of null.
      if (nullable && (wrong === null || (value === null && typeof wrong === 'string'))) continue
      cases.push([
        `${where} as ${JSON.stringify(wrong)}`,
        edit(valid, path, (parent, key) => (parent[key] = wrong))
      ])
    }
    // A module's file is long by nature; its own limit (200,000) is among the hand-written cases.
    const longByNature = name === 'curriculum.save' && where === 'text'
    if (typeof value === 'string' && !longByNature) {
      cases.push([
        `${where} of 10,000 characters`,
        edit(valid, path, (parent, key) => (parent[key] = LONG))
      ])
    }
    if (isObject(value)) {
      cases.push([
        `an extra unknown field in ${where}`,
        edit(valid, path, (parent, key) => ((parent[key] as Parent).surprise = 'yes'))
      ])
    }
  }
  return cases
}

/** A refusal a counselor can read: the right code, a sentence, no internals. */
function expectPlainRefusal(result: Result<unknown>, label: string): void {
  expect(result.ok, `accepted ${label}`).toBe(false)
  if (result.ok) return
  expect(result.error.code, `${label}: ${result.error.message}`).toBe('invalid_input')
  const { message } = result.error
  expect(typeof message).toBe('string')
  expect(message.length, label).toBeGreaterThan(10)
  expect(message.length, `${label}: ${message.slice(0, 200)}`).toBeLessThan(600)
  expect(message, label).toMatch(/[.!]$/)
  expect(message, label).not.toMatch(
    /ZodError|\bat\s.*:\d+|[{}[\]]|\n|\[object|\bundefined\b|\bNaN\b|Invalid input|received|x{100}/i
  )
}

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

describe('the contract boundary', () => {
  it('has a well-formed and at least one malformed request for every channel', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(Object.keys(WELL_FORMED).sort()).toEqual([...CHANNEL_NAMES].sort())
    for (const name of CHANNEL_NAMES) {
      expect(MALFORMED[name].length, name).toBeGreaterThan(0)
      const parsed = contract[name].input.safeParse(WELL_FORMED[name])
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true)
    }
  })

  it('does not refuse a well-formed request as malformed', async () => {
    const { core } = await signedInCopy(template)
    // Sign-out last, so every other channel is asked by someone signed in.
    const order = [...CHANNEL_NAMES.filter((n) => n !== 'auth.signOut'), 'auth.signOut' as const]
    for (const name of order) {
      const result = await core.handle(name, WELL_FORMED[name])
      // Ids point at nothing, so "not found" is a fine answer; "malformed" is not.
      if (!result.ok) expect(result.error.code, name).not.toBe('invalid_input')
    }
  })

  describe('refuses malformed requests in plain words and writes nothing', () => {
    let core: Core
    let dir: string
    let events: string[]
    beforeAll(async () => {
      ;({ core, dir } = await signedInCopy(template))
      events = recordEvents(core)
    })

    it.each([...CHANNEL_NAMES])('%s', async (name) => {
      const before = await registryBytes(dir)
      const cases = [...MALFORMED[name], ...derivedMalformed(name)]
      expect(cases.length).toBeGreaterThan(5)
      for (const [label, input] of cases) {
        expectPlainRefusal(await core.handle(name, input), `${name} with ${label}`)
      }
      expect(await registryBytes(dir)).toBe(before)
      expect(events).toEqual([])
      // Still signed in: a refused request changes nothing about the session either.
      expect(await core.handle('app.status', {})).toMatchObject({
        value: { signedIn: { id: template.adminId } }
      })
    })
  })

  it('names the field at fault and what is wrong with it', async () => {
    const { core } = await signedInCopy(template)
    const cases: [ChannelName, unknown, RegExp][] = [
      ['groups.create', group({ startTime: '25:00' }), /Use a time like 17:30.*startTime/],
      ['groups.create', group({ capacity: 0 }), /Capacity is at least 1.*capacity/],
      [
        'participants.create',
        participant('C-1', { dateOfBirth: '2026-02-30' }),
        /That date does not exist.*dateOfBirth/
      ],
      ['participants.create', participant(LONG), /Client ID is too long \(40 characters at most\)/],
      [
        'setup.complete',
        { clinic: WELL_FORMED['clinic.update'], staff: staffMember({ passphrase: 'short' }) },
        /at least 10 characters.*staff › passphrase/
      ],
      ['groups.get', { groupId: LONG }, /"groupId" is too long/],
      ['enrollments.end', { enrollmentId: 'e' }, /"exitDate" is missing or of the wrong kind/],
      ['app.status', { surprise: 1 }, /fields the app does not know \(surprise\)/]
    ]
    for (const [name, input, expected] of cases) {
      const result = await core.handle(name, input)
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      if (!result.ok) expect(result.error.message, name).toMatch(expected)
    }
  })

  it('keeps the message short when a request is flooded with unknown fields', async () => {
    const { core } = await signedInCopy(template)
    const flooded = [
      { [LONG]: 1 },
      Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field${i}`, i]))
    ]
    const answers = []
    for (const input of flooded) {
      const result = await core.handle('staff.list', input)
      expectPlainRefusal(result, 'a flood of unknown fields')
      answers.push(result.ok ? '' : result.error.message)
    }
    expect(answers[1]).toBe(
      'The request has fields the app does not know (field0, field1, field2 and 997 more).'
    )
  })

  it('refuses a channel the app does not offer, whatever is asked, and writes nothing', async () => {
    const dir = await copyClinic(template.dir)
    const core = await openCore(dir)
    const before = await registryBytes(dir)
    const unknown: unknown[] = [
      'groups.delete',
      'participants.export',
      '',
      'GROUPS.LIST',
      ' groups.list',
      'groups.list ',
      '__proto__',
      'constructor',
      'toString',
      42,
      null,
      undefined,
      true,
      {},
      ['groups.list']
    ]
    for (const channel of unknown) {
      const result = await core.handle(channel, {})
      expect(result, String(channel)).toEqual({
        ok: false,
        error: {
          code: 'unknown_channel',
          message: 'The app asked for something it does not offer. Nothing was changed.'
        }
      })
    }
    expect(await registryBytes(dir)).toBe(before)
  })
})
