import type { MeasureId, RecordedMeasureId } from '../domain/measure'
import { fail, ok, type Result } from '../result'
import { INSTRUMENTS, MEASURE_INFO, type Instrument } from './instruments'

export interface BandRef {
  key: string
  label: string
}

export interface MeasureScore {
  total: number
  /** Null when the total falls in no band, as for the PACS, which has none. */
  band: BandRef | null
  /** PHQ-9 item 9 above zero: follow up with the person the same day. */
  selfHarmFlag: boolean
}

function instrumentOf(measureId: MeasureId): Instrument | undefined {
  // Guards a value that reached here untyped (an old file, a hand-made request).
  return Object.hasOwn(INSTRUMENTS, measureId) ? INSTRUMENTS[measureId] : undefined
}

function rangeOf(instrument: Instrument): { low: number; high: number } {
  const values = instrument.items.flatMap((item) => item.options.map((o) => o.value))
  return { low: Math.min(...values), high: Math.max(...values) }
}

/** "PHQ-9 needs 9 answers, each 0 to 3" — what a form shows when answers do not fit. */
export function answersMessage(instrument: Instrument): string {
  const count = instrument.items.length
  const { low, high } = rangeOf(instrument)
  return count === 1
    ? `${instrument.name} needs 1 answer, ${low} to ${high}`
    : `${instrument.name} needs ${count} answers, each ${low} to ${high}`
}

/** The band a total falls in, or null when it falls in none. */
export function bandOf(measureId: RecordedMeasureId, total: number): BandRef | null {
  const info = Object.hasOwn(MEASURE_INFO, measureId) ? MEASURE_INFO[measureId] : undefined
  const band = info?.bands.find((b) => total >= b.min && total <= b.max)
  return band ? { key: band.key, label: band.label } : null
}

/**
 * Scores a measure from its answers, one per item in order. Refuses the wrong
 * number of answers, or an answer that is not one of its item's choices.
 */
export function scoreMeasure(
  measureId: MeasureId,
  answers: ReadonlyArray<number>
): Result<MeasureScore> {
  const instrument = instrumentOf(measureId)
  if (!instrument) return fail('invalid_input', 'That is not a measure this program knows.')
  const fits =
    answers.length === instrument.items.length &&
    instrument.items.every((item, i) => item.options.some((o) => o.value === answers[i]))
  if (!fits) return fail('invalid_input', answersMessage(instrument))

  const total = answers.reduce((sum, a) => sum + a, 0)
  const safety = instrument.safetyItem
  return ok({
    total,
    band: bandOf(measureId, total),
    selfHarmFlag: safety !== null && (answers[safety] ?? 0) > 0
  })
}
