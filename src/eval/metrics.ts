/** Retrieval metrics. Pure and hand-checked in test/metrics.test.ts. */

/** Relevance judgements for one query: document id -> grade (0 = not relevant). */
export type Judgements = Map<string, number>;

/**
 * nDCG@k with trec_eval semantics: gain = grade (linear), discount log2(rank + 1),
 * ideal ranking from all judged relevant documents of the query.
 */
export function ndcgAtK(ranked: string[], relevant: Judgements, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + (relevant.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...relevant.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

export function recallAtK(ranked: string[], relevant: Judgements, k: number): number {
  const wanted = [...relevant.entries()].filter(([, g]) => g > 0).map(([id]) => id);
  if (wanted.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return wanted.filter((id) => top.has(id)).length / wanted.length;
}

/** Reciprocal rank of the first relevant result within the top k (0 if none). */
export function reciprocalRankAtK(
  ranked: string[],
  isRelevant: (id: string, rank: number) => boolean,
  k: number,
): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (isRelevant(ranked[i]!, i)) return 1 / (i + 1);
  return 0;
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Case- and quote-style-insensitive substring test used to judge excerpts against gold answers. */
export function containsAnswer(text: string, answers: string[]): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
  const haystack = norm(text);
  return answers.some((a) => haystack.includes(norm(a)));
}
