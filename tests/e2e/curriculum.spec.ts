/**
 * The curriculum as a program director and a facilitator use it: an edited
 * slide reaches the projector, a pack from another clinic is imported after
 * a preview, and a participant's coverage grows with each session attended.
 */
import { writeFile } from 'node:fs/promises'
import { writePack } from '../../src/main/services/curriculum-pack-files'
import { expect, test } from './fixtures'
import {
  completeSetup,
  lockAfterAnHour,
  expectCurrent,
  MINUTE,
  openPeopleTab,
  openPerson,
  planSessionThroughApi,
  SESSION_START,
  endSession
} from './steps'

const ORIGINAL_TITLE = '# How substance use changes the brain'
const EDITED_TITLE = '# Our brains can heal'

test('an edited slide is what the room sees in the next session', async ({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: Electron’s main process keeps the real time')
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const origin = new URL(page.url()).origin

  // Edit the first slide's title of the brain module.
  await page.goto(`${origin}/#/curriculum/edu-01-brain/edit`)
  const text = page.getByLabel('Module text')
  const before = await text.inputValue()
  expect(before).toContain(ORIGINAL_TITLE)
  await text.fill(before.replace(ORIGINAL_TITLE, EDITED_TITLE))
  await expect(page.getByLabel('Slide preview')).toContainText('Our brains can heal')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(
    page.getByRole('heading', { name: 'How substance use changes the brain' })
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Earlier versions (1)' })).toBeEnabled()

  // A session planned with it, run to the educational segment.
  const session = await planSessionThroughApi(page)
  await app.clock!.pauseAt(SESSION_START)
  await page.goto(`${origin}/#/sessions/${session.id}`)
  await page.getByRole('button', { name: 'Start session' }).click()
  await expectCurrent(page, 'Arrival, sign-in and brief measures')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Check-in round')
  await page.keyboard.press('n')
  await expectCurrent(page, 'Educational segment')

  const audience = await page.context().newPage()
  await audience.goto(`${origin}/#/audience/${session.id}`)
  await expect(audience.getByTestId('audience-slide')).toContainText('Our brains can heal')
  await audience.close()
  app.expectNoErrors()
})

test('a pack from another clinic is previewed, then imported', async ({ app }) => {
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const origin = new URL(page.url()).origin
  const module = await page.evaluate(async () => {
    const result = await window.api.curriculum.source({ moduleId: 'skl-01-daily-schedule' })
    if (!result.ok) throw new Error(result.error.message)
    return result.value.text
  })
  const theirs = module
    .replace(/^id: skl-01-daily-schedule$/m, 'id: skl-90-morning-routine')
    .replace(/^title: .*$/m, 'title: A steady morning routine')
  const pack = writePack([{ id: 'skl-90-morning-routine', version: 1, text: theirs }], {
    createdAt: new Date(SESSION_START).toISOString(),
    createdBy: 'Lakeside Counseling'
  })

  // The pack is chosen in the open-file dialog and read by the app from that file.
  const lakeside = test.info().outputPath('lakeside.zip')
  await writeFile(lakeside, pack)
  const importButton = page.getByRole('button', { name: 'Import pack…' })
  await page.goto(`${origin}/#/curriculum`)
  await app.chooseFile(importButton, lakeside)
  const preview = page.getByRole('dialog', { name: /Import lakeside\.zip/ })
  await expect(preview.getByRole('row', { name: /A steady morning routine/ })).toContainText(
    'Will be added'
  )
  await preview.getByRole('button', { name: 'Import' }).click()
  await expect(preview).toBeHidden()
  await expect(
    page.getByRole('table', { name: 'Curriculum modules' }).getByRole('link', {
      name: 'A steady morning routine'
    })
  ).toBeVisible()

  // A damaged pack changes nothing and says why.
  const damaged = Buffer.from(pack)
  damaged[damaged.length - 30] = damaged[damaged.length - 30]! ^ 0xff
  const damagedFile = test.info().outputPath('damaged.zip')
  await writeFile(damagedFile, damaged)
  await app.chooseFile(importButton, damagedFile)
  await expect(page.getByRole('dialog', { name: 'The pack was not imported' })).toContainText(
    'Nothing in your library was changed'
  )
  app.expectNoErrors()
})

test('a participant’s coverage grows after attending a session', async ({ app }) => {
  test.skip(app.clock === null, 'Needs the test host: Electron’s main process keeps the real time')
  const clock = app.clock!
  const page = app.page
  await completeSetup(page)
  await lockAfterAnHour(page)
  const origin = new URL(page.url()).origin
  const session = await planSessionThroughApi(page)
  const jordan = session.attendance[0]!.participantId

  await page.goto(`${origin}/#/participants/${jordan}`)
  const coverage = page.getByTestId('coverage-summary')
  await expect(coverage).toHaveText(/^0 of \d+ modules attended \(0%\)$/)

  await clock.pauseAt(SESSION_START)
  await page.goto(`${origin}/#/sessions/${session.id}`)
  await openPeopleTab(page)
  const jordy = await openPerson(page, 'Jordy T.', clock)
  await jordy.getByRole('button', { name: 'Arrived', exact: true }).click()
  await expect(page.getByRole('button', { name: /Jordy T\..*: attendance/ })).toContainText(
    'Present'
  )
  await page.getByRole('button', { name: 'Start session' }).click()
  const plan: Array<[string, number]> = [
    ['Arrival, sign-in and brief measures', 10],
    ['Check-in round', 30],
    ['Educational segment', 45],
    ['Break', 15],
    ['Skills training', 45],
    ['Open group discussion', 25],
    ['Check-out', 10]
  ]
  for (const [i, [title, minutes]] of plan.entries()) {
    await expectCurrent(page, title)
    await clock.advance(minutes * MINUTE)
    if (i < plan.length - 1) await page.keyboard.press('n')
  }
  await endSession(page)
  await expect(page.getByRole('heading', { name: /Session summary/ })).toBeVisible()

  await page.goto(`${origin}/#/participants/${jordan}`)
  await expect(coverage).toHaveText(/^2 of \d+ modules attended/)
  const region = page.getByRole('region', { name: /Curriculum coverage/ })
  await expect(region).toContainText('How substance use changes the brain')
  app.expectNoErrors()
})
