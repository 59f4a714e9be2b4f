import { useEffect, useRef } from 'react'
import wrapUpSound from '../../../../../resources/sounds/wrap-up.wav?url'
import timeUpSound from '../../../../../resources/sounds/time-up.wav?url'
import type { SessionSettings } from '../../../../shared/domain/session'
import type { SessionState } from '../../../../shared/session/types'

export function playChime(which: 'wrap_up' | 'time_up', volume: number): void {
  const audio = new Audio(which === 'wrap_up' ? wrapUpSound : timeUpSound)
  audio.volume = Math.max(0, Math.min(1, volume / 100))
  // A browser may refuse to play before the first click; the timer matters more than the sound.
  void audio.play().catch(() => undefined)
}

/**
 * A soft chime when the current segment reaches its wrap-up time and when it
 * reaches zero. Only a change seen while watching chimes: opening the screen
 * on a segment already over time stays quiet.
 */
export function useChimes(state: SessionState | null, settings: SessionSettings | undefined): void {
  const last = useRef<{ segmentId: string | null; phase: string } | null>(null)
  const segmentId = state?.current?.segmentId ?? null
  const phase = state?.segmentPhase ?? 'not_started'
  const running = state?.status === 'running'
  const enabled = settings?.chimeEnabled ?? false
  const volume = settings?.chimeVolume ?? 0
  useEffect(() => {
    const previous = last.current
    last.current = { segmentId, phase }
    if (!previous || previous.segmentId !== segmentId) return
    if (!enabled || !running) return
    if (previous.phase === 'on_time' && phase === 'wrap_up') playChime('wrap_up', volume)
    if (previous.phase !== 'overtime' && phase === 'overtime') playChime('time_up', volume)
  }, [segmentId, phase, enabled, volume, running])
}
