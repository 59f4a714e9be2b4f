/**
 * axe-core scans of the screens used during a group: the session before it
 * starts, the running screen mid-session (slides, People tab, one person's
 * panel open), and the projector's page showing a slide and the timer. A
 * violation of "serious" or "critical" impact fails the test, and the message
 * lists each one (rule, impact, element, what is wrong) so it says what to fix.
 *
 * KNOWN is empty: the theme was changed so that every screen passes (dark
 * primary shade, darker dimmed text, light variants with dark text). Should a
 * violation ever be accepted for a reason, it goes there with its cause.
 *
 * These run on the real clock: axe-core yields between its rules with
 * setTimeout, which a paused clock would hold for ever. Nothing here depends
 * on a figure of time.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { NodeResult } from 'axe-core'
import { expect, test } from './fixtures'
import {
  completeSetup,
  expectCurrent,
  openAudience,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  clinicToday,
  planSessionThroughApi,
  ROSTER,
  shortName,
  typeDate
} from './steps'

interface Known {
  rule: string
  /** Why it happens and what would fix it. */
  cause: string
  matches(node: NodeResult): boolean
}

/** Serious violations accepted for a stated reason: none. */
const KNOWN: Known[] = []

interface Finding {
  rule: string
  impact: string
  help: string
  node: NodeResult
}

/** The serious and critical violations axe finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  // Nothing hovered: a hover colour is not what the screen shows at rest.
  await page.mouse.move(0, 0)
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((node) => ({ rule: v.id, impact: v.impact ?? 'unknown', help: v.help, node }))
    )
}

function describe(finding: Finding): string {
  const { node } = finding
  const why = [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; ')
  return `${finding.rule} (${finding.impact}, ${finding.help}): ${node.target.join(' ')} — ${why}`
}

/** Fails on any serious or critical violation not in `known`; notes which known ones it saw. */
async function expectAccessible(
  page: Page,
  screen: string,
  known: readonly Known[],
  seen: Set<Known>
): Promise<void> {
  const unexpected: Finding[] = []
  for (const finding of await seriousViolations(page)) {
    const match = known.find((k) => k.rule === finding.rule && k.matches(finding.node))
    if (match) seen.add(match)
    else unexpected.push(finding)
  }
  expect(
    unexpected.map(describe),
    `serious or critical axe violations on ${screen}:\n  ${unexpected.map(describe).join('\n  ')}`
  ).toEqual([])
}

/** Starts the session and moves straight on to the educational segment, on its second slide. */
async function reachEducational(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('region', { name: 'Slides' })).toContainText('slide 2 of 9')
}

test('the session screens have no serious accessibility violations', async ({ app }) => {
  const page = app.page
  const seen = new Set<Known>()
  await completeSetup(page)
  // On the real clock, so planned for today: an arrival is recorded on the session's own day.
  const session = await planSessionThroughApi(page, clinicToday())

  // The planned session, ready to start.
  await openRunningScreen(page, session.id)
  await expect(page.getByRole('heading', { name: 'Ready when the group is' })).toBeVisible()
  await expectAccessible(page, 'the planned session', KNOWN, seen)

  // Mid-session: the educational segment, the People tab, one person's panel open.
  await reachEducational(page)
  await openPeopleTab(page)
  const jordy = shortName(ROSTER[0]!)
  const panel = await openPerson(page, jordy, null)
  await panel.getByRole('button', { name: 'Arrived', exact: true }).click()
  await expect(
    panel.getByRole('spinbutton', { name: `Time in for ${jordy}, hour` })
  ).not.toHaveValue('')
  await expect(panel.getByRole('button', { name: 'Safety concern' })).toBeVisible()
  await expectAccessible(page, 'the running session (People tab, one panel open)', KNOWN, seen)

  const gone = KNOWN.filter((k) => !seen.has(k)).map((k) => `${k.rule}: ${k.cause}`)
  expect(gone, 'known violations that no longer occur: remove them from KNOWN').toEqual([])
  for (const k of KNOWN)
    test.info().annotations.push({ type: `known ${k.rule}`, description: k.cause })
  app.expectNoErrors()
})

