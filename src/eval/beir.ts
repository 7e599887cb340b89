import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { loadSettings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { VectorTable, type IndexParams } from '../store/local.ts';
import type { Store } from '../store/store.ts';
import { connect, liveGeneration, PostgresStore } from '../store/postgres/store.ts';
import { withIngestLock } from '../store/postgres/writer.ts';
import { PgFullText } from '../store/postgres/fulltext.ts';
import { FriendlyError } from '../errors.ts';
import { LexicalIndex } from '../retrieve/lexical.ts';
import { hybridSearch, type SearchMode } from '../retrieve/hybrid.ts';
import { exitWithError } from '../entry/run.ts';
import { embeddingProgress } from '../entry/progress.ts';
import { readJsonl } from '../datasets/jsonl.ts';
import { mean, ndcgAtK, recallAtK, reciprocalRankAtK, type Judgements } from './metrics.ts';
import { DEFAULT_ALPHA } from '../retrieve/hybrid.ts';

export interface BeirData {
  docIds: string[];
  docTexts: string[];
  queries: Map<string, string>;
  qrels: Map<string, Judgements>;
}

/** A BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv. Documents are `title + " " + text`. */
export function loadBeir(dir: string, split: string): BeirData {
  const corpus = readJsonl<{ _id: string; title?: string; text: string }>(path.join(dir, 'corpus.jsonl'));
  const queries = new Map(
    readJsonl<{ _id: string; text: string }>(path.join(dir, 'queries.jsonl')).map((q) => [q._id, q.text]),
  );
  const qrels = new Map<string, Judgements>();
  const lines = fs
    .readFileSync(path.join(dir, 'qrels', `${split}.tsv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  for (const line of lines) {
    const [qid, docId, score] = line.split('\t');
    if (!qid || !docId || !queries.has(qid)) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(docId, Number(score));
  }
  return {
    docIds: corpus.map((d) => d._id),
    docTexts: corpus.map((d) => `${d.title ?? ''} ${d.text}`.trim()),
    queries,
    qrels,
  };
}

/** Corpus embeddings are cached on disk, keyed by model, its settings, its weights file and the corpus file. */
function corpusKey(embedder: Embedder, dir: string): string {
  return crypto
    .createHash('sha256')
    .update(embedder.signature)
    .update(fs.readFileSync(path.join(dir, 'corpus.jsonl')))
    .digest('hex')
    .slice(0, 16);
}

async function embedCorpus(embedder: Embedder, data: BeirData, dir: string, cacheDir: string): Promise<Float32Array[]> {
  const key = corpusKey(embedder, dir);
  const file = path.join(cacheDir, 'beir', `${path.basename(dir)}-${key}.f32`);
  const dim = embedder.dim;
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length === data.docTexts.length * dim)
      return data.docTexts.map((_, i) => all.subarray(i * dim, (i + 1) * dim));
  }
  const progress = embeddingProgress(`Embedding ${path.basename(dir)}`);
  progress?.start(data.docTexts.length);
  const vectors = await embedder.embedPassages(data.docTexts, (done) => progress?.update(done));
  progress?.stop();
  const all = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => all.set(v, i * dim));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, new Uint8Array(all.buffer));
  fs.renameSync(`${file}.tmp`, file);
  return vectors;
}

export interface ModeScores {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
}

// ef must be at least k for 100 results; 200 keeps HNSW recall near exact on 5k documents.
const PARAMS: IndexParams = { M: 16, efConstruction: 200, efSearch: 200 };

export interface SearchIndex {
  store: Pick<Store, 'knn' | 'similarity'>;
  lexical: LexicalIndex;
  /** Postgres only: its full-text search, to compare with BM25 as the lexical half. */
  fullText?: PgFullText;
  close(): Promise<void>;
}

/** The local backend's dense half (hnswlib) and BM25, in memory. */
export function localIndex(data: BeirData, vectors: Float32Array[], dim: number): SearchIndex {
  const table = VectorTable.build(data.docIds, vectors, dim, PARAMS);
  return {
    store: table,
    lexical: new LexicalIndex(data.docIds.map((id, i) => ({ id, text: data.docTexts[i]! }))),
    close: async () => {},
  };
}

/**
 * The postgres backend: the documents written as one generation (as ingest writes articles' passages) into
 * their own schema, searched through PostgresStore (pgvector HNSW, same M/efConstruction/ef as local); BM25 is
 * built from the stored passages, as Dossier.open does. Rewritten only when the corpus or the model changes.
 */
export async function postgresIndex(
  url: string,
  dataset: string,
  data: BeirData,
  vectors: Float32Array[],
  embedder: Embedder,
  fingerprint: string,
): Promise<SearchIndex> {
  const schema = `beir_${dataset.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const db = await connect(url, { schema });
  try {
    const live = await liveGeneration(db);
    if (!live || live.fingerprint !== fingerprint) {
      process.stderr.write(`Writing ${data.docIds.length} documents into Postgres (schema ${schema})…\n`);
      await withIngestLock(db, (writer) =>
        writer.write(
          {
            model: embedder.modelId,
            embedding: embedder.signature,
            dim: embedder.dim,
            fingerprint,
            articles: [],
            passages: data.docIds.map((id, i) => ({
              id,
              articleId: id,
              paragraph: 1,
              start: 0,
              end: data.docTexts[i]!.length,
              text: data.docTexts[i]!,
              caption: false,
            })),
            passageVectors: vectors,
            sentences: [],
            sentenceVectors: [],
            people: [],
          },
          { M: PARAMS.M, efConstruction: PARAMS.efConstruction },
        ),
      );
    }
  } finally {
    await db.close();
  }
  const store = await PostgresStore.open(url, { schema, efSearch: PARAMS.efSearch });
  return {
    store,
    lexical: new LexicalIndex(await store.allPassages()),
    fullText: await PgFullText.of(store),
    close: () => store.close(),
  };
}

/** Ranks every judged query with the product's own search code and scores it. */
export async function scoreModes(
  embedder: Embedder,
  data: BeirData,
  index: SearchIndex,
  modes: Array<{ name: string; mode: SearchMode; alpha?: number; fullText?: boolean }>,
): Promise<Record<string, ModeScores>> {
  const { store: table } = index;
  const queryIds = [...data.qrels.keys()];
  const queryVectors = new Map<string, Float32Array>();
  for (const qid of queryIds) queryVectors.set(qid, await embedder.embedQuery(data.queries.get(qid)!));
  const results: Record<string, ModeScores> = {};
  for (const { name, mode, alpha, fullText } of modes) {
    const ndcg: number[] = [];
    const recall: number[] = [];
    const mrr: number[] = [];
    for (const qid of queryIds) {
      // Postgres full text instead of BM25: its hits, fetched first, stand in for the lexical index's.
      const words = fullText && index.fullText ? await index.fullText.search(data.queries.get(qid)!, 100) : null;
      const lexical = words ? ({ search: () => words } as unknown as LexicalIndex) : index.lexical;
      const hits = await hybridSearch(table, lexical, queryVectors.get(qid)!, data.queries.get(qid)!, {
        mode,
        candidates: 100,
        alpha: alpha ?? DEFAULT_ALPHA,
      });
      const ranked = hits.slice(0, 100).map((h) => h.id);
      const judged = data.qrels.get(qid)!;
      ndcg.push(ndcgAtK(ranked, judged, 10));
      recall.push(recallAtK(ranked, judged, 100));
      mrr.push(reciprocalRankAtK(ranked, (id) => (judged.get(id) ?? 0) > 0, 10));
    }
    results[name] = { 'ndcg@10': round(mean(ndcg)), 'recall@100': round(mean(recall)), 'mrr@10': round(mean(mrr)) };
  }
  return results;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

async function main(): Promise<void> {
  const usage =
    'Usage: npm run --silent eval:beir -- --dataset DIR [--json] [--split test|train] [--tune] [--backend local|postgres]';
  const { values } = parseCommandLine(
    {
      options: {
        dataset: { type: 'string' },
        json: { type: 'boolean', default: false },
        split: { type: 'string', default: 'test' },
        tune: { type: 'boolean', default: false },
        backend: { type: 'string', default: 'local' },
      },
    },
    usage,
  );
  if (!values.dataset || !['local', 'postgres'].includes(values.backend!)) throw new UsageError(usage);
  const started = performance.now();
  const settings = loadSettings();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel });
  const data = loadBeir(values.dataset, values.split!);
  const vectors = await embedCorpus(embedder, data, values.dataset, settings.cacheDir);
  const modes: Array<{ name: string; mode: SearchMode; alpha?: number; fullText?: boolean }> = values.tune
    ? [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((alpha) => ({ name: `hybrid@${alpha}`, mode: 'hybrid' as const, alpha }))
    : [
        { name: 'dense', mode: 'dense' },
        { name: 'bm25', mode: 'bm25' },
        { name: 'hybrid', mode: 'hybrid' },
        ...(values.backend === 'postgres'
          ? [
              { name: 'pg-fulltext', mode: 'bm25' as const, fullText: true },
              { name: 'hybrid-fulltext', mode: 'hybrid' as const, fullText: true },
            ]
          : []),
      ];
  const dataset = path.basename(path.resolve(values.dataset));
  let index: SearchIndex;
  if (values.backend === 'postgres') {
    if (!settings.databaseUrl)
      throw new FriendlyError(
        '--backend postgres needs DATABASE_URL (`npm run db:start` starts a server and prints one).',
      );
    index = await postgresIndex(
      settings.databaseUrl,
      dataset,
      data,
      vectors,
      embedder,
      corpusKey(embedder, values.dataset),
    );
  } else {
    index = localIndex(data, vectors, embedder.dim);
  }
  const results = await scoreModes(embedder, data, index, modes);
  await index.close();
  await embedder.dispose();
  const report = {
    dataset,
    backend: values.backend,
    model: embedder.modelId,
    queries: data.qrels.size,
    results,
    ms: Math.round(performance.now() - started),
  };
  if (!values.json) {
    console.log(
      `${report.dataset} (${values.split}, ${report.queries} queries), ${report.model}, ${report.backend} backend`,
    );
    console.log('mode            nDCG@10  Recall@100  MRR@10');
    for (const [name, s] of Object.entries(results))
      console.log(
        `${name.padEnd(15)} ${s['ndcg@10'].toFixed(4)}   ${s['recall@100'].toFixed(4)}     ${s['mrr@10'].toFixed(4)}`,
      );
  }
  console.log(JSON.stringify(report));
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
