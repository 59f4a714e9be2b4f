/**
 * Sync between the clinic's computers, as an administrator sets it up: name this computer,
 * make a transfer file for a new computer (the download happens), and follow the state of a
 * clinic server in the header's chip and the settings.
 */
import { expect, test } from './fixtures'
import { completeSetup } from './steps'

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
