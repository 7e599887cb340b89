import { describe, expect, it } from 'vitest';
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
