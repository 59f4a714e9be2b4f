/**
 * Resolves in a task after the next frame is painted, or after `fallbackMs` in a window that
 * paints no frames (opened in the background): for work that must not hold up a first frame.
 */
export function afterNextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    window.setTimeout(resolve, fallbackMs)
    requestAnimationFrame(() => {
      const afterPaint = new MessageChannel()
      afterPaint.port1.onmessage = () => resolve()
      afterPaint.port2.postMessage(null)
    })
  })
}
