import type { Phase } from '../../../../shared/session/types'

/** Each phase changes colour, words and shape, so colour is never the only signal. */
export const PHASE_LOOK: Record<Phase, { label: string; color: string; shape: string }> = {
  not_started: { label: 'Not started', color: 'gray', shape: '○' },
  on_time: { label: 'On time', color: 'teal', shape: '●' },
  wrap_up: { label: 'Wrap up', color: 'yellow', shape: '▲' },
  overtime: { label: 'Over time', color: 'red', shape: '■' },
  paused: { label: 'Paused', color: 'gray', shape: '❚❚' },
  ended: { label: 'Ended', color: 'gray', shape: '◼' }
}
