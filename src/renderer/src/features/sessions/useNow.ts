import { useEffect, useState } from 'react'

/**
 * The current time, refreshed a few times a second. Figures are computed from
 * it and the session's log, never counted, so a slow frame or a hidden window
 * cannot make a timer drift.
 */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
