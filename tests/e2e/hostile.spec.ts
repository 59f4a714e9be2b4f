/**
 * Hostile content: a participant, a group, an observation, a note (group
 * part, sections, goal progress, addendum) and a curriculum slide hold
 * markup, scripts, `javascript:` addresses, template expressions and a web
 * picture. Every screen that shows them (participants, the participant, the
 * progress page, the group, the running screen, the projector, the notes,
 * a report, the access log) shows them as literal text; nothing runs, no
 * element is made from them, nothing is fetched from outside the app; the
 * printed notes and progress summary (read back with PDF.js) carry the
 * same text literally, and the print page runs nothing either.
 */
import { writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { SegmentInput } from '../../src/shared/domain/session'
import { readPdfPages } from '../support/pdf-text'
import { expect, test, type App } from './fixtures'
import {
  completeSetup,
  expectCurrent,
  openAudience,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  typeDate
} from './steps'

/** Each would set window.__pwned if a browser ever treated it as markup or code. */
const IMG = '<img src=x onerror="window.__pwned=1">'
const SCRIPT = '<script>window.__pwned=2</script>'
const SVG = '"><svg onload="window.__pwned=3">'
const JS_URL = 'javascript:window.__pwned=4'
const TEMPLATE = "{{constructor.constructor('window.__pwned=5')()}}"

const FULL_NAME = `Jordan ${IMG} ${SVG} Testperson`
const PREFERRED = SCRIPT
/** What the app calls the participant: the preferred name and the last initial. */
const DISPLAY = `${SCRIPT} T.`
const GOAL = `${JS_URL} ${TEMPLATE}`
const GROUP_NAME = `Evening ${SVG} ${JS_URL}`
const OBSERVATION = `${JS_URL} ${IMG} ${TEMPLATE}`
const GROUP_PART = { topics: TEMPLATE, interventions: IMG, dynamics: `${SVG} ${SCRIPT}` }
const SECTIONS = { data: `${IMG} ${SCRIPT}`, assessment: `${SVG} ${TEMPLATE}`, plan: JS_URL }
const GOAL_PROGRESS = `Progress ${SCRIPT} ${IMG}`
const ADDENDUM = `Addendum ${IMG} ${SCRIPT} ${SVG} ${JS_URL} ${TEMPLATE}`

/** Lines added to the module's first slide: a link, a picture, an autolink, a template. */
const SLIDE_LINES = [
  '- A link: [x link](javascript:window.__pwned=6)',
  '- A picture: ![x picture](http://example.com/x.png)',
  '- An autolink: <javascript:window.__pwned=7>',
  `- A template: ${TEMPLATE}`
]
const SLIDE_NOTES_LINE = 'Watch for: [notes link](javascript:window.__pwned=8)'
const MODULE_ID = 'edu-01-brain'
const FIRST_BULLET = '- Questions are welcome at any time'

const AGENDA: SegmentInput[] = [
  {
    id: 'arrival',
    kind: 'arrival',
    title: 'Arrival',
    plannedMinutes: 5,
    countable: true,
    moduleId: null
  },
  {
    id: 'education',
    kind: 'educational',
    title: 'Educational segment',
    plannedMinutes: 10,
    countable: true,
    moduleId: MODULE_ID
  },
  {
    id: 'check-out',
    kind: 'check_out',
    title: 'Check-out',
    plannedMinutes: 5,
    countable: true,
    moduleId: null
  }
]

interface Seeded {
  groupId: string
  participantId: string
  sessionId: string
  today: string
  htmlRefused: string
}

/** The module edit, the group, the participant and a session planned for today. */
async function seed(page: Page): Promise<Seeded> {
  return page.evaluate(
    async (i) => {
      const need = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
        if (!r.ok) throw new Error(r.error.message)
        return r.value
      }
      const api = window.api
      const me = need(await api.app.status()).signedIn!
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(
        new Date()
      )

      // Raw HTML in a module is refused outright; Markdown links and a web picture are kept.
      const source = need(await api.curriculum.source({ moduleId: i.moduleId }))
      const withHtml = source.text.replace(i.firstBullet, `${i.firstBullet}\n- ${i.img}`)
      const refused = await api.curriculum.save({ moduleId: i.moduleId, text: withHtml })
      if (refused.ok) throw new Error('A module with raw HTML was saved')
      const edited = source.text
        .replace(i.firstBullet, [i.firstBullet, ...i.slideLines].join('\n'))
        .replace('\nMinutes: 4\n', `\n${i.notesLine}\n\nMinutes: 4\n`)
      need(await api.curriculum.save({ moduleId: i.moduleId, text: edited }))

      const group = need(
        await api.groups.create({
          name: i.groupName,
          track: 'substance_use',
          admission: 'open',
          meetingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          startTime: '09:00',
          defaultMinutes: 180,
          capacity: 12,
          facilitatorIds: [me.id]
        })
      )
      const person = need(
        await api.participants.create({
          fullName: i.fullName,
          preferredName: i.preferred,
          clientId: 'C-666',
          dateOfBirth: '1990-04-12',
          admissionDate: today,
          track: 'substance_use',
          status: 'active',
          discharge: null,
          goals: [{ id: 'goal-hostile', text: i.goal, status: 'in_progress' }]
        })
      )
      need(
        await api.enrollments.create({
          groupId: group.id,
          participantId: person.id,
          joinDate: today
        })
      )
      const session = need(
        await api.sessions.plan({
          groupId: group.id,
          date: today,
          facilitatorIds: [me.id],
          segments: i.segments
        })
      )
      return {
        groupId: group.id,
        participantId: person.id,
        sessionId: session.id,
        today,
        htmlRefused: refused.error.message
      }
    },
    {
      moduleId: MODULE_ID,
      firstBullet: FIRST_BULLET,
      img: IMG,
      slideLines: SLIDE_LINES,
      notesLine: SLIDE_NOTES_LINE,
      groupName: GROUP_NAME,
      fullName: FULL_NAME,
      preferred: PREFERRED,
      goal: GOAL,
      segments: AGENDA
    }
  )
}

