/**
 * Slide pacing: whether the facilitator is ahead of, on track with or behind
 * the module's slides, against the segment's time.
 */
import { describe, expect, it } from 'vitest'
import { slidePacing } from '../../../src/shared/session'

const min = (n: number) => n * 60_000
const sec = (n: number) => n * 1_000

describe('pacing five slides with no minute hints over 45 minutes', () => {
  const slides = [null, null, null, null, null]
  const pace = (slideIndex: number, elapsedMs: number) =>
    slidePacing({ budgetMs: min(45), elapsedMs, slideIndex, slideMinutes: slides })

  it('gives each slide 9 minutes', () => {
    expect(pace(2, min(20)).slideBudgetMs).toBe(min(9))
  })

  it('is on track on the third slide at 20 minutes, with 7 left for it', () => {
    expect(pace(2, min(20))).toEqual({
      slideBudgetMs: min(9),
      timeLeftMs: min(7),
      status: 'on_track'
    })
  })

  it('is ahead on the third slide at 10 minutes', () => {
    expect(pace(2, min(10))).toEqual({
      slideBudgetMs: min(9),
      timeLeftMs: min(17),
      status: 'ahead'
    })
  })

  it('is behind on the third slide at 30 minutes, 3 minutes over', () => {
    expect(pace(2, min(30))).toEqual({
      slideBudgetMs: min(9),
      timeLeftMs: -min(3),
      status: 'behind'
    })
  })

  it('is on track at the very start of a slide and at its last moment', () => {
    expect(pace(1, min(9)).status).toBe('on_track')
    expect(pace(1, min(18)).status).toBe('on_track')
    expect(pace(1, min(18) + 1).status).toBe('behind')
  })
})

describe('pacing slides with minute hints', () => {
  it('gives unhinted slides an equal share of what the hints leave', () => {
    // 5 + 10 hinted; the other three share the remaining 30 minutes.
    const slideMinutes = [5, null, 10, null, null]
    const third = slidePacing({
      budgetMs: min(45),
      elapsedMs: min(16),
      slideIndex: 2,
      slideMinutes
    })
    expect(third).toEqual({ slideBudgetMs: min(10), timeLeftMs: min(9), status: 'on_track' })
    const first = slidePacing({ budgetMs: min(45), elapsedMs: min(6), slideIndex: 0, slideMinutes })
    expect(first).toEqual({ slideBudgetMs: min(5), timeLeftMs: -min(1), status: 'behind' })
    const last = slidePacing({ budgetMs: min(45), elapsedMs: min(30), slideIndex: 4, slideMinutes })
    expect(last).toEqual({ slideBudgetMs: min(10), timeLeftMs: min(15), status: 'ahead' })
  })

  it('scales the hints to a segment that was given more time', () => {
    // Hints of 10 and 20 minutes in a 45-minute segment become 15 and 30.
    const pacing = slidePacing({
      budgetMs: min(45),
      elapsedMs: min(14),
      slideIndex: 1,
      slideMinutes: [10, 20]
    })
    expect(pacing).toEqual({ slideBudgetMs: min(30), timeLeftMs: min(31), status: 'ahead' })
  })

  it('scales down hints that add up to more than the segment, unhinted slides as the average', () => {
    // 20 + 20 + (20) minutes of slides squeezed into 30: 10 minutes each.
    const pacing = slidePacing({
      budgetMs: min(30),
      elapsedMs: min(12),
      slideIndex: 1,
      slideMinutes: [20, 20, null]
    })
    expect(pacing).toEqual({ slideBudgetMs: min(10), timeLeftMs: min(8), status: 'on_track' })
  })

  it('copes with a module without slides or a slide index past the end', () => {
    expect(
      slidePacing({ budgetMs: min(10), elapsedMs: sec(30), slideIndex: 0, slideMinutes: [] })
    ).toEqual({ slideBudgetMs: min(10), timeLeftMs: min(9) + sec(30), status: 'on_track' })
    expect(
      slidePacing({ budgetMs: min(10), elapsedMs: min(9), slideIndex: 7, slideMinutes: [1, 1] })
        .slideBudgetMs
    ).toBe(min(5))
  })
})
