import { describe, expect, it } from 'vitest'
import {
  groupToAskFor,
  keyGroups,
  recoveryKeySheetText,
  typedGroupMatches
} from '../../../src/shared/security/recovery-key'

const KEY = 'AB12-CD34-EF56-GH78-JK9L-MN0P'

describe('typing back part of the recovery key at setup', () => {
  it('accepts the group asked for, as written on paper in any case and with stray spaces', () => {
    expect(keyGroups(KEY)).toHaveLength(6)
    expect(typedGroupMatches(KEY, 3, 'EF56')).toBe(true)
    expect(typedGroupMatches(KEY, 3, ' ef 56 ')).toBe(true)
  })

  it('refuses another group, part of one, or a group that does not exist', () => {
    expect(typedGroupMatches(KEY, 3, 'CD34')).toBe(false)
    expect(typedGroupMatches(KEY, 3, 'EF5')).toBe(false)
    expect(typedGroupMatches(KEY, 3, '')).toBe(false)
    expect(typedGroupMatches(KEY, 7, '')).toBe(false)
  })

  it('never asks for the first or last group, which a glance remembers', () => {
    const asked = [0, 0.2, 0.49, 0.5, 0.75, 0.999].map((r) => groupToAskFor(KEY, r))
    expect(asked).toEqual([2, 2, 3, 4, 5, 5])
  })
})

describe('the printed recovery key sheet', () => {
  const sheet = recoveryKeySheetText({
    recoveryKey: KEY,
    clinicName: 'Riverside Recovery Center',
    printedOn: '2026-11-23'
  })

  it('names the clinic and the day, and says where to keep it', () => {
    expect(sheet.title).toBe('Recovery key · Riverside Recovery Center')
    expect(sheet.lines[0]).toBe('Printed on 2026-11-23.')
    expect(sheet.lines.join(' ')).toMatch(/locked place away from the computer/)
  })
})
