/**
 * A print saved as a PDF (what the desktop app does) is a file that leaves
 * the app: it needs a password where the clinic requires one, and arrives in
 * a zip that opens only with it, holding exactly the PDF the desktop made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Desktop } from '../../../src/main/core'
import { openProtected } from '../../../src/main/services/exports'
import type { OutputOf } from '../../../src/shared/ipc/contract'
import {
  copyClinic,
  CURRICULUM_DIR,
  ids,
  NOW,
  participant,
  PASSPHRASE,
  refusal,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from './helpers'

let template: Template
beforeAll(async () => {
  template = await setUpClinic()
})
afterAll(removeFolders)

/** A stand-in for Electron's printToPDF: the bytes say which page they came from. */
const FAKE_PDF_HEADER = '%PDF-1.7 fake\n'

/** A signed-in clinic with one participant; with stand-ins for the desktop's printing, or none. */
async function clinic(withDesktop: boolean) {
  const printed: string[] = []
  const toPrinter: string[] = []
  const desktop: Desktop = {
    openProjector: async () => true,
    keepAwake: () => undefined,
    printToPdf: async (html) => {
      printed.push(html)
      return new TextEncoder().encode(`${FAKE_PDF_HEADER}${html.length}`)
    },
    printToPrinter: async (html) => {
      toPrinter.push(html)
    }
  }
  const core = await createCore({
    dataDir: await copyClinic(template.dir),
    now: () => NOW,
    newId: ids,
    curriculumDir: CURRICULUM_DIR,
    ...(withDesktop ? { desktop } : {})
  })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  const person = await value<{ id: string }>(
    core.handle(
      'participants.create',
      participant('C-101', { fullName: 'Jordan Testperson', preferredName: 'Jordy' })
    )
  )
  return { core, printed, toPrinter, participantId: person.id }
}
const desktopClinic = () => clinic(true)

describe('a progress summary saved as a PDF', () => {
  it('needs a password, and comes as a zip holding the very PDF the desktop made', async () => {
    const { core, printed, participantId } = await desktopClinic()
    await refusal(core.handle('progress.print', { participantId, to: 'pdf' }), 'password_required')
    const password = 'read it out by phone'
    const result = await value<OutputOf<'progress.print'>>(
      core.handle('progress.print', { participantId, to: 'pdf', password })
    )
    expect(result.file).not.toBeNull()
    const file = result.file!
    expect(file.fileName).toBe('progress-summary-2026-11-23.zip')
    expect(file.protected).toBe(true)
    const opened = await openProtected(Buffer.from(file.base64, 'base64'), password)
    expect(opened.fileName).toBe('progress-summary-2026-11-23.pdf')
    expect(new TextDecoder().decode(opened.bytes)).toBe(
      `${FAKE_PDF_HEADER}${printed.at(-1)!.length}`
    )
    await expect(
      openProtected(Buffer.from(file.base64, 'base64'), 'a guess at the password')
    ).rejects.toThrow()
    const log = await value<{ entries: { action: string; detail: string }[] }>(
      core.handle('audit.list', { action: 'print' })
    )
    expect(log.entries[0]!.detail).toBe('saved as PDF, file protected with a password')
  })

  it('where the clinic allows it, a PDF without a password is the PDF itself', async () => {
    const { core, participantId } = await desktopClinic()
    const settings = await value<Record<string, unknown>>(core.handle('clinic.sessionSettings', {}))
    await value(
      core.handle('clinic.updateSessionSettings', { ...settings, exportPolicy: 'offered' })
    )
    const result = await value<OutputOf<'progress.print'>>(
      core.handle('progress.print', { participantId, to: 'pdf' })
    )
    expect(result.file).toMatchObject({
      fileName: 'progress-summary-2026-11-23.pdf',
      mediaType: 'application/pdf',
      protected: false
    })
    expect(Buffer.from(result.file!.base64, 'base64').toString('utf8')).toMatch(/^%PDF-1\.7 fake/)
  })

  it('to the printer it goes through the system’s print dialog: no file, no password', async () => {
    const { core, printed, toPrinter, participantId } = await desktopClinic()
    const result = await value<OutputOf<'progress.print'>>(
      core.handle('progress.print', { participantId })
    )
    expect(result).toEqual({ html: '', file: null, sentToPrinter: true })
    expect(toPrinter).toHaveLength(1)
    expect(toPrinter[0]).toContain('Progress summary')
    expect(printed).toHaveLength(0)
    const log = await value<{ entries: { action: string; detail: string }[] }>(
      core.handle('audit.list', { action: 'print' })
    )
    expect(log.entries[0]!.detail).toBe('sent to the printer')
  })
})

describe('without the desktop app (the test host)', () => {
  it('a print comes back as the page, and a PDF file is refused in plain words', async () => {
    const { core, participantId } = await clinic(false)
    const status = await value<{ canSavePdf: boolean }>(core.handle('app.status', {}))
    expect(status.canSavePdf).toBe(false)
    const page = await value<OutputOf<'progress.print'>>(
      core.handle('progress.print', { participantId })
    )
    expect(page.sentToPrinter).toBe(false)
    expect(page.html).toContain('Progress summary')
    const refused = await refusal(
      core.handle('progress.print', {
        participantId,
        to: 'pdf',
        password: 'a password long enough'
      }),
      'conflict'
    )
    expect(refused.message).toMatch(/needs the desktop app/)
  })
})
