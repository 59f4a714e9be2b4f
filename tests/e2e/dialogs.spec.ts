import { expect, test } from './fixtures'

// The suite's guard against the browser's own dialogs: any alert, confirm or
// prompt the app opens fails the test it opened in. This test opens one on
// purpose, so it is expected to fail; should the guard stop working, it passes
// and Playwright reports that as a failure.
test('a native dialog fails the test it opens in', async ({ app }) => {
  test.fail(true, 'the fixture fails any test in which a native dialog opens')
  await expect(app.page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
  await app.page.evaluate(() => window.confirm('A native confirm, opened by the test'))
})
