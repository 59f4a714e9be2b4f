/**
 * A new clinic's first run, following only what the screen says: from an
 * empty data folder to a running session with six participants. Every click,
 * key press and typed field on a labelled control counts as one action (a
 * whole field typed is one); the figure to reach is 25 at most.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures'

const SIX = [
  'Jordan Testperson, C-101, 1990-04-12',
  'Casey Samplewood, C-102, 1985-02-01',
  'Morgan Fictional, C-103, 1988-04-02',
  'Alex Placeholder, C-104, 1992-07-30',
  'Riley Example, C-105, 1979-11-15',
  'Sam Madeup, C-106, 2001-01-09'
].join('\n')

/** Counts what a person does; each method is one action on one labelled control. */
class Actions {
  count = 0
  readonly log: string[] = []
  async click(control: Locator, what: string) {
    await control.click()
    this.done(`click ${what}`)
  }
  async fill(control: Locator, text: string, what: string) {
    await control.fill(text)
    this.done(`type ${what}`)
  }
  private done(what: string) {
    this.count++
    this.log.push(`${this.count}. ${what}`)
  }
  /** Reading the screen is not an action: waits for what it names, counts nothing. */
  async see(control: Locator) {
    await expect(control).toBeVisible()
  }
}

test('from an empty data folder to a running session with six participants in 25 actions or fewer', async ({
  app
}) => {
  const page = app.page
  const act = new Actions()

  // Setup: the clinic, then the first staff member (the time zone is this computer's).
  await act.see(page.getByRole('heading', { name: 'Set up your clinic' }))
  await act.fill(page.getByLabel('Clinic name'), 'Riverside Recovery Center', 'clinic name')
  await act.click(page.getByRole('button', { name: 'Next' }), 'Next')
  await act.fill(page.getByLabel('Full name'), 'Robin Okafor', 'full name')
  await act.fill(page.getByLabel(/^Credentials/).and(page.locator('input')), 'LPC', 'credentials')
  await act.fill(page.getByLabel(/^Passphrase/), 'maple kettle harbor', 'passphrase')
  await act.fill(
    page.getByLabel('Repeat the passphrase'),
    'maple kettle harbor',
    'passphrase again'
  )
  await act.click(page.getByRole('button', { name: 'Finish setup' }), 'Finish setup')

  // The recovery key: kept on paper, then one group of it typed back from the copy.
  await act.see(page.getByRole('heading', { name: 'Your clinic’s recovery key' }))
  const recoveryKey = (await page.getByTestId('recovery-key').textContent()) ?? ''
  const question = /^From your printed or written copy, type group (\d+) of 14$/
  const label = (await page.locator('label').filter({ hasText: question }).textContent()) ?? ''
  const asked = Number(question.exec(label)?.[1])
  await act.fill(page.getByLabel(question), recoveryKey.split('-')[asked - 1]!, 'key group')
  await act.click(page.getByRole('button', { name: 'Open the app' }), 'Open the app')

  // Home: the next steps. Staff is optional; the first step to take is the group.
  const steps = page.getByRole('region', { name: 'Next steps' })
  await act.see(steps)
  await act.click(steps.getByRole('link', { name: 'Create a group' }), 'Create a group')
  await act.fill(page.getByLabel('Group name'), 'Evening Recovery', 'group name')
  await act.click(page.getByRole('button', { name: 'Create group' }), 'Create group')

  // The next step is named at the top of the page: enrol the six from a pasted list.
  const next = page.getByRole('region', { name: 'Next step' })
  await act.see(next)
  await page.screenshot({ path: test.info().outputPath('next-step-bar.png') })
  await act.click(next.getByRole('link', { name: 'Enrol participants' }), 'Enrol participants')
  await act.fill(page.getByLabel('People to enrol, one per line'), SIX, 'the list')
  await expect(page.getByTestId('enrol-list-summary')).toContainText('6 ready to enrol')
  await act.click(page.getByRole('button', { name: 'Enrol 6 people' }), 'Enrol 6 people')
  await expect(page.getByText('6 enrolled · 6 open places')).toBeVisible()

  // Plan today's session (the date, facilitator and agenda are filled in), then run it.
  await act.click(next.getByRole('link', { name: 'Plan a session' }), 'Plan a session')
  await act.click(page.getByRole('button', { name: 'Plan the session' }), 'Plan the session')
  await act.click(page.getByRole('button', { name: 'Start session' }), 'Start session')

  // Running, with the six on its list.
  await expect(page.getByTestId('countdown')).toBeVisible()
  const people = await page.evaluate(async () => {
    const day = await window.api.home.day()
    if (!day.ok) throw new Error(day.error.message)
    const running = day.value.running[0]
    if (!running) return { running: false, people: 0 }
    const session = await window.api.sessions.get({ sessionId: running.sessionId })
    if (!session.ok) throw new Error(session.error.message)
    return { running: true, people: session.value.people.length }
  })
  expect(people).toEqual({ running: true, people: 6 })

  console.log(`First hour: ${act.count} actions\n${act.log.join('\n')}`)
  test.info().annotations.push({ type: 'actions', description: String(act.count) })
  expect(act.count).toBeLessThanOrEqual(25)
  app.expectNoErrors()
})
