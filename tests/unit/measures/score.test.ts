/**
 * Scoring a brief measure as a counselor meets it: the total and the band
 * come from the answers, a wrong or missing answer is refused in plain words,
 * and any answer above zero on PHQ-9 item 9 calls for a same-day follow-up.
 */
import { describe, expect, it } from 'vitest'
import { MEASURE_IDS, type MeasureId } from '../../../src/shared/domain/measure'
import { INSTRUMENTS, MEASURE_INFO } from '../../../src/shared/measures/instruments'
import { bandOf, scoreMeasure, type MeasureScore } from '../../../src/shared/measures/score'
import type { Result } from '../../../src/shared/result'

function value<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** Answers that add up to `total`, filling items in order up to each item's maximum. */
function answersTotalling(measureId: MeasureId, total: number): number[] {
  let left = total
  return INSTRUMENTS[measureId].items.map((item) => {
    const top = Math.max(...item.options.map((o) => o.value))
    const answer = Math.min(top, left)
    left -= answer
    return answer
  })
}

function score(measureId: MeasureId, answers: number[]): MeasureScore {
  return value(scoreMeasure(measureId, answers))
}

describe('bands at every boundary', () => {
  const cases: Array<[MeasureId, number, string]> = [
    ['phq9', 0, 'minimal'],
    ['phq9', 4, 'minimal'],
    ['phq9', 5, 'mild'],
    ['phq9', 9, 'mild'],
    ['phq9', 10, 'moderate'],
    ['phq9', 14, 'moderate'],
    ['phq9', 15, 'moderately_severe'],
    ['phq9', 19, 'moderately_severe'],
    ['phq9', 20, 'severe'],
    ['phq9', 27, 'severe'],
    ['gad7', 0, 'minimal'],
    ['gad7', 4, 'minimal'],
    ['gad7', 5, 'mild'],
    ['gad7', 9, 'mild'],
    ['gad7', 10, 'moderate'],
    ['gad7', 14, 'moderate'],
    ['gad7', 15, 'severe'],
    ['gad7', 21, 'severe'],
    ['craving', 0, 'none'],
    ['craving', 1, 'mild'],
    ['craving', 3, 'mild'],
    ['craving', 4, 'moderate'],
    ['craving', 6, 'moderate'],
    ['craving', 7, 'strong'],
    ['craving', 10, 'strong']
  ]

  it.each(cases)('%s with a total of %i is %s', (measureId, total, key) => {
    const scored = score(measureId, answersTotalling(measureId, total))
    expect(scored.total).toBe(total)
    expect(scored.band?.key).toBe(key)
    expect(bandOf(measureId, total)?.key).toBe(key)
  })

  it('the band carries the label a clinician reads', () => {
    expect(score('phq9', answersTotalling('phq9', 17)).band).toEqual({
      key: 'moderately_severe',
      label: 'Moderately severe'
    })
    expect(score('craving', [8]).band).toEqual({ key: 'strong', label: 'Strong' })
  })

  it('a Penn Alcohol Craving Scale result recorded before it was withdrawn still has no band', () => {
    expect(bandOf('pacs', 25)).toBeNull()
  })

  it('a total outside the range falls in no band', () => {
    expect(bandOf('phq9', 28)).toBeNull()
    expect(bandOf('gad7', -1)).toBeNull()
  })
})

describe('answers that do not fit are refused', () => {
  it('too few PHQ-9 answers', () => {
    expect(scoreMeasure('phq9', [1, 1, 1, 1, 1, 1, 1, 1])).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'PHQ-9 needs 9 answers, each 0 to 3' }
    })
  })

  it('too many GAD-7 answers', () => {
    expect(scoreMeasure('gad7', [0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'GAD-7 needs 7 answers, each 0 to 3' }
    })
  })

  it('no answers at all', () => {
    const result = scoreMeasure('craving', [])
    expect(result.ok ? null : result.error).toEqual({
      code: 'invalid_input',
      message: 'Craving rating (0–10) needs 1 answer, 0 to 10'
    })
  })

  it('a PHQ-9 answer of 4, above the item’s 0 to 3', () => {
    const result = scoreMeasure('phq9', [0, 0, 0, 4, 0, 0, 0, 0, 0])
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
  })

  it('a negative answer', () => {
    const result = scoreMeasure('gad7', [0, 0, -1, 0, 0, 0, 0])
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
  })

  it('a craving rating of 11', () => {
    const result = scoreMeasure('craving', [11])
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
  })

  it('the Penn Alcohol Craving Scale is no longer scored: its wording was never verified', () => {
    const result = scoreMeasure('pacs' as MeasureId, [0, 1, 0, 0, 0])
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'That is not a measure this program knows.' }
    })
  })

  it('a half-point answer', () => {
    const result = scoreMeasure('phq9', [1.5, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
    expect(scoreMeasure('craving', [2.5]).ok).toBe(false)
  })

  it('a blank answer that slipped through as not-a-number', () => {
    expect(scoreMeasure('gad7', [0, 0, 0, Number.NaN, 0, 0, 0]).ok).toBe(false)
  })

  it('a measure the program does not know', () => {
    const result = scoreMeasure('audit' as MeasureId, [1])
    expect(result.ok ? null : result.error.code).toBe('invalid_input')
  })
})