test('the projector has no serious accessibility violations', async ({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: Electron opens the projector itself')
  const page = app.page
  const seen = new Set<Known>()
  await completeSetup(page)
  const session = await planSessionThroughApi(page)
  await openRunningScreen(page, session.id)
  await reachEducational(page)

  // Nothing is excused on the projector.
  const audience = await openAudience(page, session.id)
  await expect(audience.getByTestId('audience-slide')).toHaveAttribute('data-slide-index', '1')
  await expectAccessible(audience, 'the projector showing a slide', [], seen)

  await page
    .getByRole('radiogroup', { name: 'Projector shows' })
    .getByText('Timer', { exact: true })
    .click()
  await expect(audience.getByTestId('audience-timer-screen')).toContainText('minutes left')
  await expectAccessible(audience, 'the projector showing the timer', [], seen)
  app.expectNoErrors()
})

test('the note editor has no serious accessibility violations', async ({ app }) => {
  const page = app.page
  const seen = new Set<Known>()
  await completeSetup(page)
  const session = await planSessionThroughApi(page)
  // The group, through the app's own API: everyone present, started, ended.
  await page.evaluate(async (sessionId) => {
    const need = <T>(
      result: { ok: true; value: T } | { ok: false; error: { message: string } }
    ) => {
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
    const api = window.api
    const view = need(await api.sessions.get({ sessionId }))
    for (const person of view.attendance) {
      need(
        await api.sessions.attendance({
          sessionId,
          participantId: person.participantId,
          status: 'present',
          // 9:00 in Chicago on the session's day: an arrival on any other day is refused.
          timeIn: '2026-11-23T15:00:00.000Z',
          timeOut: null
        })
      )
    }
    need(await api.sessions.act({ sessionId, action: { type: 'start' } }))
    need(await api.sessions.act({ sessionId, action: { type: 'end' } }))
  }, session.id)
  await page.goto(`${new URL(page.url()).origin}/#/sessions/${session.id}/notes`)
  const editor = page.getByRole('main')
  await expect(editor.getByRole('heading', { level: 2, name: shortName(ROSTER[0]!) })).toBeVisible()
  await expectAccessible(page, 'the note editor', KNOWN, seen)

  // The checks before signing, in their dialog: a peer's name and empty sections.
  await editor.getByLabel('Data', { exact: true }).fill('Sat beside Casey and listened.')
  await editor
    .getByRole('radiogroup', { name: /^Risk level/ })
    .getByText('Moderate', { exact: true })
    .click()
  await expect(editor.getByRole('radio', { name: 'Moderate' })).toBeChecked()
  await editor.getByRole('button', { name: 'Sign note' }).click()
  const warnings = page.getByRole('dialog', { name: 'Before you sign' })
  await expect(warnings).toContainText('Casey')
  await expectAccessible(page, 'the checks before signing', KNOWN, seen)
  app.expectNoErrors()
})

test('the progress page, the group dashboard and the reports have no serious accessibility violations', async ({
  app
}) => {
  const page = app.page
  const seen = new Set<Known>()
  await completeSetup(page)
  const session = await planSessionThroughApi(page)
  // One group held, with everyone present, and two PHQ-9s and a GAD-7 for Jordan.
  const participantId = await page.evaluate(async (sessionId) => {
    const need = <T>(
      result: { ok: true; value: T } | { ok: false; error: { message: string } }
    ) => {
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
    const api = window.api
    const view = need(await api.sessions.get({ sessionId }))
    for (const person of view.attendance) {
      need(
        await api.sessions.attendance({
          sessionId,
          participantId: person.participantId,
          status: 'present',
          // 9:00 in Chicago on the session's day: an arrival on any other day is refused.
          timeIn: '2026-11-23T15:00:00.000Z',
          timeOut: null
        })
      )
    }
    need(await api.sessions.act({ sessionId, action: { type: 'start' } }))
    need(await api.sessions.act({ sessionId, action: { type: 'end' } }))
    const jordan = view.people[0]!.participantId
    for (const [takenOn, answers] of [
      ['2026-11-02', [2, 2, 1, 1, 2, 1, 1, 1, 0]],
      ['2026-11-09', [1, 1, 1, 0, 1, 1, 0, 0, 0]]
    ] as const) {
      need(
        await api.measures.record({
          participantId: jordan,
          measureId: 'phq9',
          takenOn,
          answers: [...answers]
        })
      )
    }
    need(
      await api.measures.record({
        participantId: jordan,
        measureId: 'gad7',
        takenOn: '2026-11-09',
        answers: [1, 1, 1, 1, 0, 0, 1]
      })
    )
    return jordan
  }, session.id)

  await page.goto(`${new URL(page.url()).origin}/#/participants/${participantId}/progress`)
  await expect(page.getByRole('region', { name: 'PHQ-9 over time' })).toBeVisible()
  await expect(page.locator('.recharts-surface').first()).toBeVisible()
  await expectAccessible(page, 'the progress page (charts)', KNOWN, seen)
  for (const name of ['Weekly countable hours', 'PHQ-9 over time', 'GAD-7 over time']) {
    await page.getByRole('region', { name }).getByRole('switch', { name: 'Show as table' }).check()
  }
  await expectAccessible(page, 'the progress page (tables)', KNOWN, seen)

  // Recording a measure, item by item.
  await page.getByRole('button', { name: 'Record a measure' }).click()
  await expect(page.getByRole('dialog', { name: 'Record a measure' })).toBeVisible()
  await expectAccessible(page, 'the measure form', KNOWN, seen)
  await page.keyboard.press('Escape')

  // The participant's written consents, and the form that records one.
  await page.goto(`${new URL(page.url()).origin}/#/participants/${participantId}`)
  const consents = page.getByRole('region', { name: 'Written consents to disclose' })
  await expect(consents).toContainText('No written consent is on file.')
  await consents.getByRole('button', { name: 'Add a written consent' }).click()
  await expect(page.getByRole('dialog', { name: 'Record a written consent' })).toBeVisible()
  await expectAccessible(page, 'the written-consent form', KNOWN, seen)
  await page.keyboard.press('Escape')

  // The group's page with its dashboard.
  await page.goto(`${new URL(page.url()).origin}/#/groups/${session.groupId}`)
  await expect(page.getByText('Attendance rate by week')).toBeVisible()
  await expectAccessible(page, 'the group dashboard', KNOWN, seen)
  await page.screenshot({ path: test.info().outputPath('group-dashboard.png'), fullPage: true })

  // Home: the measures due.
  await page.getByRole('link', { name: 'Home' }).click()
  await expect(page.getByRole('table', { name: 'Measures due' })).toBeVisible()
  await expectAccessible(page, 'the home screen with measures due', KNOWN, seen)
  await page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true })

  // A report on screen.
  await page.goto(`${new URL(page.url()).origin}/#/reports`)
  const options = page.getByRole('form', { name: 'Report options' })
  await typeDate(options.getByLabel('From'), '2026-11-01')
  await typeDate(options.getByLabel('To'), '2026-11-30')
  await options.getByRole('button', { name: 'Show report' }).click()
  await expect(page.getByRole('table', { name: /^Attendance and billing/ })).toBeVisible()
  await expectAccessible(page, 'the attendance report', KNOWN, seen)

  // Asked for the file's password before the export.
  await options.getByRole('button', { name: 'Export CSV' }).click()
  const save = page.getByRole('dialog', { name: 'Save the attendance and billing report' })
  await expect(save.getByLabel('Password for this file')).toBeVisible()
  await save.getByRole('button', { name: 'Save with this password' }).click()
  await expect(save.getByText(/at least 12 characters/)).toBeVisible()
  await expectAccessible(page, 'the export password dialog', KNOWN, seen)
  app.expectNoErrors()
})
