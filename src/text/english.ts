import fs from 'node:fs';
import wordListPath from 'word-list';

/**
 * English words (sindresorhus/word-list: about 274,000 lowercase words, inflections included), to tell a typo from a
 * word the articles just don't use: "negotations" is corrected, "wife" is not. Read on first use (about 70 ms, 12 MB),
 * so a corpus whose questions never need it never loads it.
 */
let words: string[] | null = null;

function loaded(): string[] {
  words ??= fs.readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean).sort(); // the list is sorted but for two words
  return words;
}

/** Whether a lowercase word is English (binary search over the sorted list). */
export function isEnglishWord(word: string): boolean {
  const list = loaded();
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = list[mid]!;
    if (w === word) return true;
    if (w < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
