import MiniSearch from 'minisearch';
import { terms } from '../text/analyze.ts';
import { byId, type Scored } from './fuse.ts';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 0.9, b: 0.4 };

export interface LexicalDocument {
  id: string;
  text: string;
}

/**
 * BM25 over passages, by MiniSearch (a maintained full-text engine) with our analyser.
 * d=0 turns its BM25+ into classic BM25; k1=0.9/b=0.4 are the Anserini/BEIR settings.
 */
export class LexicalIndex {
  private readonly engine: MiniSearch<{ id: string; text: string }>;
  private readonly documentFrequency = new Map<string, number>();
  /** Each document's analysed terms, kept so per-query checks need not analyse passages again. */
  private readonly termSets = new Map<string, ReadonlySet<string>>();
  readonly size: number;

  constructor(documents: LexicalDocument[], params: Bm25Params = DEFAULT_BM25) {
    // Each text is analysed once; MiniSearch gets the terms, so its document length counts index terms, not stop words.
    const analysed = documents.map((d) => ({ id: d.id, words: terms(d.text) }));
    this.engine = new MiniSearch({
      fields: ['text'],
      tokenize: (joined) => joined.split(' ').filter(Boolean),
      processTerm: (t) => t,
      searchOptions: { bm25: { k: params.k1, b: params.b, d: 0 }, combineWith: 'OR' },
    });
    this.engine.addAll(analysed.map(({ id, words }) => ({ id, text: words.join(' ') })));
    for (const { id, words } of analysed) this.termSets.set(id, new Set(words));
    for (const set of this.termSets.values())
      for (const t of set) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    this.size = documents.length;
  }

  search(query: string, limit: number): Scored[] {
    // MiniSearch multiplies each score by the number of query terms matched (a coordination factor that is not
    // part of BM25 and costs ranking quality); dividing it back out gives the plain BM25 sum.
    return this.engine
      .search(terms(query).join(' '))
      .map((r) => ({ id: r.id as string, score: r.score / Math.max(1, r.terms.length) }))
      .sort((a, b) => b.score - a.score || byId(a.id, b.id))
      .slice(0, limit);
  }

  termsOf(id: string): ReadonlySet<string> {
    return this.termSets.get(id) ?? new Set();
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
