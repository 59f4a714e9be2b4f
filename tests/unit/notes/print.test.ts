/**
 * The printed progress note, as a records clerk or an auditor would check it:
 * who the note is about and which session it records, the shared group part,
 * every note on its own page, the signature and co-signature with the time on
 * the clinic's clock, drafts and notes awaiting co-signature labelled as such,
 * late entries marked, addenda after the untouched original, and, for a
 * substance-use record, the 42 CFR Part 2 notice on every page. The document
 * must be inert: typed text prints as text, nothing is fetched, no script runs.
 */
import { describe, expect, it } from 'vitest'
import { emptyBody, type ProgressNote, type Signature } from '../../../src/shared/domain/note'
import {
  PART2_NOTICE,
  PART2_NOTICE_SHORT,
  PART2_SOURCE
} from '../../../src/shared/notes/part2-notice'
import {
  escapeHtml,
  renderNotesHtml,
  type PrintInput,
  type PrintNote
} from '../../../src/shared/notes/print'

const counselor: Signature = {
  staffId: 's-counselor',
  name: 'Dana Reyes',
  credentials: 'LPC',
  at: '2026-11-23T20:05:00.000Z'
}
const trainee: Signature = {
  staffId: 's-trainee',
  name: 'Casey Brooks',
  credentials: 'CIT',
  at: '2026-11-23T20:05:00.000Z'
}
const supervisor: Signature = {
  staffId: 's-supervisor',
  name: 'Morgan Lee',
  credentials: 'LCSW',
  at: '2026-11-24T15:15:00.000Z'
}

const DATA_TEXT = 'Arrived on time; shared a trigger map and named two coping skills.'

function note(overrides: Partial<ProgressNote> = {}): ProgressNote {
  return {
    id: 'n1',
    participantId: 'p1',
    format: 'DAP',
    body: {
      ...emptyBody('DAP'),
      risk: 'none',
      sections: {
        data: DATA_TEXT,
        assessment: 'Insight improving; cravings lower than last week.',
        plan: 'Continue IOP three days a week.'
      },
      goals: [{ goalId: 'g1', addressed: true, progress: 'Named a plan for the family dinner.' }]
    },
    state: 'signed',
    revision: 3,
    authorId: counselor.staffId,
    signature: counselor,
    cosignature: null,
    lateEntry: false,
    overrides: [],
    addenda: [],
    createdAt: '2026-11-23T19:00:00.000Z',
    updatedAt: '2026-11-23T20:05:00.000Z',
    ...overrides
  }
}

function entry(
  overrides: Partial<ProgressNote> = {},
  participant: Partial<PrintNote['participant']> = {}
): PrintNote {
  return {
    participant: {
      displayName: 'Jordan T.',
      fullName: 'Jordan Testperson',
      clientId: 'C-101',
      dateOfBirth: '1988-04-09',
      ...participant
    },
    note: note(overrides),
    goals: [{ id: 'g1', text: 'Stay abstinent through the holidays' }],
    attendance: {
      status: 'present',
      timeIn: '2026-11-23T15:00:00.000Z',
      timeOut: '2026-11-23T18:00:00.000Z',
      countableMinutes: 180,
      late: false,
      leftEarly: false
    },
    measures: [],
    safety: []
  }
}

function printInput(overrides: Partial<PrintInput> = {}): PrintInput {
  return {
    clinic: { name: 'Riverside Recovery Center', timeZone: 'America/Chicago' },
    session: {
      groupName: 'Evening IOP',
      date: '2026-11-23',
      startedAt: '2026-11-23T15:00:00.000Z',
      endedAt: '2026-11-23T18:00:00.000Z',
      presentCount: 7,
      modules: ['Relapse prevention 3'],
      facilitators: [
        { name: 'Robin Okafor', credentials: 'LADC' },
        { name: 'Sam Whitfield', credentials: 'LPC' }
      ]
    },
    groupPart: {
      topics: 'Holiday triggers and high-risk situations.',
      interventions: 'Psychoeducation on cravings; role-play of refusal skills.',
      dynamics: 'Cohesive; two members supported a newcomer.'
    },
    notes: [entry()],
    substanceUseRecord: true,
    printedAt: '2026-11-25T16:00:00.000Z',
    ...overrides
  }
}

/** How many times `needle` occurs in `haystack`. */
function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

/** The contents of the document's inline stylesheet. */
function stylesheet(html: string): string {
  const match = /<style>([\s\S]*?)<\/style>/.exec(html)
  if (!match) throw new Error('the document has no <style> element')
  return match[1]!
}

