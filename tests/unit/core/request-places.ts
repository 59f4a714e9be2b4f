/**
 * Walking and editing a channel's request, for the tests that make malformed
 * or hostile requests out of a well-formed one (contract.test.ts, fuzz.test.ts).
 */

export type Path = (string | number)[]
export type Parent = Record<string | number, unknown>

export interface Place {
  path: Path
  value: unknown
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every place in a request: each field of each object and the first item of each list. */
export function places(value: unknown, path: Path = []): Place[] {
  const found: Place[] = []
  if (Array.isArray(value)) {
    if (value.length > 0) {
      found.push({ path: [...path, 0], value: value[0] })
      found.push(...places(value[0], [...path, 0]))
    }
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      found.push({ path: [...path, key], value: inner })
      found.push(...places(inner, [...path, key]))
    }
  }
  return found
}

/** A copy of `root` with the place at `path` changed through its parent. */
export function edit(
  root: unknown,
  path: Path,
  change: (parent: Parent, key: string | number) => void
): unknown {
  const copy = structuredClone(root)
  let parent = copy as Parent
  for (const key of path.slice(0, -1)) parent = parent[key] as Parent
  change(parent, path[path.length - 1]!)
  return copy
}
