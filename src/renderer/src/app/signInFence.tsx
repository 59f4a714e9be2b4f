import { useCallback, useLayoutEffect } from 'react'
import { useNavigate } from 'react-router'

/**
 * After a sign-in the page's history still holds the addresses the previous
 * person visited (a note, a participant). Each sign-in starts on Home and sets
 * a fence at that point in the history: Back never walks behind it, so no one
 * reaches a screen opened by whoever used the computer before them. Unlocking
 * by the same person is not a sign-in: they return where they were.
 */
let fence: number | null = null

/** Where this page's entry sits in the history, as the router numbers it. */
function historyIndex(): number {
  const idx = (window.history.state as { idx?: unknown } | null)?.idx
  return typeof idx === 'number' ? idx : 0
}

/** For a sign-in's success: go to Home, replacing the previous person's address. */
export function useLandOnHome(): () => void {
  const navigate = useNavigate()
  return useCallback(() => {
    void navigate('/', { replace: true })
    fence = historyIndex()
  }, [navigate])
}

/** True when Back has taken the page behind the latest sign-in's fence. */
export function behindTheFence(): boolean {
  return fence !== null && historyIndex() < fence
}

/** Shown instead of a screen behind the fence: sends the page Home in place and moves the fence there. */
export function BackToHome(): null {
  const navigate = useNavigate()
  useLayoutEffect(() => {
    fence = historyIndex()
    void navigate('/', { replace: true })
  }, [navigate])
  return null
}
