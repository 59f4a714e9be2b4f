import { Center, Loader, Text } from '@mantine/core'
import { createElement, useEffect, useState, type ComponentType } from 'react'

export type DeferredScreen<P extends object> = ComponentType<P> & {
  /** Starts loading the screen's code now, so it is there when it is needed. */
  preload(): Promise<void>
}

/**
 * A screen whose code is loaded the first time it is needed (or preloaded),
 * so that opening the app parses only what the sign-in screen needs (issue 18:
 * cold open to a usable sign-in screen). Until the code is there it shows a
 * loader labelled `label`, or nothing when `label` is null (a part that is not
 * a screen of its own, such as a dialog). No Suspense: nothing but the load itself stands
 * between the code arriving and the screen showing (no timer, which a window
 * in the background would throttle).
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  label: string | null
): DeferredScreen<P> {
  let screen: ComponentType<P> | null = null
  let loading: Promise<void> | null = null
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      (loaded) => {
        screen = loaded
      },
      (error: unknown) => {
        // Tried again the next time the screen is needed.
        loading = null
        throw error
      }
    ))

  function Deferred(props: P) {
    const [failed, setFailed] = useState(false)
    const [, setLoaded] = useState(false)
    useEffect(() => {
      if (screen) return
      let mounted = true
      preload().then(
        () => mounted && setLoaded(true),
        () => mounted && setFailed(true)
      )
      return () => {
        mounted = false
      }
    }, [])
    if (screen) return createElement(screen, props)
    if (label === null) return null
    return (
      <Center h="100vh" p="xl">
        {failed ? (
          <Text role="alert">
            This screen could not be opened. Close the app and open it again.
          </Text>
        ) : (
          <Loader aria-label={label} />
        )}
      </Center>
    )
  }
  return Object.assign(Deferred, { preload })
}
