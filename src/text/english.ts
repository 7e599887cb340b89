import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * English words (an-array-of-english-words: about 275,000 lowercase words, inflections included, also those other lists
 * leave out as offensive: "raped" is a word, not a typo for "rapid"), to tell a typo from a word the articles just
 * don't use: "negotations" is corrected, "wife" is not. Read on first use and kept as the file's bytes with the offsets
 * of its words (a few MB outside the heap, read in about 20 ms; 275,000 separate strings took 12 MB of the heap).
 */
let list: { bytes: Buffer; starts: Uint32Array; ends: Uint32Array } | null = null;

/** Where the list is: the package's JSON, one sorted array of lowercase words (test/english.test.ts checks both). */
export const ENGLISH_WORDS_FILE = createRequire(import.meta.url).resolve('an-array-of-english-words');

const QUOTE = 0x22;

/** The file's bytes as they are, with where each word starts and ends: no string is made of any word. */
function loaded(): { bytes: Buffer; starts: Uint32Array; ends: Uint32Array } {
  if (list) return list;
  const bytes = fs.readFileSync(ENGLISH_WORDS_FILE);
  let quotes = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === QUOTE) quotes++;
  const starts = new Uint32Array(quotes >> 1);
  const ends = new Uint32Array(quotes >> 1);
  for (let i = 0, k = 0, open = true; i < bytes.length; i++) {
    if (bytes[i] !== QUOTE) continue;
    if (open) starts[k] = i + 1;
    else ends[k++] = i;
    open = !open;
  }
  list = { bytes, starts, ends };
  return list;
}

/** Whether a lowercase word is English (binary search over the sorted list). */
export function isEnglishWord(word: string): boolean {
  const { bytes, starts, ends } = loaded();
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const order = compare(word, bytes, starts[mid]!, ends[mid]!);
    if (order === 0) return true;
    if (order > 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The word against the list's word at bytes[start, end), as JavaScript orders strings (the list is ASCII). */
function compare(word: string, bytes: Buffer, start: number, end: number): number {
  const n = Math.min(word.length, end - start);
  for (let i = 0; i < n; i++) {
    const d = word.charCodeAt(i) - bytes[start + i]!;
    if (d !== 0) return d;
  }
  return word.length - (end - start);
}
