import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { keepRecoveryKey, typeDate } from './steps'

const PASSPHRASE = 'maple kettle harbor'

async function completeSetup(page: Page) {
  await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
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
  // The recovery key is shown once; the app opens only when part of it is typed back.
  await keepRecoveryKey(page)
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()
}

function openSection(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click()
}

async function signIn(page: Page, passphrase: string) {
  await page.getByLabel('Passphrase').fill(passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

async function addParticipant(
  page: Page,
  person: { fullName: string; preferredName: string; clientId: string; dateOfBirth: string }
) {
  await openSection(page, 'Participants')
  await page.getByRole('link', { name: 'Add participant' }).click()
  await page.getByLabel('Full name').fill(person.fullName)
  await page.getByLabel('Preferred name').fill(person.preferredName)
  await page.getByLabel('Client ID').fill(person.clientId)
  await typeDate(page.getByLabel('Date of birth'), person.dateOfBirth)
  await typeDate(page.getByLabel('Admission date'), '2026-11-02')
  await page.getByRole('button', { name: 'Add participant' }).click()
}

test('a counselor sets up the clinic, builds a group roster, and finds it all after a restart', async ({
  app
}) => {
  let page = app.page
  await page.clock.setFixedTime(new Date('2026-11-23T15:00:00Z'))
  await completeSetup(page)

  // Sign out, then a wrong passphrase is refused.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await signIn(page, 'not the right phrase')
  await expect(page.getByRole('alert')).toContainText('That passphrase is not right')
  await signIn(page, PASSPHRASE)
  await expect(page.getByText('Signed in: Robin Okafor, LPC')).toBeVisible()

  // A group.
  await openSection(page, 'Groups')
  await page.getByRole('link', { name: 'New group' }).click()
  await page.getByLabel('Group name').fill('Evening SUD IOP')
  // Whoever creates the group leads it unless they choose otherwise.
  await expect(page.getByRole('form', { name: /group/i })).toContainText('Robin Okafor, LPC')
  await page.getByRole('button', { name: 'Create group' }).click()
  await expect(page.getByRole('heading', { name: 'Evening SUD IOP' })).toBeVisible()
  await expect(page.getByText('0 enrolled · 12 open places')).toBeVisible()

  // Three participants; the third first tries a client ID that is taken.
  await addParticipant(page, {
    fullName: 'Jordan Alvarez',
    preferredName: 'Jo',
    clientId: 'C-101',
    dateOfBirth: '1990-05-04'
  })
  await expect(page.getByRole('table', { name: 'Participants' })).toContainText('Jo A.')
  await addParticipant(page, {
    fullName: 'Samira Patel',
    preferredName: '',
    clientId: 'C-102',
    dateOfBirth: '1985-09-12'
  })
  await expect(page.getByRole('table', { name: 'Participants' })).toContainText('Samira P.')
  await addParticipant(page, {
    fullName: 'Casey Morgan',
    preferredName: 'Case',
    clientId: 'c-101',
    dateOfBirth: '1979-01-30'
  })
  await expect(page.getByRole('alert')).toContainText('Client ID c-101 is already used')
  await page.getByLabel('Client ID').fill('C-103')
  await page.getByRole('button', { name: 'Add participant' }).click()
  const table = page.getByRole('table', { name: 'Participants' })
  await expect(table).toContainText('Case M.')
  await expect(table.getByRole('row')).toHaveCount(4)

  // Enrol all three.
  await openSection(page, 'Groups')
  await page.getByRole('link', { name: 'Evening SUD IOP' }).click()
  for (const name of ['Jo A.', 'Samira P.', 'Case M.']) {
    await page.getByLabel('Participant to enrol').and(page.locator('input')).click()
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).click()
    await page.getByRole('button', { name: 'Enrol', exact: true }).click()
    await expect(page.getByRole('table', { name: 'Current roster' })).toContainText(name)
  }
  await expect(page.getByText('3 enrolled · 9 open places')).toBeVisible()

  // Close and reopen on the same data folder: everything is as it was.
  page = await app.restart()
  await page.clock.setFixedTime(new Date('2026-11-23T15:05:00Z'))
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await signIn(page, PASSPHRASE)
  await openSection(page, 'Groups')
  await expect(page.getByRole('table', { name: 'Groups' })).toContainText('3 of 12')
  await page.getByRole('link', { name: 'Evening SUD IOP' }).click()
  const roster = page.getByRole('table', { name: 'Current roster' })
  for (const name of ['Jo A.', 'Samira P.', 'Case M.']) await expect(roster).toContainText(name)
  await expect(page.getByRole('main').getByText('Robin Okafor, LPC')).toBeVisible()
  await openSection(page, 'Participants')
  await expect(page.getByRole('table', { name: 'Participants' })).toContainText('C-103')
})
