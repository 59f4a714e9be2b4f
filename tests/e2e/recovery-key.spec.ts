/**
 * The recovery key at setup: copied, printed on a sheet of its own (the
 * clinic, the day, where to keep it, and nothing of anyone's record), and
 * kept only once part of it is typed back.
 */
import { expect, test } from './fixtures'
import { keepRecoveryKey, PASSPHRASE } from './steps'

test('the recovery key is copied, printed on its own sheet, and typed back before the app opens', async ({
  app
}) => {
  const page = app.page
  await app.clock!.pauseAt(Date.parse('2026-11-23T15:00:00Z'))
  await page.getByLabel('Clinic name').fill('Riverside Recovery Center')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByLabel('Full name').fill('Robin Okafor')
  await page
    .getByLabel(/^Credentials/)
    .and(page.locator('input'))
    .fill('LPC')
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE)
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Finish setup' }).click()
  const shown = page.getByTestId('recovery-key')
  await expect(shown).toHaveText(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/)
  const recoveryKey = (await shown.textContent()) ?? ''

  // Copy: the key itself goes to the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Copy the recovery key' }).click()
  await expect(page.getByRole('button', { name: 'Copied ✓' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryKey)

  // Print: the printer gets a sheet made for it, not the screen.
  await page.evaluate(() => {
    const printed = { count: 0 }
    Object.assign(window, { printed })
    window.print = () => void printed.count++
  })
  await page.getByRole('button', { name: 'Print the recovery key' }).click()
  expect(
    await page.evaluate(() => (window as unknown as { printed: { count: number } }).printed.count)
  ).toBe(1)
  const sheet = page.getByTestId('recovery-key-sheet')
  await expect(sheet).toBeHidden()
  await page.emulateMedia({ media: 'print' })
  await expect(sheet).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your clinic’s recovery key' })).toBeHidden()
  await expect(sheet.getByRole('heading')).toHaveText('Recovery key · Riverside Recovery Center')
  await expect(sheet).toContainText('Printed on 2026-11-23.')
  await expect(sheet).toContainText(recoveryKey)
  await expect(sheet).toContainText('locked place away from the computer')
  await expect(sheet).not.toContainText('Robin Okafor')
  await page.screenshot({ path: test.info().outputPath('recovery-key-sheet.png') })
  await page.emulateMedia({ media: 'screen' })
  await expect(sheet).toBeHidden()
  await page.screenshot({ path: test.info().outputPath('recovery-key-screen.png') })

  // Kept: the app opens once the group asked for is typed back from the copy.
  expect(await keepRecoveryKey(page)).toBe(recoveryKey)
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
  app.expectNoErrors()
})
