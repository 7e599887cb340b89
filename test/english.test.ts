import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGLISH_WORDS_FILE, isEnglishWord } from '../src/text/english.ts';

describe('English words (telling a typo from a word the articles lack)', () => {
  it('the list is one sorted array of lowercase words, as the binary search needs', () => {
    const words = JSON.parse(fs.readFileSync(ENGLISH_WORDS_FILE, 'utf8')) as string[];
    expect(words.length).toBeGreaterThan(270_000);
    expect(words.every((w) => /^[a-z]+$/.test(w))).toBe(true);
    expect(words.every((w, i) => i === 0 || words[i - 1]! < w)).toBe(true);
  });

  it('knows words, their inflections and the words other lists leave out; not typos or names', () => {
    for (const word of ['a', 'wife', 'negotiations', 'assassinated', 'raped', 'zyzzyva'])
      expect(isEnglishWord(word)).toBe(true);
    for (const word of ['negotations', 'fightters', 'massoud', 'zzzz', '']) expect(isEnglishWord(word)).toBe(false);
  });
});
