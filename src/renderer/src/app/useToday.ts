import { useEffect, useState } from 'react'
import { clinicDate } from '../../../shared/rules/dates'
import { useStatus } from './queries'

/** The current time, refreshed every minute so a screen left open past midnight moves on. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}

/** Today's date in the clinic's time zone (not necessarily this computer's). */
export function useToday(): string {
  const status = useStatus()
  const now = useMinuteClock()
  const zone = status.data?.clinic?.timeZone ?? 'UTC'
  return clinicDate(now, zone)
}