/** Attendance and an observation while the group runs; then the end, the notes, an addendum. */
async function writeNotes(page: Page, seeded: Seeded): Promise<void> {
  await page.evaluate(
    async (i) => {
      const need = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
        if (!r.ok) throw new Error(r.error.message)
        return r.value
      }
      const api = window.api
      need(await api.sessions.act({ sessionId: i.sessionId, action: { type: 'end' } }))
      need(await api.notes.saveGroupPart({ sessionId: i.sessionId, groupPart: i.groupPart }))
      need(
        await api.notes.saveDraft({
          sessionId: i.sessionId,
          participantId: i.participantId,
          baseRevision: 0,
          body: {
            sections: i.sections,
            goals: [{ goalId: 'goal-hostile', addressed: true, progress: i.goalProgress }],
            risk: 'none',
            riskText: '',
            followUp: i.followUp
          }
        })
      )
      const findings = need(
        await api.notes.check({ sessionId: i.sessionId, participantId: i.participantId })
      )
      need(
        await api.notes.sign({
          sessionId: i.sessionId,
          participantId: i.participantId,
          overrides: findings.map((f) => ({ check: f.check, message: f.message }))
        })
      )
      need(
        await api.notes.addendum({
          sessionId: i.sessionId,
          participantId: i.participantId,
          text: i.addendum
        })
      )
    },
    {
      sessionId: seeded.sessionId,
      participantId: seeded.participantId,
      groupPart: GROUP_PART,
      sections: SECTIONS,
      goalProgress: GOAL_PROGRESS,
      followUp: TEMPLATE,
      addendum: ADDENDUM
    }
  )
}

/**
 * Nothing ran and nothing was made of the hostile text: no marker, no script
 * but the app's own bundle, no event-handler attribute, no element from a
 * payload, no link or picture leading outside the app, and no request to one.
 */
