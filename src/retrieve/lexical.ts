import MiniSearch from 'minisearch';
import { term, tokenize } from './analyze.ts';

export interface LexicalHit {
  id: number;
  score: number;
}

/**
 * BM25 over passages, by MiniSearch (a maintained full-text engine) with our analyser.
 * d=0 turns its BM25+ into classic BM25; k1=0.9/b=0.4 are the Anserini/BEIR settings.
 */
export class LexicalIndex {
  private readonly engine: MiniSearch<{ id: number; text: string }>;
  private readonly documentFrequency = new Map<string, number>();
  readonly size: number;

  constructor(texts: string[]) {
    this.engine = new MiniSearch({
      fields: ['text'],
      tokenize,
      processTerm: term,
      searchOptions: { bm25: { k: 0.9, b: 0.4, d: 0 }, combineWith: 'OR' },
    });
    this.engine.addAll(texts.map((text, id) => ({ id, text })));
    for (const text of texts) for (const t of new Set(tokenize(text).map(term))) if (t) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    this.size = texts.length;
  }

  search(query: string, limit: number): LexicalHit[] {
    return this.engine
      .search(query)
      .slice(0, limit)
      .map((r) => ({ id: r.id as number, score: r.score }));
  }

  /** Inverse document frequency of an analysed term (0 when the corpus never uses it). */
  idf(t: string): number {
    const n = this.documentFrequency.get(t) ?? 0;
    return n === 0 ? 0 : Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  has(t: string): boolean {
    return this.documentFrequency.has(t);
  }
}
