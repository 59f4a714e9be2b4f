/**
 * A note's life as a counselor and a supervisor meet it: a draft that can be
 * saved (but not from a stale window), a signature that locks it, a trainee's
 * signature that waits for a supervisor, and addenda that never touch the
 * signed text. Every refusal names its reason and leaves the note as it was.
 */
import { describe, expect, it } from 'vitest'
import { emptyBody, type NoteBody, type ProgressNote } from '../../../src/shared/domain/note'
import {
  ADDENDUM_MAX_LENGTH,
  addAddendum,
  cosignNote,
  dueAt,
  editDraft,
  isLateEntry,
  NOTE_LOCKED_MESSAGE,
  noteStatus,
  signNote,
  STALE_DRAFT_MESSAGE,
  type Signer
} from '../../../src/shared/notes/state'
import type { Result } from '../../../src/shared/result'

const CREATED = '2026-11-23T20:00:00.000Z'
const SESSION_END = '2026-11-23T20:00:00.000Z'
const DUE = '2026-11-26T20:00:00.000Z'
const ON_TIME = '2026-11-23T21:30:00.000Z'

const counselor: Signer = {
  id: 's-counselor',
  fullName: 'Dana Reyes',
  credentials: 'LPC',
  role: 'counselor'
}
const trainee: Signer = {
  id: 's-trainee',
  fullName: 'Casey Brooks',
  credentials: 'CIT',
  role: 'counselor_in_training'
}
const supervisor: Signer = {
  id: 's-supervisor',
  fullName: 'Morgan Lee',
  credentials: 'LCSW',
  role: 'supervisor'
}
const otherCounselor: Signer = {
  id: 's-other',
  fullName: 'Avery Kim',
  credentials: 'LADC',
  role: 'counselor'
}

function writtenBody(
  data = 'Attended the full session, on time; engaged in the craving discussion.'
): NoteBody {
  return {
    ...emptyBody('DAP'),
    sections: { data, assessment: 'Insight improving.', plan: 'Continue IOP three days a week.' }
  }
}

function draft(authorId = counselor.id, revision = 2): ProgressNote {
  return {
    id: 'n1',
    participantId: 'p1',
    format: 'DAP',
    body: writtenBody(),
    state: 'draft',
    revision,
    authorId,
    signature: null,
    cosignature: null,
    lateEntry: false,
    overrides: [],
    addenda: [],
    createdAt: CREATED,
    updatedAt: CREATED
  }
}

function value<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

function signedBy(signer: Signer, note = draft(signer.id)): ProgressNote {
  return value(signNote(note, signer, { at: ON_TIME, dueAt: DUE, overrides: [] }))
}

function awaitingCosignature(): ProgressNote {
  return signedBy(trainee)
}

describe('editing a draft', () => {
  it('a draft save replaces the text, bumps the revision and keeps its own copy', () => {
    const note = draft()
    const before = structuredClone(note)
    const body = writtenBody('Arrived ten minutes late; quiet at first, then shared a trigger map.')
    const saved = value(editDraft(note, body, 2, '2026-11-23T21:00:00.000Z'))

    expect(saved.body).toEqual(body)
    expect(saved.revision).toBe(3)
    expect(saved.updatedAt).toBe('2026-11-23T21:00:00.000Z')
    expect(note).toEqual(before)
    body.sections['data'] = 'changed in the form after saving'
    expect(saved.body.sections['data']).toContain('trigger map')
  })

  it('a signed note cannot be edited', () => {
    const note = signedBy(counselor)
    const result = editDraft(note, writtenBody('rewritten'), note.revision, ON_TIME)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'note_locked',
        message: 'This note is signed and locked; add an addendum instead.'
      }
    })
  })

  it("a trainee's signed note cannot be edited while it waits for co-signature", () => {
    const note = awaitingCosignature()
    const result = editDraft(note, writtenBody('rewritten'), note.revision, ON_TIME)
    expect(result.ok ? null : result.error.code).toBe('note_locked')
  })

  it('a stale save from a second window is refused, and the first save stands', () => {
    const opened = draft()
    const firstWindow = value(editDraft(opened, writtenBody('From the first window.'), 2, ON_TIME))
    const result = editDraft(firstWindow, writtenBody('From the second window.'), 2, ON_TIME)

    expect(result).toEqual({
      ok: false,
      error: { code: 'stale_draft', message: STALE_DRAFT_MESSAGE }
    })
    expect(firstWindow.body.sections['data']).toBe('From the first window.')
  })
})

