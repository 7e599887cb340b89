/** Combining dense and lexical rankings. Pure. */

export interface Scored {
  id: string;
  score: number;
}

export interface FusedHit {
  id: string;
  score: number;
  dense: number;
  lexical: number;
}

/**
 * Scales scores to 0..1 by this query's best score, taking 0 as the floor ("theoretical minimum"
 * normalisation). Min-max would push the weakest real match down to the level of no match at all.
 */
export function scaleByMax(hits: Scored[]): Map<string, number> {
  const hi = Math.max(0, ...hits.map((h) => h.score));
  return new Map(hits.map((h) => [h.id, hi > 0 ? Math.max(0, h.score) / hi : 0]));
}

/**
 * Convex combination of normalised scores (Bruch et al., 2023): alpha * dense + (1 - alpha) * lexical.
 * Unlike reciprocal rank fusion it keeps how far apart the scores are, which matters when one side is sure.
 * `dense` must score every candidate (exact cosine); lexical misses count as 0.
 */
export function blend(dense: Scored[], lexical: Scored[], alpha: number): FusedHit[] {
  const denseNorm = scaleByMax(dense);
  const lexicalNorm = scaleByMax(lexical);
  const raw = new Map(dense.map((h) => [h.id, h.score]));
  const lexicalRaw = new Map(lexical.map((h) => [h.id, h.score]));
  return dense
    .map((h) => ({
      id: h.id,
      score: alpha * (denseNorm.get(h.id) ?? 0) + (1 - alpha) * (lexicalNorm.get(h.id) ?? 0),
      dense: raw.get(h.id) ?? 0,
      lexical: lexicalRaw.get(h.id) ?? 0,
    }))
    .sort((a, b) => b.score - a.score || byId(a.id, b.id));
}

/** Reciprocal rank fusion (Cormack et al., 2009), for comparison in the evaluation. */
export function reciprocalRank(rankings: Scored[][], k = 60): Scored[] {
  const fused = new Map<string, number>();
  for (const ranking of rankings)
    ranking.forEach((h, rank) => fused.set(h.id, (fused.get(h.id) ?? 0) + 1 / (k + rank + 1)));
  return [...fused.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || byId(a.id, b.id));
}

/** Ties go to the earlier passage: ids are `<article>#<paragraph>.<piece>`, compared with numbers as numbers. */
export const byId = new Intl.Collator('en', { numeric: true }).compare;
