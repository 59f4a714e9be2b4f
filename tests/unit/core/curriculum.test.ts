/**
 * The clinic's curriculum library: loaded from the shipped files on first
 * run, edited with every earlier version kept, never overwritten by a newer
 * shipped version once the clinic has changed it; and coverage from attendance.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { writePack } from '../../../src/main/services/curriculum-pack-files'
import type { CurriculumModule } from '../../../src/shared/curriculum/module'
import type { LibraryModuleSummary } from '../../../src/shared/ipc/contract'
import {
  chooseFile,
  copyClinic,
  CURRICULUM_DIR,
  emptyFolder,
  filePicker,
  ids,
  NOW,
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

async function shippedCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-shipped-'))
  await cp(CURRICULUM_DIR, dir, { recursive: true })
  return dir
}

async function open(dataDir: string, shippedDir: string): Promise<Core> {
  const core = await createCore({ dataDir, now: () => NOW, newId: ids, curriculumDir: shippedDir })
  await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
  return core
}

const source = (core: Core, moduleId: string) =>
  value<{ text: string; edited: boolean; newerShippedVersion: number | null; history: unknown[] }>(
    core.handle('curriculum.source', { moduleId })
  )

describe('the library', () => {
  test('is loaded from the shipped files on first run', async () => {
    const core = await open(await copyClinic(template.dir), CURRICULUM_DIR)
    const list = await value<LibraryModuleSummary[]>(core.handle('curriculum.list', {}))
    expect(list.map((m) => m.id)).toEqual(
      expect.arrayContaining(['edu-01-brain', 'skl-02-trigger-map'])
    )
    expect(list.every((m) => !m.edited)).toBe(true)
  })

  test('a newer shipped version replaces an unedited copy but never an edited one', async () => {
    const dataDir = await copyClinic(template.dir)
    const shipped = await shippedCopy()
    const core = await open(dataDir, shipped)
    // The clinic edits one module.
    const original = (await source(core, 'edu-01-brain')).text
    const edited = original.replace(
      '# How substance use changes the brain\n',
      '# How the brain changes with use\n'
    )
    expect(edited).not.toBe(original)
    await value(core.handle('curriculum.save', { moduleId: 'edu-01-brain', text: edited }))

    // A new release ships version 2 of both that module and another.
    for (const file of ['edu-01-brain.md', 'edu-02-triggers-external.md']) {
      const path = join(shipped, file)
      const text = await readFile(path, 'utf8')
      await writeFile(
        path,
        text.replace(/^version: 1$/m, 'version: 2').replace(/^title: (.*)$/m, 'title: $1 (revised)')
      )
    }
    const reopened = await open(dataDir, shipped)
    const brain = await source(reopened, 'edu-01-brain')
    expect(brain.text).toBe(edited)
    expect(brain.newerShippedVersion).toBe(2)
    const triggers = await value<CurriculumModule>(
      reopened.handle('curriculum.get', { moduleId: 'edu-02-triggers-external' })
    )
    expect(triggers.version).toBe(2)
    expect(triggers.title).toMatch(/\(revised\)$/)
  })

  test('every save keeps the previous version, and a module can be reverted', async () => {
    const core = await open(await copyClinic(template.dir), CURRICULUM_DIR)
    const first = (await source(core, 'skl-01-daily-schedule')).text
    const second = first.replace(/^title: .*$/m, 'title: Planning a steady day')
    await value(core.handle('curriculum.save', { moduleId: 'skl-01-daily-schedule', text: second }))
    const after = await source(core, 'skl-01-daily-schedule')
    expect(after.edited).toBe(true)
    expect(after.history).toHaveLength(1)
    const reverted = await value<CurriculumModule>(
      core.handle('curriculum.revert', { moduleId: 'skl-01-daily-schedule', versionIndex: 0 })
    )
    expect(reverted.title).not.toBe('Planning a steady day')
    expect((await source(core, 'skl-01-daily-schedule')).text).toBe(first)
  })

  test('a module that does not parse is refused with where and what, and nothing changes', async () => {
    const core = await open(await copyClinic(template.dir), CURRICULUM_DIR)
    const before = (await source(core, 'edu-01-brain')).text
    const broken = before.replace('# The brain is built to learn', 'The brain is built to learn')
    const error = await refusal(
      core.handle('curriculum.save', { moduleId: 'edu-01-brain', text: broken }),
      'invalid_input'
    )
    expect(error.message).toMatch(/Slide \d+/)
    const renamed = before.replace(/^id: edu-01-brain$/m, 'id: edu-99-other')
    const idError = await refusal(
      core.handle('curriculum.save', { moduleId: 'edu-01-brain', text: renamed }),
      'invalid_input'
    )
    expect(idError.message).toMatch(/duplicate/)
    expect((await source(core, 'edu-01-brain')).text).toBe(before)
  })

  test('a duplicate is a local module of its own, found by search', async () => {
    const core = await open(await copyClinic(template.dir), CURRICULUM_DIR)
    const copy = await value<CurriculumModule>(
      core.handle('curriculum.duplicate', { moduleId: 'edu-01-brain' })
    )
    expect(copy).toMatchObject({ id: 'edu-01-brain-local', source: 'local' })
    expect(copy.title).toMatch(/our version/)
    const found = await value<LibraryModuleSummary[]>(
      core.handle('curriculum.search', { query: 'our version', week: null, kind: null, tag: null })
    )
    expect(found.map((m) => m.id)).toContain('edu-01-brain-local')
    const bySlideText = await value<LibraryModuleSummary[]>(
      core.handle('curriculum.search', {
        query: 'dopamine',
        week: 1,
        kind: 'educational',
        tag: null
      })
    )
    expect(bySlideText.map((m) => m.id)).toEqual(['edu-01-brain', 'edu-01-brain-local'])
  })
})

describe('packs', () => {
  test('a damaged pack is refused in plain words and the library is left exactly as it was', async () => {
    const dataDir = await copyClinic(template.dir)
    const picker = filePicker()
    const core = await createCore({
      dataDir,
      now: () => NOW,
      newId: ids,
      curriculumDir: CURRICULUM_DIR,
      chooseFile: picker.chooseFile
    })
    await value(core.handle('auth.signIn', { staffId: template.adminId, passphrase: PASSPHRASE }))
    const text = (await source(core, 'edu-01-brain')).text
    const sound = writePack(
      [{ id: 'edu-01-brain', version: 1, text: text.replace(/^title: .*$/m, 'title: Theirs') }],
      { createdAt: new Date(NOW).toISOString(), createdBy: 'Lakeside' }
    )
    // The module changed after the manifest (and its checksum) was written.
    const files = unzipSync(sound)
    files['modules/edu-01-brain.md'] = strToU8(
      strFromU8(files['modules/edu-01-brain.md']!).replace('title: Theirs', 'title: Altered')
    )
    const tampered = await chooseFile(core, picker, 'curriculum_pack', zipSync(files))
    const before = await readFile(join(dataDir, 'curriculum.json'), 'utf8')
    for (const call of ['curriculum.previewPack', 'curriculum.importPack'] as const) {
      const error = await refusal(core.handle(call, { file: tampered }), 'invalid_input')
      expect(error.message).toMatch(/modules\/edu-01-brain\.md/)
    }
    expect(await readFile(join(dataDir, 'curriculum.json'), 'utf8')).toBe(before)

    // The sound pack: previewed as an update, then applied, the clinic's text kept as a version.
    // The pack is read from the file chosen in the dialog; the page holds only a token for it.
    const file = await chooseFile(core, picker, 'curriculum_pack', sound)
    const preview = await value<Array<{ id: string; action: string }>>(
      core.handle('curriculum.previewPack', { file })
    )
    expect(preview).toEqual([expect.objectContaining({ id: 'edu-01-brain', action: 'update' })])
    expect(await readFile(join(dataDir, 'curriculum.json'), 'utf8')).toBe(before)
    await value(core.handle('curriculum.importPack', { file }))
    const after = await value<CurriculumModule>(
      core.handle('curriculum.get', { moduleId: 'edu-01-brain' })
    )
    expect(after.title).toBe('Theirs')
    expect((await source(core, 'edu-01-brain')).history).toHaveLength(1)
  })
})

test('an empty data folder with no shipped files still opens, with an empty library', async () => {
  const dir = await emptyFolder()
  const core = await createCore({ dataDir: dir, now: () => NOW, newId: ids, curriculumDir: null })
  await value(
    core.handle('setup.complete', {
      clinic: { name: 'Lakeside', timeZone: 'UTC' },
      staff: {
        fullName: 'Avery Lindqvist',
        credentials: 'LCSW',
        role: 'supervisor',
        isAdmin: true,
        passphrase: PASSPHRASE
      }
    })
  )
  expect(await value(core.handle('curriculum.list', {}))).toEqual([])
})
