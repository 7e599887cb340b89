import { describe, expect, it } from 'vitest';
import { containsAnswer, ndcgAtK, recallAtK, reciprocalRankAtK } from '../src/eval/metrics.ts';
import { dot } from '../src/text/vectors.ts';

const judged = (...ids: string[]) => new Map(ids.map((id) => [id, 1]));

describe('metrics (hand-checked)', () => {
  it('nDCG@10: one relevant document at rank 2', () => {
    // DCG = 1/log2(3) = 0.6309; ideal = 1/log2(2) = 1
    expect(ndcgAtK(['a', 'b', 'c'], judged('b'), 10)).toBeCloseTo(0.6309, 4);
  });

  it('nDCG@10: two relevant, found at ranks 1 and 3', () => {
    // DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) = 1.6309
    expect(ndcgAtK(['a', 'x', 'b'], judged('a', 'b'), 10)).toBeCloseTo(1.5 / 1.6309, 4);
  });

  it('nDCG@k ignores results past k and is 0 without relevant documents', () => {
    expect(ndcgAtK(['x', 'y', 'a'], judged('a'), 2)).toBe(0);
    expect(ndcgAtK(['a'], new Map(), 10)).toBe(0);
  });

  it('nDCG uses graded gains and caps the ideal list at k', () => {
    const grades = new Map([
      ['a', 2],
      ['b', 1],
    ]);
    // DCG = 1/log2(2) + 2/log2(3) = 1 + 1.2619 ; IDCG = 2 + 1/log2(3) = 2.6309
    expect(ndcgAtK(['b', 'a'], grades, 10)).toBeCloseTo(2.2619 / 2.6309, 4);
  });

  it('Recall@k', () => {
    expect(recallAtK(['a', 'x', 'b'], judged('a', 'b', 'c', 'd'), 2)).toBe(0.25);
    expect(recallAtK(['a', 'x', 'b'], judged('a', 'b'), 100)).toBe(1);
  });

  it('MRR@k', () => {
    const rel = judged('b');
    expect(reciprocalRankAtK(['a', 'b'], (id) => rel.has(id), 10)).toBe(0.5);
    expect(reciprocalRankAtK(['a', 'x', 'y', 'b'], (id) => rel.has(id), 3)).toBe(0);
  });

  it('gold answers match regardless of case and quote style', () => {
    expect(containsAnswer('Massoud’s chief of staff Fahim Dashty', ["massoud's CHIEF of staff"])).toBe(true);
    expect(containsAnswer('a spokesman', ['chief of staff'])).toBe(false);
  });
});

describe('dot products (every question scores every sentence with them)', () => {
  it('gives the plain sum on float arrays of any length, at any offset', () => {
    for (const n of [1, 3, 4, 7, 384]) {
      const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1));
      const b = Float32Array.from({ length: 2 * n + 5 }, (_, i) => Math.cos(i));
      let plain = 0;
      for (let i = 0; i < n; i++) plain += a[i]! * b[5 + i]!;
      expect(dot(a, b, 5)).toBeCloseTo(plain, 6);
      expect(dot(Array.from(a), b, 5)).toBeCloseTo(plain, 6);
    }
  });
});
