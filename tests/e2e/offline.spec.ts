/**
 * The app is used on clinic workstations without network access, and its
 * records must never leave the computer: the page asks nothing of any other
 * origin and carries the Content-Security-Policy that forbids it to.
 */
import { CONTENT_SECURITY_POLICY, metaPolicy } from '../../src/shared/security/csp'
import { expect, test } from './fixtures'

test('the app makes no request outside its own origin', async ({ app }) => {
  const page = app.page
  await expect(page.getByRole('heading', { name: /set up/i })).toBeVisible()

  // Use the first-run screen a little: type into its fields and move through it by keyboard.
  const fields = page.getByRole('textbox')
  const count = await fields.count()
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i)
    if (await field.isEditable()) await field.fill('Riverside Recovery Center')
  }
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab')

  // And ask the background service something, through the same bridge the screens use.
  const status = await page.evaluate(() => window.api.app.status())
  expect(status).toMatchObject({ ok: true, value: { setUp: false } })

  expect(app.requests.length, 'the page loaded something').toBeGreaterThan(0)
  const elsewhere = app.requests.filter((url) => !app.isOwnUrl(url))
  expect(elsewhere, 'requests to another origin').toEqual([])

  // The policy that forbids remote requests is on the page itself and, when served, in its header.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    metaPolicy(CONTENT_SECURITY_POLICY)
  )
  if (app.documentHeaders) {
    expect(app.documentHeaders['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(app.documentHeaders['x-content-type-options']).toBe('nosniff')
  }
  const violations = app
    .errors()
    .filter((error) => /Refused to|violates the following/i.test(error))
  expect(violations, 'Content-Security-Policy violations').toEqual([])
})
