import { readsAsContext } from '../corpus/quotable.ts';
import type { SentenceTags } from '../corpus/sentence-tags.ts';
import type { SentenceRecord, Store } from '../store/store.ts';
import { memoTerms } from '../text/analyze.ts';
import { dot } from '../text/vectors.ts';
import { byId } from './fuse.ts';
import type { QuestionVectors } from '../embed/embedder.ts';
import type { LexicalIndex } from './lexical.ts';

/** A candidate passage with its sentences, scored against one question: plain data for the answer ranker. */
export interface RetrievedPassage {
  passageId: string;
  /** Cosine of the question with the whole passage. */
  passageCos: number;
  /** Raw BM25 of the passage for the question (0 when BM25 did not return it). */
  bm25: number;
  sentences: RetrievedSentence[];
  /**
   * The last sentence of the paragraph before, when this passage opens with a pronoun or a quotation said by no one
   * named (tags.continuation): who "he" is, or who said it. The ranker reads it; the excerpt shows it (quoteSpan).
   */
  before?: RetrievedSentence;
}

interface RetrievedSentence {
  text: string;
  cos: number;
  focusCos: number;
  tags: SentenceTags;
  terms: string[];
  start: number;
  end: number;
}

/** Candidates per source: as in training (`npm run train:ranker`), so the ranker sees the same kind of set. */
export const CANDIDATES_PER_SOURCE = 8;
/** BM25 hits looked at for scores (the top `CANDIDATES_PER_SOURCE` of them are candidates). */
const BM25_SCORED = 50;

/**
 * The passages worth ranking for a question, from four sources: the closest passages by meaning, the best BM25
 * matches (of `lexicalQuery`: the question with the corpus's aliases, `withAliases`), and the passages of the
 * closest sentences by meaning, to the question and to its focus (the question without its names); each with every
 * sentence's cosines (to the question and to its focus) and tags.
 */
export async function candidatePassages(
  store: Pick<Store, 'knn' | 'sentenceKnn' | 'similarity' | 'sentences' | 'passages'>,
  lexical: LexicalIndex,
  { vector: query, focus }: QuestionVectors,
  lexicalQuery: string,
  k = CANDIDATES_PER_SOURCE,
  previousOf: (passageId: string) => string | undefined = () => undefined,
): Promise<RetrievedPassage[]> {
  // The sentences closest to the question without its names find the passages that answer in other words than the
  // names' usual company ("where did Massoud go to school?": "he studied at the Royal Military College, Sandhurst").
  const [dense, bySentence, byFocus] = await Promise.all([
    store.knn(query, k),
    store.sentenceKnn(query, k),
    focus === query ? [] : store.sentenceKnn(focus, k),
  ]);
  const bm25 = lexical.search(lexicalQuery, BM25_SCORED);
  const bm25Of = new Map(bm25.map((h) => [h.id, h.score]));
  const ids = [
    ...new Set([
      ...dense.map((h) => h.id),
      ...bm25.slice(0, k).map((h) => h.id),
      ...bySentence.map((h) => h.passageId),
      ...byFocus.map((h) => h.passageId),
    ]),
  ].sort(byId);
  const [cosine, sentences, passages] = await Promise.all([
    store.similarity(query, ids),
    store.sentences(ids),
    store.passages(ids),
  ]);
  // The paragraphs before those that open with a pronoun or an unattributed quotation.
  const opens = (id: string) => sentences.find((s) => s.passageId === id);
  const previous = new Map<string, string>();
  for (const id of ids) {
    const before = opens(id)?.tags.continuation ? previousOf(id) : undefined;
    if (before) previous.set(id, before);
  }
  const extra = [...new Set(previous.values())];
  const [beforeSentences, beforePassages] = extra.length
    ? await Promise.all([store.sentences(extra), store.passages(extra)])
    : [[], []];
  const textOf = new Map([...passages, ...beforePassages].map((p) => [p.id, p.text]));
  const retrieved = (s: SentenceRecord): RetrievedSentence => {
    const text = textOf.get(s.passageId)!.slice(s.start, s.end);
    const cos = dot(query, s.vector);
    // The same vector when the question names nothing: one product is enough.
    const focusCos = focus === query ? cos : dot(focus, s.vector);
    return { text, cos, focusCos, tags: s.tags, terms: memoTerms(text), start: s.start, end: s.end };
  };
  return ids.map((id) => {
    const last = beforeSentences.filter((s) => s.passageId === previous.get(id)).at(-1);
    const lead = last && readsAsContext(last.tags) ? last : undefined;
    return {
      passageId: id,
      passageCos: cosine.get(id) ?? 0,
      bm25: bm25Of.get(id) ?? 0,
      sentences: sentences.filter((s) => s.passageId === id).map(retrieved),
      ...(lead ? { before: retrieved(lead) } : {}),
    };
  });
}
