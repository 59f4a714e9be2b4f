import { useCallback, useEffect, useRef, useState } from 'react'
import { useSaveBeforeLock } from '../../app/lock'

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed'

/**
 * Saves `value` shortly after it stops changing (debounced), one save at a
 * time, and at once when asked (`flush`), when the editor goes away or before
 * the screen locks: at most about a second of typing is ever only on screen.
 */
export function useAutosave<T>(value: T, save: (value: T) => Promise<void>, delayMs = 600) {
  const [state, setState] = useState<SaveState>('saved')
  const latest = useRef(value)
  const savedValue = useRef(value)
  const inFlight = useRef<Promise<void> | null>(null)
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  })

  const flush = useCallback(async (): Promise<void> => {
    while (inFlight.current) await inFlight.current
    const target = latest.current
    if (target === savedValue.current) return
    setState('saving')
    inFlight.current = saveRef.current(target).then(
      () => {
        savedValue.current = target
        setState(latest.current === target ? 'saved' : 'unsaved')
      },
      () => setState('failed')
    )
    try {
      await inFlight.current
    } finally {
      inFlight.current = null
    }
  }, [])

  useEffect(() => {
    latest.current = value
    if (value === savedValue.current) return
    setState('unsaved')
    const timer = setTimeout(() => void flush(), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs, flush])

  useEffect(() => () => void flush(), [flush])
  // A locked app refuses saves: what is typed is saved before the screen locks.
  useSaveBeforeLock(flush)
  return { state, flush }
}
