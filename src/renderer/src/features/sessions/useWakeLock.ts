import { useEffect } from 'react'

/**
 * In a browser, asks the screen to stay on while a session runs. The desktop
 * app does this for the whole computer from the main process; this covers
 * the test host and does no harm there.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return
    let lock: WakeLockSentinel | null = null
    let cancelled = false
    navigator.wakeLock.request('screen').then(
      (sentinel) => {
        if (cancelled) void sentinel.release()
        else lock = sentinel
      },
      () => undefined
    )
    return () => {
      cancelled = true
      void lock?.release()
    }
  }, [active])
}
