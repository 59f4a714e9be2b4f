import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js'
import { PASSWORD_REQUIRED_MESSAGE, type ExportFile } from '../../shared/domain/exports'
import { RuleError } from '../../shared/result'
import type { ServiceContext } from './context'

// Runs in the main process (or the test host): no web workers, Node's own streams.
configure({ useWebWorkers: false })

export interface ExportContent {
  fileName: string
  bytes: Uint8Array | string
  mediaType: string
}

/**
 * Hands a file of records to the user: in a zip encrypted with AES-256
 * (WinZip's AE-2, which 7-Zip, WinZip and other archive tools open) under the
 * password they chose, or plain when they chose none and the clinic allows it.
 * The zip is read back with the password before it is given out, so a file
 * that cannot be opened is never handed over.
 */
export async function deliverExport(
  ctx: ServiceContext,
  content: ExportContent,
  password: string | null | undefined
): Promise<ExportFile> {
  const bytes =
    typeof content.bytes === 'string' ? new TextEncoder().encode(content.bytes) : content.bytes
  if (!password) {
    requirePassword(ctx, password)
    return {
      fileName: content.fileName,
      base64: Buffer.from(bytes).toString('base64'),
      mediaType: content.mediaType,
      protected: false
    }
  }
  const zipped = await protectWithPassword(content.fileName, bytes, password, ctx.now())
  return {
    fileName: `${content.fileName.replace(/\.[a-z0-9]+$/i, '')}.zip`,
    base64: Buffer.from(zipped).toString('base64'),
    mediaType: 'application/zip',
    protected: true
  }
}

/** How the access log says what kind of file an export made. */
export function exportedFileDetail(withPassword: boolean): string {
  return withPassword ? 'file protected with a password' : 'file without a password'
}

/** Refuses a file without a password where the clinic requires one, before any work is done. */
export function requirePassword(ctx: ServiceContext, password: string | null | undefined): void {
  if (!password && ctx.registry.data.sessionSettings.exportPolicy === 'required') {
    throw new RuleError('password_required', PASSWORD_REQUIRED_MESSAGE)
  }
}

/** One file in an AES-256 zip, checked by opening it again with the same password. */
export async function protectWithPassword(
  fileName: string,
  bytes: Uint8Array,
  password: string,
  at: number
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter())
  await writer.add(fileName, new Uint8ArrayReader(bytes), {
    password,
    encryptionStrength: 3,
    zipCrypto: false,
    lastModDate: new Date(at)
  })
  const zipped = await writer.close()
  const opened = await openProtected(zipped, password)
  if (opened.fileName !== fileName || !Buffer.from(opened.bytes).equals(Buffer.from(bytes))) {
    throw new Error('The protected file did not read back as written.')
  }
  return zipped
}

/** The one file inside a protected zip made by `protectWithPassword`. */
export async function openProtected(
  zipped: Uint8Array,
  password: string
): Promise<{ fileName: string; bytes: Uint8Array; encrypted: boolean }> {
  const reader = new ZipReader(new Uint8ArrayReader(zipped))
  try {
    const [entry] = await reader.getEntries()
    if (!entry || entry.directory) throw new Error('The zip holds no file.')
    const bytes = await entry.getData(new Uint8ArrayWriter(), { password })
    return { fileName: entry.filename, bytes, encrypted: entry.encrypted }
  } finally {
    await reader.close()
  }
}
