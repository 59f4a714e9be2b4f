import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const folder = join(import.meta.dirname, '../../resources/sounds')

interface Wave {
  sampleRate: number
  channels: number
  bitsPerSample: number
  format: number
  samples: Int16Array
}

/** Reads a canonical PCM WAV file: RIFF header, fmt chunk, data chunk. */
function readWave(bytes: Buffer): Wave {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8)
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE')
  expect(bytes.toString('ascii', 12, 16)).toBe('fmt ')
  expect(bytes.toString('ascii', 36, 40)).toBe('data')
  const dataBytes = bytes.readUInt32LE(40)
  expect(44 + dataBytes).toBe(bytes.length)
  const samples = new Int16Array(dataBytes / 2)
  for (let index = 0; index < samples.length; index++) {
    samples[index] = bytes.readInt16LE(44 + index * 2)
  }
  return {
    format: bytes.readUInt16LE(20),
    channels: bytes.readUInt16LE(22),
    sampleRate: bytes.readUInt32LE(24),
    bitsPerSample: bytes.readUInt16LE(34),
    samples
  }
}

const CHIMES = [
  { file: 'wrap-up.wav', minSeconds: 1.2, maxSeconds: 1.8 },
  { file: 'time-up.wav', minSeconds: 2.2, maxSeconds: 2.8 }
]

describe('the chimes', () => {
  for (const { file, minSeconds, maxSeconds } of CHIMES) {
    describe(file, () => {
      const path = join(folder, file)

      it('exists and is small', () => {
        expect(existsSync(path)).toBe(true)
        expect(readFileSync(path).length).toBeLessThan(250 * 1024)
      })

      it('is 16-bit mono PCM at 44,100 Hz', () => {
        const wave = readWave(readFileSync(path))
        expect(wave).toMatchObject({
          format: 1,
          channels: 1,
          sampleRate: 44_100,
          bitsPerSample: 16
        })
      })

      it(`lasts between ${minSeconds} and ${maxSeconds} seconds`, () => {
        const seconds = readWave(readFileSync(path)).samples.length / 44_100
        expect(seconds).toBeGreaterThanOrEqual(minSeconds)
        expect(seconds).toBeLessThanOrEqual(maxSeconds)
      })

      it('is soft: peaks near -12 dBFS, never clips, and starts and ends in silence', () => {
        const { samples } = readWave(readFileSync(path))
        let peak = 0
        for (const value of samples) peak = Math.max(peak, Math.abs(value))
        expect(peak).toBeLessThan(32_767)
        const dbfs = 20 * Math.log10(peak / 32_767)
        expect(dbfs).toBeGreaterThan(-15)
        expect(dbfs).toBeLessThan(-9)
        expect(Math.abs(samples[0] ?? 1)).toBeLessThan(50)
        expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(50)
      })
    })
  }
})
