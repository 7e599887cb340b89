import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * English words (an-array-of-english-words: about 275,000 lowercase words, inflections included, also those other lists
 * leave out as offensive: "raped" is a word, not a typo for "rapid"), to tell a typo from a
 * word the articles just don't use: "negotations" is corrected, "wife" is not. Read on first use (about 90 ms) and kept
 * as one sorted string with the offsets of its words: 4 MB, where 274,000 separate strings took 12 MB of the heap.
 */
let list: { text: string; starts: Uint32Array } | null = null;

function loaded(): { text: string; starts: Uint32Array } {
  if (list) return list;
  const file = createRequire(import.meta.url).resolve('an-array-of-english-words');
  const words = (JSON.parse(fs.readFileSync(file, 'utf8')) as string[]).sort();
  const text = words.join('\n') + '\n';
  const starts = new Uint32Array(words.length + 1);
  for (let i = 0, at = 0; i < words.length; i++) {
    starts[i] = at;
    at += words[i]!.length + 1;
  }
  starts[words.length] = text.length;
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