describe('PHQ-9 item 9 (thoughts of self-harm)', () => {
  it('item 9 answered 1, everything else 0: flagged although the total is only 1', () => {
    const scored = score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(scored.total).toBe(1)
    expect(scored.band?.key).toBe('minimal')
    expect(scored.selfHarmFlag).toBe(true)
  })

  it('every item 3 except item 9 at 0: a total of 24 but no flag', () => {
    const scored = score('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])
    expect(scored.total).toBe(24)
    expect(scored.selfHarmFlag).toBe(false)
  })

  it('a total of 26 cannot be reached with item 9 at 0: it is refused, not scored', () => {
    // With item 9 at 0 the other eight items reach 24 at most, so "item 9 at 0
    // with a total of 26" can only arrive with an answer out of range.
    expect(scoreMeasure('phq9', [3, 3, 3, 3, 3, 3, 3, 5, 0]).ok).toBe(false)
    const highest = score('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 2])
    expect(highest.total).toBe(26)
    expect(highest.selfHarmFlag).toBe(true)
  })

  it('any answer above zero on item 9 flags', () => {
    for (const answer of [1, 2, 3]) {
      expect(score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, answer]).selfHarmFlag).toBe(true)
    }
  })

  it('the GAD-7 never flags, even at its maximum', () => {
    expect(score('gad7', [3, 3, 3, 3, 3, 3, 3]).selfHarmFlag).toBe(false)
  })

  it('craving measures never flag', () => {
    expect(score('craving', [10]).selfHarmFlag).toBe(false)
  })
})

describe('the instruments are self-consistent', () => {
  const expectedItems: Record<MeasureId, number> = { phq9: 9, gad7: 7, craving: 1 }

  it('every measure the program knows has an instrument with its own id', () => {
    for (const id of MEASURE_IDS) expect(INSTRUMENTS[id].id).toBe(id)
    expect(Object.keys(INSTRUMENTS).sort()).toEqual([...MEASURE_IDS].sort())
  })

  it.each(MEASURE_IDS)('%s has the published number of items, each worded', (id) => {
    const instrument = INSTRUMENTS[id]
    expect(instrument.items).toHaveLength(expectedItems[id])
    for (const item of instrument.items) expect(item.text.trim()).not.toBe('')
  })

  it.each(MEASURE_IDS)('%s: each item’s choices run 0, 1, 2 … in order with a label each', (id) => {
    for (const item of INSTRUMENTS[id].items) {
      expect(item.options.map((o) => o.value)).toEqual(item.options.map((_, i) => i))
      for (const o of item.options) expect(o.label.trim()).not.toBe('')
    }
  })

  it.each(MEASURE_IDS)('%s: min and max are the lowest and highest possible totals', (id) => {
    const instrument = INSTRUMENTS[id]
    const highest = instrument.items.reduce(
      (sum, item) => sum + Math.max(...item.options.map((o) => o.value)),
      0
    )
    expect(instrument.min).toBe(0)
    expect(instrument.max).toBe(highest)
  })

  it('the totals run 0–27, 0–21 and 0–10', () => {
    expect(MEASURE_IDS.map((id) => [INSTRUMENTS[id].min, INSTRUMENTS[id].max])).toEqual([
      [0, 27],
      [0, 21],
      [0, 10]
    ])
  })

  it.each(['phq9', 'gad7', 'craving'] as const)(
    '%s: bands are contiguous and cover min..max exactly, with no gap or overlap',
    (id) => {
      const { bands, min, max } = INSTRUMENTS[id]
      expect(bands.length).toBeGreaterThan(0)
      expect(bands[0]?.min).toBe(min)
      expect(bands[bands.length - 1]?.max).toBe(max)
      bands.forEach((band, i) => {
        expect(band.max).toBeGreaterThanOrEqual(band.min)
        if (i > 0) expect(band.min).toBe(bands[i - 1]!.max + 1)
      })
      for (let total = min; total <= max; total++) {
        expect(bands.filter((b) => total >= b.min && total <= b.max)).toHaveLength(1)
      }
      expect(new Set(bands.map((b) => b.key)).size).toBe(bands.length)
    }
  )

  it('the Penn Alcohol Craving Scale is not offered, but earlier results keep its name and range', () => {
    expect(Object.keys(INSTRUMENTS)).not.toContain('pacs')
    expect(MEASURE_INFO.pacs).toMatchObject({ min: 0, max: 30, bands: [] })
    expect(MEASURE_INFO.pacs.name).toMatch(/Penn Alcohol Craving Scale.*no longer offered/)
  })

  it('the PHQ-9 asks its difficulty question in our own words, unscored, 0 to 3', () => {
    const difficulty = INSTRUMENTS.phq9.difficulty!
    expect(difficulty.text).toMatch(/^If you marked any of these problems, how hard/)
    expect(difficulty.options.map((o) => o.value)).toEqual([0, 1, 2, 3])
    // Not one of the nine scored items, so never in the total.
    expect(INSTRUMENTS.phq9.items).toHaveLength(9)
    expect(INSTRUMENTS.phq9.items.map((i) => i.text)).not.toContain(difficulty.text)
    expect(INSTRUMENTS.gad7.difficulty).toBeUndefined()
  })

  it('only PHQ-9 item 9 is a safety item', () => {
    expect(INSTRUMENTS.phq9.safetyItem).toBe(8)
    expect(INSTRUMENTS.phq9.items[8]?.text).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way'
    )
    for (const id of ['gad7', 'craving'] as const) {
      expect(INSTRUMENTS[id].safetyItem).toBeNull()
    }
  })

  it.each(MEASURE_IDS)('%s names its source and its permission to use', (id) => {
    expect(INSTRUMENTS[id].source.trim()).not.toBe('')
    expect(INSTRUMENTS[id].release.trim()).not.toBe('')
  })
})
