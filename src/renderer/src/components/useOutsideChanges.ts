import { useState } from 'react'

/**
 * Counts the times a picker's value was changed from outside it (a save in
 * another window, the Arrived stamp, "Everyone out") rather than by typing in
 * it. Used as the picker's key, so it starts again from the new value: the
 * @mantine/dates pickers take a new value in an effect, which React skips while
 * the picker sits hidden in a closed panel (Mantine's Collapse keeps it mounted
 * in an <Activity>), and the change would be lost.
 */
export function useOutsideChanges<T>(value: T): { generation: number; own(value: T): void } {
  const [own, setOwn] = useState(value)
  const [seen, setSeen] = useState(value)
  const [generation, setGeneration] = useState(0)
  if (value !== seen) {
    setSeen(value)
    if (value !== own) setGeneration(generation + 1)
  }
  return { generation, own: setOwn }
}
