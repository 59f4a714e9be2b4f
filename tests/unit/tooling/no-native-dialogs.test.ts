import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../host/build-bridge'

/** The lint rules that fire on `code` were it a renderer file. */
async function rulesFiring(code: string, file = 'src/renderer/src/features/example.tsx') {
  const eslint = new ESLint({ cwd: REPO_ROOT })
  const [result] = await eslint.lintText(code, { filePath: file })
  return (result?.messages ?? []).map((message) => message.ruleId)
}

describe('the app never asks through the browser’s own dialogs', () => {
  it('refuses confirm, alert and prompt in the renderer, however they are reached', async () => {
    const code = [
      "export const a = () => confirm('End the session?')",
      "export const b = () => window.alert('Saved')",
      "export const c = () => globalThis.prompt('Name?')",
      ''
    ].join('\n')
    expect(await rulesFiring(code)).toEqual([
      'no-restricted-globals',
      'no-restricted-properties',
      'no-restricted-properties'
    ])
  }, 30_000)

  it('lets a Mantine confirmation through', async () => {
    const code = [
      "import { modals } from '@mantine/modals'",
      'export const ask = (end: () => void) =>',
      "  modals.openConfirmModal({ title: 'End the session now?', onConfirm: end })",
      ''
    ].join('\n')
    expect(await rulesFiring(code)).toEqual([])
  }, 30_000)
})
