import type { Article } from '../corpus/article.ts';
import type { Passage } from '../corpus/passages.ts';
import type { Person } from '../people/resolve.ts';
import type { SentenceTags } from '../corpus/sentence-tags.ts';

/**
 * Where passages, sentences and their vectors live. Everything above this interface (retrieval, answering,
 * the engine) sees only it, never a backend, as LangChain's vector stores do: today `local` (hnswlib + files,
 * `./local.ts`); a database backend implements the same methods.
 */
export interface Store {
  readonly info: StoreInfo;
  /** The stored articles (text, paragraphs and citation fields). */
  articles(): Promise<Article[]>;
  /** Every passage, in ingest order (for lexical indexing at open). */
  allPassages(): Promise<Passage[]>;
  /** The k passages closest to a normalised query vector, by cosine similarity, best first. */
  knn(query: Float32Array, k: number): Promise<ScoredId[]>;
  /** Exact cosine of the query with each passage (ids the store doesn't have are left out). */
  similarity(query: Float32Array, ids: readonly string[]): Promise<Map<string, number>>;
  passages(ids: readonly string[]): Promise<Passage[]>;
  /** The sentences of these passages, in order, each with its own vector. */
  sentences(passageIds: readonly string[]): Promise<SentenceRecord[]>;
  /** The k sentences closest to the query (cosine), best first, with their passage. */
  sentenceKnn(query: Float32Array, k: number): Promise<Array<{ passageId: string; score: number }>>;
  people(): Promise<Person[]>;
  /** Changes whenever the content is replaced by a new build. */
  generation(): Promise<string>;
  /**
   * Backends shared by several processes (postgres) hand over a view of each new generation as it goes live; the
   * caller swaps to it between questions. Absent: the content only changes when the store is reopened.
   */
  follow?(onChange: (next: Store) => void | Promise<void>): Promise<() => void>;
  close(): Promise<void>;
}

export interface ScoredId {
  id: string;
  score: number;
}

/** A sentence of a passage: offsets into the passage text. */
export interface StoredSentence {
  passageId: string;
  start: number;
  end: number;
  /** What the sentence holds (people, dates, numbers, caption or furniture flags), tagged once at ingest. */
  tags: SentenceTags;
}

export interface SentenceRecord extends StoredSentence {
  vector: Float32Array;
}

/** What the stored vectors were made with: they are only comparable with queries embedded the same way. */
export interface StoreInfo {
  model: string;
  /** Model plus pooling, prefixes, weights and truncation (see embed/models.ts `embeddingSignature`). */
  embedding: string;
  dim: number;
  /** Articles + text pipeline the content was built from (see corpus/articles.ts `corpusFingerprint`). */
  fingerprint: string;
  generation: string;
  builtAt: string;
}

/** Everything a build hands to a backend to store as one new generation. */
export interface Generation {
  model: string;
  embedding: string;
  dim: number;
  fingerprint: string;
  articles: Article[];
  passages: Passage[];
  passageVectors: Float32Array[];
  sentences: StoredSentence[];
  sentenceVectors: Float32Array[];
  people: Person[];
}

export class StoreError extends Error {
  constructor(
    readonly kind: 'missing' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
