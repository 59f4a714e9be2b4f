import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { ChosenFile, FileKind } from '../../shared/ipc/contract'
import { RuleError } from '../../shared/result'

/** A file a person picked: where it is, and the name to show them. */
export interface PickedFile {
  path: string
  name: string
}

/**
 * How a person picks a file to import: the desktop's open-file dialog, or the
 * test host's upload area. Only the paths it returns are ever opened.
 */
export type ChooseFile = (kind: FileKind) => Promise<PickedFile | null>

/** The last few choices are remembered: enough for a preview and then an import. */
const REMEMBERED = 8

/**
 * The files a person chose, each behind a random token. The page never names a
 * path: it can only point back at a file chosen in the main process, for the
 * same kind of import, so a page that misbehaves cannot read any other file.
 */
export class ChosenFiles {
  private readonly chosen = new Map<string, PickedFile & { kind: FileKind }>()

  constructor(
    private readonly pick: ChooseFile | undefined,
    private readonly newToken = () => randomBytes(24).toString('base64url')
  ) {}

  async choose(kind: FileKind): Promise<ChosenFile | null> {
    if (!this.pick) throw new RuleError('not_found', 'Choosing a file is not available here.')
    const picked = await this.pick(kind)
    if (!picked) return null
    const info = await stat(picked.path).catch(() => null)
    if (!info?.isFile()) {
      throw new RuleError('unreadable_file', 'That is not a file the app can open. Choose another.')
    }
    const token = this.newToken()
    this.chosen.set(token, { ...picked, kind })
    for (const old of this.chosen.keys()) {
      if (this.chosen.size <= REMEMBERED) break
      this.chosen.delete(old)
    }
    return { token, name: picked.name.slice(0, 200), bytes: info.size }
  }

  /** Where the chosen file is; refused for a token this app did not give for this kind of file. */
  path(token: string, kind: FileKind): string {
    const file = this.chosen.get(token)
    if (!file || file.kind !== kind) {
      throw new RuleError('not_found', 'That file is no longer chosen. Choose it again.')
    }
    return file.path
  }
}