async function expectInert(app: App, page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), where).toBe(
    undefined
  )
  const dom = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'))
    const origin = location.origin
    const outside = (url: string) => {
      if (url.startsWith('data:')) return false
      try {
        return new URL(url, location.href).origin !== origin
      } catch {
        return true
      }
    }
    return {
      rootScripts: document.querySelectorAll('#root script').length,
      inlineScripts: Array.from(document.scripts).filter((s) => !s.src).length,
      foreignScripts: Array.from(document.scripts).filter((s) => s.src && outside(s.src)).length,
      handlers: all.flatMap((el) =>
        Array.from(el.attributes)
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${el.tagName}[${a.name}]`)
      ),
      payloadElements: document.querySelectorAll(
        'img[src="x"], svg[onload], a[href^="javascript:" i], [src^="javascript:" i], iframe, object, embed'
      ).length,
      foreignLinks: Array.from(document.querySelectorAll('a[href]'))
        .map((a) => a.getAttribute('href')!)
        .filter(outside),
      foreignImages: Array.from(document.querySelectorAll('img'))
        .map((img) => img.getAttribute('src') ?? '')
        .filter(outside)
    }
  })
  expect(dom, where).toEqual({
    rootScripts: 0,
    inlineScripts: 0,
    foreignScripts: 0,
    handlers: [],
    payloadElements: 0,
    foreignLinks: [],
    foreignImages: []
  })
  expect(
    app.requests.filter((url) => !app.isOwnUrl(url)),
    `${where}: requests outside the app`
  ).toEqual([])
}

/** The text is on screen, as the characters typed. */
async function expectLiteral(page: Page, text: string): Promise<void> {
  await expect(page.getByText(text, { exact: false }).first()).toBeVisible()
}

/** Prints HTML to PDF in a fresh page of the same browser, checks it ran nothing, reads it back. */
async function printToText(app: App, html: string, name: string): Promise<string> {
  const printer = await app.page.context().newPage()
  await printer.setContent(html)
  // The print page has no Content-Security-Policy: only the escaping keeps it inert.
  await expectInert(app, printer, `${name} print page`)
  expect(await printer.evaluate(() => document.scripts.length)).toBe(0)
  const pdfPath = test.info().outputPath(`${name}.pdf`)
  await writeFile(pdfPath, await printer.pdf({ preferCSSPageSize: true }))
  await printer.close()
  // Lines break where the page is full: compare without any white space.
  return (await readPdfPages(pdfPath)).join('').replace(/\s+/g, '')
}

const squeeze = (text: string) => text.replace(/\s+/g, '')

test('hostile content is shown as text everywhere and in printed PDFs, and no script runs', async ({
  app
}) => {
  test.skip(app.clock === null, 'Needs the test host: Playwright prints the PDF in Chromium')
  const page = app.page
  const origin = () => new URL(page.url()).origin
  await completeSetup(page)
  const seeded = await seed(page)
  expect(seeded.htmlRefused).toMatch(/HTML/)

  // The participants list and the participant.
  await page.goto(`${origin()}/#/participants`)
  await expectLiteral(page, FULL_NAME)
  await expectInert(app, page, 'participants list')
  await page.goto(`${origin()}/#/participants/${seeded.participantId}`)
  await expect(page.getByRole('heading', { level: 1, name: DISPLAY })).toBeVisible()
  await expectLiteral(page, '<img src=x')
  await expectLiteral(page, FULL_NAME)
  await expectLiteral(page, `Shown in group as “${DISPLAY}”`)
  await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue(FULL_NAME)
  await expect(page.getByRole('textbox', { name: 'Preferred name' })).toHaveValue(PREFERRED)
  await expect(page.getByRole('textbox', { name: 'Goal 1' })).toHaveValue(GOAL)
  await expectInert(app, page, 'participant page')

  // The group.
  await page.goto(`${origin()}/#/groups/${seeded.groupId}`)
  await expect(page.getByRole('heading', { name: GROUP_NAME })).toBeVisible()
  await expectLiteral(page, FULL_NAME)
  await expectInert(app, page, 'group page')

  // The running screen: started, an observation, then the slide with the link and the picture.
  await openRunningScreen(page, seeded.sessionId)
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival')
  await expectLiteral(page, GROUP_NAME)
  await page.evaluate(
    async (i) => {
      const need = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
        if (!r.ok) throw new Error(r.error.message)
        return r.value
      }
      need(
        await window.api.sessions.attendance({
          sessionId: i.sessionId,
          participantId: i.participantId,
          status: 'present',
          timeIn: null,
          timeOut: null
        })
      )
      need(
        await window.api.sessions.observe({
          sessionId: i.sessionId,
          participantId: i.participantId,
          tag: null,
          text: i.observation
        })
      )
    },
    { ...seeded, observation: OBSERVATION }
  )
  await openPeopleTab(page)
  const panel = await openPerson(page, DISPLAY, null)
  await expect(panel.getByText(OBSERVATION)).toBeVisible()
  await expectInert(app, page, 'running screen, people')
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')
  const segment = page.getByRole('region', { name: 'Slides' })
  await expect(segment.getByText('A link: x link')).toBeVisible()
  await expect(segment.getByText('A picture: x picture')).toBeVisible()
  await expect(segment.getByText('An autolink: javascript:window.__pwned=7')).toBeVisible()
  await expect(segment.getByText(`A template: ${TEMPLATE}`)).toBeVisible()
  await expect(segment.getByText('Watch for: notes link')).toBeVisible()
  await expectInert(app, page, 'running screen, slide')

  // The projector, on the same slide.
  const audience = await openAudience(page, seeded.sessionId)
  const slide = audience.getByTestId('audience-slide')
  await expect(slide).toHaveAttribute('data-slide-index', '0')
  await expect(slide.getByText('A link: x link')).toBeVisible()
  await expect(slide.getByText(/^A picture: x picture/)).toContainText('image not shown')
  await expect(slide.getByText('An autolink: javascript:window.__pwned=7')).toBeVisible()
  await expect(slide.getByText(`A template: ${TEMPLATE}`)).toBeVisible()
  await expect(slide).not.toContainText('notes link')
  await expectInert(app, audience, 'projector')
  await audience.close()

  // The session ends; its note is written, signed and corrected with every payload.
  await writeNotes(page, seeded)
  await page.goto(`${origin()}/#/sessions/${seeded.sessionId}/notes`)
  await expect(
    page.getByRole('heading', { name: `Notes · ${GROUP_NAME}`, exact: false })
  ).toBeVisible()
  const groupPart = page.getByRole('region', { name: 'Group part', exact: true })
  await expect(groupPart.getByLabel('Group dynamics')).toHaveValue(GROUP_PART.dynamics)
  await expect(groupPart.getByLabel('Interventions used')).toHaveValue(GROUP_PART.interventions)
  const editor = page.getByRole('main')
  await expect(editor.getByRole('heading', { level: 2, name: DISPLAY })).toBeVisible()
  await expect(editor.getByTestId('note-facts')).toContainText(OBSERVATION)
  await expectLiteral(page, SECTIONS.data)
  await expectLiteral(page, SECTIONS.assessment)
  await expectLiteral(page, ADDENDUM)
  await expectLiteral(page, GOAL)
  await expectInert(app, page, 'session notes')

  // The progress page.
  await page.goto(`${origin()}/#/participants/${seeded.participantId}/progress`)
  await expect(page.getByRole('heading', { name: `Progress · ${DISPLAY}` })).toBeVisible()
  await expectLiteral(page, GOAL)
  await expectLiteral(page, GROUP_NAME)
  await expectInert(app, page, 'progress page')

  // An attendance report for today.
  await page.goto(`${origin()}/#/reports`)
  const options = page.getByRole('form', { name: 'Report options' })
  await typeDate(options.getByLabel('From'), seeded.today)
  await typeDate(options.getByLabel('To'), seeded.today)
  await options.getByRole('button', { name: 'Show report' }).click()
  const report = page.getByRole('table', { name: /^Attendance and billing/ })
  await expect(report).toBeVisible()
  await expect(report).toContainText(FULL_NAME)
  await expect(report).toContainText(GROUP_NAME)
  await expectInert(app, page, 'report')

  // The access log names the group by its name, as text.
  await page.goto(`${origin()}/#/access-log`)
  await expect(page.getByTestId('chain-state')).toBeVisible()
  await expectLiteral(page, `group ${GROUP_NAME}`)
  await expectInert(app, page, 'access log')

  // The session's notes and the progress summary, printed, carry the text as typed.
  const printed = await page.evaluate(async (i) => {
    const notes = await window.api.notes.print({ sessionId: i.sessionId, participantId: null })
    const progress = await window.api.progress.print({ participantId: i.participantId })
    if (!notes.ok) throw new Error(notes.error.message)
    if (!progress.ok) throw new Error(progress.error.message)
    return { notes: notes.value.html, progress: progress.value.html }
  }, seeded)
  const notesText = await printToText(app, printed.notes, 'hostile-notes')
  for (const text of [
    FULL_NAME,
    GROUP_NAME,
    GROUP_PART.topics,
    GROUP_PART.interventions,
    GROUP_PART.dynamics,
    SECTIONS.data,
    SECTIONS.assessment,
    SECTIONS.plan,
    GOAL,
    GOAL_PROGRESS,
    ADDENDUM
  ]) {
    expect(notesText, 'printed notes').toContain(squeeze(text))
  }
  const progressText = await printToText(app, printed.progress, 'hostile-progress')
  for (const text of [`Progress summary — ${DISPLAY}`, GROUP_NAME, GOAL, GOAL_PROGRESS]) {
    expect(progressText, 'printed progress summary').toContain(squeeze(text))
  }

  await expectInert(app, page, 'the end')
  app.expectNoErrors()
})
