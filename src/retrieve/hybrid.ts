import type { VectorIndex } from '../index/store.ts';
import { blend, type FusedHit, type Scored } from './fuse.ts';
import type { LexicalIndex } from './lexical.ts';
import { dot } from './vectors.ts';

export type SearchMode = 'dense' | 'bm25' | 'hybrid';

export interface SearchOptions {
  /** How many candidates each side contributes before fusion. */
  candidates: number;
  /** Weight of the dense side in the blend (0..1); chosen on dev data, see README. */
  alpha: number;
  mode: SearchMode;
}

/** Dense weight in the blend: chosen on SciFact *train* qrels and the seeds' dev set (README, Evaluation). */
export const DEFAULT_ALPHA = 0.6;

export const DEFAULT_SEARCH: SearchOptions = { candidates: 50, alpha: DEFAULT_ALPHA, mode: 'hybrid' };

export function denseSearch(vectors: VectorIndex, query: Float32Array, k: number): Scored[] {
  const n = Math.min(k, vectors.getCurrentCount());
  if (n === 0) return [];
  const { neighbors, distances } = vectors.searchKnn(Array.from(query), n);
  return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
}

/**
 * Dense k-NN plus BM25, fused. Every candidate gets its exact cosine (the vector is read back
 * from the index), so a passage found only by BM25 is still judged on meaning too.
 */
export function hybridSearch(
  vectors: VectorIndex,
  lexical: LexicalIndex,
  query: Float32Array,
  question: string,
  options: SearchOptions = DEFAULT_SEARCH,
): FusedHit[] {
  const dense = options.mode === 'bm25' ? [] : denseSearch(vectors, query, options.candidates);
  const words = options.mode === 'dense' ? [] : lexical.search(question, options.candidates);
  const ids = new Set([...dense.map((h) => h.id), ...words.map((h) => h.id)]);
  const exact = [...ids].map((id) => ({ id, score: dot(query, vectors.getPoint(id)) }));
  const alpha = options.mode === 'dense' ? 1 : options.mode === 'bm25' ? 0 : options.alpha;
  return blend(exact, words, alpha);
}
