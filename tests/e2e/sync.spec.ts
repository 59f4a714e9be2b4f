/**
 * Sync between the clinic's computers, as an administrator sets it up: name this computer,
 * make a transfer file for a new computer (the download happens), and follow the state of a
 * clinic server in the header's chip and the settings.
 */
import { writeFile } from 'node:fs/promises'
import { startTestHost } from '../host/server'
import { expect, test } from './fixtures'
import { completeSetup, PASSPHRASE } from './steps'

test('an administrator names this computer, makes a transfer file for a new computer and sees where sync stands', async ({
  app
}) => {
  const page = app.page
  await page.setViewportSize({ width: 1366, height: 768 })
  await completeSetup(page)
  // A clinic on one computer: no sync status in the header.
  await expect(page.getByTestId('sync-status')).toHaveCount(0)

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click()
  await page.getByRole('tab', { name: 'Backups and sync' }).click()
  await expect(page).toHaveURL(/#\/settings\/backups$/)
  const sync = page.getByRole('region', { name: 'Sync between computers' })
  await expect(sync.getByTestId('sync-state')).toContainText('Sync off')
  await expect(sync.getByText('None yet.')).toBeVisible()

  const name = sync.getByLabel('This computer’s name')
  await name.fill('')
  await sync.getByRole('button', { name: 'Save the name' }).click()
  await expect(sync.getByText('Name this computer')).toBeVisible()
  await name.fill('Group room laptop')
  await sync.getByRole('button', { name: 'Save the name' }).click()
  await expect(page.getByText('This computer’s name saved')).toBeVisible()

  // With no other computer heard from, the file is for a new one: every record.
  await expect(sync.getByLabel('Make a transfer file for')).toHaveValue(
    'A new computer: every record'
  )
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sync.getByRole('button', { name: 'Make a transfer file' }).click()
  ])
  expect(download.suggestedFilename()).toMatch(
    /^iop-transfer-Group-room-laptop-\d{4}-\d{2}-\d{2}\.iopsync$/
  )
  const file = test.info().outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const made = sync.getByRole('status').filter({ hasText: 'Transfer file made' })
  await expect(made).toContainText(/\d+ records in iop-transfer-Group-room-laptop-/)
  await page.screenshot({ path: test.info().outputPath('sync-settings.png') })

  // The file belongs on the other computer: importing it here is refused, in plain words.
  await app.chooseFile(sync.getByRole('button', { name: 'Import a transfer file…' }), file)
  await expect(sync.getByRole('alert')).toContainText(
    'This transfer file was made on this computer: import it on the other one.'
  )

  // A clinic server that does not answer: the header's chip and the settings say so in words.
  await sync.getByLabel('Server address').fill('not an address')
  await sync.getByLabel('User name').fill('group-room-laptop')
  await sync.getByLabel('Password', { exact: true }).fill('a long server password')
  await sync.getByRole('button', { name: 'Save server settings' }).click()
  await expect(sync.getByText('Enter the server’s address, starting with https://')).toBeVisible()
  // Nothing listens on port 9 of this computer.
  await sync.getByLabel('Server address').fill('http://127.0.0.1:9')
  await sync.getByRole('button', { name: 'Save server settings' }).click()
  const chip = page.getByRole('banner').getByTestId('sync-status')
  await expect(chip).toHaveText(/Server not reachable/)
  await expect(chip).toHaveAccessibleName('Sync: Server not reachable')
  await expect(sync.getByTestId('sync-state')).toContainText('Server not reachable')
  await expect(sync.getByTestId('server-state')).toContainText('Turned on.')
  await page.screenshot({ path: test.info().outputPath('sync-server.png'), fullPage: true })

  // The chip opens the conflicts: none here.
  await chip.click()
  await expect(page.getByRole('heading', { name: 'Conflicts', level: 1 })).toBeVisible()
  await expect(page.getByText('Every record has one version on this computer.')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('sync-conflicts.png') })

  // Turned off, the chip goes and the settings say so.
  await page.getByRole('link', { name: 'Sync settings' }).click()
  await sync.getByLabel('Keep this computer in step with the server').uncheck()
  await sync.getByRole('button', { name: 'Save server settings' }).click()
  await expect(sync.getByTestId('server-state')).toContainText('Turned off')
  await expect(chip).toHaveCount(0)
  app.expectNoErrors()
})

const JORDAN = {
  fullName: 'Jordan Testperson',
  clientId: 'C-101',
  preferredName: '',
  dateOfBirth: '1990-04-12',
  admissionDate: '2026-11-02',
  track: 'substance_use' as const,
  status: 'active' as const,
  discharge: null,
  goals: []
}

