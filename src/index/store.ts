import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import hnswlib from 'hnswlib-node';
import type { Article } from '../corpus/articles.ts';
import type { Passage } from '../corpus/passages.ts';

const { HierarchicalNSW } = hnswlib;
export type VectorIndex = InstanceType<typeof HierarchicalNSW>;

/** Bump when the layout of the files below changes; older indexes are then rebuilt. */
export const FORMAT_VERSION = 2;
const MANIFEST = 'manifest.json';

/** A sentence inside a passage (offsets relative to the passage text), with its own vector for excerpt trimming. */
export interface StoredSentence {
  passage: number;
  start: number;
  end: number;
}

export interface Manifest {
  formatVersion: number;
  model: string;
  /** Model plus pooling, prefixes, weights and truncation: the vectors are only comparable when this matches. */
  embedding: string;
  dim: number;
  fingerprint: string;
  space: 'cosine';
  M: number;
  efConstruction: number;
  efSearch: number;
  passages: number;
  sentences: number;
  builtAt: string;
  /** Folder holding this generation's files; the manifest is swapped last, so readers never see a half-written index. */
  generation: string;
  checksums: Record<string, string>;
  /** Extra data files saved with the index (e.g. people.json), by name. */
  extras: string[];
}

export interface CorpusData {
  articles: Article[];
  passages: Passage[];
  sentences: StoredSentence[];
}

export interface LoadedIndex {
  manifest: Manifest;
  data: CorpusData;
  vectors: VectorIndex;
  sentenceVectors: Float32Array;
  extras: Record<string, unknown>;
}

export class IndexError extends Error {
  constructor(
    readonly kind: 'missing' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'IndexError';
  }
}

export interface IndexParams {
  M: number;
  efConstruction: number;
  efSearch: number;
}

/** M=16/efConstruction=200 is hnswlib's recommended balance; efSearch is measured in `npm run bench`. */
export const DEFAULT_INDEX_PARAMS: IndexParams = { M: 16, efConstruction: 200, efSearch: 64 };

export function buildVectorIndex(vectors: Float32Array[], dim: number, params: IndexParams = DEFAULT_INDEX_PARAMS): VectorIndex {
  const index = new HierarchicalNSW('cosine', dim);
  index.initIndex(Math.max(vectors.length, 1), params.M, params.efConstruction, 42);
  vectors.forEach((v, label) => index.addPoint(Array.from(v), label));
  index.setEf(params.efSearch);
  return index;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export interface IndexToWrite {
  model: string;
  embedding: string;
  dim: number;
  fingerprint: string;
  params: IndexParams;
  data: CorpusData;
  vectors: VectorIndex;
  sentenceVectors: Float32Array;
  extras?: Record<string, unknown>;
}

/**
 * Writes a new generation folder, then swaps the manifest in one rename: a crash at any point
 * leaves the previous index readable. Older generations are removed afterwards.
 */
export function writeIndex(indexDir: string, index: IndexToWrite): Manifest {
  fs.mkdirSync(indexDir, { recursive: true });
  const generation = `gen-${Date.now()}-${process.pid}`;
  const dir = path.join(indexDir, generation);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'corpus.json'), JSON.stringify(index.data));
  index.vectors.writeIndexSync(path.join(dir, 'vectors.hnsw'));
  const sv = index.sentenceVectors;
  fs.writeFileSync(path.join(dir, 'sentences.f32'), new Uint8Array(sv.buffer, sv.byteOffset, sv.byteLength));
  const extras = Object.keys(index.extras ?? {});
  for (const name of extras) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(index.extras![name]));
  const files = ['corpus.json', 'vectors.hnsw', 'sentences.f32', ...extras.map((n) => `${n}.json`)];
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    model: index.model,
    embedding: index.embedding,
    dim: index.dim,
    fingerprint: index.fingerprint,
    space: 'cosine',
    ...index.params,
    passages: index.data.passages.length,
    sentences: index.data.sentences.length,
    builtAt: new Date().toISOString(),
    generation,
    checksums: Object.fromEntries(files.map((f) => [f, sha256(path.join(dir, f))])),
    extras,
  };
  writeFileAtomic(path.join(indexDir, MANIFEST), JSON.stringify(manifest, null, 2));
  // Only older generations go: a newer one may belong to a build still running in another process.
  const builtAt = (name: string) => Number(name.split('-')[1]);
  for (const entry of fs.readdirSync(indexDir)) {
    if (entry.startsWith('gen-') && builtAt(entry) < builtAt(generation)) fs.rmSync(path.join(indexDir, entry), { recursive: true, force: true });
  }
  return manifest;
}

export function readManifest(indexDir: string): Manifest {
  const file = path.join(indexDir, MANIFEST);
  if (!fs.existsSync(file)) throw new IndexError('missing', `No index in ${indexDir} yet.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    throw new IndexError('corrupt', `${file} is not valid JSON.`);
  }
  if (typeof manifest !== 'object' || !manifest || typeof manifest.generation !== 'string' || typeof manifest.checksums !== 'object') {
    throw new IndexError('corrupt', `${file} is not a Dossier index manifest.`);
  }
  return manifest;
}

/** Reads and verifies every file before handing any of it to native code. */
export function readIndex(indexDir: string): LoadedIndex {
  const manifest = readManifest(indexDir);
  const dir = path.join(indexDir, manifest.generation);
  for (const [name, expected] of Object.entries(manifest.checksums)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new IndexError('corrupt', `Index file ${file} is missing.`);
    if (sha256(file) !== expected) throw new IndexError('corrupt', `Index file ${file} does not match its checksum.`);
  }
  const data = JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusData;
  const vectors = new HierarchicalNSW('cosine', manifest.dim);
  vectors.readIndexSync(path.join(dir, 'vectors.hnsw'));
  vectors.setEf(manifest.efSearch);
  const bytes = fs.readFileSync(path.join(dir, 'sentences.f32'));
  const sentenceVectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (vectors.getCurrentCount() !== data.passages.length || sentenceVectors.length !== data.sentences.length * manifest.dim) {
    throw new IndexError('corrupt', `Index in ${dir} is inconsistent (vector and passage counts differ).`);
  }
  const extras = Object.fromEntries(manifest.extras.map((name) => [name, JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'))]));
  return { manifest, data, vectors, sentenceVectors, extras };
}
