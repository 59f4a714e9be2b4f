import { z } from 'zod'
import { Id, Timestamp } from '../domain/common'
import type { Addendum, NoteBody, ProgressNote, Signature } from '../domain/note'
import type { StaffRole } from '../domain/staff'
import { fail, ok, type Result } from '../result'

/**
 * A progress note's life: a draft the author may change, a signature that
 * locks it (a trainee's waits for a supervisor's co-signature), then only
 * dated, signed addenda. Every function returns a new note and leaves the one
 * it was given as it was, so a refused step can never half-apply.
 */

/** Who signs: the staff record of the person at the keyboard. */
export interface Signer {
  id: string
  fullName: string
  credentials: string
  role: StaffRole
}

export type NoteStatus = 'not_started' | 'draft' | 'awaiting_cosignature' | 'signed'

export const ADDENDUM_MAX_LENGTH = 5_000

export const NOTE_LOCKED_MESSAGE = 'This note is signed and locked; add an addendum instead.'
export const STALE_DRAFT_MESSAGE =
  'This note was changed in another window since you opened it; reload it before saving again.'

const HOUR_MS = 3_600_000

/** Times a caller may hand in (a session's end may carry its UTC offset); notes store UTC. */
const AnyOffsetTimestamp = z.iso.datetime({ offset: true })

export function noteStatus(note: ProgressNote | null): NoteStatus {
  return note === null ? 'not_started' : note.state
}

/** Saves a draft; refused once signed, and refused when another window saved first. */
export function editDraft(
  note: ProgressNote,
  body: NoteBody,
  baseRevision: number,
  at: string
): Result<ProgressNote> {
  if (note.state !== 'draft') return fail('note_locked', NOTE_LOCKED_MESSAGE)
  if (baseRevision !== note.revision) return fail('stale_draft', STALE_DRAFT_MESSAGE)
  if (!Timestamp.safeParse(at).success) return badTime()
  return ok({ ...note, body: copyBody(body), revision: note.revision + 1, updatedAt: at })
}

/**
 * The author's signature: name, credentials and date, which locks the note.
 * Overridden pre-sign warnings are kept with the note, so an auditor sees
 * what was known when it was signed.
 */
export function signNote(
  note: ProgressNote,
  signer: Signer,
  input: { at: string; dueAt: string; overrides: Array<{ check: string; message: string }> }
): Result<ProgressNote> {
  if (note.state !== 'draft') return fail('note_locked', 'This note is already signed.')
  if (!AnyOffsetTimestamp.safeParse(input.dueAt).success) return badTime()
  const signature = signatureOf(signer, input.at)
  if (!signature.ok) return signature
  return ok({
    ...note,
    state: signer.role === 'counselor_in_training' ? 'awaiting_cosignature' : 'signed',
    signature: signature.value,
    cosignature: null,
    lateEntry: isLateEntry(input.at, input.dueAt),
    overrides: [
      ...note.overrides,
      ...input.overrides.map((o) => ({
        check: o.check,
        message: o.message,
        at: input.at,
        staffId: signer.id
      }))
    ],
    revision: note.revision + 1,
    updatedAt: input.at
  })
}

/** A supervisor's co-signature on a trainee's signed note; never the author's own. */
export function cosignNote(note: ProgressNote, signer: Signer, at: string): Result<ProgressNote> {
  if (note.state === 'draft') {
    return fail(
      'conflict',
      'This note has not been signed by its author yet, so it cannot be co-signed.'
    )
  }
  if (note.state !== 'awaiting_cosignature') {
    return fail('conflict', 'This note is already signed and needs no co-signature.')
  }
  if (signer.role !== 'supervisor') {
    return fail('forbidden', "Only a supervisor can co-sign a trainee's note.")
  }
  if (signer.id === note.authorId || signer.id === note.signature?.staffId) {
    return fail(
      'forbidden',
      'You cannot co-sign a note you wrote; another supervisor must co-sign it.'
    )
  }
  const cosignature = signatureOf(signer, at)
  if (!cosignature.ok) return cosignature
  return ok({
    ...note,
    state: 'signed',
    cosignature: cosignature.value,
    revision: note.revision + 1,
    updatedAt: at
  })
}

/** A correction or late detail, dated and signed on its own; the signed text stays as it was. */
export function addAddendum(
  note: ProgressNote,
  signer: Signer,
  input: { id: string; text: string; at: string }
): Result<ProgressNote> {
  if (note.state === 'draft') {
    return fail('conflict', 'This note is still a draft; change it directly.')
  }
  const text = input.text.trim()
  if (text === '') return fail('invalid_input', 'Write the addendum before signing it.')
  if (text.length > ADDENDUM_MAX_LENGTH) {
    return fail(
      'invalid_input',
      `An addendum is limited to 5,000 characters; this one has ${text.length.toLocaleString('en-US')}.`
    )
  }
  if (!Id.safeParse(input.id).success) return fail('invalid_input', 'The addendum has no valid id.')
  if (note.addenda.some((a) => a.id === input.id)) {
    return fail('conflict', 'This addendum has already been added to the note.')
  }
  const signature = signatureOf(signer, input.at)
  if (!signature.ok) return signature
  const addendum: Addendum = { id: input.id, text, signature: signature.value }
  return ok({
    ...note,
    addenda: [...note.addenda, addendum],
    revision: note.revision + 1,
    updatedAt: input.at
  })
}

/**
 * When the note is due: `hours` after the session ended, in UTC. Throws a
 * RangeError for a time that is not an ISO date-time or a negative number of
 * hours: both are a programming error, not something a counselor typed.
 */
export function dueAt(sessionEndIso: string, hours: number): string {
  const end = instant(sessionEndIso)
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`A note's due time needs a non-negative number of hours, not ${hours}`)
  }
  return new Date(end + hours * HOUR_MS).toISOString()
}

/** Signed strictly after it was due; signing at the due minute is on time. */
export function isLateEntry(signedAtIso: string, dueAtIso: string): boolean {
  return instant(signedAtIso) > instant(dueAtIso)
}

function instant(iso: string): number {
  if (!AnyOffsetTimestamp.safeParse(iso).success) {
    throw new RangeError(`Not an ISO date-time: ${JSON.stringify(iso)}`)
  }
  return Date.parse(iso)
}

/** A signature without credentials is not a compliant signature, so it is refused, not stored. */
function signatureOf(signer: Signer, at: string): Result<Signature> {
  const name = signer.fullName.trim()
  const credentials = signer.credentials.trim()
  if (!Id.safeParse(signer.id).success || name === '' || credentials === '') {
    return fail(
      'invalid_input',
      'Your staff record needs a full name and credentials (for example LPC or LADC) before you can sign; ask an administrator to add them.'
    )
  }
  if (!Timestamp.safeParse(at).success) return badTime()
  return ok({ staffId: signer.id, name, credentials, at })
}

function badTime<T>(): Result<T> {
  return fail('invalid_input', 'The time given for this change is not a valid date and time.')
}

/** The note keeps its own copy, so the caller changing its form state later cannot reach it. */
function copyBody(body: NoteBody): NoteBody {
  return { ...body, sections: { ...body.sections }, goals: body.goals.map((g) => ({ ...g })) }
}
