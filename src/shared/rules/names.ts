/**
 * What the group calls a person: their preferred name (or first name) and the
 * initial of their last name, so two people called Sam can be told apart
 * without a full name on screen.
 */
export function displayName(person: { fullName: string; preferredName: string }): string {
  const parts = person.fullName.trim().split(/\s+/).filter(Boolean)
  const first = person.preferredName.trim() || parts[0] || ''
  const last = parts.length > 1 ? parts[parts.length - 1] : ''
  const initial = last ? `${[...last][0]!.toUpperCase()}.` : ''
  return [first, initial].filter(Boolean).join(' ')
}

/** Client IDs are compared the way a person reads them: case and spaces do not matter. */
export function sameClientId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}
