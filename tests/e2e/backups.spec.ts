/**
 * Back up now, change something, restore the backup after seeing what it
 * holds, and find the earlier records; the access log shows the backup and
 * the restore.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { completeSetup } from './steps'

async function addParticipant(page: Page, fullName: string, clientId: string): Promise<void> {
  await page.evaluate(
    async (input) => {
      const r = await window.api.participants.create({
        ...input,
        preferredName: '',
        dateOfBirth: '1990-04-12',
        admissionDate: '2026-11-02',
        track: 'substance_use',
        status: 'active',
        discharge: null,
        goals: []
      })
      if (!r.ok) throw new Error(r.error.message)
    },
    { fullName, clientId }
  )
}

test('a backup made now brings the records back as they were', async ({ app }) => {
  const page = app.page
  await completeSetup(page)
  await addParticipant(page, 'Jordan Testperson', 'C-101')
  const origin = new URL(page.url()).origin

  await page.goto(`${origin}/#/settings/backups`)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Back up now' }).click()
  ])
  expect(download.suggestedFilename()).toMatch(/^iop-facilitator-backup-\d{4}-\d{2}-\d{2}\.zip$/)
  const backup = test.info().outputPath(download.suggestedFilename())
  await download.saveAs(backup)

  // A participant added after the backup.
  await addParticipant(page, 'Casey Samplewood', 'C-102')
  await page.goto(`${origin}/#/participants`)
  await expect(page.getByText('Casey S.')).toBeVisible()

  // Restore: what the backup holds is shown first.
  // The backup is chosen in the open-file dialog and read by the app from that file.
  await page.goto(`${origin}/#/settings/backups`)
  await app.chooseFile(page.getByRole('button', { name: 'Restore from a backup…' }), backup)
  const chosen = page.getByRole('region', { name: 'Restore this backup?' })
  await expect(chosen).toContainText('1 participant, 0 groups, 0 sessions, 0 notes, 0 measures')
  // When it was made, on the clinic's clock, not in UTC.
  await expect(chosen).toContainText(/Made \d{4}-\d{2}-\d{2} at \d{2}:\d{2} \(clinic time\)/)
  await expect(chosen).not.toContainText('UTC')
  await expect(chosen).toContainText('Clinic: Riverside Recovery Center')
  await expect(chosen).toContainText(`From the file ${download.suggestedFilename()}`)
  await chosen.getByRole('button', { name: 'Replace the current records with this backup' }).click()
  await expect(page.getByText('Records restored from the backup')).toBeVisible()

  await page.goto(`${origin}/#/participants`)
  await expect(page.getByText('Jordy T.').or(page.getByText('Jordan T.'))).toBeVisible()
  await expect(page.getByText('Casey S.')).toHaveCount(0)

  await page.goto(`${origin}/#/access-log`)
  const entries = page.getByRole('table', { name: 'Access log entries, newest first' })
  await expect(entries.getByRole('row').nth(1)).toContainText('Restored a backup')
  await expect(entries).toContainText('Made a backup')
  await expect(page.getByTestId('chain-state')).toHaveText('The chain of entries is intact.')

  // Nothing clinical is on disk in clear: no participant's name or client ID in any file of the
  // data folder, the records, their daily copies, the replaced ones and the access log included.
  if (app.clock !== null) {
    const files = await readdir(app.dataDir, { recursive: true, withFileTypes: true })
    let read = 0
    for (const entry of files) {
      if (!entry.isFile()) continue
      const bytes = await readFile(join(entry.parentPath, entry.name))
      read++
      for (const name of ['Jordan', 'Testperson', 'Casey', 'Samplewood', 'C-101', 'C-102']) {
        expect(bytes.includes(Buffer.from(name)), `${entry.name} holds "${name}" in clear`).toBe(
          false
        )
      }
    }
    expect(read).toBeGreaterThan(5)
  }
  app.expectNoErrors()
})
