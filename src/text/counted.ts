/** "1 article", "2 articles": a count with its noun, for every message that counts. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
