import { describe, expect, it } from 'vitest'
import { DEBIAN_CHROMIUM, findChromium } from '../../e2e/chromium'

const PLAYWRIGHTS = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome'
const OWN = '/opt/chromium/chrome'

/** A machine holding exactly these files, with CHROMIUM_PATH set or not. */
function machine(files: string[], chromiumPath?: string) {
  return {
    chromiumPath,
    exists: (path: string) => files.includes(path),
    playwrightPath: () => PLAYWRIGHTS
  }
}

describe('the Chromium the end-to-end tests drive', () => {
  it('is the one CHROMIUM_PATH names, before any other', () => {
    expect(findChromium(machine([OWN, DEBIAN_CHROMIUM, PLAYWRIGHTS], OWN))).toEqual({
      found: true,
      path: OWN,
      from: 'CHROMIUM_PATH'
    })
  })

  it("is Debian's when CHROMIUM_PATH is not set, even if Playwright has its own", () => {
    expect(findChromium(machine([DEBIAN_CHROMIUM, PLAYWRIGHTS]))).toEqual({
      found: true,
      path: '/usr/bin/chromium',
      from: 'Debian'
    })
    expect(findChromium(machine([DEBIAN_CHROMIUM, PLAYWRIGHTS], ''))).toMatchObject({
      from: 'Debian'
    })
  })

  it("is Playwright's own when there is no Debian Chromium", () => {
    expect(findChromium(machine([PLAYWRIGHTS]))).toEqual({
      found: true,
      path: PLAYWRIGHTS,
      from: 'Playwright'
    })
  })

  it('is none when Playwright has not downloaded its own, with one line saying each way to get one', () => {
    const none = findChromium(machine([]))
    expect(none.found).toBe(false)
    const problem = none.found ? '' : none.problem
    expect(problem).not.toContain('\n')
    expect(problem).toContain('sudo apt-get install chromium')
    expect(problem).toContain('npx playwright install chromium')
    expect(problem).toContain('CHROMIUM_PATH')
  })

  it('is none when Playwright cannot say where its own would be', () => {
    expect(findChromium({ ...machine([]), playwrightPath: () => null }).found).toBe(false)
  })

  it('names a CHROMIUM_PATH that does not exist rather than quietly driving another', () => {
    const wrong = findChromium(machine([DEBIAN_CHROMIUM, PLAYWRIGHTS], '/opt/missing/chrome'))
    expect(wrong).toEqual({ found: false, problem: expect.stringContaining('/opt/missing/chrome') })
    expect(wrong.found ? '' : wrong.problem).toContain('sudo apt-get install chromium')
  })
})
