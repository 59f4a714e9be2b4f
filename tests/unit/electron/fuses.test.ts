/**
 * The installers' Electron binary has the fuses flipped that would let someone
 * run code with the app's access to the records: run-as-Node, NODE_OPTIONS,
 * --inspect; and it loads only its own checked app.asar. Read from the build
 * configuration, with each key checked against electron-builder's own schema
 * so a misspelt fuse (silently ignored by a build) fails here.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const config = parse(
  readFileSync(fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url)), 'utf8')
) as { asar?: unknown; electronFuses?: Record<string, unknown> }

const schema = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8')
) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } }

describe('the installed app’s Electron fuses', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true]
  ])('%s is %s', (fuse, setting) => {
    expect(config.electronFuses?.[fuse]).toBe(setting)
  })

  it('names only fuses electron-builder knows, and packs the app into an asar to check', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties)
    expect(Object.keys(config.electronFuses ?? {}).filter((k) => !known.includes(k))).toEqual([])
    expect(config.asar).toBe(true)
  })
})