describe('signing', () => {
  it("a counselor's signature locks the note with name, credentials and date", () => {
    const note = draft()
    const before = structuredClone(note)
    const signed = signedBy(counselor, note)

    expect(signed.state).toBe('signed')
    expect(noteStatus(signed)).toBe('signed')
    expect(signed.signature).toEqual({
      staffId: 's-counselor',
      name: 'Dana Reyes',
      credentials: 'LPC',
      at: ON_TIME
    })
    expect(signed.cosignature).toBeNull()
    expect(signed.lateEntry).toBe(false)
    expect(signed.revision).toBe(3)
    expect(note).toEqual(before)
  })

  it('signing twice is refused', () => {
    const signed = signedBy(counselor)
    const result = signNote(signed, counselor, { at: ON_TIME, dueAt: DUE, overrides: [] })
    expect(result).toEqual({
      ok: false,
      error: { code: 'note_locked', message: 'This note is already signed.' }
    })
  })

  it("a trainee's signature leaves the note awaiting co-signature", () => {
    const note = awaitingCosignature()
    expect(note.state).toBe('awaiting_cosignature')
    expect(noteStatus(note)).toBe('awaiting_cosignature')
    expect(note.signature?.name).toBe('Casey Brooks')
    expect(note.cosignature).toBeNull()
  })

  it('signing after the due date is a late entry', () => {
    const late = value(
      signNote(draft(), counselor, { at: '2026-11-27T09:00:00.000Z', dueAt: DUE, overrides: [] })
    )
    expect(late.lateEntry).toBe(true)
  })

  it('signing at the due minute is on time', () => {
    const onTheDot = value(signNote(draft(), counselor, { at: DUE, dueAt: DUE, overrides: [] }))
    expect(onTheDot.lateEntry).toBe(false)
  })

  it('overridden warnings are kept with the note, with who overrode them and when', () => {
    const signed = value(
      signNote(draft(), counselor, {
        at: ON_TIME,
        dueAt: DUE,
        overrides: [{ check: 'cloned', message: 'The individual part is 84% alike another note.' }]
      })
    )
    expect(signed.overrides).toEqual([
      {
        check: 'cloned',
        message: 'The individual part is 84% alike another note.',
        at: ON_TIME,
        staffId: 's-counselor'
      }
    ])
  })

  it('a signature without credentials is refused', () => {
    const result = signNote(
      draft(),
      { ...counselor, credentials: '  ' },
      { at: ON_TIME, dueAt: DUE, overrides: [] }
    )
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
  })

  it('nothing written yet reads as not started', () => {
    expect(noteStatus(null)).toBe('not_started')
    expect(noteStatus(draft())).toBe('draft')
  })
})

describe('co-signing', () => {
  it('a supervisor co-signs a trainee note, which is then signed', () => {
    const note = awaitingCosignature()
    const cosigned = value(cosignNote(note, supervisor, '2026-11-24T15:00:00.000Z'))

    expect(cosigned.state).toBe('signed')
    expect(noteStatus(cosigned)).toBe('signed')
    expect(cosigned.cosignature).toEqual({
      staffId: 's-supervisor',
      name: 'Morgan Lee',
      credentials: 'LCSW',
      at: '2026-11-24T15:00:00.000Z'
    })
    expect(cosigned.signature).toEqual(note.signature)
  })

  it('a counselor cannot co-sign', () => {
    expect(cosignNote(awaitingCosignature(), counselor, ON_TIME)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Only a supervisor can co-sign a trainee's note." }
    })
  })

  it('the author cannot co-sign their own note, even as a supervisor', () => {
    const promoted: Signer = { ...trainee, role: 'supervisor' }
    const result = cosignNote(awaitingCosignature(), promoted, ON_TIME)
    expect(result.ok ? null : result.error.code).toBe('forbidden')
  })

  it('a draft or an already signed note cannot be co-signed', () => {
    const fromDraft = cosignNote(draft(trainee.id), supervisor, ON_TIME)
    const fromSigned = cosignNote(signedBy(counselor), supervisor, ON_TIME)
    expect(fromDraft.ok ? null : fromDraft.error.code).toBe('conflict')
    expect(fromSigned.ok ? null : fromSigned.error.code).toBe('conflict')
  })
})

