/**
 * Opening the app to sign in: the sign-in form is there as soon as the staff list is (plain
 * HTML, before the app's code has drawn anything), and the app's own form takes over what was
 * typed into it. Here the page is opened with the clock stopped, so no animation frame comes:
 * the app draws its form as soon as someone starts to use the plain one.
 */
import { expect, test } from './fixtures'
import { completeSetup, PASSPHRASE, SESSION_START } from './steps'

test('opened with the clock stopped, the sign-in form shown at once takes a passphrase and signs in', async ({
  app
}) => {
  test.skip(app.clock === null, 'Needs the test host: its clock can be stopped')
  const page = app.page
  await completeSetup(page)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await app.clock!.pauseAt(SESSION_START)
  await page.reload()

  // The plain form, with the one staff member already chosen.
  const plain = page.locator('#boot-sign-in')
  await expect(plain).toBeVisible()
  await expect(plain.getByLabel('Staff member')).toHaveValue(/.+/)
  await expect(plain).toContainText('Riverside Recovery Center')

  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE)
  // The app's form has taken the plain one's place, with the passphrase in it.
  await expect(plain).toHaveCount(0)
  await expect(page.getByLabel(/^Passphrase/)).toHaveValue(PASSPHRASE)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
  app.expectNoErrors()
})
