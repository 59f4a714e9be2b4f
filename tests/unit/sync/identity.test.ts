/**
 * A data folder copied to a second computer must not keep the first one's identity: two
 * computers under one id would each tell the others what the other has, and one of them would
 * silently miss changes. The copy becomes a new computer when it opens somewhere else, and a
 * copy that could not tell (two folders taken as one computer) is found at the first exchange.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
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
  recordsOf,
  status,
  type Machine
} from './machines'

let template: Template

beforeAll(async () => {
  template = await setUpClinic()
}, 120_000)
afterAll(removeFolders)

/** Someone new on `m`: a change the other computers must all end up with. */
async function enrolSomeone(m: Machine, clientId: string): Promise<string> {
  return (await value<{ id: string }>(m.core.handle('participants.create', participant(clientId))))
    .id
}

async function peopleOn(m: Machine): Promise<string[]> {
  return (await recordsOf(m)).people.map((p) => p.clientId as string).sort()
}

describe('a copied data folder', () => {
  test('opened on another computer (or in another place), it takes part as a new computer: nothing is lost', async () => {
    const [a, b] = await groupRoomAndOffice(template, { exchanged: 'both ways' })

    // Someone copies the group-room laptop's data folder onto a new laptop.
    const folder = await copyClinic(a.dir)
    const opened = await openFolder(template, folder, '')
    const copy: Machine = { ...opened, name: (await status(opened)).machineName }
    const [onA, onCopy] = [await status(a), await status(copy)]
    expect(onCopy.machineId).not.toBe(onA.machineId)
    expect(onCopy.renewed).toMatchObject({
      reason: 'copied_folder',
      previousName: 'Group room laptop'
    })
    expect(onA.renewed).toBeNull()

    // The office records someone; the copy takes the file and answers; then the group room.
    await enrolSomeone(b, 'FROM-OFFICE')
    await importInto(copy, await exportFor(b, null))
    await importInto(b, await exportFor(copy, b))
    await enrolSomeone(a, 'FROM-GROUP-ROOM')
    await enrolSomeone(copy, 'FROM-NEW-LAPTOP')
    await importInto(b, await exportFor(a, b))
    await importInto(b, await exportFor(copy, b))
    await importInto(a, await exportFor(b, a))
    await importInto(copy, await exportFor(b, copy))

    const everyone = await peopleOn(b)
    expect(everyone).toEqual(
      expect.arrayContaining(['FROM-OFFICE', 'FROM-GROUP-ROOM', 'FROM-NEW-LAPTOP'])
    )
    // What the copy acknowledged is not taken as the group room's: it has the office's change.
    expect(await peopleOn(a)).toEqual(everyone)
    expect(await peopleOn(copy)).toEqual(everyone)
    expect((await status(b)).peers.map((p) => p.machineId).sort()).toEqual(
      [onA.machineId, onCopy.machineId].sort()
    )
    // Once an administrator names it, the notice has done its work.
    await value(copy.core.handle('sync.setMachineName', { name: 'New laptop' }))
    expect((await status(copy)).renewed).toBeNull()
  }, 240_000)

  test('two folders taken as one computer: the first exchange finds the shared id, and nothing is lost', async () => {
    const same = { syncComputer: 'one and the same computer' }
    const [a, b] = await groupRoomAndOffice(template, { exchanged: 'both ways', groupRoom: same })
    const copy = await openFolder(template, await copyClinic(a.dir), 'Group room laptop', same)
    expect((await status(copy)).machineId).toBe((await status(a)).machineId)

    // The office's change reaches only the copy. The group room sends its file, then the copy
    // sends one with the same number, saying it has the office's change.
    await enrolSomeone(b, 'FROM-OFFICE')
    await importInto(copy, await exportFor(b, copy))
    await importInto(b, await exportFor(a, b))
    const seen = await importInto(b, await exportFor(copy, b))
    expect(seen.message).toMatch(/Two computers send transfer files as “Group room laptop”/)
    // The office does not take that for the group room's word: it sends that id every record.
    const told = await importInto(a, await exportFor(b, a))
    expect(await peopleOn(a)).toContain('FROM-OFFICE')

    // And the file tells the group room that its id is used elsewhere: it becomes a new computer.
    expect(told.message).toMatch(/this computer now takes part as a new one/)
    const now = await status(a)
    expect(now.machineId).not.toBe((await status(copy)).machineId)
    expect(now.renewed?.reason).toBe('same_id_elsewhere')
  }, 240_000)
})
