import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import hnswlib from 'hnswlib-node';
import type { Article } from '../corpus/article.ts';
import type { Passage } from '../corpus/passages.ts';
import type { Person } from '../people/resolve.ts';
import { dot } from '../text/vectors.ts';
import {
  StoreError,
  type Generation,
  type ScoredId,
  type SentenceRecord,
  type Store,
  type StoreInfo,
  type StoredSentence,
} from './store.ts';

const { HierarchicalNSW } = hnswlib;
type VectorIndex = InstanceType<typeof HierarchicalNSW>;

/** Bump when the layout of the files below changes; older indexes are then rebuilt. */
export const FORMAT_VERSION = 4;
const MANIFEST = 'manifest.json';

export interface Manifest extends StoreInfo {
  formatVersion: number;
  space: 'cosine';
  M: number;
  efConstruction: number;
  efSearch: number;
  passages: number;
  sentences: number;
  /** Folder holding this generation's files; the manifest is swapped last, so readers never see a half-written index. */
  generation: string;
  checksums: Record<string, string>;
}

interface CorpusFile {
  articles: Article[];
  passages: Passage[];
  sentences: StoredSentence[];
}

export interface IndexParams {
  M: number;
  efConstruction: number;
  efSearch: number;
}

/** M=16/efConstruction=200 is hnswlib's recommended balance; efSearch is measured in `npm run bench`. */
export const DEFAULT_INDEX_PARAMS: IndexParams = { M: 16, efConstruction: 200, efSearch: 64 };

/** An hnswlib cosine index over vectors labelled by position. */
export function buildVectorIndex(
  vectors: Float32Array[],
  dim: number,
  params: IndexParams = DEFAULT_INDEX_PARAMS,
): VectorIndex {
  const index = new HierarchicalNSW('cosine', dim);
  index.initIndex(Math.max(vectors.length, 1), params.M, params.efConstruction, 42);
  vectors.forEach((v, label) => index.addPoint(Array.from(v), label));
  index.setEf(params.efSearch);
  return index;
}

/** Dense search over an hnswlib index whose labels are positions in `ids`: the vector half of a store. */
export class VectorTable implements Pick<Store, 'knn' | 'similarity'> {
  private readonly labelOf: Map<string, number>;
  /**
   * Points read out of the index, by label: hnswlib's getPoint copies a vector into a new JS array on every call
   * (a third of an answer's time went there). Filled as passages are first scored; at most one copy of the index.
   */
  private readonly points: Array<Float32Array | undefined> = [];

  constructor(
    private readonly ids: readonly string[],
    readonly index: VectorIndex,
  ) {
    this.labelOf = new Map(ids.map((id, label) => [id, label]));
  }

  static build(
    ids: readonly string[],
    vectors: Float32Array[],
    dim: number,
    params: IndexParams = DEFAULT_INDEX_PARAMS,
  ): VectorTable {
    return new VectorTable(ids, buildVectorIndex(vectors, dim, params));
  }