describe('addenda', () => {
  it('an addendum to a draft is refused', () => {
    expect(
      addAddendum(draft(), counselor, { id: 'a1', text: 'Late detail.', at: ON_TIME })
    ).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This note is still a draft; change it directly.' }
    })
  })

  it('an addendum leaves the original text as it was', () => {
    const signed = signedBy(counselor)
    const before = structuredClone(signed)
    const amended = value(
      addAddendum(signed, counselor, {
        id: 'a1',
        text: '  Correction: left at 11:40, not 12:00.  ',
        at: '2026-11-24T10:00:00.000Z'
      })
    )

    expect(amended.body).toEqual(signed.body)
    expect(amended.signature).toEqual(signed.signature)
    expect(amended.state).toBe('signed')
    expect(amended.addenda).toEqual([
      {
        id: 'a1',
        text: 'Correction: left at 11:40, not 12:00.',
        signature: {
          staffId: 's-counselor',
          name: 'Dana Reyes',
          credentials: 'LPC',
          at: '2026-11-24T10:00:00.000Z'
        }
      }
    ])
    expect(signed).toEqual(before)
  })

  it('a second addendum comes after the first, each signed by its own author', () => {
    const once = value(
      addAddendum(signedBy(counselor), counselor, { id: 'a1', text: 'First.', at: ON_TIME })
    )
    const twice = value(addAddendum(once, otherCounselor, { id: 'a2', text: 'Second.', at: DUE }))
    expect(twice.addenda.map((a) => [a.id, a.signature.name])).toEqual([
      ['a1', 'Dana Reyes'],
      ['a2', 'Avery Kim']
    ])
  })

  it('a note awaiting co-signature can take an addendum', () => {
    const amended = value(
      addAddendum(awaitingCosignature(), trainee, { id: 'a1', text: 'Detail.', at: ON_TIME })
    )
    expect(amended.state).toBe('awaiting_cosignature')
    expect(amended.addenda).toHaveLength(1)
  })

  it('an addendum holds 1 to 5,000 characters after trimming', () => {
    const signed = signedBy(counselor)
    const blank = addAddendum(signed, counselor, { id: 'a1', text: '   \n ', at: ON_TIME })
    const tooLong = addAddendum(signed, counselor, {
      id: 'a1',
      text: 'x'.repeat(ADDENDUM_MAX_LENGTH + 1),
      at: ON_TIME
    })
    const longest = addAddendum(signed, counselor, {
      id: 'a1',
      text: ` ${'x'.repeat(ADDENDUM_MAX_LENGTH)} `,
      at: ON_TIME
    })

    expect(blank.ok ? null : blank.error.code).toBe('invalid_input')
    expect(tooLong.ok ? null : tooLong.error.message).toBe(
      'An addendum is limited to 5,000 characters; this one has 5,001.'
    )
    expect(longest.ok).toBe(true)
  })
})

