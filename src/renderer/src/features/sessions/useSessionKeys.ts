import { useEffect, useRef } from 'react'

export interface SessionKeyHandlers {
  togglePause(): void
  nextSlide(): void
  previousSlide(): void
  nextSegment(): void
  toggleBlank(): void
  showHelp(): void
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Space, ←/→, N, B and ? on the running screen. Space pauses even when a
 * button has focus (the button is not pressed): after a click on "Next
 * segment", Space must never move the group on again. Enter still presses a
 * focused button, and nothing fires while typing or while a dialog is open.
 */
export function useSessionKeys(handlers: SessionKeyHandlers, enabled: boolean): void {
  const current = useRef(handlers)
  useEffect(() => {
    current.current = handlers
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      if (document.querySelector('[role="dialog"]')) return
      const h = current.current
      const run = (action: () => void) => {
        event.preventDefault()
        event.stopPropagation()
        action()
      }
      switch (event.key) {
        case ' ':
          return run(h.togglePause)
        case 'ArrowRight':
          return run(h.nextSlide)
        case 'ArrowLeft':
          return run(h.previousSlide)
        case 'n':
        case 'N':
          return run(h.nextSegment)
        case 'b':
        case 'B':
          return run(h.toggleBlank)
        case '?':
          return run(h.showHelp)
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [enabled])
}
