import type { Store } from '../store/store.ts';
import { blend, type FusedHit } from './fuse.ts';
import type { LexicalIndex } from './lexical.ts';

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

/**
 * Dense k-NN plus BM25, fused. Every candidate gets its exact cosine (the store scores it), so a passage found
 * only by BM25 is still judged on meaning too.
 */
export async function hybridSearch(
  store: Pick<Store, 'knn' | 'similarity'>,
  lexical: LexicalIndex,
  query: Float32Array,
  question: string,
  options: SearchOptions = DEFAULT_SEARCH,
): Promise<FusedHit[]> {
  const dense = options.mode === 'bm25' ? [] : await store.knn(query, options.candidates);
  const words = options.mode === 'dense' ? [] : lexical.search(question, options.candidates);
  const ids = [...new Set([...dense.map((h) => h.id), ...words.map((h) => h.id)])];
  const cosine = await store.similarity(query, ids);
  const exact = ids.map((id) => ({ id, score: cosine.get(id) ?? 0 }));
  const alpha = options.mode === 'dense' ? 1 : options.mode === 'bm25' ? 0 : options.alpha;
  return blend(exact, words, alpha);
}
