/**
 * One formatter per kind and time zone, made once: building an
 * Intl.DateTimeFormat costs far more than using one, and reports format
 * thousands of times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(
  kind: string,
  locale: string,
  options: Intl.DateTimeFormatOptions & { timeZone: string }
): Intl.DateTimeFormat {
  const key = `${kind}|${options.timeZone}`
  let made = formatters.get(key)
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, made)
  }
  return made
}

/** Today's calendar date (YYYY-MM-DD) in the clinic's time zone, from an injected clock. */
export function clinicDate(nowMs: number, timeZone: string): string {
  const parts = formatter('date', 'en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).formatToParts(new Date(nowMs))
  const pick = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${pick('year')}-${pick('month')}-${pick('day')}`
}

/** The time zone this computer is set to, for a sensible default at setup. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** How far the zone is ahead of UTC at an instant, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatter('offset', 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  }).formatToParts(new Date(instant))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'))
  return asUtc - Math.floor(instant / 1000) * 1000
}

/** The instant a clinic's wall clock shows `time` (HH:MM) on `date` (YYYY-MM-DD). */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(y, m - 1, d, hh, mm)
  // Twice, so a time next to a daylight-saving change lands on the right side of it.
  const first = guess - zoneOffsetMs(guess, timeZone)
  return guess - zoneOffsetMs(first, timeZone)
}

/** How the clinic writes a time of day: set once in Settings, the same on every screen and paper. */
export type TimeFormat = '24h' | '12h'
export const TIME_FORMATS: readonly TimeFormat[] = ['24h', '12h']

/** The clinic's calendar and clock: its time zone and how it writes a time. */
export interface ClinicClock {
  timeZone: string
  timeFormat: TimeFormat
}

/**
 * A time of day on the clinic's clock, as the clinic writes it: "14:05"
 * (24-hour) or "2:05 PM" (12-hour). The one formatter of times for every
 * screen and printout; built from the 24-hour figure so the result never
 * depends on this computer's language.
 */
export function clinicTimeOfDay(
  instant: number,
  timeZone: string,
  timeFormat: TimeFormat = '24h'
): string {
  const h23 = formatter('time', 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).format(new Date(instant))
  return timeFormat === '12h' ? twelveHour(h23) : h23
}

/**
 * A time of day kept as "HH:MM" on the 24-hour clock (a group's start time),
 * written the clinic's way: "17:30" or "5:30 PM".
 */
export function wallClockTime(hhmm: string, timeFormat: TimeFormat = '24h'): string {
  return timeFormat === '12h' ? twelveHour(hhmm) : hhmm
}

/** "14:05" → "2:05 PM"; "00:30" → "12:30 AM". */
export function twelveHour(hhmm: string): string {
  const [hh, mm] = hhmm.split(':') as [string, string]
  const hour = Number(hh)
  const h12 = hour % 12 === 0 ? 12 : hour % 12
  return `${h12}:${mm} ${hour < 12 ? 'AM' : 'PM'}`
}

/** "2026-11-23 14:05" (or "2026-11-23 2:05 PM"): a moment, on the clinic's calendar and clock. */
export function clinicDateTime(
  instant: number,
  timeZone: string,
  timeFormat: TimeFormat = '24h'
): string {
  return `${clinicDate(instant, timeZone)} ${clinicTimeOfDay(instant, timeZone, timeFormat)}`
}

/**
 * The format this computer's language writes times in, as the default at
 * setup: 12-hour where the locale uses it (en-US), otherwise 24-hour.
 */
export function systemTimeFormat(locale?: string): TimeFormat {
  try {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
    return cycle === 'h12' || cycle === 'h11' ? '12h' : '24h'
  } catch {
    return '24h'
  }
}

/** "1:05:09", "4:07", "0:09" — a duration as a countdown shows it. */
export function clockFigure(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** A countdown's figure: whole seconds still to go are rounded up, so 0:00 means time is up. */
export function countdownFigure(remainingMs: number): string {
  if (remainingMs <= 0) return clockFigure(-remainingMs)
  return clockFigure(Math.ceil(remainingMs / 1000) * 1000)
}

/** "2 h 05 min", "45 min" — for summaries. */
export function minutesText(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const h = Math.floor(Math.abs(minutes) / 60)
  const m = Math.abs(minutes) % 60
  const sign = minutes < 0 ? '−' : ''
  return h > 0 ? `${sign}${h} h ${String(m).padStart(2, '0')} min` : `${sign}${m} min`
}
