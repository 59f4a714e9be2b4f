/**
 * Synthesises the app's two chimes, so that every sound it ships is this
 * project's own work: `npx tsx scripts/make-chimes.ts`.
 *
 * Each note is a small bell: a few sine partials at bell-like ratios, each
 * fading exponentially (higher partials faster), with a soft attack so it
 * never clicks. The output is deterministic: running the script again writes
 * the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SAMPLE_RATE = 44_100
/** About -12 dBFS: clearly audible in a quiet room, never harsh, far from clipping. */
const PEAK = 10 ** (-12 / 20)
const ATTACK_SECONDS = 0.012
const FADE_OUT_SECONDS = 0.15

interface Partial {
  ratio: number
  gain: number
  /** Seconds for the partial to fall to 1/e of its level. */
  decay: number
}

/** A soft bell: mostly the fundamental, a little shimmer above it. */
const BELL: Partial[] = [
  { ratio: 1, gain: 1, decay: 0.55 },
  { ratio: 2, gain: 0.35, decay: 0.35 },
  { ratio: 2.76, gain: 0.18, decay: 0.22 },
  { ratio: 4.07, gain: 0.08, decay: 0.14 }
]

interface Note {
  frequency: number
  start: number
  gain: number
}

interface Chime {
  file: string
  seconds: number
  notes: Note[]
}

const CHIMES: Chime[] = [
  {
    // Two rising notes, E5 then A5: "a few minutes left".
    file: 'wrap-up.wav',
    seconds: 1.5,
    notes: [
      { frequency: 659.26, start: 0, gain: 0.9 },
      { frequency: 880.0, start: 0.32, gain: 1 }
    ]
  },
  {
    // Three falling notes, G5, E5, C5: "time is up".
    file: 'time-up.wav',
    seconds: 2.5,
    notes: [
      { frequency: 783.99, start: 0, gain: 1 },
      { frequency: 659.26, start: 0.42, gain: 0.95 },
      { frequency: 523.25, start: 0.84, gain: 0.95 }
    ]
  }
]

function render(chime: Chime): Float64Array {
  const length = Math.round(chime.seconds * SAMPLE_RATE)
  const samples = new Float64Array(length)
  for (const note of chime.notes) {
    const first = Math.round(note.start * SAMPLE_RATE)
    for (let index = first; index < length; index++) {
      const t = (index - first) / SAMPLE_RATE
      // A raised-cosine attack: no click at the start of a note.
      const attack = t < ATTACK_SECONDS ? 0.5 - 0.5 * Math.cos((Math.PI * t) / ATTACK_SECONDS) : 1
      let value = 0
      for (const partial of BELL) {
        value +=
          partial.gain *
          Math.exp(-t / partial.decay) *
          Math.sin(2 * Math.PI * note.frequency * partial.ratio * t)
      }
      samples[index] = (samples[index] ?? 0) + note.gain * attack * value
    }
  }
  // A gentle fade, so the file ends in silence rather than a cut.
  const fade = Math.round(FADE_OUT_SECONDS * SAMPLE_RATE)
  for (let index = length - fade; index < length; index++) {
    const left = (length - index) / fade
    samples[index] = (samples[index] ?? 0) * left * left
  }
  let peak = 0
  for (const value of samples) peak = Math.max(peak, Math.abs(value))
  const scale = peak > 0 ? PEAK / peak : 0
  return samples.map((value) => value * scale)
}

/** A canonical 44-byte RIFF/WAVE header and 16-bit little-endian PCM, mono. */
function wav(samples: Float64Array): Buffer {
  const dataBytes = samples.length * 2
  const buffer = Buffer.alloc(44 + dataBytes)
  buffer.write('RIFF', 0, 'ascii')
  buffer.writeUInt32LE(36 + dataBytes, 4)
  buffer.write('WAVE', 8, 'ascii')
  buffer.write('fmt ', 12, 'ascii')
  buffer.writeUInt32LE(16, 16) // fmt chunk size
  buffer.writeUInt16LE(1, 20) // PCM
  buffer.writeUInt16LE(1, 22) // mono
  buffer.writeUInt32LE(SAMPLE_RATE, 24)
  buffer.writeUInt32LE(SAMPLE_RATE * 2, 28) // bytes per second
  buffer.writeUInt16LE(2, 32) // bytes per frame
  buffer.writeUInt16LE(16, 34) // bits per sample
  buffer.write('data', 36, 'ascii')
  buffer.writeUInt32LE(dataBytes, 40)
  samples.forEach((value, index) => {
    const clamped = Math.max(-1, Math.min(1, value))
    buffer.writeInt16LE(Math.round(clamped * 32_767), 44 + index * 2)
  })
  return buffer
}

const folder = fileURLToPath(new URL('../resources/sounds/', import.meta.url))
mkdirSync(folder, { recursive: true })
for (const chime of CHIMES) {
  const bytes = wav(render(chime))
  writeFileSync(`${folder}${chime.file}`, bytes)
  console.log(`${chime.file}: ${chime.seconds} s, ${Math.round(bytes.length / 1024)} kB`)
}
