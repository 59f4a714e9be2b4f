import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../../src/main/data-dir'

describe('where the records live', () => {
  it('takes --data-dir over IOP_DATA_DIR over the default', () => {
    const env = { IOP_DATA_DIR: '/srv/env-data' }
    expect(resolveDataDir(['app', '--data-dir', '/mnt/usb/iop'], env, '/home/u/.config/IOP')).toBe(
      resolve('/mnt/usb/iop')
    )
    expect(resolveDataDir(['app', '--data-dir=/mnt/usb/two'], env, '/x')).toBe(
      resolve('/mnt/usb/two')
    )
    expect(resolveDataDir(['app'], env, '/x')).toBe(resolve('/srv/env-data'))
    expect(resolveDataDir(['app'], {}, '/home/u/.config/IOP')).toBe(
      join('/home/u/.config/IOP', 'data')
    )
  })
})