  async knn(query: Float32Array, k: number): Promise<ScoredId[]> {
    const n = Math.min(k, this.index.getCurrentCount());
    if (n === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    return neighbors.map((label, i) => ({ id: this.ids[label]!, score: 1 - distances[i]! }));
  }

  async similarity(query: Float32Array, ids: readonly string[]): Promise<Map<string, number>> {
    const scores = new Map<string, number>();
    for (const id of ids) {
      const label = this.labelOf.get(id);
      if (label !== undefined) scores.set(id, dot(query, this.point(label)));
    }
    return scores;
  }

  vector(id: string): Float32Array | undefined {
    const label = this.labelOf.get(id);
    return label === undefined ? undefined : this.point(label).slice();
  }

  private point(label: number): Float32Array {
    return (this.points[label] ??= Float32Array.from(this.index.getPoint(label)));
  }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/**
 * The default backend: an hnswlib index plus JSON and raw float files in `indexDir`, all held in memory once open.
 * Each build writes a new generation folder, then swaps the manifest in one rename: a crash at any point leaves
 * the previous index readable.
 */
export class LocalStore implements Store {
  private readonly passageById: Map<string, Passage>;
  private readonly sentencesByPassage = new Map<string, SentenceRecord[]>();
  private readonly vectors: VectorTable;
  private readonly sentenceVectors: Float32Array;

  private constructor(
    readonly info: Manifest,
    private readonly corpus: CorpusFile,
    index: VectorIndex,
    sentenceVectors: Float32Array,
    private readonly peopleList: Person[],
  ) {
    this.passageById = new Map(corpus.passages.map((passage) => [passage.id, passage]));
    this.sentenceVectors = sentenceVectors;
    this.vectors = new VectorTable(
      corpus.passages.map((p) => p.id),
      index,
    );
    const dim = info.dim;
    corpus.sentences.forEach((s, i) => {
      const list = this.sentencesByPassage.get(s.passageId) ?? [];
      list.push({ ...s, vector: sentenceVectors.subarray(i * dim, (i + 1) * dim) });
      this.sentencesByPassage.set(s.passageId, list);
    });
  }

  /** Reads and verifies every file before handing any of it to native code. */
  static open(indexDir: string): LocalStore {
    const manifest = readManifest(indexDir);
    if (manifest.formatVersion !== FORMAT_VERSION)
      throw new StoreError('corrupt', `The index in ${indexDir} has an old format.`);
    const dir = path.join(indexDir, manifest.generation);
    for (const [name, expected] of Object.entries(manifest.checksums)) {
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) throw new StoreError('corrupt', `Index file ${file} is missing.`);
      if (sha256(file) !== expected) throw new StoreError('corrupt', `Index file ${file} does not match its checksum.`);
    }
    const corpus = JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusFile;
    const vectors = new HierarchicalNSW('cosine', manifest.dim);
    vectors.readIndexSync(path.join(dir, 'vectors.hnsw'));
    vectors.setEf(manifest.efSearch);
    const bytes = fs.readFileSync(path.join(dir, 'sentences.f32'));
    const sentenceVectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (
      vectors.getCurrentCount() !== corpus.passages.length ||
      sentenceVectors.length !== corpus.sentences.length * manifest.dim
    ) {
      throw new StoreError('corrupt', `Index in ${dir} is inconsistent (vector and passage counts differ).`);
    }
    const people = JSON.parse(fs.readFileSync(path.join(dir, 'people.json'), 'utf8')) as Person[];
    return new LocalStore(manifest, corpus, vectors, sentenceVectors, people);
  }

  /** Writes a new generation and makes it current; older generations are removed afterwards. */
  static write(indexDir: string, generation: Generation, params: IndexParams = DEFAULT_INDEX_PARAMS): Manifest {
    fs.mkdirSync(indexDir, { recursive: true });
    const name = `gen-${Date.now()}-${process.pid}`;
    const dir = path.join(indexDir, name);
    fs.mkdirSync(dir);
    const corpus: CorpusFile = {
      articles: generation.articles,
      passages: generation.passages,
      sentences: generation.sentences,
    };
    fs.writeFileSync(path.join(dir, 'corpus.json'), JSON.stringify(corpus));
    buildVectorIndex(generation.passageVectors, generation.dim, params).writeIndexSync(path.join(dir, 'vectors.hnsw'));
    const sentenceVectors = new Float32Array(generation.sentences.length * generation.dim);
    generation.sentenceVectors.forEach((v, i) => sentenceVectors.set(v, i * generation.dim));
    fs.writeFileSync(path.join(dir, 'sentences.f32'), new Uint8Array(sentenceVectors.buffer));
    // People are found once at ingest and saved with the index, so /who and its autocomplete are instant.
    fs.writeFileSync(path.join(dir, 'people.json'), JSON.stringify(generation.people));
    const files = ['corpus.json', 'vectors.hnsw', 'sentences.f32', 'people.json'];
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      model: generation.model,
      embedding: generation.embedding,
      dim: generation.dim,
      fingerprint: generation.fingerprint,
      space: 'cosine',
      ...params,
      passages: generation.passages.length,
      sentences: generation.sentences.length,
      builtAt: new Date().toISOString(),
      generation: name,
      checksums: Object.fromEntries(files.map((f) => [f, sha256(path.join(dir, f))])),
    };
    writeFileAtomic(path.join(indexDir, MANIFEST), JSON.stringify(manifest, null, 2));
    // Only older generations go: a newer one may belong to a build still running in another process.
    const builtAt = (entry: string) => Number(entry.split('-')[1]);
    for (const entry of fs.readdirSync(indexDir)) {
      if (entry.startsWith('gen-') && builtAt(entry) < builtAt(name))
        fs.rmSync(path.join(indexDir, entry), { recursive: true, force: true });
    }
    return manifest;
  }

  async articles(): Promise<Article[]> {
    return this.corpus.articles;
  }

  async allPassages(): Promise<Passage[]> {
    return this.corpus.passages;
  }

  knn(query: Float32Array, k: number): Promise<ScoredId[]> {
    return this.vectors.knn(query, k);
  }

  similarity(query: Float32Array, ids: readonly string[]): Promise<Map<string, number>> {
    return this.vectors.similarity(query, ids);
  }

  async passages(ids: readonly string[]): Promise<Passage[]> {
    return ids.flatMap((id) => this.passageById.get(id) ?? []);
  }

  async sentences(passageIds: readonly string[]): Promise<SentenceRecord[]> {
    return passageIds.flatMap((id) => this.sentencesByPassage.get(id) ?? []);
  }

  /** Exact search over the sentence vectors: linear, about a millisecond per 5,000 sentences. */
  async sentenceKnn(query: Float32Array, k: number): Promise<Array<{ passageId: string; score: number }>> {
    if (k <= 0) return [];
    const dim = this.info.dim;
    // Exact search, keeping the k best in order as it goes: O(n) for a large corpus, not a sort of every sentence.
    // A later sentence must score strictly higher to pass an earlier one (ties by position).
    const best: Array<{ i: number; score: number }> = [];
    for (let i = 0; i < this.corpus.sentences.length; i++) {
      const score = dot(query, this.sentenceVectors, i * dim);
      if (best.length === k && score <= best[k - 1]!.score) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { i, score });
      if (best.length > k) best.pop();
    }
    return best.map(({ i, score }) => ({ passageId: this.corpus.sentences[i]!.passageId, score }));
  }

  async people(): Promise<Person[]> {
    return this.peopleList;
  }

  async generation(): Promise<string> {
    return this.info.generation;
  }

  /** A passage's stored vector (for reuse when re-ingesting). */
  passageVector(id: string): Float32Array | undefined {
    return this.vectors.vector(id);
  }

  async close(): Promise<void> {}
}

export function readManifest(indexDir: string): Manifest {
  const file = path.join(indexDir, MANIFEST);
  if (!fs.existsSync(file)) throw new StoreError('missing', `No index in ${indexDir} yet.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    throw new StoreError('corrupt', `${file} is not valid JSON.`);
  }
  if (
    typeof manifest !== 'object' ||
    !manifest ||
    typeof manifest.generation !== 'string' ||
    typeof manifest.checksums !== 'object'
  ) {
    throw new StoreError('corrupt', `${file} is not a Dossier index manifest.`);
  }
  return manifest;
}
