import { useSyncExternalStore } from 'react'

/**
 * The slides' look on the projector: light (dark text on white) or dark
 * (light text on near-black, for a dim room). A display preference of this
 * computer, not a record: the facilitator's screen sets it, and the
 * projector's window (same app, same computer) follows at once.
 */
export type ProjectorTheme = 'light' | 'dark'

const KEY = 'iop.projectorTheme'
const listeners = new Set<() => void>()

function read(): ProjectorTheme {
  try {
    return window.localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light'
  } catch {
    return 'light'
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange)
  // Another window (the projector's) hears of a change through the storage event.
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) onChange()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('storage', onStorage)
  }
}

export function setProjectorTheme(theme: ProjectorTheme): void {
  try {
    window.localStorage.setItem(KEY, theme)
  } catch {
    // Storage refused (a locked-down profile): the theme lasts as long as this page.
  }
  for (const listener of listeners) listener()
}

export function useProjectorTheme(): ProjectorTheme {
  return useSyncExternalStore(subscribe, read, () => 'light')
}

/** High contrast both ways (about 18:1), never colour alone. */
export const PROJECTOR_COLOURS: Record<
  ProjectorTheme,
  { background: string; text: string; muted: string; accent: string; track: string }
> = {
  light: {
    background: '#ffffff',
    text: '#0b1117',
    muted: '#2f3a45',
    accent: '#0b5e55',
    track: '#d5dde3'
  },
  dark: {
    background: '#0b1117',
    text: '#f4f7f9',
    muted: '#c5d0d8',
    accent: '#5fd3c3',
    track: '#34414d'
  }
}