/** The stylesheet's rules for print: everything outside the @media screen block. */
function printRules(html: string): string {
  return stylesheet(html).split('@media screen')[0]!
}

/** The declarations of the first rule with exactly this selector. */
function rule(css: string, selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`(?:^|\\n)\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css)
  if (!match) throw new Error(`no rule for ${selector}`)
  return match[1]!
}

/** A length in millimetres from a CSS declaration value ("23mm"). */
function mm(value: string): number {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(value.trim())
  if (!match) throw new Error(`expected a length in mm, got "${value}"`)
  return Number(match[1])
}

/** Every start tag in the document: the only places markup can carry attributes. */
function startTags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? []
}

/** Each note's own slice of the document. */
function notePages(html: string): string[] {
  return html.match(/<article class="note">[\s\S]*?<\/article>/g) ?? []
}

describe('the 42 CFR Part 2 notice', () => {
  it('a substance-use record carries the notice once, as a footer repeated on every printed page', () => {
    const html = renderNotesHtml(
      printInput({
        notes: [
          entry(),
          entry({ id: 'n2', participantId: 'p2' }, { fullName: 'Riley Sample', clientId: 'C-102' })
        ]
      })
    )

    expect(count(html, escapeHtml(PART2_NOTICE))).toBe(1)
    expect(html).toContain(escapeHtml(PART2_SOURCE))
    // One footer for the whole document, outside every note: position: fixed repeats it per page.
    expect(count(html, 'class="part2"')).toBe(1)
    const footerAt = html.indexOf('<footer class="part2"')
    expect(footerAt).toBeGreaterThan(html.lastIndexOf('</article>'))
    expect(footerAt).toBeLessThan(html.indexOf('</body>'))
    for (const page of notePages(html)) expect(page).not.toContain(PART2_NOTICE.slice(0, 40))
    expect(rule(printRules(html), '.part2')).toMatch(/position:\s*fixed/)
  })

  it('note text stops above the notice: every note page reserves at least the footer’s height', () => {
    const css = printRules(renderNotesHtml(printInput()))
    const footer = rule(css, '.part2')
    const height = mm(/(?:^|;)\s*height:\s*([^;]+)/.exec(footer)![1]!)
    const reserved = rule(css, '.with-part2 .note')
    const padding = mm(/padding-bottom:\s*([^;]+)/.exec(reserved)![1]!)

    expect(/bottom:\s*0/.test(footer)).toBe(true)
    expect(padding).toBeGreaterThan(height)
    expect(reserved).toMatch(/box-decoration-break:\s*clone/)
  })

  it('a mental-health record carries no Part 2 notice', () => {
    const html = renderNotesHtml(printInput({ substanceUseRecord: false }))

    expect(html).not.toContain(escapeHtml(PART2_NOTICE))
    expect(html).not.toContain(PART2_NOTICE.slice(0, 40))
    expect(html).not.toContain(PART2_NOTICE_SHORT)
    expect(html).not.toContain(PART2_SOURCE)
    expect(html).not.toContain('class="part2"')
    expect(html).not.toMatch(/42 CFR/i)
    expect(html).toContain('CONFIDENTIAL — protected health information.')
  })
})

describe('what the note records', () => {
  it('shows the clinic, the participant, the session and the group part', () => {
    const html = renderNotesHtml(printInput())

    expect(html).toContain('Riverside Recovery Center')
    expect(html).toContain('Jordan Testperson')
    expect(html).toContain('C-101')
    expect(html).toContain('April 9, 1988')
    expect(html).toContain('Evening IOP')
    expect(html).toContain('November 23, 2026')
    expect(html).toContain('09:00 CST – 12:00 CST')
    expect(html).toContain('3 h 00 min')
    expect(html).toContain('Holiday triggers and high-risk situations.')
    expect(html).toContain('Psychoeducation on cravings; role-play of refusal skills.')
    expect(html).toContain('Cohesive; two members supported a newcomer.')
    expect(html).toContain('Relapse prevention 3')
    expect(html).toContain(DATA_TEXT)
    expect(html).toContain(
      'Stay abstinent through the holidays <span class="goal-state">(Addressed)'
    )
    expect(html).toContain('Named a plan for the family dinner.')
  })

  it('names the facilitators who led the session, with their credentials', () => {
    const html = renderNotesHtml(printInput())
    expect(html).toContain('<dt>Facilitators</dt><dd>Robin Okafor, LADC; Sam Whitfield, LPC</dd>')
  })

  it('lists the measures given that day with their bands, or says none were', () => {
    expect(renderNotesHtml(printInput())).toContain('No measures given this day.')
    const html = renderNotesHtml(
      printInput({
        notes: [
          {
            ...entry(),
            measures: [
              { measureId: 'phq9', total: 12, band: 'moderate' },
              { measureId: 'craving', total: 3, band: 'mild' }
            ]
          }
        ]
      })
    )
    expect(html).toContain('<li>PHQ-9: 12 (Moderate)</li>')
    expect(html).toContain('<li>Craving rating (0–10): 3 (Mild)</li>')
  })

  it("shows the day's safety events beside the risk level they were weighed against", () => {
    const html = renderNotesHtml(
      printInput({
        notes: [
          {
            ...entry(),
            safety: [{ at: '2026-11-23T15:40:00.000Z', text: 'Safety concern observed.' }]
          }
        ]
      })
    )
    const risk = html.slice(html.indexOf('<h2>Risk assessment and follow-up</h2>'))
    expect(risk).toContain('<h3>Recorded this day</h3>')
    expect(risk).toContain('<li>09:40 CST: Safety concern observed.</li>')
    expect(risk).toContain('<dt>Risk</dt><dd>None identified</dd>')
  })

  it('a draft whose risk was never chosen says so, never "None identified"', () => {
    const draft = entry({ state: 'draft', signature: null })
    draft.note.body = { ...draft.note.body, risk: null }
    const html = renderNotesHtml(printInput({ notes: [draft] }))
    expect(html).toContain('<dt>Risk</dt><dd>Not assessed yet</dd>')
    expect(html).not.toContain('None identified')
  })

  it('prints each note on its own page, one page per participant, with the group part on each', () => {
    const people = [
      { fullName: 'Jordan Testperson', clientId: 'C-101' },
      { fullName: 'Riley Sample', clientId: 'C-102' },
      { fullName: 'Avery Example', clientId: 'C-103' }
    ]
    const html = renderNotesHtml(
      printInput({
        notes: people.map((p, i) => entry({ id: `n${i}`, participantId: `p${i}` }, p))
      })
    )
    const pages = notePages(html)

    expect(pages).toHaveLength(3)
    expect(count(html, '<article')).toBe(3)
    pages.forEach((page, i) => {
      expect(page).toContain(people[i]!.fullName)
      expect(page).toContain(people[i]!.clientId)
      for (const other of people.filter((_, j) => j !== i)) {
        expect(page).not.toContain(other.clientId)
      }
      expect(page).toContain('Holiday triggers and high-risk situations.')
    })
    const css = printRules(html)
    expect(rule(css, '.note')).toMatch(/break-before:\s*page/)
    // ...but not a blank first page before the first note.
    expect(rule(css, '.note:first-of-type')).toMatch(/break-before:\s*auto/)
  })
})

describe('signatures', () => {
  it('a signed note shows who signed, with credentials, on the clinic’s clock', () => {
    const html = renderNotesHtml(printInput())

    // 20:05 UTC on November 23 is 2:05 PM Central Standard Time.
    expect(html).toContain(
      'Electronically signed by Dana Reyes, LPC on November 23, 2026 14:05 CST'
    )
    expect(html).not.toContain('Unsigned draft')
    expect(html).not.toContain('Awaiting supervisor co-signature')
  })

  it('a signature late in the Chicago evening is dated that evening, not the next UTC day', () => {
    const evening = { ...counselor, at: '2026-11-24T05:30:00.000Z' }
    const midnight = { ...counselor, at: '2026-11-24T06:05:00.000Z' }
    const summer = { ...counselor, at: '2026-07-14T20:05:00.000Z' }

    expect(renderNotesHtml(printInput({ notes: [entry({ signature: evening })] }))).toContain(
      'Dana Reyes, LPC on November 23, 2026 23:30 CST'
    )
    expect(renderNotesHtml(printInput({ notes: [entry({ signature: midnight })] }))).toContain(
      'Dana Reyes, LPC on November 24, 2026 00:05 CST'
    )
    expect(renderNotesHtml(printInput({ notes: [entry({ signature: summer })] }))).toContain(
      'Dana Reyes, LPC on July 14, 2026 15:05 CDT'
    )
  })

  it('a co-signed note shows the trainee’s signature and the supervisor’s co-signature', () => {
    const html = renderNotesHtml(
      printInput({ notes: [entry({ signature: trainee, cosignature: supervisor })] })
    )

    expect(html).toContain(
      'Electronically signed by Casey Brooks, CIT on November 23, 2026 14:05 CST'
    )
    expect(html).toContain('Co-signed by Morgan Lee, LCSW on November 24, 2026 09:15 CST')
    expect(html.indexOf('Casey Brooks, CIT')).toBeLessThan(html.indexOf('Morgan Lee, LCSW'))
    expect(html).not.toContain('Awaiting supervisor co-signature')
  })

  it('a trainee’s note waiting for the supervisor says it is awaiting co-signature', () => {
    const html = renderNotesHtml(
      printInput({ notes: [entry({ state: 'awaiting_cosignature', signature: trainee })] })
    )

    expect(html).toContain('Electronically signed by Casey Brooks, CIT')
    expect(html).toContain('Awaiting supervisor co-signature')
    expect(html).not.toContain('Co-signed by')
    expect(html).not.toContain('Unsigned draft')
  })

  it('an unsigned draft is labelled as an unsigned draft and claims no signature', () => {
    const html = renderNotesHtml(
      printInput({ notes: [entry({ state: 'draft', signature: null })] })
    )

    expect(html).toContain('Unsigned draft')
    expect(html).toContain('This note has not been signed and is not part of the record.')
    expect(html).not.toContain('signed by')
    expect(html).not.toContain('Dana Reyes')
  })

  it('a note still in draft prints as an unsigned draft even if a signature is attached', () => {
    const html = renderNotesHtml(printInput({ notes: [entry({ state: 'draft' })] }))

    expect(html).toContain('Unsigned draft')
    expect(html).not.toContain('signed by')
  })
})

describe('late entries', () => {
  it('a note signed after its due date is marked LATE ENTRY', () => {
    const html = renderNotesHtml(printInput({ notes: [entry({ lateEntry: true })] }))
    expect(count(html, 'LATE ENTRY')).toBe(1)
    expect(html).toMatch(/<p class="late">LATE ENTRY<\/p>/)
  })

  it('an on-time note is not marked late', () => {
    const html = renderNotesHtml(printInput())
    expect(html).not.toMatch(/late entry/i)
  })

  it('only the late note of a session is marked', () => {
    const html = renderNotesHtml(
      printInput({
        notes: [
          entry(),
          entry({ id: 'n2', lateEntry: true }, { fullName: 'Riley Sample', clientId: 'C-102' })
        ]
      })
    )
    const [onTime, late] = notePages(html)
    expect(onTime).not.toContain('LATE ENTRY')
    expect(late).toContain('LATE ENTRY')
  })
})

describe('addenda', () => {
  it('follow the unchanged original, in order, each with its author, credentials and time', () => {
    const addenda = [
      {
        id: 'a1',
        text: 'Correction: the participant arrived 10 minutes late, not on time.',
        signature: { ...counselor, at: '2026-11-24T14:30:00.000Z' }
      },
      {
        id: 'a2',
        text: 'Supervisor reviewed the correction with the counselor.',
        signature: { ...supervisor, at: '2026-11-25T17:45:00.000Z' }
      }
    ]
    const original = renderNotesHtml(printInput())
    const html = renderNotesHtml(printInput({ notes: [entry({ addenda })] }))

    // The original text is printed as written, once, before any addendum.
    expect(html).toContain(`<div class="text">${escapeHtml(DATA_TEXT)}</div>`)
    expect(count(html, DATA_TEXT)).toBe(1)
    const addendaAt = html.indexOf('<section class="addenda">')
    expect(addendaAt).toBeGreaterThan(html.indexOf(DATA_TEXT))
    expect(addendaAt).toBeGreaterThan(html.indexOf('<section class="signature">'))
    // Everything before the addenda is what the note printed without them.
    expect(html.slice(0, addendaAt)).toBe(original.slice(0, addendaAt))

    const first = html.indexOf(addenda[0]!.text)
    const second = html.indexOf(addenda[1]!.text)
    expect(first).toBeGreaterThan(addendaAt)
    expect(second).toBeGreaterThan(first)
    expect(html).toContain('Addendum 1 — November 24, 2026 08:30 CST')
    expect(html).toContain('Addendum 2 — November 25, 2026 11:45 CST')
    expect(html).toContain(
      'Electronically signed by Dana Reyes, LPC on November 24, 2026 08:30 CST'
    )
    expect(html).toContain(
      'Electronically signed by Morgan Lee, LCSW on November 25, 2026 11:45 CST'
    )
    expect(html.indexOf('Dana Reyes, LPC on November 24')).toBeGreaterThan(first)
    expect(html.indexOf('Morgan Lee, LCSW on November 25')).toBeGreaterThan(second)
  })

  it('a note without addenda prints no addenda section', () => {
    expect(renderNotesHtml(printInput())).not.toContain('Addend')
  })
})

describe('a safe, self-contained document', () => {
  const SCRIPT = '<script>alert(1)</script>'
  const IMG = '<img src=x onerror=alert(2)>'
  const QUOTE = `" onmouseover="alert(3)`

  it('prints typed markup as text, never as markup, wherever it was typed', () => {
    const hostile = `${SCRIPT} ${IMG} ${QUOTE}`
    const html = renderNotesHtml(
      printInput({
        clinic: { name: `Riverside ${SCRIPT}`, timeZone: 'America/Chicago' },
        session: { ...printInput().session, groupName: `Evening ${IMG}`, modules: [hostile] },
        groupPart: { topics: hostile, interventions: hostile, dynamics: hostile },
        notes: [
          {
            ...entry(
              {
                body: {
                  ...emptyBody('DAP'),
                  sections: { data: hostile, assessment: hostile, plan: hostile },
                  goals: [{ goalId: 'g1', addressed: true, progress: hostile }],
                  riskText: hostile,
                  followUp: hostile
                },
                signature: { ...counselor, name: `Dana ${SCRIPT}`, credentials: IMG },
                addenda: [{ id: 'a1', text: hostile, signature: counselor }]
              },
              { fullName: `Jordan ${SCRIPT}`, clientId: IMG }
            ),
            goals: [{ id: 'g1', text: hostile }]
          }
        ]
      })
    )

    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i)
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;')
    expect(html).toContain('&quot; onmouseover=&quot;alert(3)')
    expect(html).toContain('Jordan &lt;script&gt;')
    expect(html).toContain('Dana &lt;script&gt;alert(1)&lt;/script&gt;, &lt;img')
  })

  it('loads nothing from outside: no links, no sources, no web addresses', () => {
    const html = renderNotesHtml(printInput())

    expect(html).not.toMatch(/https?:/i)
    expect(html).not.toMatch(/<link/i)
    expect(html).not.toMatch(/<(script|iframe|object|embed|img|base)\b/i)
    expect(html).not.toMatch(/url\(/i)
    expect(html).not.toMatch(/@import/i)
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\s(src|href|srcset|action)\s*=/i)
    }
  })
})

describe('the page', () => {
  it('is US letter, with side margins that leave a text column A4 also holds', () => {
    const page = /@page\s*\{([^}]*)\}/.exec(stylesheet(renderNotesHtml(printInput())))
    expect(page).not.toBeNull()
    const declarations = page![1]!
    expect(declarations).toMatch(/size:\s*letter\s*;/)

    const margins = /margin:\s*([^;]+);/.exec(declarations)![1]!.trim().split(/\s+/).map(mm)
    // CSS shorthand: top, right, bottom, left (missing values repeat their opposite).
    const right = margins[1] ?? margins[0]!
    const left = margins[3] ?? right
    const LETTER_WIDTH_MM = 215.9
    const A4_WIDTH_MM = 210
    const column = LETTER_WIDTH_MM - left - right

    expect(left).toBe(right)
    // The letter text column, centred on A4, still leaves at least 15 mm each side.
    expect(column).toBeLessThanOrEqual(A4_WIDTH_MM - 2 * 15)
    // ...and is not squeezed: at least 160 mm of text.
    expect(column).toBeGreaterThanOrEqual(160)
  })
})

describe('names written right to left', () => {
  const ARABIC = 'سارة الحسن'

  it('are isolated, so the signature’s date, the credentials and the title’s date keep their places', () => {
    const signer: Signature = { ...counselor, name: ARABIC }
    const html = renderNotesHtml(
      printInput({
        session: {
          ...printInput().session,
          groupName: 'مجموعة المساء',
          facilitators: [{ name: ARABIC, credentials: 'LPC' }]
        },
        notes: [entry({ signature: signer }, { fullName: ARABIC })]
      })
    )
    expect(html).toContain(
      `Electronically signed by <bdi>${ARABIC}</bdi>, LPC on November 23, 2026 14:05 CST`
    )
    expect(html).toContain(`<dt>Facilitators</dt><dd><bdi>${ARABIC}</bdi>, LPC</dd>`)
    expect(html).toContain(`<dt>Name</dt><dd><bdi>${ARABIC}</bdi></dd>`)
    expect(html).toContain(
      '<title>Group progress note — \u2068مجموعة المساء\u2069 — November 23, 2026</title>'
    )
  })

  it('leave left-to-right names as they were', () => {
    const html = renderNotesHtml(printInput())
    expect(html).not.toContain('<bdi>')
    expect(html).not.toContain('\u2068')
  })
})
