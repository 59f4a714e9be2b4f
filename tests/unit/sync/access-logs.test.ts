/**
 * The access logs of the clinic's computers, merged into one view: each computer keeps its own
 * chain; the others' entries travel sealed with the transfer files and are shown with the
 * computer they were written on, merged by time. Each chain is checked on its own, so a break
 * in one computer's log is reported for that computer.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ComputerLog, MergedAccessEntry } from '../../../src/shared/domain/access-log'
import {
  copyClinic,
  participant,
  removeFolders,
  setUpClinic,
  value,
  type Template
} from '../core/helpers'
import {
  exportFor,
  groupRoomAndOffice,
  importInto,
  openFolder,
  status,
  type Machine
} from './machines'

let template: Template

beforeAll(async () => {
  template = await setUpClinic()
}, 120_000)
afterAll(removeFolders)

interface Merged {
  entries: MergedAccessEntry[]
  total: number
  computers: ComputerLog[]
}

function merged(m: Machine, query: Record<string, unknown> = { filter: {} }): Promise<Merged> {
  return value<Merged>(m.core.handle('audit.merged', query))
}

describe('the access logs of the clinic’s computers', () => {
  test('merged by time with the computer of each entry, each chain checked, the local log as it was', async () => {
    const [a, b] = await groupRoomAndOffice(template, { exchanged: 'one way' })
    a.clock.now += 60_000
    await value(a.core.handle('participants.create', participant('LOG-A')))
    b.clock.now += 120_000
    await value(b.core.handle('participants.create', participant('LOG-B')))
    const localBefore = await value<{ total: number }>(a.core.handle('audit.list', {}))

    await importInto(a, await exportFor(b, a))
    const onA = await merged(a)
    const [idA, idB] = [(await status(a)).machineId, (await status(b)).machineId]
    expect(onA.computers).toEqual([
      expect.objectContaining({
        computerId: idA,
        computer: 'Group room laptop',
        here: true,
        intact: true
      }),
      expect.objectContaining({
        computerId: idB,
        computer: 'Office workstation',
        here: false,
        intact: true
      })
    ])
    const fromB = onA.entries.filter((e) => e.computerId === idB)
    const bOwn = await value<{ total: number }>(b.core.handle('audit.list', {}))
    // Every entry the office had written when it made the file (that one comes in the next).
    expect(fromB.length).toBe(bOwn.total - 1)
    expect(fromB.every((e) => e.computer === 'Office workstation')).toBe(true)
    // Newest first across both computers: the office's later change before the group room's.
    const position = (text: string) => onA.entries.findIndex((e) => e.subject.includes(text))
    expect(position('LOG-B')).toBeGreaterThanOrEqual(0)
    expect(position('LOG-B')).toBeLessThan(position('LOG-A'))
    expect(new Set(onA.entries.map((e) => e.computerId))).toEqual(new Set([idA, idB]))

    // One computer's entries only.
    const onlyB = await merged(a, { filter: {}, computerId: idB })
    expect(onlyB.entries).toEqual(fromB)
    expect(
      await a.core.handle('audit.merged', { filter: {}, computerId: 'never-heard-of' })
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
    // The filter reads the other computer's entries as it reads this one's.
    const signIns = await merged(a, { filter: { action: 'sign_in' } })
    expect(signIns.entries.length).toBeGreaterThan(0)
    expect(signIns.entries.every((e) => e.action === 'sign_in')).toBe(true)

    // This computer's own log: only what it wrote itself (the import, and looking at the logs).
    const localAfter = await value<{ total: number; intact: boolean; entries: unknown[] }>(
      a.core.handle('audit.list', {})
    )
    expect(localAfter.intact).toBe(true)
    expect(localAfter.total).toBeLessThan(localBefore.total + 6)
    expect(JSON.stringify(localAfter.entries)).not.toContain(idB)

    // The office's entries go on with its next file; nothing is repeated.
    await value(b.core.handle('participants.list', {}))
    await importInto(a, await exportFor(b, a))
    const again = (await merged(a)).entries.filter((e) => e.computerId === idB)
    expect(new Set(again.map((e) => e.seq)).size).toBe(again.length)
    expect(again.length).toBeGreaterThan(fromB.length)

    // The group room's clock set back an hour: its own log keeps its order all the same.
    a.clock.now -= 3_600_000
    await value(a.core.handle('participants.create', participant('LOG-A2')))
    const ownOrder = (await merged(a)).entries.filter((e) => e.computerId === idA).map((e) => e.seq)
    expect(ownOrder).toEqual([...ownOrder].sort((x, y) => y - x))
  }, 240_000)

  test('a break in one computer’s log is reported for that computer only', async () => {
    const office = { syncComputer: 'the office workstation' }
    const [a, b] = await groupRoomAndOffice(template, { exchanged: 'both ways', office })
    for (let i = 0; i < 3; i++) {
      await value(b.core.handle('participants.create', participant(`GAP-${i}`)))
    }
    // Someone removes a line from the middle of the office's log (a copy opened in its place).
    const folder = await copyClinic(b.dir)
    const path = join(folder, 'access-log.jsonl')
    const lines = (await readFile(path, 'utf8')).split('\n')
    await writeFile(path, [...lines.slice(0, 2), ...lines.slice(3)].join('\n'))
    const damaged = await openFolder(template, folder, 'Office workstation', office)

    await importInto(a, await exportFor(damaged, a))
    const [here, there] = (await merged(a)).computers
    expect(here).toMatchObject({ here: true, intact: true, problem: null })
    expect(there).toMatchObject({ computer: 'Office workstation', intact: false })
    expect(there!.problem).toMatch(
      /^The log of “Office workstation” has been changed or damaged at entry 3: Entries 3 to 3 have not arrived here, or were removed/
    )
  }, 240_000)
})
