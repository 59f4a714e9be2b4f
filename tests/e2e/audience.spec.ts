/**
 * The projector's page, opened beside the facilitator's screen in the same
 * browser context (one clock, one host): it follows every slide and mode
 * change, and it never shows a person, a note or a safety step, whatever the
 * facilitator's screen holds.
 */
import type { Page, Response } from '@playwright/test'
import { SAFETY_PROTOCOLS } from '../../src/shared/session/safety'
import { expect, test } from './fixtures'
import {
  completeSetup,
  lockAfterAnHour,
  expectCurrent,
  finishAnimations,
  MINUTE,
  openAudience,
  openPeopleTab,
  openPerson,
  openRunningScreen,
  planSessionThroughApi,
  ROSTER,
  SESSION_START,
  shortName,
  startAndReachEducational,
  audienceUrl,
  endSession,
  expectTime
} from './steps'

const OBSERVATION_LINE = 'Talked about a hard week at home and a fight with a sibling'

/** Every way the roster names a person: full, first, last, preferred and short names, client ID. */
const ROSTER_TERMS = ROSTER.flatMap((person) => [
  person.fullName,
  ...person.fullName.split(' '),
  ...(person.preferredName ? [person.preferredName] : []),
  shortName(person),
  person.clientId
])

/** The roster's names, the wording of every safety step, and the facilitator's own line. */
const FORBIDDEN = [
  ...ROSTER_TERMS,
  ...Object.values(SAFETY_PROTOCOLS).flatMap((protocol) => [
    protocol.title,
    protocol.menuLabel,
    protocol.lead,
    ...protocol.steps.flatMap((step) => [step.text, ...(step.say ? [step.say] : [])])
  ]),
  OBSERVATION_LINE,
  'Safety concern',
  'Safety checklist'
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The forbidden terms found in `text`, as whole words (so "Mo" is not found in "Monday"). */
function termsIn(text: string, terms: readonly string[]): string[] {
  return terms.filter((term) => new RegExp(`(^|\\W)${escape(term)}(?=\\W|$)`).test(text))
}

/** What the projector holds right now: its rendered text and its whole document. */
async function expectNothingPrivate(audience: Page, view: string): Promise<void> {
  const text = await audience.locator('body').innerText()
  const html = await audience.content()
  expect(termsIn(text, FORBIDDEN), `private words in the ${view} view's text`).toEqual([])
  expect(termsIn(html, FORBIDDEN), `private words in the ${view} view's document`).toEqual([])
}

test.describe('the projector', () => {
  test.beforeEach(({ app }) => {
    test.skip(app.clock === null, 'Needs the test host: one clock for both pages')
  })

  test('the projector follows slide changes', async ({ app }) => {
    const clock = app.clock!
    const page = app.page
    await completeSetup(page)
    await lockAfterAnHour(page)
    const session = await planSessionThroughApi(page)
    await clock.pauseAt(SESSION_START)
    await openRunningScreen(page, session.id)
    await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible()

    // Before the start, the room sees a welcome.
    const audience = await openAudience(page, session.id)
    await expect(audience.getByTestId('audience-welcome')).toHaveText(
      'Welcome. We will begin soon.'
    )

    await startAndReachEducational(page, clock)
    const slides = page.getByRole('region', { name: 'Slides' })
    await expect(slides).toContainText('slide 1 of 9')
    // A projector opened mid-session starts on the slide the room should see.
    await audience.goto(audienceUrl(page, session.id))
    const shown = audience.getByTestId('audience-slide')
    await expect(shown).toHaveAttribute('data-slide-index', '0')
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText(
      'How substance use changes the brain'
    )

    // "Now showing" on the facilitator's screen: the column without the "Next" label.
    const nowShowing = slides
      .locator('div')
      .filter({ has: page.getByText('Now showing', { exact: true }) })
      .filter({ hasNot: page.getByText('Next', { exact: true }) })
      .getByRole('heading', { level: 2 })
    const expectProjectorOn = async (index: number) => {
      await expect(slides).toContainText(`slide ${index + 1} of 9`)
      await expect(shown).toHaveAttribute('data-slide-index', String(index))
      const title = await nowShowing.textContent()
      expect(title).toBeTruthy()
      await expect(shown.getByRole('heading', { level: 2 })).toHaveText(title!)
    }

    for (const index of [1, 2, 3]) {
      await clock.advance(MINUTE)
      await page.keyboard.press('ArrowRight')
      await expectProjectorOn(index)
    }
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText('The brain adjusts')
    await page.keyboard.press('ArrowLeft')
    await expectProjectorOn(2)
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText('What substances do')

    // B blanks the projector, and B again brings the same slide back.
    await page.keyboard.press('b')
    await expect(audience.getByTestId('audience-blank')).toBeAttached()
    await expect(shown).toHaveCount(0)
    await expect(page.getByRole('radio', { name: 'Blank' })).toBeChecked()
    await page.keyboard.press('b')
    await expect(page.getByRole('radio', { name: 'Slides' })).toBeChecked()
    await expectProjectorOn(2)

    // The timer: the segment and what is left of it, no slide. 45 − 3 minutes used.
    const projectorShows = page.getByRole('radiogroup', { name: 'Projector shows' })
    await projectorShows.getByText('Timer', { exact: true }).click()
    await expect(page.getByRole('radio', { name: 'Timer' })).toBeChecked()
    const timer = audience.getByTestId('audience-timer-screen')
    await expect(timer).toContainText('Educational segment')
    await expect(timer).toContainText('42 minutes left')
    await expect(shown).toHaveCount(0)
    await clock.advance(2 * MINUTE)
    await expect(timer).toContainText('40 minutes left')

    // Back to slides, then the end: the room is thanked.
    await projectorShows.getByText('Slides', { exact: true }).click()
    await expectProjectorOn(2)
    await endSession(page)
    await expect(page.getByRole('heading', { name: /Session summary/ })).toBeVisible()
    await expect(audience.getByTestId('audience-thanks')).toHaveText(
      'Thank you for being here today.'
    )
    await expect(shown).toHaveCount(0)
    app.expectNoErrors()
  })

  test('the projector never shows a participant’s name, even with a safety checklist open', async ({
    app
  }) => {
    const clock = app.clock!
    const page = app.page
    await completeSetup(page)
    await lockAfterAnHour(page)
    const session = await planSessionThroughApi(page)
    await clock.pauseAt(SESSION_START)
    await openRunningScreen(page, session.id)

    // Every answer the projector's page gets from the host is kept, to read afterwards.
    const audience = await page.context().newPage()
    const responses: Response[] = []
    audience.on('response', (response) => responses.push(response))
    await audience.goto(audienceUrl(page, session.id))
    await expect(audience.getByTestId('audience-welcome')).toBeVisible()

    await startAndReachEducational(page, clock)
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('region', { name: 'Slides' })).toContainText('slide 2 of 9')
    await expect(audience.getByTestId('audience-slide')).toHaveAttribute('data-slide-index', '1')

    // Everyone arrives; one free-text line about Casey.
    await openPeopleTab(page)
    for (const person of ROSTER) {
      const panel = await openPerson(page, shortName(person), clock)
      await panel.getByRole('button', { name: 'Arrived', exact: true }).click()
      await expectTime(panel, `Time in for ${shortName(person)}`, '09:40')
    }
    const casey = shortName(ROSTER[1]!)
    const caseyPanel = await openPerson(page, casey, clock)
    await caseyPanel.getByLabel(`A short line about ${casey}`).fill(OBSERVATION_LINE)
    await caseyPanel.getByRole('button', { name: 'Add' }).click()
    await expect(caseyPanel.getByRole('list', { name: `Observations of ${casey}` })).toContainText(
      OBSERVATION_LINE
    )

    // Jordy: a safety concern, about thoughts of suicide. The protocol opens on this screen;
    // one step is ticked.
    const jordy = shortName(ROSTER[0]!)
    const jordyPanel = await openPerson(page, jordy, clock)
    const protocol = SAFETY_PROTOCOLS.suicidal_thoughts
    await jordyPanel.getByRole('button', { name: 'Safety concern' }).click()
    await finishAnimations(clock)
    await page.getByRole('menuitem', { name: protocol.menuLabel }).click()
    await finishAnimations(clock)
    const checklist = page.getByRole('dialog', { name: `${protocol.title} — ${jordy}` })
    await expect(checklist).toBeVisible()
    const step = checklist.getByRole('checkbox', { name: protocol.steps[0]!.text })
    // Controlled by the saved record: it shows ticked once the host has the step.
    await step.click()
    await expect(step).toBeChecked()
    await expect(checklist.getByRole('checkbox', { name: protocol.steps[1]!.text })).toBeEnabled()

    // The checks have teeth: the facilitator's screen does hold what the projector must not.
    const facilitatorText = await page.locator('body').innerText()
    expect(
      termsIn(facilitatorText, [jordy, casey, OBSERVATION_LINE, protocol.steps[0]!.text])
    ).toHaveLength(4)

    // The slide view, with the checklist open.
    await expect(audience.getByTestId('audience-slide')).toHaveAttribute('data-slide-index', '1')
    await expectNothingPrivate(audience, 'slide')

    // The modal covers the screen: close it to switch the projector, then open it again.
    const reopenChecklist = async () => {
      await page.getByRole('button', { name: `${protocol.menuLabel}: ${jordy}` }).click()
      await finishAnimations(clock)
      await expect(checklist).toBeVisible()
      await expect(step).toBeChecked()
    }
    const projectorShows = page.getByRole('radiogroup', { name: 'Projector shows' })
    await page.keyboard.press('Escape')
    await finishAnimations(clock)
    await expect(checklist).toBeHidden()
    await projectorShows.getByText('Timer', { exact: true }).click()
    await expect(audience.getByTestId('audience-timer-screen')).toContainText('minutes left')
    await reopenChecklist()
    await expectNothingPrivate(audience, 'timer')

    await page.keyboard.press('Escape')
    await finishAnimations(clock)
    await expect(checklist).toBeHidden()
    await projectorShows.getByText('Blank', { exact: true }).click()
    await expect(audience.getByTestId('audience-blank')).toBeAttached()
    await reopenChecklist()
    await expectNothingPrivate(audience, 'blank')

    // What reached the projector over the wire: only the host's answers to its calls.
    const calls = responses.filter((r) => new URL(r.url()).pathname.startsWith('/__host/call/'))
    expect(calls.map((r) => new URL(r.url()).pathname)).toContain('/__host/call/sessions.audience')
    for (const call of calls) {
      const body = await call.text()
      expect(termsIn(body, FORBIDDEN), `private words in the answer to ${call.url()}`).toEqual([])
    }
    // Nothing else the page asked for came from anywhere but the app.
    for (const response of responses) expect(app.isOwnUrl(response.url())).toBe(true)
    await expectCurrent(page, 'Educational segment')
    app.expectNoErrors()
  })
})
