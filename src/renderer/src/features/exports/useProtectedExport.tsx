import { notifications } from '@mantine/notifications'
import { useState, type ReactNode } from 'react'
import type { ExportFile } from '../../../../shared/domain/exports'
import { ApiError, messageOf } from '../../api'
import { useSessionSettings, useStatus } from '../../app/queries'
import { saveBase64File } from '../../files'
import { ExportPasswordModal } from './ExportPasswordModal'

/** Hands the saved file to the user (the browser's or Electron's own download) and says so. */
export function saveExportFile(file: ExportFile, note?: string): void {
  saveBase64File(file.fileName, file.base64, file.mediaType)
  notifications.show({
    title: 'Saved',
    message: `${note ? `${note} ` : ''}Saved as ${file.fileName}${file.protected ? ', protected with your password' : ''}.`
  })
}

/**
 * Asks for the file's password, then makes and saves the file. `make` is
 * called with the password (null for none, where the clinic allows it).
 */
export function useProtectedExport(
  what: string,
  make: (password: string | null) => Promise<ExportFile & { note?: string }>
): { start: () => void; modal: ReactNode } {
  const settings = useSessionSettings()
  const [opened, setOpened] = useState(false)
  const [busy, setBusy] = useState(false)
  const policy = settings.data?.exportPolicy ?? 'required'

  const run = async (password: string | null) => {
    setBusy(true)
    try {
      const file = await make(password)
      setOpened(false)
      saveExportFile(file, file.note)
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  return {
    start: () => setOpened(true),
    modal: (
      <ExportPasswordModal
        opened={opened}
        what={what}
        policy={policy}
        busy={busy}
        onCancel={() => setOpened(false)}
        onExport={(password) => void run(password)}
      />
    )
  }
}

type PrintTo = 'printer' | 'pdf'

/**
 * A printable page: "Print" sends it to the printer (the system's print
 * dialog in the desktop app, the browser's elsewhere); "Save as PDF", where
 * the app can make PDF files (the desktop app), asks for the file's password
 * first, as every file leaving the app.
 */
export function useProtectedPrint(
  what: string,
  print: (
    to: PrintTo,
    password: string | null
  ) => Promise<{ html: string; file: ExportFile | null; sentToPrinter: boolean }>
): { print: () => void; savePdf: () => void; canSavePdf: boolean; modal: ReactNode } {
  const status = useStatus()
  const asked = useProtectedExport(what, async (password) => {
    const printed = await print('pdf', password)
    if (!printed.file) throw new ApiError('internal', 'The PDF could not be made.')
    return printed.file
  })
  const toPrinter = async () => {
    try {
      const printed = await print('printer', null)
      if (!printed.sentToPrinter) openForPrinting(printed.html)
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not printed', message: messageOf(e) })
    }
  }
  return {
    print: () => void toPrinter(),
    savePdf: asked.start,
    canSavePdf: status.data?.canSavePdf ?? false,
    modal: asked.modal
  }
}

function openForPrinting(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
  window.open(url, '_blank', 'noopener')
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
