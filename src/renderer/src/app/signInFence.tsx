import { useCallback, useEffect, useLayoutEffect } from 'react'
import { useLocation, useNavigate } from 'react-router'

/**
 * After a sign-in the page's history still holds the addresses the previous
 * person visited (a note, a participant). Each sign-in starts on Home, and the
 * history entries visited before it are fenced off: Back (or Forward) into one
 * of them opens Home instead, so no one reaches a screen opened by whoever used
 * the computer before them. Unlocking by the same person is not a sign-in: they
 * return where they were.
 *
 * Entries are told apart by the router's key for each one; an entry it made
 * without one (the first page load) is never fenced.
 */
const visited = new Set<string>()
const fenced = new Set<string>()

const UNKEYED = 'default'

/** Remembers each entry the signed-in person visits, so the next sign-in can fence it. */
export function useRecordVisit(): void {
  const { key } = useLocation()
  useEffect(() => {
    if (key !== UNKEYED && !fenced.has(key)) visited.add(key)
  }, [key])
}

/** For a sign-in's success: fence what was visited before it and go to Home in place. */
export function useLandOnHome(): () => void {
  const navigate = useNavigate()
  const { key } = useLocation()
  return useCallback(() => {
    for (const k of visited) fenced.add(k)
    if (key !== UNKEYED) fenced.add(key)
    visited.clear()
    void navigate('/', { replace: true })
  }, [navigate, key])
}

/** True when Back or Forward has taken the page to an entry from before the latest sign-in. */
export function useBehindTheFence(): boolean {
  const { key } = useLocation()
  return fenced.has(key)
}

/** Shown instead of a screen behind the fence: sends the page Home in place. */
export function BackToHome(): null {
  const navigate = useNavigate()
  useLayoutEffect(() => {
    void navigate('/', { replace: true })
  }, [navigate])
  return null
}