test('a second computer joins from a transfer file; a record changed on both is kept twice until an administrator chooses', async ({
  app,
  browser
}) => {
  const page = app.page
  await completeSetup(page)
  // The group room laptop: one participant, then a transfer file for a new computer.
  const { participantId, base64 } = await page.evaluate(async (input) => {
    const api = window.api
    const named = await api.sync.setMachineName({ name: 'Group room laptop' })
    if (!named.ok) throw new Error(named.error.message)
    const created = await api.participants.create(input)
    if (!created.ok) throw new Error(created.error.message)
    const file = await api.sync.exportTransfer({ newComputer: true })
    if (!file.ok) throw new Error(file.error.message)
    return { participantId: created.value.id, base64: file.value.base64 }
  }, JORDAN)
  const joinFile = test.info().outputPath('for-a-new-computer.iopsync')
  await writeFile(joinFile, Buffer.from(base64, 'base64'))

  // The office workstation: an empty folder, joined from that file with a passphrase.
  const office = await startTestHost({ dataDir: test.info().outputPath('office') })
  const officePage = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  try {
    await officePage.goto(office.url)
    await officePage.getByRole('button', { name: /Join it from a transfer file/ }).click()
    const [chooser] = await Promise.all([
      officePage.waitForEvent('filechooser'),
      officePage.getByRole('button', { name: 'Choose a transfer file…' }).click()
    ])
    await chooser.setFiles(joinFile)
    const opening = officePage.getByRole('form', { name: 'Open the transfer file' })
    await expect(opening).toContainText('Riverside Recovery Center')
    await expect(opening).toContainText(/records from Group room laptop/)
    await opening.getByLabel(/^Passphrase/).fill(PASSPHRASE)
    await opening.getByRole('button', { name: 'Join the clinic and open the records' }).click()
    await expect(officePage.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()

    // Both computers change the same person before hearing from each other.
    for (const [where, preferredName] of [
      [officePage, 'Jo'],
      [page, 'Jordy']
    ] as const) {
      await where.evaluate(
        async ({ id, input }) => {
          const r = await window.api.participants.update({ participantId: id, participant: input })
          if (!r.ok) throw new Error(r.error.message)
        },
        { id: participantId, input: { ...JORDAN, preferredName } }
      )
    }
    const changes = await page.evaluate(async () => {
      const file = await window.api.sync.exportTransfer({ newComputer: true })
      if (!file.ok) throw new Error(file.error.message)
      return file.value.base64
    })
    const changesFile = test.info().outputPath('changes.iopsync')
    await writeFile(changesFile, Buffer.from(changes, 'base64'))

    await officePage.goto(`${office.url}#/settings/backups`)
    const [again] = await Promise.all([
      officePage.waitForEvent('filechooser'),
      officePage.getByRole('button', { name: 'Import a transfer file…' }).click()
    ])
    await again.setFiles(changesFile)
    const report = officePage.getByRole('status').filter({ hasText: 'Transfer file from' })
    await expect(report).toContainText('1 record changed on both computers')
    await expect(
      report.getByRole('list', { name: 'Records changed on both computers' })
    ).toHaveText('Participant Jordan Testperson (C-101)')

    const chip = officePage.getByRole('banner').getByTestId('sync-status')
    await expect(chip).toHaveAccessibleName('Sync: Conflicts to review (1)')
    await chip.click()
    const conflict = officePage.getByRole('region', {
      name: 'Participant Jordan Testperson (C-101)'
    })
    await expect(conflict.getByRole('row')).toHaveCount(3)
    await expect(conflict.getByText('Shown now')).toHaveCount(1)
    await officePage.screenshot({ path: test.info().outputPath('conflicts.png') })
    await conflict.getByRole('button', { name: /^Keep this version \(A\)/ }).click()
    const confirm = officePage.getByRole('dialog', { name: 'Keep version A?' })
    await confirm.getByRole('button', { name: 'Keep version A' }).click()
    await expect(
      officePage.getByText('Every record has one version on this computer.')
    ).toBeVisible()
    await expect(chip).toHaveCount(0)

    // The group room's access log came with its file: merged with this computer's, by time.
    await officePage.goto(`${office.url}#/access-log`)
    const entries = officePage.getByRole('table', { name: 'Access log entries, newest first' })
    await expect(entries.getByRole('columnheader', { name: 'Computer' })).toBeVisible()
    await expect(entries.getByRole('cell', { name: 'Group room laptop' }).first()).toBeVisible()
    await expect(officePage.getByTestId('chain-state')).toHaveText(
      'The chain of entries of this computer is intact.'
    )
    await expect(officePage.getByTestId('other-chains')).toContainText(
      'Each of their chains of entries is intact.'
    )
    await officePage.screenshot({ path: test.info().outputPath('merged-access-log.png') })
  } finally {
    await officePage.close()
    await office.close()
  }
  app.expectNoErrors()
})
