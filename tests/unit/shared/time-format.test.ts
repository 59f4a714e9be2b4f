import { describe, expect, it } from 'vitest'
import {
  clinicDateTime,
  clinicTimeOfDay,
  systemTimeFormat,
  twelveHour,
  wallClockTime
} from '../../../src/shared/rules/dates'
import { ClinicInput } from '../../../src/shared/domain/clinic'

/** Monday 23 November 2026, 15:05 UTC: 09:05 in Chicago, 15:05 in London. */
const AFTERNOON_UTC = Date.parse('2026-11-23T15:05:00Z')

describe('one time format, the clinic’s, in its own time zone', () => {
  it('writes 24-hour times by default, on the clinic’s clock', () => {
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'Europe/London')).toBe('15:05')
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'America/Chicago')).toBe('09:05')
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'America/Chicago', '24h')).toBe('09:05')
  })

  it('writes 12-hour times with AM and PM when the clinic chose them', () => {
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'Europe/London', '12h')).toBe('3:05 PM')
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'America/Chicago', '12h')).toBe('9:05 AM')
  })

  it('calls midnight 12 AM and noon 12 PM', () => {
    expect(twelveHour('00:00')).toBe('12:00 AM')
    expect(twelveHour('00:30')).toBe('12:30 AM')
    expect(twelveHour('12:00')).toBe('12:00 PM')
    expect(twelveHour('12:59')).toBe('12:59 PM')
    expect(twelveHour('23:59')).toBe('11:59 PM')
  })

  it('writes a group’s start time, kept on the 24-hour clock, the clinic’s way', () => {
    expect(wallClockTime('17:30', '12h')).toBe('5:30 PM')
    expect(wallClockTime('17:30', '24h')).toBe('17:30')
    expect(wallClockTime('09:00')).toBe('09:00')
  })

  it('dates a moment on the clinic’s calendar: late evening in Chicago is still that day', () => {
    const lateEvening = Date.parse('2026-11-24T04:30:00Z')
    expect(clinicDateTime(lateEvening, 'America/Chicago', '12h')).toBe('2026-11-23 10:30 PM')
    expect(clinicDateTime(lateEvening, 'UTC')).toBe('2026-11-24 04:30')
  })

  it('never depends on this computer’s language', () => {
    // Built from the 24-hour figure, so no locale's spaces or "p.m." creep in.
    expect(clinicTimeOfDay(AFTERNOON_UTC, 'UTC', '12h')).toMatch(/^\d{1,2}:\d{2} (AM|PM)$/)
  })

  it('defaults at setup to the format the computer’s locale uses', () => {
    expect(systemTimeFormat('en-US')).toBe('12h')
    expect(systemTimeFormat('en-GB')).toBe('24h')
    expect(systemTimeFormat('de-DE')).toBe('24h')
  })

  it('is 24-hour for a clinic whose setup did not say', () => {
    const clinic = ClinicInput.parse({ name: 'Riverside Recovery Center', timeZone: 'UTC' })
    expect(clinic.timeFormat).toBe('24h')
  })
})