describe('every forbidden step says why and leaves the note as it was', () => {
  const cases: Array<
    [string, () => ProgressNote, (note: ProgressNote) => Result<ProgressNote>, string]
  > = [
    [
      'editing a signed note',
      () => signedBy(counselor),
      (n) => editDraft(n, writtenBody('x'), n.revision, ON_TIME),
      'note_locked'
    ],
    [
      'editing a note awaiting co-signature',
      awaitingCosignature,
      (n) => editDraft(n, writtenBody('x'), n.revision, ON_TIME),
      'note_locked'
    ],
    [
      'saving from a stale window',
      () => draft(),
      (n) => editDraft(n, writtenBody('x'), n.revision - 1, ON_TIME),
      'stale_draft'
    ],
    [
      'signing a signed note',
      () => signedBy(counselor),
      (n) => signNote(n, counselor, { at: ON_TIME, dueAt: DUE, overrides: [] }),
      'note_locked'
    ],
    [
      'signing a note awaiting co-signature',
      awaitingCosignature,
      (n) => signNote(n, supervisor, { at: ON_TIME, dueAt: DUE, overrides: [] }),
      'note_locked'
    ],
    [
      'co-signing a draft',
      () => draft(trainee.id),
      (n) => cosignNote(n, supervisor, ON_TIME),
      'conflict'
    ],
    [
      'co-signing a signed note',
      () => signedBy(counselor),
      (n) => cosignNote(n, supervisor, ON_TIME),
      'conflict'
    ],
    [
      'a counselor co-signing',
      awaitingCosignature,
      (n) => cosignNote(n, counselor, ON_TIME),
      'forbidden'
    ],
    [
      'a trainee co-signing',
      awaitingCosignature,
      (n) => cosignNote(n, { ...trainee, id: 's-trainee-2' }, ON_TIME),
      'forbidden'
    ],
    [
      'the author co-signing',
      awaitingCosignature,
      (n) => cosignNote(n, { ...trainee, role: 'supervisor' }, ON_TIME),
      'forbidden'
    ],
    [
      'an addendum to a draft',
      () => draft(),
      (n) => addAddendum(n, counselor, { id: 'a1', text: 'x', at: ON_TIME }),
      'conflict'
    ],
    [
      'an empty addendum',
      () => signedBy(counselor),
      (n) => addAddendum(n, counselor, { id: 'a1', text: ' ', at: ON_TIME }),
      'invalid_input'
    ],
    [
      'signing with a time that is not a time',
      () => draft(),
      (n) => signNote(n, counselor, { at: 'yesterday', dueAt: DUE, overrides: [] }),
      'invalid_input'
    ]
  ]

  it.each(cases)('%s', (_name, make, step, code) => {
    const note = make()
    const before = structuredClone(note)
    const result = step(note)
    expect(result.ok ? null : result.error.code).toBe(code)
    expect(result.ok ? '' : result.error.message).not.toBe('')
    expect(note).toEqual(before)
  })

  it('the locked message is the one the screen shows', () => {
    expect(NOTE_LOCKED_MESSAGE).toBe('This note is signed and locked; add an addendum instead.')
  })
})

describe('when a note is due', () => {
  it('is the given number of hours after the session ended', () => {
    expect(dueAt(SESSION_END, 72)).toBe(DUE)
    expect(dueAt('2026-11-23T15:00:00-05:00', 24)).toBe('2026-11-24T20:00:00.000Z')
    expect(dueAt(SESSION_END, 0.5)).toBe('2026-11-23T20:30:00.000Z')
  })

  it('a signature after that time is late; at or before it is not', () => {
    expect(isLateEntry('2026-11-26T20:00:00.001Z', DUE)).toBe(true)
    expect(isLateEntry(DUE, DUE)).toBe(false)
    expect(isLateEntry(ON_TIME, DUE)).toBe(false)
  })

  it('compares instants, not how the time is written', () => {
    expect(isLateEntry('2026-11-26T15:00:00-05:00', DUE)).toBe(false)
    expect(isLateEntry('2026-11-26T15:00:01-05:00', DUE)).toBe(true)
  })

  it('refuses a time that is not a date-time or negative hours', () => {
    expect(() => dueAt('not a time', 72)).toThrow(RangeError)
    expect(() => dueAt(SESSION_END, -1)).toThrow(RangeError)
  })
})
