/** "1 article", "2 articles": a count with its noun, for every message that counts. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Words ending in s that are no plural noun: "how many US troops" counts troops, "306 electoral votes" votes. */
export const NOT_PLURAL =
  'this his its was has is as us thus yes plus less across whereas perhaps always besides'.split(' ');
const notPlural = new Set(NOT_PLURAL);

/** Whether a word looks like a plural noun by its ending: "votes", not "electoral", "its" or "glass". */
export function looksPlural(word: string): boolean {
  return /[^s]s$/i.test(word) && !notPlural.has(word.toLowerCase());
}
