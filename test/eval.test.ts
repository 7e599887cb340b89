import { describe, expect, it } from 'vitest';
import { withTypo } from '../src/eval/typos.ts';
import { choosePolicy, rates } from '../src/eval/abstain.ts';
import { percentile, seededRandom } from '../src/bench/stats.ts';

describe('abstention calibration', () => {
  const points = [
    { similarity: 0.26, coverage: 1, answerable: true },
    { similarity: 0.51, coverage: 0.68, answerable: true },
    { similarity: 0.7, coverage: 0.2, answerable: true },
    { similarity: 0.13, coverage: 0, answerable: false },
    { similarity: 0.55, coverage: 0.4, answerable: false },
    { similarity: 0.3, coverage: 0.5, answerable: false },
  ];

  it('counts precision, recall and false answers', () => {
    expect(rates(points, { minSimilarity: 2, minCoverage: 2, minCombined: 9 })).toEqual({
      precision: 1,
      recall: 0,
      falseAnswerRate: 0,
    });
    const all = rates(points, { minSimilarity: 0, minCoverage: 0, minCombined: 0 });
    expect(all).toEqual({ precision: 0.5, recall: 1, falseAnswerRate: 1 });
  });

  it('chooses thresholds that answer every answerable question here without a false answer', () => {
    const policy = choosePolicy(points, 0);
    expect(rates(points, policy)).toEqual({ precision: 1, recall: 1, falseAnswerRate: 0 });
  });

  it('prefers the most willing policy when several are equally good', () => {
    const strict = choosePolicy(points, 0);
    // Any looser in every threshold would answer a question it must not.
    const looser = {
      minSimilarity: strict.minSimilarity - 0.02,
      minCoverage: strict.minCoverage - 0.05,
      minCombined: strict.minCombined - 0.02,
    };
    expect(rates(points, looser).falseAnswerRate).toBeGreaterThan(0);
  });
});

describe('benchmark statistics', () => {
  it('percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it('seeded random numbers repeat', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('questions with a typo (npm run eval -- --typos)', () => {
  it('one letter dropped, doubled or swapped in the longest lowercase word, the same each time', () => {
    const questions = [
      'who is the leader of the National Resistance Front?',
      'how many fighters does Massoud actually have?',
      'what did the Taliban say about negotiations in Doha?',
    ];
    for (const q of questions) {
      const typed = withTypo(q);
      expect(typed).not.toBe(q);
      expect(withTypo(q)).toBe(typed);
      // Only the longest lowercase word changed, by one edit (a swap is two letters moved).
      const before = q.split(' ');
      const after = typed.split(' ');
      const changed = before.flatMap((w, i) => (w === after[i] ? [] : [[w, after[i]!]]));
      expect(changed).toHaveLength(1);
      const [word, typo] = changed[0]!;
      expect(word!.replace(/\W/g, '').length).toBe(
        Math.max(...q.split(' ').map((w) => (/^[a-z]+\W?$/.test(w) ? w.replace(/\W/g, '').length : 0))),
      );
      expect(Math.abs(typo!.length - word!.length)).toBeLessThanOrEqual(1);
      expect(typo![0]).toBe(word![0]);
    }
    // No lowercase word of five letters: nothing to misspell.
    expect(withTypo('Who is Saleh?')).toBe('Who is Saleh?');
  });
});
