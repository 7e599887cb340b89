import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * English words (an-array-of-english-words: about 275,000 lowercase words, inflections included, also those other lists
 * leave out as offensive: "raped" is a word, not a typo for "rapid"), to tell a typo from a word the articles just
 * don't use: "negotations" is corrected, "wife" is not. Read on first use and kept as one string with the offsets of
 * its words (about 4 MB, where 275,000 separate strings take 12 MB of the heap).
 */
let list: { text: string; starts: Uint32Array } | null = null;

/** Where the list is: the package's JSON, one sorted array of lowercase words (test/english.test.ts checks both). */
export const ENGLISH_WORDS_FILE = createRequire(import.meta.url).resolve('an-array-of-english-words');

function loaded(): { text: string; starts: Uint32Array } {
  if (list) return list;
  const json = fs.readFileSync(ENGLISH_WORDS_FILE, 'utf8');
  // ["a","aa",…] read as "a\naa\n…\n", without making a string of each word.
  const text = `${json.slice(json.indexOf('"') + 1, json.lastIndexOf('"')).replaceAll('","', '\n')}\n`;
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  const starts = new Uint32Array(count + 1);
  for (let i = 0, k = 1; i < text.length; i++) if (text.charCodeAt(i) === 10) starts[k++] = i + 1;
  list = { text, starts };
  return list;
}

/** Whether a lowercase word is English (binary search over the sorted list). */
export function isEnglishWord(word: string): boolean {
  const { text, starts } = loaded();
  let lo = 0;
  let hi = starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = text.slice(starts[mid]!, starts[mid + 1]! - 1);
    if (w === word) return true;
    if (w < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
