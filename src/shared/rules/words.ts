/** "1 group", "2 groups", "0 groups": a count with its noun in the right number. */
export function countText(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}
